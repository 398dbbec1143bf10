/* SPDX-License-Identifier: MIT */
/* events.h - the one event protocol (DESIGN.md §5): per-stream event log with contiguous seq,
 * the JSON shapes of every event type (the only place they are built), SSE rendering, and the
 * datagram wake-up the runner sends to the stream responder. Used by runner, stream and web.
 * Streams are named "run:<id>" (chat turns are runs too) and "build:<id>". */
#ifndef AG_EVENTS_H
#define AG_EVENTS_H

#include <stddef.h>

#include "ag.h"
#include "buf.h"
#include "db.h"

#define EVENTS_STREAM_MAX  64
#define EVENTS_TEXT_MAX    8192 /* bytes of text/result kept in one run.event (UTF-8 clipped) */
#define EVENTS_WAKE_NAME   "stream.wake" /* datagram socket in data_dir */

/* Event types (SSE "event:" field). */
#define EV_RUN_EVENT "run.event"
#define EV_RUN_DONE  "run.done"
/* The runner holds a paused run between two steps (run.paused) and continues (run.resumed). */
#define EV_RUN_PAUSED  "run.paused"
#define EV_RUN_RESUMED "run.resumed"

/* run.event kinds */
#define EVK_STATUS      "status"
#define EVK_THOUGHT     "thought"
#define EVK_TOKEN       "token"
#define EVK_MESSAGE     "message"
#define EVK_TOOL_INVOKE "tool.invoke"
#define EVK_TOOL_RESULT "tool.result"
#define EVK_TOOL_APPROVAL "tool.approval"
#define EVK_ERROR       "error"

/* One stored event, borrowed for the duration of a callback. */
struct event_row {
    long long feed_id; /* global order (events_feed.id); 0 from events_after */
    const char *stream;
    long long seq;
    const char *type;
    const char *data; /* JSON text */
};

/* Callback over rows; non-zero stops the walk and is returned. */
typedef int (*events_fn)(void *ctx, const struct event_row *e);

/* The fields of a run.event; NULL/0 fields are sent as null. args is JSON text (sent as an
 * object when it parses, else as a string); tokens is the total of one LLM call (message). */
struct run_event {
    const char *kind;
    const char *agent;
    const char *task;
    const char *text;
    const char *tool;
    const char *call_id;
    const char *args;
    const char *result;
    const char *from; /* "user" on a message the user sent into the run; else NULL (not sent) */
    long tokens_in;
    long tokens_out;
    double cost;
    long elapsed_ms;
};

/* events_append adds one event at the end of stream (seq = last + 1, from 1) atomically (one
 * statement: works inside or outside the caller's transaction) and sets *seq when not NULL.
 * AG_EINVAL for a bad stream name or type, AG_EDB/AG_EBUSY from SQLite. */
int events_append(struct db *db, const char *stream, const char *type, const char *data,
                  long long *seq) AG_MUST_CHECK;
/* events_after calls fn for each event of stream with seq > after, in order, at most limit
 * (<= 0: all). */
int events_after(struct db *db, const char *stream, long long after, int limit, events_fn fn,
                 void *ctx) AG_MUST_CHECK;
/* events_feed_after walks every stream's events added after feed id after (global order). */
int events_feed_after(struct db *db, long long after, int limit, events_fn fn, void *ctx)
    AG_MUST_CHECK;
/* events_feed_last: the newest feed id (0 when empty). */
int events_feed_last(struct db *db, long long *out) AG_MUST_CHECK;
/* events_last_seq: the last seq of stream (0 when empty). */
int events_last_seq(struct db *db, const char *stream, long long *out) AG_MUST_CHECK;

/* events_run_event_json appends the data of a run.event:
 * {"runId","event":{"kind","agent","task","text","tool","callId","args","result","tokens",
 *  "tokensIn","tokensOut","cost","elapsedMs","ts"}} to out, plus "from" when ev->from is set. */
int events_run_event_json(long long run_id, const struct run_event *ev, struct buf *out)
    AG_MUST_CHECK;
/* events_run_done_json appends {"runId","ok","state","tokens","tokensIn","tokensOut","cost",
 * "elapsedMs","error"} (error null unless given). */
int events_run_done_json(long long run_id, const char *state, long tokens_in, long tokens_out,
                         double cost, long elapsed_ms, const char *error, struct buf *out)
    AG_MUST_CHECK;
/* events_run_control_json appends the data of run.paused / run.resumed:
 * {"runId","state":"paused"|"running","ts"}. */
int events_run_control_json(long long run_id, const char *state, struct buf *out) AG_MUST_CHECK;
/* events_sse renders one event as "id: <seq>\nevent: <type>\ndata: <json>\n\n" (a data line per
 * line of the JSON, though ours is compact and has none). */
int events_sse(const struct event_row *e, struct buf *out) AG_MUST_CHECK;
/* events_is_terminal: 1 for event types that end a stream (run.done, build.done). */
int events_is_terminal(const char *type);
/* events_stream_name writes "<prefix>:<id>" into out. */
int events_stream_name(const char *prefix, long long id, char *out, size_t cap) AG_MUST_CHECK;

/* events_wake sends a one-byte datagram to data_dir/stream.wake (best effort: no listener or a
 * full queue is not an error; the responder also polls). */
void events_wake(const char *data_dir);
/* events_wake_listen binds that datagram socket (non-blocking; replaces a stale file); -1 on
 * failure (logged). */
int events_wake_listen(const char *data_dir);

#endif
