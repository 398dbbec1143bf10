/* SPDX-License-Identifier: MIT */
/* main.c - agentgen-web: a prefork FastCGI server. The master opens (or inherits from systemd)
 * the listening socket, forks N workers, replaces any that die, and on SIGTERM lets each worker
 * finish its in-flight request before exiting. On SIGHUP it reads the config again and, when it
 * is valid, replaces every worker the same graceful way (systemctl reload). Workers open their
 * own DB connection. */
#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/db.h"
#include "../core/httpc.h"
#include "../core/log.h"
#include "../core/sock.h"
#include "../engine/escape.h"
#include "app.h"
#include "dispatch.h"

#define MAX_WORKERS 256

static volatile sig_atomic_t stopping;
static volatile sig_atomic_t in_request;
static volatile sig_atomic_t child_died;
static volatile sig_atomic_t reload_asked;

static void on_term_worker(int sig);
static void on_term_master(int sig);
static void on_child(int sig);
static int worker_main(struct app *app, int fd);
static int serve_one(struct app *app, FCGX_Request *fr, struct arena *ar, struct buf *out);

static void
on_term_worker(int sig)
{
    (void)sig;
    if (!in_request) {
        _exit(0); /* idle: nothing in flight */
    }
    stopping = 1; /* finish the current request, then leave */
}

static void
on_term_master(int sig)
{
    (void)sig;
    stopping = 1;
}

static void
on_hup(int sig)
{
    (void)sig;
    reload_asked = 1;
}

/* reload: the config read again; on success every worker is told to finish and is replaced by
 * one forked with the new config (the listening socket stays open, so nothing is refused). */
static void
reload(struct app *app, pid_t *pids, int n, int *replacing)
{
    static struct cfg next; /* large: not on the stack */
    static struct sso_config next_sso;
    char why[256] = "";
    if (cfg_load(&next, NULL, why, sizeof(why)) < 0 ||
        sso_config_load(&next, &next_sso, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "m=master err=reload refused, keeping the running config: %s", why);
        return;
    }
    /* the database, the files and the socket are the master's for its whole life */
    if (strcmp(next.db_path, app->cfg.db_path) || strcmp(next.share_dir, app->cfg.share_dir) ||
        strcmp(next.web_socket, app->cfg.web_socket) || next.workers != app->cfg.workers) {
        log_msg(LOG_WARNING, "m=master db_path, share_dir, web_socket and workers change only "
                             "with a restart; reloading the rest");
    }
    memcpy(next.db_path, app->cfg.db_path, sizeof(next.db_path));
    memcpy(next.share_dir, app->cfg.share_dir, sizeof(next.share_dir));
    memcpy(next.web_socket, app->cfg.web_socket, sizeof(next.web_socket));
    next.workers = app->cfg.workers;
    app->cfg = next;
    app->sso = next_sso;
    log_set_level(app->cfg.log_level);
    for (int i = 0; i < n; i++) {
        if (pids[i] > 0) {
            kill(pids[i], SIGTERM);
        }
    }
    *replacing = n;
    log_msg(LOG_INFO, "m=master config reloaded: replacing %d workers", n);
}

static void
on_child(int sig)
{
    (void)sig;
    child_died = 1;
}

static int
serve_one(struct app *app, FCGX_Request *fr, struct arena *ar, struct buf *out)
{
    const char *cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
    long long len = 0;
    if (cl && *cl) {
        char *end = NULL;
        len = strtoll(cl, &end, 10);
        if (*end || len < 0) {
            len = 0;
        }
    }
    char *body = NULL;
    if (len > 0 && len <= app->cfg.max_body) {
        body = arena_alloc(ar, (size_t)len + 1);
        int got = body ? FCGX_GetStr(body, (int)len, fr->in) : -1;
        if (got != len) {
            return AG_EINVAL; /* client went away mid-body */
        }
    }
    web_handle(app, ar, fr->envp, body, (size_t)len, out);
    if (FCGX_PutStr(buf_cstr(out), (int)out->len, fr->out) < 0) {
        return AG_EUPSTREAM;
    }
    return 0;
}

/* finish ends the request. What nginx may still have sent (an unread body) is drained first.
 * A connection nginx asked to keep (FCGI_KEEP_CONN) stays open for its next request; any other
 * is closed without libfcgi's graceful close, which half-closes the socket and then blocks in
 * poll() until nginx closes its end: a worker idle for nothing after every request. */
