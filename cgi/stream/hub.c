/* SPDX-License-Identifier: MIT */
/* hub.c - the reader thread and the ring of recent events (see hub.h). Serving one subscriber
 * is in sse.c. */
#include "hub.h"

#include <errno.h>
#include <fastcgi.h>
#include <linux/futex.h>
#include <malloc.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../core/events.h"
#include "../core/log.h"

#define BATCH 512

struct batch {
    struct hub_entry e[BATCH];
    int n;
    long long last_feed;
    struct buf sse; /* rendering scratch */
};

/* One feed row as a ring entry: the stream name and the rendered SSE text in one block. */
static int
collect(void *ctx, const struct event_row *e)
{
    struct batch *b = ctx;
    buf_reset(&b->sse);
    int rc = events_sse(e, &b->sse);
    if (rc < 0) {
        return rc;
    }
    size_t n_stream = strlen(e->stream) + 1;
    char *block = malloc(n_stream + b->sse.len + 1);
    if (!block) {
        return AG_ENOMEM;
    }
    memcpy(block, e->stream, n_stream);
    memcpy(block + n_stream, b->sse.data, b->sse.len + 1);
    struct hub_entry *x = &b->e[b->n++];
    *x = (struct hub_entry){.seq = e->seq, .stream = block, .sse = block + n_stream,
                            .len = b->sse.len, .terminal = events_is_terminal(e->type)};
    b->last_feed = e->feed_id;
    return 0;
}

static size_t
entry_size(const struct hub_entry *e)
{
    return e->stream ? (size_t)(e->sse - e->stream) + e->len + 1 : 0;
}

/* Under the write lock: lets the oldest entry go. */
static void
drop_oldest(struct hub *h)
{
    struct hub_entry *e = &h->ring[h->first_slot % HUB_RING];
    h->ring_bytes -= entry_size(e);
    free(e->stream);
    memset(e, 0, sizeof(*e));
    h->first_slot++;
}

/* Appends to h->rec the FastCGI stdout records carrying n bytes of text. */
static int
fcgi_records(struct hub *h, int req_id, const char *text, size_t n)
{
    int rc = 0;
    do {
        size_t len = n > 65535 ? 65535 : n;
        unsigned char hdr[FCGI_HEADER_LEN] = {FCGI_VERSION_1, FCGI_STDOUT,
                                              (unsigned char)((req_id >> 8) & 0xff),
                                              (unsigned char)(req_id & 0xff),
                                              (unsigned char)((len >> 8) & 0xff),
                                              (unsigned char)(len & 0xff), 0, 0};
        rc = buf_append(&h->rec, hdr, sizeof(hdr));
        rc = rc ? rc : buf_append(&h->rec, text, len);
        text += len;
        n -= len;
    } while (rc == 0 && n > 0);
    return rc;
}

/* Sends text to a parked subscriber without blocking. 0 sent; 1 partly sent (the rest is in
 * p->pending); -1 the connection failed. */
static int
park_send(struct hub *h, struct hub_park *p, const char *text, size_t n)
{
    buf_reset(&h->rec);
    if (fcgi_records(h, p->req_id, text, n) < 0) {
        return -1;
    }
    size_t off = 0;
    while (off < h->rec.len) {
        ssize_t w = send(p->fd, h->rec.data + off, h->rec.len - off, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (w > 0) {
            off += (size_t)w;
        } else if (w < 0 && errno == EINTR) {
            continue;
        } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return buf_append(&p->pending, h->rec.data + off, h->rec.len - off) < 0 ? -1 : 1;
        } else {
            return -1;
        }
    }
    return 0;
}

