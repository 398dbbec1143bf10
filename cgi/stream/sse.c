/* SPDX-License-Identifier: MIT */
/* sse.c - one subscriber: GET /api/runs/:id/stream or /api/chat/sessions/:id/stream (the newest
 * turn of the session). Authorize, replay after Last-Event-ID (or ?after=N), then live events from
 * the hub's ring, heartbeats while idle, and close after the terminal event or when the client
 * is gone (a failed flush). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../agents/runs_db.h"
#include "../auth/auth.h"
#include "../core/events.h"
#include "../core/log.h"
#include "hub.h"

#define SESSION_COOKIE "ag_session" /* AUTH_COOKIE_SESSION in web/auth_gate.h */

struct sub {
    struct hub *h;
    FCGX_Request *fr;
    char stream[EVENTS_STREAM_MAX];
    long long last;          /* last seq sent */
    unsigned long long pos;  /* next ring slot to look at */
    int finished;            /* terminal event sent */
    struct buf out;
};

static void
reply(FCGX_Request *fr, const char *status, const char *code, const char *msg)
{
    FCGX_FPrintF(fr->out,
                 "Status: %s\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                 "X-Content-Type-Options: nosniff\r\n\r\n"
                 "{\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}\n",
                 status, code, msg);
}

static int
parse_id(const char *s, const char *suffix, long long *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || v <= 0 || strcmp(end, suffix) != 0) {
        return AG_EINVAL;
    }
    *out = v;
    return 0;
}

/* The session cookie's value from a Cookie header, copied into out. */
static int
cookie_value(const char *header, char *out, size_t cap)
{
    size_t n = strlen(SESSION_COOKIE);
    for (const char *p = header; p && *p;) {
        p += strspn(p, " ;");
        if (strncmp(p, SESSION_COOKIE, n) == 0 && p[n] == '=') {
            size_t len = strcspn(p + n + 1, ";");
            if (len >= cap) {
                return 0;
            }
            memcpy(out, p + n + 1, len);
            out[len] = '\0';
            return 1;
        }
        p += strcspn(p, ";");
    }
    return 0;
}

/* stream_authorize: the same rules as the web (auth_gate identify): a Bearer API key (any scope
 * may read), else the session cookie. Every signed-in user may read every run: there are no
 * per-project permissions yet. 0, or AG_EUNAUTH. */
static int
stream_authorize(struct hub *h, FCGX_Request *fr)
{
    const char *authz = FCGX_GetParam("HTTP_AUTHORIZATION", fr->envp);
    const char *cookies = FCGX_GetParam("HTTP_COOKIE", fr->envp);
    char token[256];
    struct auth_user u;
    int rc = AG_EUNAUTH;
    long long now = (long long)time(NULL);
    pthread_mutex_lock(&h->aux_mu);
    if (authz && *authz) {
        rc = strncasecmp(authz, "Bearer ", 7) == 0 ? auth_key_lookup(h->aux_db, authz + 7, now, &u)
                                                   : AG_EUNAUTH;
    } else if (cookie_value(cookies, token, sizeof(token))) {
        rc = auth_session_lookup(h->aux_db, token, now, &u);
    }
    pthread_mutex_unlock(&h->aux_mu);
    return rc == 0 ? 0 : AG_EUNAUTH;
}

static int
replay_one(void *ctx, const struct event_row *e)
{
    struct sub *s = ctx;
    int rc = events_sse(e, &s->out);
    s->last = e->seq;
    s->finished |= events_is_terminal(e->type);
    return rc;
}

/* Everything of the stream after s->last, from the database. */
static int
replay(struct sub *s)
{
    pthread_mutex_lock(&s->h->aux_mu);
    int rc = events_after(s->h->aux_db, s->stream, s->last, 0, replay_one, s);
    pthread_mutex_unlock(&s->h->aux_mu);
    return rc;
}

static int
flush_out(struct sub *s)
{
    int rc = 0;
    if (s->out.len) {
        rc = FCGX_PutStr(s->out.data, (int)s->out.len, s->fr->out) < 0 ? -1 : 0;
        buf_reset(&s->out);
    }
    return rc < 0 || FCGX_FFlush(s->fr->out) < 0 ? AG_EUPSTREAM : 0;
}

/* Under the ring's read lock: copies this stream's new ring entries into s->out. 1 = fell
 * behind (the ring let go of entries not seen yet, or a seq is missing): replay from the
 * database instead. */
static int
take_new(struct sub *s)
{
    struct hub *h = s->h;
    if (s->pos < h->first_slot) {
        s->pos = h->next_slot;
        return 1;
    }
    for (; s->pos < h->next_slot; s->pos++) {
        const struct hub_entry *e = &h->ring[s->pos % HUB_RING];
        if (e->seq <= s->last || strcmp(e->stream, s->stream) != 0) {
            continue;
        }
        if (e->seq != s->last + 1) {
            s->pos = h->next_slot;
            return 1;
        }
        if (buf_append(&s->out, e->sse, e->len) < 0) {
            return 1;
        }
        s->last = e->seq;
        s->finished |= e->terminal;
    }
    return 0;
}

