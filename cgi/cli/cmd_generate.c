/* SPDX-License-Identifier: MIT */
/* cmd_generate.c - `agentgen generate`: idea + choices -> a project folder, a zip or JSON.
 * Owns option parsing and output; the pipeline is engine_generate. -o writes only below the
 * given folder (openat with O_NOFOLLOW at every step, so symlinks cannot redirect it). */
#include "../core/buf.h"
#include "../core/jsn.h"
#include "../engine/engine.h"
#include "../engine/escape.h"
#include "../engine/zip.h"
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXIT_USAGE        2
#define EXIT_INCOMPATIBLE 3

struct gen_opts {
    const char *idea;
    const char *out_dir;
    const char *zip_path;
    int json;
    char *tools_copy; /* heap; c.tools point into it */
    struct plan_choices c;
};

static int usage(void);
static int parse_opts(int argc, char **argv, struct gen_opts *o);
static int split_tools(struct gen_opts *o, const char *list);
static int templates_root(char *out, size_t n);
static int write_all(const char *data, size_t len, int fd);
static int make_dirs(const char *dir);
static int write_tree(const char *dir, const struct gen_files *files);
static int write_one(int root, const struct gen_file *f);
static int write_zip(const char *path, const struct spec *s, const struct gen_files *files);
static int print_json(const struct spec *s, const struct gen_files *files, const struct buf *w);
static int emit(const struct gen_opts *o, const struct spec *s, const struct gen_files *files,
                const struct buf *w);

static int
usage(void)
{
    fprintf(stderr, "usage: agentgen generate \"<idea>\" -f <framework> [--pattern P] "
                    "[--model M] [--hyperscaler H] [--tools a,b] [--name N] "
                    "(-o <dir> | --zip out.zip | --json)\n");
    return EXIT_USAGE;
}

static int
split_tools(struct gen_opts *o, const char *list)
{
    free(o->tools_copy);
    o->tools_copy = strdup(list);
    if (!o->tools_copy) {
        return AG_ENOMEM;
    }
    int n = 0;
    for (char *p = o->tools_copy; p && *p;) {
        char *comma = strchr(p, ',');
        if (comma) {
            *comma = '\0';
        }
        if (*p) {
            if (n >= SPEC_MAX_TOOLS - 1) {
                return AG_EINVAL;
            }
            o->c.tools[n++] = p;
        }
        p = comma ? comma + 1 : NULL;
    }
    o->c.tools[n] = NULL;
    return 0;
}

static int
parse_opts(int argc, char **argv, struct gen_opts *o)
{
    static const struct option longs[] = {
        {"framework", required_argument, NULL, 'f'},
        {"pattern", required_argument, NULL, 'p'},
        {"model", required_argument, NULL, 'm'},
        {"hyperscaler", required_argument, NULL, 'H'},
        {"tools", required_argument, NULL, 't'},
        {"name", required_argument, NULL, 'n'},
        {"output", required_argument, NULL, 'o'},
        {"zip", required_argument, NULL, 'z'},
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0},
    };
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "f:p:m:H:t:n:o:", longs, NULL)) != -1) {
        switch (ch) {
        case 'f':
            o->c.framework = optarg;
            break;
        case 'p':
            o->c.pattern = optarg;
            break;
        case 'm':
            o->c.model = optarg;
            break;
        case 'H':
            o->c.hyperscaler = optarg;
            break;
        case 'n':
            o->c.name = optarg;
            break;
        case 'o':
            o->out_dir = optarg;
            break;
        case 'z':
            o->zip_path = optarg;
            break;
        case 'j':
            o->json = 1;
            break;
        case 't':
            if (split_tools(o, optarg) < 0) {
                return AG_EINVAL;
            }
            break;
        default:
            return AG_EINVAL;
        }
    }
    if (optind != argc - 1 || !o->c.framework) {
        return AG_EINVAL;
    }
    o->idea = argv[optind];
    return (!!o->out_dir + !!o->zip_path + o->json) == 1 ? 0 : AG_EINVAL;
}

static int
templates_root(char *out, size_t n)
{
    const char *share = getenv("AGENTGEN_SHARE_DIR");
    int w = snprintf(out, n, "%s/templates", share && *share ? share : AG_SHAREDIR);
    return w >= 0 && (size_t)w < n ? 0 : AG_ETOOBIG;
}

static int
write_all(const char *data, size_t len, int fd)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return AG_EINTERNAL;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Creates the folders of f->path under root (no symlink followed) and writes the file. */
static int
write_one(int root, const struct gen_file *f)
{
    char path[512];
    int w = snprintf(path, sizeof(path), "%s", f->path);
    if (w < 0 || (size_t)w >= sizeof(path)) {
        return AG_ETOOBIG;
    }
    int dfd = dup(root), rc = 0;
    char *seg = path;
    for (char *slash; dfd >= 0 && (slash = strchr(seg, '/')) != NULL; seg = slash + 1) {
        *slash = '\0';
        if (mkdirat(dfd, seg, 0755) < 0 && errno != EEXIST) {
            rc = AG_EINTERNAL;
            break;
        }
        int next = openat(dfd, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        close(dfd);
        dfd = next;
    }
    if (dfd < 0) {
        return AG_EFORBIDDEN; /* a path segment is a symlink or not a folder */
    }
    if (rc == 0) {
        int fd = openat(dfd, seg, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                        (mode_t)f->mode);
        rc = fd < 0 ? AG_EFORBIDDEN : write_all(f->content, f->len, fd);
        if (fd >= 0 && (fchmod(fd, (mode_t)f->mode) < 0 || close(fd) < 0)) {
            rc = rc ? rc : AG_EINTERNAL;
        }
    }
    close(dfd);
    return rc;
}

/* mkdir -p dir (the folder the user named; below it, write_one refuses symlinks). */
static int
make_dirs(const char *dir)
{
    char path[1024];
    int w = snprintf(path, sizeof(path), "%s", dir);
    if (w <= 0 || (size_t)w >= sizeof(path)) {
        return AG_EINVAL;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(path, 0755) < 0 && errno != EEXIST) {
                return AG_EINTERNAL;
            }
            *p = '/';
        }
    }
    return mkdir(path, 0755) < 0 && errno != EEXIST ? AG_EINTERNAL : 0;
}