static void
finish(FCGX_Request *fr)
{
    char sink[4096];
    long long drained = 0;
    while (drained < (16LL << 20)) {
        int n = FCGX_GetStr(sink, sizeof(sink), fr->in);
        if (n <= 0) {
            break;
        }
        drained += n;
    }
    fr->detached = 1; /* FCGX_Free closes without the shutdown-and-wait */
    FCGX_Finish_r(fr);
}

/* A worker multiplexes the connections nginx keeps open to it (upstream keepalive with
 * fastcgi_keep_conn): one epoll set holds the shared listening socket and every connection
 * this worker accepted; requests are still served one at a time, to completion. Keeping the
 * connections saves nginx a socket+connect+close and us an accept+close per request, and a
 * worker woken once serves every connection that is ready. Each connection has its own
 * FCGX_Request whose listen socket is -1, so libfcgi can never block in accept() on its own:
 * on a closed or broken connection FCGX_Accept_r fails and the slot is freed. */
#define MAX_CONNS 128

struct conn {
    FCGX_Request fr;
    int used;
};

static void
conn_close(int ep, struct conn *c)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fr.ipcFd, NULL);
    close(c->fr.ipcFd);
    c->fr.ipcFd = -1;
    c->used = 0;
}

/* conn_accept takes one connection from the listening socket into a free slot (one exists:
 * the listener is off while all are used) and the epoll set; NULL when there was none. */
static struct conn *
conn_accept(int ep, int fd, struct conn *conns)
{
    int cfd = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
    if (cfd < 0) {
        if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED) {
            log_msg(LOG_ERR, "m=worker err=accept: %s", strerror(errno));
        }
        return NULL;
    }
    struct conn *c = conns;
    while (c->used) {
        c++;
    }
    struct epoll_event cev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = c};
    if (FCGX_InitRequest(&c->fr, -1, 0) != 0 || epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &cev) != 0) {
        close(cfd);
        return NULL;
    }
    c->fr.ipcFd = cfd;
    c->used = 1;
    return c;
}

/* conn_serve serves the request waiting on c: 0 = c stays open for its next request,
 * 1 = c is closed and its slot free. */
static int
conn_serve(struct app *app, int ep, struct conn *c, unsigned events, struct arena *ar,
           struct buf *out)
{
    if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        conn_close(ep, c); /* nginx closed a kept connection (it never half-closes after
                            * sending a request) */
        return 1;
    }
    in_request = 1;
    c->fr.detached = 1;       /* should libfcgi close it: no shutdown-and-wait */
    c->fr.keepConnection = 1; /* else Accept's opening Finish closes the fd */
    if (FCGX_Accept_r(&c->fr) == 0) {
        (void)serve_one(app, &c->fr, ar, out);
        finish(&c->fr);
        arena_reset(ar);
        buf_reset(out);
        if (out->cap > (1u << 20)) {
            buf_free(out); /* don't hold on to one huge response forever */
        }
    } /* else closed before a request, or a broken one: libfcgi has closed the fd */
    in_request = 0;
    if (c->fr.ipcFd >= 0) {
        return 0; /* kept */
    }
    c->used = 0; /* libfcgi closed it, which also took it out of the epoll set */
    return 1;
}

static int
worker_main(struct app *app, int fd)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_term_worker;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (db_open(app->cfg.db_path, &app->db) < 0) {
        log_msg(LOG_ERR, "m=worker err=cannot open database %s", app->cfg.db_path);
        return 1;
    }
    if (httpc_global_init() < 0) {
        return 1;
    }
    struct arena *ar = arena_new((size_t)app->cfg.max_request_mem);
    struct conn *conns = calloc(MAX_CONNS, sizeof(*conns));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    /* EPOLLEXCLUSIVE: a new connection wakes one idle worker, not all of them */
    struct epoll_event lev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = NULL};
    if (!ar || !conns || ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &lev) != 0) {
        log_msg(LOG_ERR, "m=worker err=cannot set up: %s", strerror(errno));
        return 1;
    }
    int nconns = 0, listening = 1;
    struct buf out = BUF_INIT;
    struct epoll_event evs[32];
    while (!stopping) {
        int n = epoll_wait(ep, evs, 32, -1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            log_msg(LOG_ERR, "m=worker err=epoll_wait: %s", strerror(errno));
            break;
        }
        for (int i = 0; i < n && !stopping; i++) {
            struct conn *c = evs[i].data.ptr;
            unsigned events = evs[i].events;
            if (!c) { /* the listening socket */
                if (!(c = conn_accept(ep, fd, conns))) {
                    continue;
                }
                events = EPOLLIN; /* nginx writes the request right after connecting */
                if (++nconns == MAX_CONNS) {
                    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                    listening = 0;
                }
            }
            if (conn_serve(app, ep, c, events, ar, &out) == 1) {
                nconns--;
                if (!listening && epoll_ctl(ep, EPOLL_CTL_ADD, fd, &lev) == 0) {
                    listening = 1;
                }
            }
        }
    }
    buf_free(&out);
    arena_free(ar);
    db_close(app->db);
    return 0;
}