/* Under park_mu: gives p back to its thread. Nothing may touch p afterwards. */
static void
unpark(struct hub *h, struct hub_park *p)
{
    if (p->prev) {
        p->prev->next = p->next;
    } else {
        h->parked = p->next;
    }
    if (p->next) {
        p->next->prev = p->prev;
    }
    __atomic_store_n(&p->back, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &p->back, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Writes the ring's new entries to the parked subscribers of their streams, and heartbeats to
 * the quiet ones (heartbeats != 0); hands back what needs its thread (see hub.h). Only this
 * thread changes the ring, so it reads it without the lock. */
static void
serve_parked(struct hub *h, int heartbeats)
{
    long long now = ag_mono_ms() / 1000;
    pthread_mutex_lock(&h->park_mu);
    for (struct hub_park *p = h->parked, *next; p; p = next) {
        next = p->next;
        int back = h->stopping || p->pos < h->first_slot, rc = 0;
        for (; !back && p->pos < h->next_slot; p->pos++) {
            const struct hub_entry *e = &h->ring[p->pos % HUB_RING];
            if (e->seq <= p->last || strcmp(e->stream, p->stream) != 0) {
                continue;
            }
            if (e->seq != p->last + 1) {
                back = 1; /* its thread sees the gap and replays */
                break;
            }
            rc = park_send(h, p, e->sse, e->len);
            if (rc >= 0) {
                p->last = e->seq;
                p->finished |= e->terminal;
                p->quiet_since = now;
            }
            if (rc != 0 || e->terminal) {
                p->pos++;
                back = 1;
                break;
            }
        }
        if (!back && heartbeats && now - p->quiet_since >= HUB_HEARTBEAT_S) {
            static const char hb[] = ": heartbeat\n\n";
            rc = park_send(h, p, hb, sizeof(hb) - 1);
            p->quiet_since = now;
            back = rc != 0;
        }
        if (back) {
            p->gone = rc < 0;
            unpark(h, p);
        }
    }
    pthread_mutex_unlock(&h->park_mu);
}

void
hub_park(struct hub *h, struct hub_park *p)
{
    p->back = 0;
    p->quiet_since = ag_mono_ms() / 1000;
    pthread_mutex_lock(&h->park_mu);
    if (__atomic_load_n(&h->next_slot, __ATOMIC_ACQUIRE) != p->pos || h->stopping) {
        pthread_mutex_unlock(&h->park_mu);
        return; /* new entries came in since the caller looked: it takes them itself */
    }
    p->prev = NULL;
    p->next = h->parked;
    if (h->parked) {
        h->parked->prev = p;
    }
    h->parked = p;
    pthread_mutex_unlock(&h->park_mu);
    while (!__atomic_load_n(&p->back, __ATOMIC_ACQUIRE)) {
        syscall(SYS_futex, &p->back, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    }
}

/* Reads everything new from the feed, appends it to the ring, wakes the subscribers. 1 when
 * there was something. */
static int
drain(struct hub *h, struct batch *b)
{
    int any = 0;
    for (;;) {
        b->n = 0;
        int rc = events_feed_after(h->reader_db, h->cursor, BATCH, collect, b);
        if (b->n == 0) {
            if (rc < 0 && rc != AG_EBUSY) {
                log_msg(LOG_WARNING, "m=stream err=feed read failed: %s", ag_strerror(rc));
            }
            return any;
        }
        any = 1;
        long long now = ag_mono_ms() / 1000;
        pthread_rwlock_wrlock(&h->ring_lock);
        for (int i = 0; i < b->n; i++) {
            if (h->next_slot - h->first_slot == HUB_RING) {
                drop_oldest(h);
            }
            b->e[i].added = now;
            h->ring[h->next_slot % HUB_RING] = b->e[i];
            h->ring_bytes += entry_size(&b->e[i]);
            __atomic_store_n(&h->next_slot, h->next_slot + 1, __ATOMIC_RELEASE);
            while (h->ring_bytes > HUB_RING_BYTES && h->next_slot - h->first_slot > 1) {
                drop_oldest(h);
            }
        }
        h->cursor = b->last_feed;
        pthread_rwlock_unlock(&h->ring_lock);
        serve_parked(h, 0);
        if (b->n < BATCH) {
            return any;
        }
    }
}

/* While idle: lets entries older than HUB_KEEP_S go and, once subscribers stopped leaving
 * HUB_TRIM_S ago (so their threads are gone too) or a lot of ring memory was let go, hands the
 * free pages of every malloc arena back to the system, at most every HUB_TRIM_EVERY_S: each
 * trim is a round of madvise calls and TLB shootdowns that live subscribers would feel.
 * Without it a burst of subscribers or events would stay resident for good. */
static void
tidy(struct hub *h, long long *last_trim, size_t *let_go)
{
    long long now = ag_mono_ms() / 1000;
    pthread_rwlock_wrlock(&h->ring_lock);
    while (h->first_slot < h->next_slot && h->ring[h->first_slot % HUB_RING].added + HUB_KEEP_S <= now) {
        *let_go += entry_size(&h->ring[h->first_slot % HUB_RING]);
        drop_oldest(h);
    }
    pthread_rwlock_unlock(&h->ring_lock);
    if (now - *last_trim < HUB_TRIM_EVERY_S) {
        return;
    }
    pthread_mutex_lock(&h->mu);
    int trim = (h->left && now - h->left_at > HUB_TRIM_S) || *let_go >= (1u << 20);
    h->left = trim ? 0 : h->left;
    pthread_mutex_unlock(&h->mu);
    if (trim) {
        malloc_trim(0);
        *last_trim = now;
        *let_go = 0;
    }
}

void
hub_thread_done(struct hub *h)
{
    pthread_mutex_lock(&h->mu);
    h->left = 1;
    h->left_at = ag_mono_ms() / 1000;
    pthread_mutex_unlock(&h->mu);
}

static void *
reader(void *arg)
{
    struct hub *h = arg;
    long long last_trim = 0;
    size_t let_go = 0;
    struct batch *b = calloc(1, sizeof(*b));
    if (!b) {
        log_msg(LOG_ERR, "m=stream err=reader out of memory");
        return NULL;
    }
    long long last_tick = ag_mono_ms() / 1000;
    while (!h->stopping) {
        if ((ag_mono_ms() / 1000) - last_tick >= HUB_TICK_S) {
            last_tick = ag_mono_ms() / 1000;
            serve_parked(h, 1); /* heartbeats */
        }
        struct pollfd p = {.fd = h->wake_fd, .events = POLLIN};
        if (h->wake_fd >= 0 && poll(&p, 1, HUB_POLL_MS) > 0) {
            char tmp[64];
            while (read(h->wake_fd, tmp, sizeof(tmp)) > 0) {
                /* one wake-up covers every datagram queued so far */
            }
        } else if (h->wake_fd < 0) {
            usleep(HUB_POLL_MS * 1000);
        }
        if (!drain(h, b)) {
            tidy(h, &last_trim, &let_go);
        }
    }
    serve_parked(h, 0); /* stopping: every parked subscriber goes back to its thread */
    buf_free(&b->sse);
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
    pthread_mutex_init(&h->park_mu, NULL);
    pthread_rwlock_init(&h->ring_lock, NULL);
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
    pthread_join(h->reader, NULL); /* it handed every parked subscriber back */
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
    pthread_rwlock_wrlock(&h->ring_lock);
    while (h->first_slot < h->next_slot) {
        drop_oldest(h);
    }
    pthread_rwlock_unlock(&h->ring_lock);
    buf_free(&h->rec);
    if (h->wake_fd >= 0) {
        close(h->wake_fd);
    }
    db_close(h->reader_db);
    db_close(h->aux_db);
}
