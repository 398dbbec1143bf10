/* SPDX-License-Identifier: MIT */
/* projects.h - project pages: hub, detail (files + preview, spec, diagnostics), rename,
 * regenerate, delete with confirmation, zip download; and the history page. */
#ifndef AG_WEB_PROJECTS_H
#define AG_WEB_PROJECTS_H

#include "req.h"
#include "resp.h"

int projects_index(struct req *r, struct resp *w);
int projects_show(struct req *r, struct resp *w);
int projects_archive(struct req *r, struct resp *w);
int projects_rename(struct req *r, struct resp *w);
int projects_delete_confirm(struct req *r, struct resp *w);
int projects_delete(struct req *r, struct resp *w);
int projects_regenerate(struct req *r, struct resp *w);
int history_index(struct req *r, struct resp *w);

#endif
