/* SPDX-License-Identifier: MIT */
/* tool_file.c - paths confined to a directory (tools_open_beneath, also used by pdf_reader) and the
 * file_writer tool. Every component is opened with openat(O_NOFOLLOW) from the root's descriptor,
 * so neither "..", an absolute path nor a symlink (planted anywhere in the tree) can lead outside;
 * the written file must be a regular file with a single link. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/jsn.h"
#include "tools_int.h"

#define MAX_PATH  1024
#define MAX_DEPTH 32

static int split_path(const char *rel, char *copy, size_t cap, char **parts, int *n, char *err,
                      size_t errcap);
static int open_dir_step(int dirfd, const char *name, int mkdirs, int *out, char *err,
                         size_t errcap);
static int errno_to_fail(int e, const char *name, char *err, size_t errcap);
static int write_all(int fd, const char *p, size_t n);

/* split_path validates rel and splits a copy of it into components ("." and "" dropped). */
static int
split_path(const char *rel, char *copy, size_t cap, char **parts, int *n, char *err, size_t errcap)
{
    size_t len = strlen(rel);
    if (len == 0 || len >= cap || len >= MAX_PATH) {
        return tools_fail(err, errcap, AG_EINVAL, "path must be 1 to %d bytes", MAX_PATH - 1);
    }
    if (rel[0] == '/') {
        return tools_fail(err, errcap, AG_EFORBIDDEN,
                          "absolute paths are not allowed: use a "
                          "path relative to the run folder");
    }
    for (const unsigned char *p = (const unsigned char *)rel; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || *p == '\\') {
            return tools_fail(err, errcap, AG_EINVAL,
                              "path contains a control character or "
                              "backslash");
        }
    }
    memcpy(copy, rel, len + 1);
    *n = 0;
    for (char *c = copy, *next; c; c = next) {
        next = strchr(c, '/');
        if (next) {
            *next++ = '\0';
        }
        if (*c == '\0' || strcmp(c, ".") == 0) {
            continue;
        }
        if (strcmp(c, "..") == 0) {
            return tools_fail(err, errcap, AG_EFORBIDDEN, "\"..\" is not allowed in paths");
        }
        if (*n == MAX_DEPTH || strlen(c) > 255) {
            return tools_fail(err, errcap, AG_EINVAL, "path is too deep or a name too long");
        }
        parts[(*n)++] = c;
    }
    if (*n == 0) {
        return tools_fail(err, errcap, AG_EINVAL, "path names no file");
    }
    return 0;
}

static int
errno_to_fail(int e, const char *name, char *err, size_t errcap)
{
    if (e == ELOOP || e == EMLINK) {
        return tools_fail(err, errcap, AG_EFORBIDDEN,
                          "\"%.100s\" is a symbolic link; links are not followed", name);
    }
    if (e == ENOENT) {
        return tools_fail(err, errcap, AG_ENOTFOUND, "\"%.100s\" does not exist", name);
    }
    if (e == ENOTDIR) {
        return tools_fail(err, errcap, AG_EINVAL, "\"%.100s\" is not a folder", name);
    }
    if (e == EISDIR) {
        return tools_fail(err, errcap, AG_EINVAL, "\"%.100s\" is a folder", name);
    }
    return tools_fail(err, errcap, AG_EINTERNAL, "\"%.100s\": %s", name, strerror(e));
}

static int
open_dir_step(int dirfd, const char *name, int mkdirs, int *out, char *err, size_t errcap)
{
    const int fl = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int fd = openat(dirfd, name, fl);
    if (fd < 0 && errno == ENOENT && mkdirs) {
        if (mkdirat(dirfd, name, 0750) < 0 && errno != EEXIST) {
            return errno_to_fail(errno, name, err, errcap);
        }
        fd = openat(dirfd, name, fl);
    }
    if (fd < 0) {
        /* O_DIRECTORY|O_NOFOLLOW on a symlink gives ENOTDIR on some kernels: say what it is. */
        struct stat st;
        int e = errno;
        if (e == ENOTDIR && fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(st.st_mode)) {
            e = ELOOP;
        }
        return errno_to_fail(e, name, err, errcap);
    }
    *out = fd;
    return 0;
}

