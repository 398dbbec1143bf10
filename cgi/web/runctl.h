/* SPDX-License-Identifier: MIT */
/* runctl.h - run control from the Run console: Pause/Resume and sending a message into a running
 * run, as JSON API calls and as form posts (no JavaScript). Web workers only set the request in
 * the database; the runner holds the run, or adds the message to its context, at its next step. */
#ifndef AG_WEB_RUNCTL_H
#define AG_WEB_RUNCTL_H

#include "req.h"
#include "resp.h"

int runctl_api_pause(struct req *r, struct resp *w);
int runctl_api_resume(struct req *r, struct resp *w);
int runctl_api_message(struct req *r, struct resp *w);
int runctl_pages_pause(struct req *r, struct resp *w);
int runctl_pages_resume(struct req *r, struct resp *w);
int runctl_pages_message(struct req *r, struct resp *w);

#endif
