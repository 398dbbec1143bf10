/* SPDX-License-Identifier: MIT */
/* runctl.c - Pause/Resume and messages into a running run (runctl.h). A finished run refuses
 * both: 409 from the API; the pages redirect back to the console for Pause/Resume (it shows how
 * the run ended) and show the 409 for a message, so typed text is not silently dropped. */
#include "runctl.h"

#include <stdio.h>
#include <string.h>

#include "../agents/runs_db.h"
#include "../auth/auth.h"
#include "../core/jsn.h"
#include "runs.h"

static int pause_set(struct req *r, long long *id, int pause) AG_MUST_CHECK;
static int message_add(struct req *r, struct resp *w, long long *run, long long *msg)
    AG_MUST_CHECK;

static int
pause_set(struct req *r, long long *id, int pause)
{
    return req_param_i64(r, "id", id) == 0 && *id > 0 ? runs_db_pause(r->app->db, *id, pause)
                                                        : AG_ENOTFOUND;
}

static int
pause_reply(struct req *r, struct resp *w, int pause)
{
    long long id = 0;
    int rc = pause_set(r, &id, pause);
    return runs_reply_state(r, w, rc, id, pause ? "pausing" : "resuming");
}

int
runctl_api_pause(struct req *r, struct resp *w)
{
    return pause_reply(r, w, 1);
}

int
runctl_api_resume(struct req *r, struct resp *w)
{
    return pause_reply(r, w, 0);
}

/* The content field (JSON body or form), 1..RUNS_INBOX_MAX bytes, not only white space. On a
 * bad field the error reply is written and *msg stays 0. */
static int
message_add(struct req *r, struct resp *w, long long *run, long long *msg)
{
    const char *text = NULL;
    *msg = 0;
    if (req_param_i64(r, "id", run) < 0 || *run <= 0) {
        return AG_ENOTFOUND;
    }
    int rc = r->json ? (json_object_is_type(r->json, json_type_object)
                            ? jsn_str(r->json, "content", 1, RUNS_INBOX_MAX, &text)
                            : AG_EINVAL)
                     : req_param_str(r, "content", 1, RUNS_INBOX_MAX, &text);
    if (rc < 0 || !text || strspn(text, " \t\r\n") == strlen(text)) {
        resp_error(w, r, AG_EINVAL, "content must be a message of 1 to 8000 bytes.", "content");
        return 0;
    }
    rc = runs_db_inbox_add(r->app->db, *run, text, r->user ? r->user->id : 0, msg);
    if (rc == AG_ECONFLICT) {
        resp_error(w, r, AG_ECONFLICT,
                   "The run has already finished; messages reach running runs only.", "content");
        return 0;
    }
    return rc;
}

int
runctl_api_message(struct req *r, struct resp *w)
{
    long long run = 0, msg = 0;
    int rc = message_add(r, w, &run, &msg);
    if (rc < 0 || msg == 0) {
        return rc;
    }
    struct json_object *o = json_object_new_object();
    rc = o ? jsn_add_int(o, "runId", run) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_int(o, "messageId", msg);
    rc = rc ? rc : jsn_add_str(o, "state", "queued");
    rc = rc ? rc : resp_json(w, 202, o);
    json_object_put(o);
    return rc;
}

static int
back_to_console(struct req *r, struct resp *w, long long id)
{
    const char *loc = arena_printf(r->ar, "/runs/%lld", id);
    return loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

static int
pause_page(struct req *r, struct resp *w, int pause)
{
    long long id = 0;
    int rc = pause_set(r, &id, pause);
    return rc == 0 || rc == AG_ECONFLICT ? back_to_console(r, w, id) : rc;
}

int
runctl_pages_pause(struct req *r, struct resp *w)
{
    return pause_page(r, w, 1);
}

int
runctl_pages_resume(struct req *r, struct resp *w)
{
    return pause_page(r, w, 0);
}

int
runctl_pages_message(struct req *r, struct resp *w)
{
    long long run = 0, msg = 0;
    int rc = message_add(r, w, &run, &msg);
    return rc < 0 || msg == 0 ? rc : back_to_console(r, w, run);
}
