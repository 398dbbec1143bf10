/* SPDX-License-Identifier: MIT */
/* hub.c - the reader thread and the ring of recent events (see hub.h). Serving one subscriber
 * is in sse.c. */
#include "hub.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/events.h"
#include "../core/log.h"

#define BATCH 512

struct batch {
    struct hub_entry e[BATCH];
    int n;
    long long last_feed;
};

static int
collect(void *ctx, const struct event_row *e)
{
    struct batch *b = ctx;
    struct hub_entry *x = &b->e[b->n];
    x->seq = e->seq;
    x->stream = strdup(e->stream);
    x->type = strdup(e->type);
    x->data = strdup(e->data);
    if (!x->stream || !x->type || !x->data) {
        free(x->stream);
        free(x->type);
        free(x->data);
        return AG_ENOMEM;
    }
    b->n++;
    b->last_feed = e->feed_id;
    return 0;
}

static void
entry_free(struct hub_entry *e)
{
    free(e->stream);
    free(e->type);
    free(e->data);
    memset(e, 0, sizeof(*e));
}

/* Reads everything new from the feed, appends it to the ring, wakes the subscribers. */
static void
drain(struct hub *h, struct batch *b)
{
    for (;;) {
        b->n = 0;
        int rc = events_feed_after(h->reader_db, h->cursor, BATCH, collect, b);
        if (b->n == 0) {
            if (rc < 0 && rc != AG_EBUSY) {
                log_msg(LOG_WARNING, "m=stream err=feed read failed: %s", ag_strerror(rc));
            }
            return;
        }
        pthread_mutex_lock(&h->mu);
        for (int i = 0; i < b->n; i++) {
            struct hub_entry *slot = &h->ring[h->next_slot % HUB_RING];
            entry_free(slot);
            *slot = b->e[i];
            h->next_slot++;
        }
        h->cursor = b->last_feed;
        pthread_cond_broadcast(&h->cv);
        pthread_mutex_unlock(&h->mu);
        if (b->n < BATCH) {
            return;
        }
    }
}

static void *
reader(void *arg)
{
    struct hub *h = arg;
    struct batch *b = calloc(1, sizeof(*b));
    if (!b) {
        log_msg(LOG_ERR, "m=stream err=reader out of memory");
        return NULL;
    }
    while (!h->stopping) {
        struct pollfd p = {.fd = h->wake_fd, .events = POLLIN};
        if (h->wake_fd >= 0 && poll(&p, 1, HUB_POLL_MS) > 0) {
            char tmp[64];
            while (read(h->wake_fd, tmp, sizeof(tmp)) > 0) {
                /* one wake-up covers every datagram queued so far */
            }
        } else if (h->wake_fd < 0) {
            usleep(HUB_POLL_MS * 1000);
        }
        drain(h, b);
    }
    free(b);
    return NULL;
}

int
hub_start(struct hub *h, const struct cfg *cfg)
{
    memset(h, 0, sizeof(*h));
    h->cfg = cfg;
    h->wake_fd = -1;
    pthread_mutex_init(&h->mu, NULL);
    pthread_mutex_init(&h->aux_mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&h->cv, &ca);
    pthread_condattr_destroy(&ca);
    int rc = db_open(cfg->db_path, &h->reader_db);
    rc = rc ? rc : db_open(cfg->db_path, &h->aux_db);
    rc = rc ? rc : events_feed_last(h->reader_db, &h->cursor);
    if (rc < 0) {
        return rc;
    }
    h->wake_fd = events_wake_listen(cfg->data_dir); /* -1: polling alone still works */
    if (pthread_create(&h->reader, NULL, reader, h) != 0) {
        return AG_EINTERNAL;
    }
    return 0;
}

void
hub_stop(struct hub *h)
{
    h->stopping = 1;
    pthread_join(h->reader, NULL);
    pthread_mutex_lock(&h->mu);
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
    /* give subscriber threads (detached) a moment to notice and leave */
    for (int i = 0; i < 50; i++) {
        pthread_mutex_lock(&h->mu);
        int n = h->n_subs;
        pthread_mutex_unlock(&h->mu);
        if (n == 0) {
            break;
        }
        usleep(20000);
    }
    for (int i = 0; i < HUB_RING; i++) {
        entry_free(&h->ring[i]);
    }
    if (h->wake_fd >= 0) {
        close(h->wake_fd);
    }
    db_close(h->reader_db);
    db_close(h->aux_db);
}
