/* SPDX-License-Identifier: MIT */
/* wizard_view.h - datasets and templates of the wizard's four steps. */
#ifndef AG_WEB_WIZARD_VIEW_H
#define AG_WEB_WIZARD_VIEW_H

#include "../engine/spec_edit.h"
#include "projects_db.h"
#include "req.h"
#include "resp.h"

/* d may be NULL on the first visit; idea_text refills the form after an error. */
int view_describe(struct req *r, struct resp *w, const struct draft *d, const char *idea_text,
                  const char *error) AG_MUST_CHECK;
int view_framework(struct req *r, struct resp *w, const struct draft *d, const char *error)
    AG_MUST_CHECK;
/* typed/n_typed: the agents form as posted, when an edit was refused (else NULL, 0) */
int view_tools(struct req *r, struct resp *w, const struct draft *d, const char *error,
               const struct spec_agent_edit *typed, int n_typed) AG_MUST_CHECK;
/* refusal: the engine's reasons (one per line) when a Generate was refused, else NULL */
int view_review(struct req *r, struct resp *w, const struct draft *d, const char *refusal)
    AG_MUST_CHECK;

#endif
