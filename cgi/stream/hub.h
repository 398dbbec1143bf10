/* SPDX-License-Identifier: MIT */
/* hub.h - the stream responder's fan-out: ONE reader thread tails the global event feed (woken
 * by the runner's datagram, else every HUB_POLL_MS) into a ring of recent events and broadcasts a
 * condition variable; each subscriber thread copies out the entries of its own stream. No
 * subscriber queries the database while live; they only replay (after Last-Event-ID) through
 * the shared auxiliary connection, and fall back to a replay if they fell behind the ring. */
#ifndef AG_STREAM_HUB_H
#define AG_STREAM_HUB_H

#include <fcgiapp.h>
#include <pthread.h>

#include "../core/buf.h"
#include "../core/cfg.h"
#include "../core/db.h"

#define HUB_RING        8192  /* recent events kept in memory */
#define HUB_POLL_MS     50    /* reader's fallback poll when no wake-up arrives */
#define HUB_HEARTBEAT_S 15    /* comment line to idle clients (proxies keep the connection) */
#define HUB_MAX_SUBS    4000

struct hub_entry {
    long long seq;
    char *stream; /* heap */
    char *type;   /* heap */
    char *data;   /* heap */
};

struct hub {
    const struct cfg *cfg;
    pthread_mutex_t mu; /* ring, next_slot, n_subs */
    pthread_cond_t cv;
    struct hub_entry ring[HUB_RING];
    unsigned long long next_slot; /* entries ever added; slot s lives at ring[s % HUB_RING] */
    int n_subs;
    volatile int stopping;
    struct db *reader_db; /* the reader thread's own connection */
    long long cursor;     /* last events_feed id read */
    int wake_fd;
    pthread_t reader;
    pthread_mutex_t aux_mu; /* aux_db: replays and auth lookups, one at a time */
    struct db *aux_db;
};

/* hub_start opens both connections, binds the wake socket and starts the reader. AG_E*. */
int hub_start(struct hub *h, const struct cfg *cfg) AG_MUST_CHECK;
/* hub_stop ends the reader, wakes every subscriber (they close) and frees the ring. */
void hub_stop(struct hub *h);
/* hub_serve answers an SSE request for a run or chat stream (uri already known to be one).
 * 1 when it was ours, 0 when uri is not a hub stream. */
int hub_serve(struct hub *h, FCGX_Request *fr, const char *uri);

#endif
