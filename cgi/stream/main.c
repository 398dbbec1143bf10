/* SPDX-License-Identifier: MIT */
/* main.c - agentgen-stream: the long-lived FastCGI responder for Server-Sent Events. One thread
 * per open stream; the accept loop stops on SIGTERM and open streams are closed (clients resume
 * with Last-Event-ID). Serves GET /api/streams/ping and the run/chat streams of hub.c/sse.c. */
#include <errno.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/cfg.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/sock.h"
#include "hub.h"

/* A stream thread's stack: what sse.c does (an auth lookup and a replay in SQLite, a few
 * hundred bytes of locals) peaks well under 64 KiB. AddressSanitizer's redzones and fake
 * frames need several times more. */
#if defined(__SANITIZE_ADDRESS__)
#define STREAM_STACK (512 * 1024)
#else
#define STREAM_STACK (128 * 1024)
#endif

static volatile sig_atomic_t stopping;
static struct hub *hub; /* process state: the event reader and its ring */

static void
on_term(int sig)
{
    (void)sig;
    stopping = 1;
    FCGX_ShutdownPending();
}

static void
reply_text(FCGX_Request *fr, const char *status, const char *ctype, const char *body)
{
    FCGX_FPrintF(fr->out,
                 "Status: %s\r\nContent-Type: %s\r\nX-Content-Type-Options: nosniff\r\n"
                 "Cache-Control: no-store\r\n\r\n%s",
                 status, ctype, body);
}

/* ping: five events 200 ms apart, each flushed on its own, so a client can check that nothing
 * between it and us buffers the stream. */
static void
serve_ping(FCGX_Request *fr)
{
    FCGX_FPrintF(fr->out, "Status: 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                          "Cache-Control: no-store\r\nX-Accel-Buffering: no\r\n"
                          "X-Content-Type-Options: nosniff\r\n\r\nretry: 2000\n\n");
    FCGX_FFlush(fr->out);
    for (int i = 1; i <= 5 && !stopping; i++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        long long ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
        FCGX_FPrintF(fr->out, "id: %d\nevent: ping\ndata: {\"seq\":%d,\"ts\":%lld}\n\n", i, i, ms);
        if (FCGX_FFlush(fr->out) < 0) {
            return; /* client went away */
        }
        if (i < 5) {
            usleep(200000);
        }
    }
}

static void *
serve(void *arg)
{
    FCGX_Request *fr = arg;
    const char *uri = FCGX_GetParam("DOCUMENT_URI", fr->envp);
    const char *method = FCGX_GetParam("REQUEST_METHOD", fr->envp);
    if (!uri || !method) {
        reply_text(fr, "400 Bad Request", "application/json",
                   "{\"error\":{\"code\":\"invalid\",\"message\":\"not a request\"}}\n");
    } else if (hub && hub_serve(hub, fr, uri)) {
        /* a run or chat stream, answered */
    } else if (strcmp(uri, "/api/streams/ping") != 0) {
        reply_text(fr, "404 Not Found", "application/json",
                   "{\"error\":{\"code\":\"not_found\",\"message\":\"no such stream\"}}\n");
    } else if (strcmp(method, "GET") != 0) {
        reply_text(fr, "405 Method Not Allowed", "application/json",
                   "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"use GET\"}}\n");
    } else {
        serve_ping(fr);
    }
    fr->keepConnection = 0; /* this thread's connection ends with its stream */
    FCGX_Finish_r(fr);
    free(fr);
    if (hub) {
        hub_thread_done(hub);
    }
    return NULL;
}

int
main(int argc, char **argv)
{
    struct cfg cfg;
    char why[256] = "";
    log_set_ident("stream");
    /* A thousand subscriber threads would otherwise spread their few allocations over 8 malloc
     * arenas per core, each pinned by a live chunk or two after a burst: memory that stays
     * resident for good. They allocate rarely (a connection's buffers, one output buffer), so
     * sharing two arenas costs nothing measurable. */
    mallopt(M_ARENA_MAX, 2);
    if (cfg_load(&cfg, NULL, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "m=config err=%s", why);
        return 1;
    }
    log_set_level(cfg.log_level);
    /* one descriptor per open stream: take all the hard limit allows (systemd: LimitNOFILE) */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        AG_IGNORE(setrlimit(RLIMIT_NOFILE, &rl));
    }
    struct db *db = NULL;
    if (db_open(cfg.db_path, &db) < 0) {
        log_msg(LOG_ERR, "m=stream err=cannot open database %s", cfg.db_path);
        return 1;
    }
    hub = calloc(1, sizeof(*hub));
    if (!hub || hub_start(hub, &cfg) < 0) {
        log_msg(LOG_ERR, "m=stream err=cannot start the event reader");
        return 1;
    }
    const char *path = argc > 2 && strcmp(argv[1], "--listen") == 0 ? argv[2] : cfg.stream_socket;
    if (FCGX_Init() != 0) {
        return 1;
    }
    int fd = sock_listen(path);
    if (fd < 0) {
        return 1;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, STREAM_STACK);
    log_msg(LOG_INFO, "m=stream ready");
    while (!stopping) {
        FCGX_Request *fr = calloc(1, sizeof(*fr));
        if (!fr || FCGX_InitRequest(fr, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
            free(fr);
            break;
        }
        if (FCGX_Accept_r(fr) < 0) {
            FCGX_Free(fr, 1);
            free(fr);
            continue; /* interrupted; the loop condition decides */
        }
        pthread_t th;
        if (pthread_create(&th, &attr, serve, fr) != 0) {
            reply_text(fr, "503 Service Unavailable", "application/json",
                       "{\"error\":{\"code\":\"busy\",\"message\":\"too many streams\"}}\n");
            FCGX_Finish_r(fr);
            free(fr);
        }
    }
    log_msg(LOG_INFO, "m=stream stopping");
    hub_stop(hub);
    free(hub);
    db_close(db);
    return 0;
}
