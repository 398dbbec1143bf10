/* SPDX-License-Identifier: MIT */
/* tool_pdf.c - the pdf_reader tool: text extraction with poppler-utils' pdftotext, run by
 * fork/execve with a fixed argv (no shell, empty environment but PATH/LANG), a wall-clock timeout
 * (SIGKILL), a CPU rlimit and an output cap. The file is opened here, confined like file_writer
 * (tools_open_beneath), and handed to the child as stdin, so the child never sees a path we didn't
 * check. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/jsn.h"
#include "tools_int.h"

#define PDFTOTEXT "/usr/bin/pdftotext"

struct extract {
    struct buf text;
    int truncated;
    int timed_out;
    int cancelled;
    int status; /* waitpid status */
};

static int open_pdf(const struct tool_ctx *ctx, const char *path, int *fd, char *norm,
                    size_t normcap, char *err, size_t errcap);
static int looks_like_pdf(int fd);
static void child_exec(int in_fd, int out_fd, int null_fd, long timeout_ms);
static int read_child(int out_fd, pid_t pid, const struct tool_limits *lim,
                      const volatile int *cancel, struct extract *x);
static int run_pdftotext(int in_fd, const struct tool_limits *lim, const volatile int *cancel,
                         struct extract *x);
static int explain_failure(const struct extract *x, const char *norm, char *err, size_t errcap);

/* open_pdf looks for path in the run folder, then in the uploads folder. */
static int
open_pdf(const struct tool_ctx *ctx, const char *path, int *fd, char *norm, size_t normcap,
         char *err, size_t errcap)
{
    const char *roots[2] = {ctx->run_dir, ctx->upload_dir};
    int rc = AG_ENOTFOUND;
    for (size_t i = 0; i < AG_NELEM(roots) && rc == AG_ENOTFOUND; i++) {
        if (roots[i]) {
            rc = tools_open_beneath(roots[i], path, O_RDONLY | O_NONBLOCK, 0, fd, norm, normcap,
                                    err, errcap);
        }
    }
    if (rc == AG_ENOTFOUND) {
        return tools_fail(err, errcap, rc,
                          "pdf_reader: \"%.200s\" was not found in the run or "
                          "upload folder",
                          path);
    }
    struct stat st;
    if (rc == 0 && (fstat(*fd, &st) < 0 || !S_ISREG(st.st_mode))) {
        close(*fd);
        return tools_fail(err, errcap, AG_EINVAL, "pdf_reader: \"%s\" is not a plain file", norm);
    }
    return rc;
}

/* looks_like_pdf: "%PDF-" within the first 1024 bytes (readers allow leading junk). */
static int
looks_like_pdf(int fd)
{
    char head[1024];
    ssize_t n = pread(fd, head, sizeof(head), 0);
    return n >= 5 && memmem(head, (size_t)n, "%PDF-", 5) != NULL;
}

/* child_exec runs in the forked child: async-signal-safe calls only. */
static void
child_exec(int in_fd, int out_fd, int null_fd, long timeout_ms)
{
    /* execve wants char *const[]; string literals are const here (-Wwrite-strings). */
    static char a0[] = "pdftotext", a1[] = "-layout", a2[] = "-enc", a3[] = "UTF-8", a4[] = "-",
                a5[] = "-", e0[] = "PATH=/usr/bin:/bin", e1[] = "LANG=C.UTF-8";
    static char *const argv[] = {a0, a1, a2, a3, a4, a5, NULL};
    static char *const envp[] = {e0, e1, NULL};
    rlim_t cpu = (rlim_t)(timeout_ms / 1000 + 1);
    struct rlimit rl_cpu = {cpu, cpu + 1}, rl_core = {0, 0};
    if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(null_fd, 2) < 0) {
        _exit(126);
    }
    close_range(3, ~0U, 0);
    AG_IGNORE(setrlimit(RLIMIT_CPU, &rl_cpu));
    AG_IGNORE(setrlimit(RLIMIT_CORE, &rl_core));
    execve(PDFTOTEXT, argv, envp);
    _exit(127);
}

