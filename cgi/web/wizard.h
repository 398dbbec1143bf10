/* SPDX-License-Identifier: MIT */
/* wizard.h - the 4-step generate wizard (Describe, Framework & Model, Tools, Review), state kept
 * server-side in a draft named by ?d=, so reloads and no-JS posts never lose it. */
#ifndef AG_WEB_WIZARD_H
#define AG_WEB_WIZARD_H

#include "req.h"
#include "resp.h"

int wizard_describe(struct req *r, struct resp *w);
int wizard_describe_post(struct req *r, struct resp *w);
int wizard_framework(struct req *r, struct resp *w);
int wizard_framework_post(struct req *r, struct resp *w);
int wizard_tools(struct req *r, struct resp *w);
int wizard_tools_post(struct req *r, struct resp *w);
int wizard_agents_post(struct req *r, struct resp *w);
int wizard_review(struct req *r, struct resp *w);
int wizard_create(struct req *r, struct resp *w);

#endif
