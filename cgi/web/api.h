/* SPDX-License-Identifier: MIT */
/* api.h - JSON API for the catalogue, diagnostics, plans and projects (DESIGN.md §4). */
#ifndef AG_WEB_API_H
#define AG_WEB_API_H

#include "req.h"
#include "resp.h"

int api_compatibility(struct req *r, struct resp *w);
int api_diagnose(struct req *r, struct resp *w);
int api_plan(struct req *r, struct resp *w);
int api_projects_list(struct req *r, struct resp *w);
int api_projects_create(struct req *r, struct resp *w);
int api_projects_show(struct req *r, struct resp *w);
int api_projects_update(struct req *r, struct resp *w);
int api_projects_delete(struct req *r, struct resp *w);
int api_projects_files(struct req *r, struct resp *w);
int api_projects_file(struct req *r, struct resp *w);
int api_projects_archive(struct req *r, struct resp *w);
/* shared with the pages: reply with the zip of project :id */
int projects_send_archive(struct req *r, struct resp *w, long long id);
/* list paging from ?limit&offset (bounded) */
void api_paging(const struct req *r, int *limit, int *offset, int max);

#endif