static int
read_child(int out_fd, pid_t pid, const struct tool_limits *lim, const volatile int *cancel,
           struct extract *x)
{
    char chunk[16384];
    long long deadline = ag_mono_ms() + lim->pdf_timeout_ms;
    int rc = 0;
    for (;;) {
        long long left = deadline - ag_mono_ms();
        struct pollfd pfd = {out_fd, POLLIN, 0};
        int pr = left > 0 ? poll(&pfd, 1, left > 100 ? 100 : (int)left) : 0; /* 100 ms slices */
        if (cancel && *cancel) {
            x->cancelled = 1;
            break;
        }
        if ((pr < 0 && errno == EINTR) || (pr == 0 && left > 100)) {
            continue;
        }
        if (pr <= 0) {
            x->timed_out = 1;
            break;
        }
        ssize_t n = read(out_fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break; /* EOF: the child closed its stdout */
        }
        size_t room = lim->pdf_max_bytes - x->text.len;
        size_t take = (size_t)n < room ? (size_t)n : room;
        if (buf_append(&x->text, chunk, take) < 0) {
            rc = AG_ENOMEM;
            break;
        }
        if (take < (size_t)n) {
            x->truncated = 1;
            break;
        }
    }
    if (rc < 0 || x->timed_out || x->truncated || x->cancelled) {
        kill(pid, SIGKILL);
    }
    return rc;
}

static int
run_pdftotext(int in_fd, const struct tool_limits *lim, const volatile int *cancel,
              struct extract *x)
{
    int pipefd[2];
    int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_fd < 0 || pipe2(pipefd, O_CLOEXEC) < 0) {
        if (null_fd >= 0) {
            close(null_fd);
        }
        return AG_EINTERNAL;
    }
    pid_t pid = fork();
    if (pid == 0) {
        child_exec(in_fd, pipefd[1], null_fd, lim->pdf_timeout_ms);
    }
    close(pipefd[1]);
    close(null_fd);
    int rc = pid < 0 ? AG_EINTERNAL : read_child(pipefd[0], pid, lim, cancel, x);
    close(pipefd[0]);
    while (pid > 0 && waitpid(pid, &x->status, 0) < 0 && errno == EINTR) {
    }
    return rc;
}

static int
explain_failure(const struct extract *x, const char *norm, char *err, size_t errcap)
{
    if (x->cancelled) {
        return tools_fail(err, errcap, AG_EBUSY, "pdf_reader: cancelled");
    }
    if (x->timed_out) {
        return tools_fail(err, errcap, AG_EBUSY, "pdf_reader: extracting \"%s\" took too long",
                          norm);
    }
    if (x->truncated) {
        return 0; /* killed on purpose; what we have is the result */
    }
    int code = WIFEXITED(x->status) ? WEXITSTATUS(x->status) : -1;
    if (code == 0) {
        return 0;
    }
    if (code == 127) {
        return tools_fail(err, errcap, AG_EINTERNAL,
                          "pdf_reader needs poppler-utils "
                          "(pdftotext could not be started)");
    }
    if (code == 3) {
        return tools_fail(err, errcap, AG_EFORBIDDEN,
                          "pdf_reader: \"%s\" does not permit text "
                          "extraction",
                          norm);
    }
    return tools_fail(err, errcap, AG_EUPSTREAM,
                      "pdf_reader: \"%s\" could not be read as a PDF (damaged or unsupported)",
                      norm);
}

int
tools_pdf_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
              char *err, size_t errcap)
{
    static const char *const keys[] = {"path", NULL};
    struct tool_limits lim = tools_limits(ctx);
    const char *path = NULL;
    char norm[1024];
    int fd = -1;
    int rc = tools_check_keys(args, keys, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "path", 1, sizeof(norm) - 1, &path, err, errcap);
    if (rc == 0 && !ctx->run_dir && !ctx->upload_dir) {
        rc = tools_fail(err, errcap, AG_EINTERNAL, "pdf_reader has no folder configured");
    }
    rc = rc ? rc : open_pdf(ctx, path, &fd, norm, sizeof(norm), err, errcap);
    if (rc < 0) {
        return rc;
    }
    if (!looks_like_pdf(fd)) {
        close(fd);
        return tools_fail(err, errcap, AG_EINVAL, "pdf_reader: \"%s\" is not a PDF file", norm);
    }
    struct extract x = {BUF_INIT, 0, 0, 0, 0};
    rc = run_pdftotext(fd, &lim, ctx->cancel, &x);
    close(fd);
    rc = rc ? rc : explain_failure(&x, norm, err, errcap);
    long long pages = 0;
    for (size_t i = 0; i < x.text.len; i++) {
        pages += x.text.data[i] == '\f'; /* pdftotext ends every page with a form feed */
    }
    rc = rc ? rc : jsn_add_str(out, "path", norm);
    rc = rc ? rc : tools_add_text(out, "text", buf_cstr(&x.text), x.text.len);
    rc = rc ? rc : jsn_add_int(out, "pages", pages);
    rc = rc ? rc : jsn_add_bool(out, "truncated", x.truncated);
    buf_free(&x.text);
    return rc;
}
