/* SPDX-License-Identifier: MIT */
/* events.c - the schema of every event's JSON data (DESIGN.md §5), SSE rendering and the
 * datagram wake-up between runner and stream responder. The SQL is in events_db.c. */
#include "events.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "jsn.h"
#include "log.h"

static long long now_ms(void);
static struct json_object *clipped(const char *s);
static int add_args(struct json_object *o, const char *args);
static int wake_addr(const char *data_dir, struct sockaddr_un *sa);

static long long
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A JSON string of s cut to EVENTS_TEXT_MAX bytes on a UTF-8 boundary; NULL stays null. */
static struct json_object *
clipped(const char *s)
{
    if (!s) {
        return NULL;
    }
    size_t n = strlen(s);
    if (n > EVENTS_TEXT_MAX) {
        n = EVENTS_TEXT_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
            n--;
        }
    }
    return json_object_new_string_len(s, (int)n);
}

static int
add_args(struct json_object *o, const char *args)
{
    struct json_object *v = NULL;
    if (args && jsn_parse(args, strlen(args), &v) == 0) {
        return jsn_add(o, "args", v);
    }
    return jsn_add(o, "args", clipped(args));
}

int
events_run_event_json(long long run_id, const struct run_event *ev, struct buf *out)
{
    struct json_object *o = json_object_new_object();
    struct json_object *e = json_object_new_object();
    int rc = (o && e) ? jsn_add_int(o, "runId", run_id) : AG_ENOMEM;
    if (rc == 0) {
        rc = jsn_add_str(e, "kind", ev->kind);
    }
    const char *keys[] = {"agent", "task", "tool", "callId"};
    const char *vals[] = {ev->agent, ev->task, ev->tool, ev->call_id};
    for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
        rc = jsn_add_str(e, keys[i], vals[i]);
    }
    if (rc == 0) {
        rc = jsn_add(e, "text", clipped(ev->text));
    }
    if (rc == 0) {
        rc = add_args(e, ev->args);
    }
    if (rc == 0) {
        rc = jsn_add(e, "result", clipped(ev->result));
    }
    if (rc == 0 && ev->from) {
        rc = jsn_add_str(e, "from", ev->from);
    }
    if (rc == 0 && (ev->tokens_in || ev->tokens_out)) {
        rc = jsn_add_int(e, "tokens", ev->tokens_in + ev->tokens_out);
        rc = rc ? rc : jsn_add_int(e, "tokensIn", ev->tokens_in);
        rc = rc ? rc : jsn_add_int(e, "tokensOut", ev->tokens_out);
        rc = rc ? rc : jsn_add(e, "cost", json_object_new_double(ev->cost));
    } else if (rc == 0) {
        rc = jsn_add(e, "tokens", NULL);
    }
    if (rc == 0 && ev->elapsed_ms) {
        rc = jsn_add_int(e, "elapsedMs", ev->elapsed_ms);
    }
    if (rc == 0) {
        rc = jsn_add_int(e, "ts", now_ms());
    }
    if (rc == 0) {
        rc = jsn_add(o, "event", e);
        e = NULL;
    }
    if (rc == 0) {
        rc = jsn_dump(o, out);
    }
    json_object_put(e);
    json_object_put(o);
    return rc;
}

int
events_run_done_json(long long run_id, const char *state, long tokens_in, long tokens_out,
                     double cost, long elapsed_ms, const char *error, struct buf *out)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? jsn_add_int(o, "runId", run_id) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_bool(o, "ok", strcmp(state, "done") == 0);
    rc = rc ? rc : jsn_add_str(o, "state", state);
    rc = rc ? rc : jsn_add_int(o, "tokens", tokens_in + tokens_out);
    rc = rc ? rc : jsn_add_int(o, "tokensIn", tokens_in);
    rc = rc ? rc : jsn_add_int(o, "tokensOut", tokens_out);
    rc = rc ? rc : jsn_add(o, "cost", json_object_new_double(cost));
    rc = rc ? rc : jsn_add_int(o, "elapsedMs", elapsed_ms);
    rc = rc ? rc : jsn_add(o, "error", clipped(error));
    rc = rc ? rc : jsn_dump(o, out);
    json_object_put(o);
    return rc;
}

int
events_run_control_json(long long run_id, const char *state, struct buf *out)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? jsn_add_int(o, "runId", run_id) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_str(o, "state", state);
    rc = rc ? rc : jsn_add_int(o, "ts", now_ms());
    rc = rc ? rc : jsn_dump(o, out);
    json_object_put(o);
    return rc;
}

int
events_sse(const struct event_row *e, struct buf *out)
{
    int rc = buf_printf(out, "id: %lld\nevent: %s\n", e->seq, e->type);
    const char *p = e->data;
    do {
        size_t n = strcspn(p, "\r\n");
        rc = rc ? rc : buf_puts(out, "data: ");
        rc = rc ? rc : buf_append(out, p, n);
        rc = rc ? rc : buf_putc(out, '\n');
        p += n;
        p += (*p == '\r' && p[1] == '\n') ? 2 : (*p ? 1 : 0);
    } while (rc == 0 && *p);
    return rc ? rc : buf_putc(out, '\n');
}

int
events_is_terminal(const char *type)
{
    return strcmp(type, EV_RUN_DONE) == 0 || strcmp(type, "build.done") == 0;
}

int
events_stream_name(const char *prefix, long long id, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s:%lld", prefix, id);
    return n < 0 || (size_t)n >= cap ? AG_ETOOBIG : 0;
}

static int
wake_addr(const char *data_dir, struct sockaddr_un *sa)
{
    memset(sa, 0, sizeof(*sa));
    sa->sun_family = AF_UNIX;
    int n = snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", data_dir, EVENTS_WAKE_NAME);
    return n < 0 || (size_t)n >= sizeof(sa->sun_path) ? AG_ETOOBIG : 0;
}

void
events_wake(const char *data_dir)
{
    struct sockaddr_un sa;
    if (!data_dir || wake_addr(data_dir, &sa) < 0) {
        return;
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        return;
    }
    /* ENOENT/ECONNREFUSED (no responder) and EAGAIN (already woken) are all fine */
    AG_IGNORE(sendto(fd, "w", 1, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0);
    close(fd);
}

int
events_wake_listen(const char *data_dir)
{
    struct sockaddr_un sa;
    if (wake_addr(data_dir, &sa) < 0) {
        return -1;
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        return -1;
    }
    unlink(sa.sun_path);
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        log_msg(LOG_WARNING, "m=events err=cannot bind %s: %s", sa.sun_path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}