int
tools_open_beneath(const char *root, const char *rel, int flags, int mkdirs, int *fd, char *norm,
                   size_t normcap, char *err, size_t errcap)
{
    char copy[MAX_PATH];
    char *parts[MAX_DEPTH];
    int n = 0, rc = split_path(rel, copy, sizeof(copy), parts, &n, err, errcap);
    if (rc < 0) {
        return rc;
    }
    int dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        return tools_fail(err, errcap, AG_EINTERNAL, "the tool's folder is not available");
    }
    for (int i = 0; i < n - 1 && rc == 0; i++) {
        int next = -1;
        rc = open_dir_step(dirfd, parts[i], mkdirs, &next, err, errcap);
        close(dirfd);
        dirfd = next;
    }
    if (rc < 0) {
        return rc;
    }
    int f = openat(dirfd, parts[n - 1], flags | O_NOFOLLOW | O_CLOEXEC, 0640);
    int e = errno;
    close(dirfd);
    if (f < 0) {
        return errno_to_fail(e, parts[n - 1], err, errcap);
    }
    size_t used = 0;
    norm[0] = '\0';
    for (int i = 0; i < n && normcap > 0; i++) {
        int w = snprintf(norm + used, normcap - used, "%s%s", i ? "/" : "", parts[i]);
        used += w > 0 ? (size_t)w : 0;
        used = used < normcap ? used : normcap - 1;
    }
    *fd = f;
    return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int
tools_file_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
               char *err, size_t errcap)
{
    static const char *const keys[] = {"path", "content", "append", NULL};
    struct tool_limits lim = tools_limits(ctx);
    const char *path = NULL, *content = NULL;
    int append = 0;
    int rc = tools_check_keys(args, keys, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "path", 1, MAX_PATH - 1, &path, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "content", 0, lim.file_max_bytes, &content, err, errcap);
    if (rc == 0 && jsn_bool(args, "append", 0, &append) < 0) {
        rc = tools_fail(err, errcap, AG_EINVAL, "\"append\" must be true or false");
    }
    if (rc == 0 && !content) {
        rc = tools_fail(err, errcap, AG_EINVAL, "\"content\" is required");
    }
    if (rc == 0 && !ctx->run_dir) {
        rc = tools_fail(err, errcap, AG_EINTERNAL, "file_writer has no run folder configured");
    }
    if (rc < 0) {
        return rc;
    }
    char norm[MAX_PATH];
    int fd = -1;
    /* O_NONBLOCK: a FIFO planted in the folder fails (ENXIO) instead of blocking us. No O_TRUNC
     * yet: a hard-linked file must be refused before anything is changed. */
    rc = tools_open_beneath(ctx->run_dir, path, O_WRONLY | O_CREAT | O_NONBLOCK, 1, &fd, norm,
                            sizeof(norm), err, errcap);
    if (rc < 0) {
        return rc;
    }
    struct stat st;
    size_t len = strlen(content);
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
        rc =
            tools_fail(err, errcap, AG_EFORBIDDEN, "file_writer: \"%s\" is not a plain file", norm);
    } else if (append && (size_t)st.st_size + len > lim.file_max_bytes) {
        rc = tools_fail(err, errcap, AG_ETOOBIG, "file_writer: the file would exceed %zu bytes",
                        lim.file_max_bytes);
    } else if ((!append && ftruncate(fd, 0) < 0) || lseek(fd, 0, SEEK_END) < 0 ||
               write_all(fd, content, len) < 0) {
        rc = tools_fail(err, errcap, AG_EINTERNAL, "file_writer: writing \"%s\" failed: %s", norm,
                        strerror(errno));
    }
    close(fd);
    if (rc == 0) {
        rc = jsn_add_str(out, "path", norm);
        rc = rc ? rc : jsn_add_int(out, "bytes", (long long)len);
        rc = rc ? rc : jsn_add_bool(out, "appended", append);
    }
    return rc;
}