/* Writes a parked subscriber's unsent rest of a record, blocking (the client is slow). */
static int
write_pending(int fd, const struct buf *b)
{
    for (size_t off = 0; off < b->len;) {
        ssize_t w = write(fd, b->data + off, b->len - off);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return AG_EUPSTREAM;
        }
        off += (size_t)w;
    }
    return 0;
}

/* Live events: take what the ring holds for this stream (or replay when behind), write it, and
 * once caught up park the connection with the reader (hub.h) until it hands it back. */
static void
live(struct sub *s)
{
    struct hub *h = s->h;
    while (!s->finished && !h->stopping) {
        int behind = 0;
        pthread_rwlock_rdlock(&h->ring_lock);
        if (s->pos != h->next_slot) {
            behind = take_new(s);
        }
        pthread_rwlock_unlock(&h->ring_lock);
        if (behind && replay(s) < 0) {
            return;
        }
        if (s->out.len && flush_out(s) < 0) {
            return; /* the client went away */
        }
        if (s->finished || h->stopping) {
            return;
        }
        struct hub_park p = {.stream = s->stream, .fd = s->fr->ipcFd, .req_id = s->fr->requestId,
                             .last = s->last, .pos = s->pos};
        buf_init(&p.pending);
        hub_park(h, &p);
        s->last = p.last;
        s->pos = p.pos;
        s->finished = p.finished;
        int rc = p.gone ? AG_EUPSTREAM : write_pending(s->fr->ipcFd, &p.pending);
        buf_free(&p.pending);
        if (rc < 0) {
            return;
        }
    }
}

/* Maps the URI to the run stream; 0, AG_EINVAL (not ours), AG_ENOTFOUND. */
static int
resolve(struct sub *s, const char *uri)
{
    long long id = 0, run = 0;
    int rc = AG_EINVAL;
    if (strncmp(uri, "/api/runs/", 10) == 0 && parse_id(uri + 10, "/stream", &id) == 0) {
        struct arena *ar = arena_new(0);
        struct run_row r;
        pthread_mutex_lock(&s->h->aux_mu);
        rc = ar ? runs_db_get(s->h->aux_db, ar, id, &r) : AG_ENOMEM;
        pthread_mutex_unlock(&s->h->aux_mu);
        arena_free(ar);
        run = id;
    } else if (strncmp(uri, "/api/chat/sessions/", 19) == 0 &&
               parse_id(uri + 19, "/stream", &id) == 0) {
        pthread_mutex_lock(&s->h->aux_mu);
        rc = chat_db_latest_run(s->h->aux_db, id, &run);
        pthread_mutex_unlock(&s->h->aux_mu);
        rc = rc == 0 && run == 0 ? AG_ENOTFOUND : rc;
    }
    return rc ? rc : events_stream_name("run", run, s->stream, sizeof(s->stream));
}

static long long
resume_point(FCGX_Request *fr)
{
    const char *v = FCGX_GetParam("HTTP_LAST_EVENT_ID", fr->envp);
    const char *q = FCGX_GetParam("QUERY_STRING", fr->envp);
    long long after = 0;
    if (!(v && *v) && q) {
        const char *p = strstr(q, "after=");
        v = p && (p == q || p[-1] == '&') ? p + 6 : NULL;
    }
    if (v && *v) {
        char *end = NULL;
        after = strtoll(v, &end, 10);
        after = after < 0 ? 0 : after;
    }
    return after;
}

static int
subscribe(struct hub *h, struct sub *s)
{
    pthread_mutex_lock(&h->mu);
    int ok = h->n_subs < HUB_MAX_SUBS;
    h->n_subs += ok;
    pthread_mutex_unlock(&h->mu);
    /* registered before the replay: nothing falls in between */
    s->pos = __atomic_load_n(&h->next_slot, __ATOMIC_ACQUIRE);
    return ok;
}

int
hub_serve(struct hub *h, FCGX_Request *fr, const char *uri)
{
    struct sub s = {.h = h, .fr = fr};
    int rc = resolve(&s, uri);
    if (rc == AG_EINVAL) {
        return 0;
    }
    const char *method = FCGX_GetParam("REQUEST_METHOD", fr->envp);
    if (!method || strcmp(method, "GET") != 0) {
        reply(fr, "405 Method Not Allowed", "method_not_allowed", "use GET");
    } else if (stream_authorize(h, fr) < 0) {
        reply(fr, "401 Unauthorized", "unauthorized", "Sign in or send an API key.");
    } else if (rc < 0) {
        reply(fr, "404 Not Found", "not_found", "no such run or chat turn");
    } else if (!subscribe(h, &s)) {
        reply(fr, "503 Service Unavailable", "busy", "too many streams");
    } else {
        s.last = resume_point(fr);
        FCGX_FPrintF(fr->out, "Status: 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                              "Cache-Control: no-store\r\nX-Accel-Buffering: no\r\n"
                              "X-Content-Type-Options: nosniff\r\n\r\nretry: 2000\n\n");
        if (replay(&s) == 0 && flush_out(&s) == 0) {
            live(&s);
        }
        pthread_mutex_lock(&h->mu);
        h->n_subs--;
        pthread_mutex_unlock(&h->mu);
    }
    buf_free(&s.out);
    return 1;
}
