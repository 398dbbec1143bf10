/* SPDX-License-Identifier: MIT */
/* test_pages.h - the Test surface (/test): chat with one agent of a generated
 * project. Posting a message enqueues a chat turn and redirects back (303); the
 * page shows finished messages and, while a turn runs, what has streamed so far
 * (static/js/stream.js makes it live). */
#ifndef AG_WEB_TEST_PAGES_H
#define AG_WEB_TEST_PAGES_H

#include "req.h"
#include "resp.h"

int test_index(struct req *r,
               struct resp *w); /* GET /test[?project=&agent=&q=] */
int test_session(struct req *r, struct resp *w); /* GET /test/:session */
int test_start(struct req *r, struct resp *w);   /* POST /test/sessions */
/* POST /test/load (a spec file) */
int test_load(struct req *r, struct resp *w);
int test_message(struct req *r,
                 struct resp *w);             /* POST /test/:session/messages */
int test_stop(struct req *r, struct resp *w); /* POST /test/:session/stop */
int test_permission(struct req *r,
                    struct resp *w); /* POST /test/:session/permission */
int test_approve(struct req *r,
                 struct resp *w); /* POST /test/:session/approvals/:callId */
int test_transcript(struct req *r,
                    struct resp *w); /* GET /test/:session/transcript.md */
int test_trace(struct req *r,
               struct resp *w); /* GET /test/:session/trace.json */

#endif
