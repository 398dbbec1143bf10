/* SPDX-License-Identifier: MIT */
/* sse_load.c - many Server-Sent Events subscribers from one process (epoll, one thread), for
 * tests/bench/b_sse.sh and tests/it/t_sse_fanout.sh. Each subscriber GETs PATH on
 * 127.0.0.1:PORT (HTTP/1.0, so nginx sends the stream unchunked) and checks that the event ids
 * it receives are contiguous from 1: every event exactly once, in order. Events whose data
 * holds "bench t=<CLOCK_REALTIME us> i=<n>" (agentgen bench-events) are timed on receipt
 * (receipt - write) and must come with i = 1, 2, ... K; run.done ends a subscriber.
 *
 *   sse-load -p PORT -u PATH -n N -k K [-H 'Name: value']... [-r READY] [-d DELIVERED] [-t S]
 *
 * READY is created once all N got their first event (id 1), DELIVERED once all N got the K
 * timed events. Prints one line of key=value results on stdout; exit 0 only when every
 * subscriber got the K timed events and run.done, with no duplicate, gap or bad response. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_CAP     65536 /* one SSE line never gets near this (event text is clipped at 8 KiB) */
#define MAX_PENDING 64    /* connections opened but not yet ready: a gentle ramp-up */

struct conn {
    int fd;
    int state; /* 0 connecting, 1 headers, 2 events, 3 closed */
    int ready, got_done, bad, dups, gaps;
    long long last_id, cur_id, last_i, n_timed;
    char cur_type[32];
    char *buf;
    size_t len;
    long long t_data; /* write time of the event being read, 0 when untimed */
    long long cur_i;
};

static long long
now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static void
touch(const char *path)
{
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) {
        fputs("1\n", f);
        fclose(f);
    }
}

static int port, n_subs, k_events;
static const char *path, *ready_file, *delivered_file;
static char request[4096];
static long long *delays;
static size_t n_delays, cap_delays;
static int n_ready, n_delivered, n_closed, n_open;

/* One complete SSE line (without its newline) of c, received at t. */
static void
sse_line(struct conn *c, char *line, long long t)
{
    if (*line == '\0') { /* dispatch */
        if (c->cur_id > 0) {
            if (c->cur_id <= c->last_id) {
                c->dups++;
            } else if (c->cur_id != c->last_id + 1) {
                c->gaps++;
            }
            if (c->cur_id > c->last_id) {
                c->last_id = c->cur_id;
            }
            if (c->cur_id == 1 && !c->ready) {
                c->ready = 1;
                n_ready++;
            }
            if (c->t_data > 0) {
                if (c->cur_i != c->last_i + 1) {
                    c->gaps++;
                }
                c->last_i = c->cur_i;
                c->n_timed++;
                if (n_delays == cap_delays) {
                    cap_delays = cap_delays ? cap_delays * 2 : 4096;
                    delays = realloc(delays, cap_delays * sizeof(*delays));
                    if (!delays) {
                        perror("sse-load");
                        exit(2);
                    }
                }
                delays[n_delays++] = t - c->t_data;
                if (c->n_timed == k_events) {
                    n_delivered++;
                }
            }
            if (strcmp(c->cur_type, "run.done") == 0) {
                c->got_done = 1;
            }
        }
        c->cur_id = 0;
        c->t_data = 0;
        c->cur_type[0] = '\0';
    } else if (strncmp(line, "id: ", 4) == 0) {
        c->cur_id = atoll(line + 4);
    } else if (strncmp(line, "event: ", 7) == 0) {
        snprintf(c->cur_type, sizeof(c->cur_type), "%s", line + 7);
    } else if (strncmp(line, "data: ", 6) == 0) {
        const char *p = strstr(line, "bench t=");
        if (p) {
            c->t_data = atoll(p + 8);
            const char *q = strstr(p, " i=");
            c->cur_i = q ? atoll(q + 3) : 0;
        }
    }
}

/* Consumes what arrived on c; 1 when the connection is over. */
static int
on_readable(struct conn *c)
{
    for (;;) {
        ssize_t r = read(c->fd, c->buf + c->len, BUF_CAP - 1 - c->len);
        if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
            return 0;
        }
        if (r <= 0) {
            return 1;
        }
        long long t = now_us();
        c->len += (size_t)r;
        c->buf[c->len] = '\0';
        char *p = c->buf;
        if (c->state == 1) {
            char *end = strstr(p, "\r\n\r\n");
            if (!end) {
                if (c->len >= BUF_CAP - 1) {
                    c->bad = 1;
                    return 1;
                }
                continue;
            }
            if (strncmp(p, "HTTP/1.1 200", 12) != 0 && strncmp(p, "HTTP/1.0 200", 12) != 0) {
                c->bad = 1;
                return 1;
            }
            c->state = 2;
            p = end + 4;
        }
        char *nl;
        while ((nl = memchr(p, '\n', (size_t)(c->buf + c->len - p))) != NULL) {
            *nl = '\0';
            sse_line(c, p, t);
            p = nl + 1;
        }
        size_t rest = (size_t)(c->buf + c->len - p);
        if (rest >= BUF_CAP - 1) {
            c->bad = 1;
            return 1;
        }
        memmove(c->buf, p, rest);
        c->len = rest;
    }
}

