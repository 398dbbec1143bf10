/* SPDX-License-Identifier: MIT */
/* system.h - handlers for the home page, /about and the health probes. */
#ifndef AG_WEB_SYSTEM_H
#define AG_WEB_SYSTEM_H

#include "req.h"
#include "resp.h"

int system_home(struct req *r, struct resp *w);
int system_about(struct req *r, struct resp *w);
int system_healthz(struct req *r, struct resp *w);
int system_livez(struct req *r, struct resp *w);
int system_readyz(struct req *r, struct resp *w);
int system_api_version(struct req *r, struct resp *w);
/* system_openapi serves templates/api/openapi.json (read once per worker). */
int system_openapi(struct req *r, struct resp *w);
/* system_nginx_version asks `nginx -v` once per process (fixed argv, no shell); "" if unknown. */
const char *system_nginx_version(const struct app *app);

#endif