static int
write_tree(const char *dir, const struct gen_files *files)
{
    if (make_dirs(dir) < 0) {
        return AG_EINTERNAL;
    }
    int root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        return AG_EINTERNAL;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < files->n; i++) {
        rc = write_one(root, &files->items[i]);
        if (rc < 0) {
            fprintf(stderr, "agentgen: cannot write %s/%s\n", dir, files->items[i].path);
        }
    }
    close(root);
    return rc;
}

static int
write_zip(const char *path, const struct spec *s, const struct gen_files *files)
{
    struct buf z = BUF_INIT;
    int rc = zip_build(files, s->slug, &z);
    if (rc == 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        rc = fd < 0 ? AG_EINTERNAL : write_all(z.data, z.len, fd);
        if (fd >= 0 && close(fd) < 0) {
            rc = rc ? rc : AG_EINTERNAL;
        }
    }
    buf_free(&z);
    return rc;
}

static int
print_json(const struct spec *s, const struct gen_files *files, const struct buf *w)
{
    struct json_object *root = json_object_new_object(), *spec = NULL;
    struct json_object *arr = json_object_new_array(), *warn = json_object_new_array();
    int rc = root && arr && warn ? spec_to_json(s, &spec) : AG_ENOMEM;
    for (size_t i = 0; rc == 0 && i < files->n; i++) {
        struct json_object *f = json_object_new_object();
        rc = f ? jsn_add_str(f, "path", files->items[i].path) : AG_ENOMEM;
        rc = rc ? rc : jsn_add_str(f, "content", files->items[i].content);
        rc = rc ? rc : jsn_add_int(f, "mode", files->items[i].mode);
        if (f && json_object_array_add(arr, f) != 0) {
            json_object_put(f);
            rc = rc ? rc : AG_ENOMEM;
        }
    }
    for (const char *p = buf_cstr(w); rc == 0 && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        json_object_array_add(warn, json_object_new_string_len(p, (int)n));
        p += nl ? n + 1 : n;
    }
    if (rc == 0) {
        rc = jsn_add(root, "spec", spec);
        spec = NULL;
    }
    if (rc == 0) {
        rc = jsn_add(root, "files", arr);
        arr = NULL;
    }
    if (rc == 0) {
        rc = jsn_add(root, "warnings", warn);
        warn = NULL;
    }
    struct buf out = BUF_INIT;
    rc = rc ? rc : jsn_dump(root, &out);
    if (rc == 0) {
        printf("%s\n", buf_cstr(&out));
    }
    buf_free(&out);
    json_object_put(spec);
    json_object_put(arr);
    json_object_put(warn);
    json_object_put(root);
    return rc;
}

static int
emit(const struct gen_opts *o, const struct spec *s, const struct gen_files *files,
     const struct buf *w)
{
    if (o->json) {
        return print_json(s, files, w);
    }
    int rc = o->zip_path ? write_zip(o->zip_path, s, files) : write_tree(o->out_dir, files);
    if (rc == 0) {
        printf("%s: %zu files for %s (%s)\n", o->zip_path ? o->zip_path : o->out_dir, files->n,
               s->framework, s->slug);
    }
    return rc;
}

int
cmd_generate(int argc, char **argv)
{
    struct gen_opts o;
    memset(&o, 0, sizeof(o));
    char root[1024];
    if (parse_opts(argc, argv, &o) < 0 || templates_root(root, sizeof(root)) < 0) {
        free(o.tools_copy);
        return usage();
    }
    int rc = escape_register();
    struct buf warnings = BUF_INIT;
    struct spec spec;
    struct gen_files files;
    memset(&spec, 0, sizeof(spec));
    gen_files_init(&files);
    int diag = rc == 0 ? engine_diagnose_errors(&o.c, &warnings) : 0;
    int incompatible = diag == AG_EINVAL;
    rc = diag == AG_ENOTFOUND ? AG_EINVAL : rc; /* an unknown id is a usage error */
    if (rc == 0 && diag == 0) {
        rc = engine_generate(o.idea, &o.c, root, &spec, &files, &warnings);
    }
    if (!o.json || rc < 0 || incompatible) {
        fputs(buf_cstr(&warnings), stderr);
    }
    int status = incompatible ? EXIT_INCOMPATIBLE : rc == AG_EINVAL ? EXIT_USAGE : rc < 0 ? 1 : 0;
    if (status == 0 && emit(&o, &spec, &files, &warnings) < 0) {
        fprintf(stderr, "agentgen: writing the output failed\n");
        status = 1;
    } else if (rc < 0 && !incompatible) {
        fprintf(stderr, "agentgen: generate failed: %s\n", ag_strerror(rc));
    }
    gen_files_free(&files);
    spec_free(&spec);
    buf_free(&warnings);
    free(o.tools_copy);
    return status;
}
