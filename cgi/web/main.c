/* SPDX-License-Identifier: MIT */
/* main.c - agentgen-web: a prefork FastCGI server. The master opens (or inherits from systemd)
 * the listening socket, forks N workers, replaces any that die, and on SIGTERM lets each worker
 * finish its in-flight request before exiting. Workers open their own DB connection. */
#include <errno.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* finish ends the request without libfcgi's graceful close, which half-closes the socket and
 * then blocks in poll() until nginx closes its end: a worker idle for nothing after every
 * request. What nginx may still have sent (an unread body) is drained first, so the close
 * cannot turn into a reset that loses the response. */
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
    fr->detached = 1; /* FCGX_Free then closes without the shutdown-and-wait */
    FCGX_Finish_r(fr);
}

/* accept_one takes the next connection with a plain accept() and hands it to libfcgi, which
 * then only parses the request. libfcgi's own OS_Accept serialises workers with an fcntl lock
 * (two extra syscalls and a convoy per request); the kernel already gives each connection to
 * exactly one blocked accept(). With keepConnection set, FCGX_Accept_r's initial Finish keeps
 * the fd we just placed, and it skips its accept because ipcFd is open. */
static int
accept_one(int listen_fd, FCGX_Request *fr)
{
    for (;;) {
        int c = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            log_msg(LOG_ERR, "m=worker err=accept: %s", strerror(errno));
            return -1;
        }
        fr->ipcFd = c;
        fr->keepConnection = 1;
        if (FCGX_Accept_r(fr) == 0) {
            return 0;
        }
        /* a connection that closed before sending a request: libfcgi freed it; go on */
    }
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
    FCGX_Request fr;
    if (!ar || FCGX_InitRequest(&fr, fd, 0) != 0) {
        return 1;
    }
    struct buf out = BUF_INIT;
    while (!stopping) {
        if (accept_one(fd, &fr) < 0) {
            break;
        }
        in_request = 1;
        (void)serve_one(app, &fr, ar, &out);
        finish(&fr);
        arena_reset(ar);
        buf_reset(&out);
        if (out.cap > (1u << 20)) {
            buf_free(&out); /* don't hold on to one huge response forever */
        }
        in_request = 0;
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
    sigprocmask(SIG_BLOCK, &block, &old);
    while (!stopping) {
        if (!child_died) {
            sigsuspend(&old);
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
                    if (!stopping) {
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
    if (fd < 0) {
        return 1;
    }
    long n = app.cfg.workers > 0 ? app.cfg.workers : 2 * sysconf(_SC_NPROCESSORS_ONLN);
    n = n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : n;
    struct sigaction sa = {0};
    sa.sa_handler = on_term_master;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    log_msg(LOG_INFO, "m=master listening workers=%ld schema=%d", n, app.schema_latest);
    return master_loop(&app, fd, (int)n);
}