static pid_t
spawn(struct app *app, int fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        /* the master blocks SIGTERM/SIGCHLD around sigsuspend; a worker must not inherit that */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGCHLD, SIG_DFL);
        signal(SIGHUP, SIG_IGN); /* reloads are the master's business */
        log_set_ident("web-worker");
        _exit(worker_main(app, fd));
    }
    if (pid < 0) {
        log_msg(LOG_ERR, "m=master err=fork: %s", strerror(errno));
    }
    return pid;
}

static int
master_loop(struct app *app, int fd, int n)
{
    pid_t pids[MAX_WORKERS] = {0};
    for (int i = 0; i < n; i++) {
        pids[i] = spawn(app, fd);
    }
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    int replacing = 0; /* workers told to go by a reload: respawned without the pause */
    while (!stopping) {
        if (!child_died && !reload_asked) {
            sigsuspend(&old);
        }
        if (reload_asked) {
            reload_asked = 0;
            reload(app, pids, n, &replacing);
        }
        child_died = 0;
        int status;
        pid_t dead;
        while ((dead = waitpid(-1, &status, WNOHANG)) > 0) {
            for (int i = 0; i < n; i++) {
                if (pids[i] == dead) {
                    log_msg(LOG_WARNING, "m=master worker=%d exit=%d sig=%d, replacing",
                            (int)dead, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                            WIFSIGNALED(status) ? WTERMSIG(status) : 0);
                    pids[i] = stopping ? 0 : spawn(app, fd);
                    if (replacing > 0) {
                        replacing--;
                    } else if (!stopping) {
                        usleep(100000); /* a worker that dies at once must not spin us */
                    }
                }
            }
        }
    }
    log_msg(LOG_INFO, "m=master stopping: letting workers finish");
    for (int i = 0; i < n; i++) {
        if (pids[i] > 0) {
            kill(pids[i], SIGTERM);
        }
    }
    while (wait(NULL) > 0 || errno == EINTR) {
    }
    return 0;
}

int
main(int argc, char **argv)
{
    struct app app = {0};
    char why[256] = "";
    log_set_ident("web");
    /* A sign-in hashes with scrypt: one 16 MiB block. glibc's adaptive threshold would serve
     * the second such block from the heap and keep it there for good (a worker at 25 MiB
     * after two sign-ins); a fixed threshold maps every large block and unmaps it on free. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    if (cfg_load(&app.cfg, NULL, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "m=config err=%s", why);
        return 1;
    }
    if (sso_config_load(&app.cfg, &app.sso, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "m=config err=%s", why);
        return 1;
    }
    log_set_level(app.cfg.log_level);
    const char *listen_path = argc > 2 && strcmp(argv[1], "--listen") == 0 ? argv[2] : NULL;
    if (cfg_share_path(&app.cfg, "templates/web", app.tmpl_root, sizeof(app.tmpl_root)) < 0 ||
        cfg_share_path(&app.cfg, "sql", app.sql_dir, sizeof(app.sql_dir)) < 0 ||
        db_latest_migration(app.sql_dir, &app.schema_latest) < 0) {
        log_msg(LOG_ERR, "m=config err=cannot read migrations under %s", app.cfg.share_dir);
        return 1;
    }
    app.started = time(NULL);
    if (escape_register() < 0) {
        log_msg(LOG_ERR, "m=master err=cannot register template filters");
        return 1;
    }
    if (FCGX_Init() != 0) {
        return 1;
    }
    int fd = sock_listen(listen_path ? listen_path : app.cfg.web_socket);
    if (fd < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        return 1; /* non-blocking: several workers may wake for one connection */
    }
    long n = app.cfg.workers > 0 ? app.cfg.workers : 2 * sysconf(_SC_NPROCESSORS_ONLN);
    n = n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : n;
    struct sigaction sa = {0};
    sa.sa_handler = on_term_master;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    log_msg(LOG_INFO, "m=master listening workers=%ld schema=%d", n, app.schema_latest);
    return master_loop(&app, fd, (int)n);
}
