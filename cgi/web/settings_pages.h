/* SPDX-License-Identifier: MIT */
/* settings_pages.h - Settings > Providers (admin): list, add, edit and delete
 * the LLM providers the runner calls. Keys are referenced (env:NAME), never
 * stored. */
#ifndef AG_WEB_SETTINGS_PAGES_H
#define AG_WEB_SETTINGS_PAGES_H

#include "req.h"
#include "resp.h"

int settings_providers(struct req *r,
                       struct resp *w); /* GET /settings/providers[?edit=] */
int settings_provider_create(struct req *r,
                             struct resp *w); /* POST /settings/providers */
int settings_provider_update(struct req *r,
                             struct resp *w); /* POST /settings/providers/:id */
int settings_provider_confirm(struct req *r,
                              struct resp *w); /* GET .../:id/delete */
int settings_provider_delete(struct req *r,
                             struct resp *w); /* POST .../:id/delete */

#endif