static int
open_one(int ep, struct conn *c)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        return -1;
    }
    if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 && errno != EINPROGRESS) {
        close(c->fd);
        return -1;
    }
    struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) {
        close(c->fd);
        return -1;
    }
    c->buf = malloc(BUF_CAP);
    c->state = 0;
    n_open++;
    return c->buf ? 0 : -1;
}

static void
usage(void)
{
    fprintf(stderr, "usage: sse-load -p PORT -u PATH -n N -k K [-H 'Name: value']... [-r READY] "
                    "[-d DELIVERED] [-t SECONDS]\n");
    exit(2);
}

int
main(int argc, char **argv)
{
    char headers[2048] = "";
    int timeout_s = 120, opt;
    while ((opt = getopt(argc, argv, "p:u:n:k:H:r:d:t:")) != -1) {
        switch (opt) {
        case 'p': port = atoi(optarg); break;
        case 'u': path = optarg; break;
        case 'n': n_subs = atoi(optarg); break;
        case 'k': k_events = atoi(optarg); break;
        case 'r': ready_file = optarg; break;
        case 'd': delivered_file = optarg; break;
        case 't': timeout_s = atoi(optarg); break;
        case 'H':
            if (strlen(headers) + strlen(optarg) + 3 >= sizeof(headers)) {
                usage();
            }
            strcat(headers, optarg);
            strcat(headers, "\r\n");
            break;
        default: usage();
        }
    }
    if (port <= 0 || !path || n_subs <= 0 || k_events < 0) {
        usage();
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    snprintf(request, sizeof(request),
             "GET %s HTTP/1.0\r\nHost: 127.0.0.1:%d\r\nAccept: text/event-stream\r\n%s\r\n", path,
             port, headers);
    struct conn *cs = calloc((size_t)n_subs, sizeof(*cs));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (!cs || ep < 0) {
        perror("sse-load");
        return 2;
    }
    int n_started = 0, connect_fail = 0, ready_told = 0, delivered_told = 0;
    long long t_start = now_us(), t_ready = 0;
    struct epoll_event evs[256];
    while (n_closed < n_subs && now_us() - t_start < (long long)timeout_s * 1000000) {
        while (n_started < n_subs && n_started - n_ready - connect_fail < MAX_PENDING) {
            if (open_one(ep, &cs[n_started]) < 0) {
                cs[n_started].state = 3;
                connect_fail++;
                n_closed++;
            }
            n_started++;
        }
        int n = epoll_wait(ep, evs, (int)(sizeof(evs) / sizeof(evs[0])), 100);
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            int over = 0;
            if (c->state == 0 && (evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
                int err = 0;
                socklen_t el = sizeof(err);
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
                size_t rl_len = strlen(request);
                if (err || write(c->fd, request, rl_len) != (ssize_t)rl_len) {
                    c->bad = 1;
                    over = 1;
                } else {
                    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                    c->state = 1;
                }
            } else if (c->state == 1 || c->state == 2) {
                over = on_readable(c);
            }
            if (over && c->state != 3) {
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                c->state = 3;
                n_closed++;
            }
        }
        if (!ready_told && n_ready == n_subs) {
            ready_told = 1;
            t_ready = now_us();
            touch(ready_file);
        }
        if (!delivered_told && k_events > 0 && n_delivered == n_subs) {
            delivered_told = 1;
            touch(delivered_file);
        }
    }
    int dups = 0, gaps = 0, bad = 0, incomplete = 0, done = 0;
    for (int i = 0; i < n_subs; i++) {
        struct conn *c = &cs[i];
        dups += c->dups;
        gaps += c->gaps;
        bad += c->bad;
        done += c->got_done;
        incomplete += c->n_timed != k_events || !c->got_done;
        if (c->state != 3 && c->fd > 0) {
            close(c->fd);
        }
        free(c->buf);
    }
    if (n_delays) {
        qsort(delays, n_delays, sizeof(*delays), cmp_ll);
    }
#define PCT(p) (n_delays ? delays[(n_delays * (p)) / 100 < n_delays ? (n_delays * (p)) / 100 : n_delays - 1] / 1000.0 : 0.0)
    printf("subscribers=%d connected=%d ready=%d events=%zu expected=%lld done=%d dups=%d gaps=%d "
           "bad=%d connect_fail=%d incomplete=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f ramp_s=%.2f\n",
           n_subs, n_started - connect_fail, n_ready, n_delays, (long long)n_subs * k_events, done,
           dups, gaps, bad, connect_fail, incomplete, PCT(50), PCT(99),
           n_delays ? delays[n_delays - 1] / 1000.0 : 0.0,
           t_ready ? (double)(t_ready - t_start) / 1e6 : -1.0);
    free(delays);
    free(cs);
    return dups || gaps || bad || connect_fail || incomplete ? 1 : 0;
}
