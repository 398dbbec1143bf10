/* SPDX-License-Identifier: MIT */
/* render.c - fills a TMPL_RAW dataset from a spec and renders every MANIFEST line of the
 * framework into a gen_files list. Owns gen_files and the whitespace tidy-up of rendered text;
 * escaping is the templates' job (escape.c filters), file layout is the MANIFEST's. */
#include "render.h"

#include "../core/buf.h"
#include "../core/tmpl.h"
#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_LEN 512

static int path_is_safe(const char *p);
static int cmp_files(const void *a, const void *b);
static int check_ids(const struct spec *s);
static int is_ident(const char *s);
static int fill_project(struct tmpl *t, const struct spec *s);
static int fill_agents(struct tmpl *t, const struct spec *s);
static int fill_tasks(struct tmpl *t, const struct spec *s);
static int read_file(const char *path, struct buf *out);
static int expand(const char *pattern, const char *slug, const char *item, char *out, size_t n);
static int render_line(struct tmpl *t, const struct spec *s, const char *root, const char *src,
                       const char *dst, struct gen_files *out);
static int render_one(struct tmpl *t, const char *root, const char *src, const char *dst,
                      struct gen_files *out);
static int tidy(struct buf *in, struct buf *out);

void
gen_files_init(struct gen_files *f)
{
    f->items = NULL;
    f->n = 0;
    f->cap = 0;
}

static int
path_is_safe(const char *p)
{
    if (!*p || *p == '/' || strlen(p) >= PATH_MAX_LEN) {
        return 0;
    }
    for (const char *seg = p; seg;) {
        const char *end = strchr(seg, '/');
        size_t n = end ? (size_t)(end - seg) : strlen(seg);
        if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.')) {
            return 0;
        }
        seg = end ? end + 1 : NULL;
    }
    return strchr(p, '\\') == NULL;
}

int
gen_files_add(struct gen_files *f, const char *path, const void *content, size_t len, int mode)
{
    if (!path_is_safe(path)) {
        return AG_EINVAL;
    }
    if (gen_files_find(f, path)) {
        return AG_ECONFLICT;
    }
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        struct gen_file *p = realloc(f->items, cap * sizeof(*p));
        if (!p) {
            return AG_ENOMEM;
        }
        f->items = p;
        f->cap = cap;
    }
    struct gen_file *g = &f->items[f->n];
    g->path = strdup(path);
    g->content = malloc(len + 1);
    if (!g->path || !g->content) {
        free(g->path);
        free(g->content);
        return AG_ENOMEM;
    }
    if (len) {
        memcpy(g->content, content, len);
    }
    g->content[len] = '\0';
    g->len = len;
    g->mode = mode;
    f->n++;
    return 0;
}

const struct gen_file *
gen_files_find(const struct gen_files *f, const char *path)
{
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->items[i].path, path) == 0) {
            return &f->items[i];
        }
    }
    return NULL;
}

static int
cmp_files(const void *a, const void *b)
{
    const struct gen_file *x = a, *y = b;
    return strcmp(x->path, y->path);
}

void
gen_files_sort(struct gen_files *f)
{
    if (f->n > 1) {
        qsort(f->items, f->n, sizeof(f->items[0]), cmp_files);
    }
}

void
gen_files_free(struct gen_files *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->items[i].path);
        free(f->items[i].content);
    }
    free(f->items);
    gen_files_init(f);
}

static int
is_ident(const char *s)
{
    if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
        return 0;
    }
    return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
           strlen(s);
}

/* Agent and task ids become method, node and state-key names in the same namespace in several
 * frameworks (CrewBase methods, LangGraph nodes), so they must be distinct and must not take
 * a name the generated code uses itself. */
static int
check_ids(const struct spec *s)
{
    static const char *const reserved[] = {"crew",  "agents", "tasks",   "main",       "run",
                                           "state", "next",   "request", "plan",       "llm",
                                           "loop",  "tools",  "kickoff", "supervisor", "done"};
    const char *ids[SPEC_MAX_AGENTS + SPEC_MAX_TASKS];
    int n = 0;
    for (int i = 0; i < s->n_agents; i++) {
        ids[n++] = s->agents[i].id;
    }
    for (int i = 0; i < s->n_tasks; i++) {
        ids[n++] = s->tasks[i].id;
    }
    if (!is_ident(s->slug) || !is_ident(s->framework) || s->n_agents < 1 || s->n_tasks < 1) {
        return AG_EINVAL;
    }
    for (int i = 0; i < n; i++) {
        if (!is_ident(ids[i])) {
            return AG_EINVAL;
        }
        for (size_t r = 0; r < AG_NELEM(reserved); r++) {
            if (strcmp(ids[i], reserved[r]) == 0) {
                return AG_EINVAL;
            }
        }
        for (int j = 0; j < i; j++) {
            if (strcmp(ids[i], ids[j]) == 0) {
                return AG_EINVAL;
            }
        }
    }
    return 0;
}

static int
fill_project(struct tmpl *t, const struct spec *s)
{
    const struct cat_framework *fw = catalog_framework(s->framework);
    int rc = tmpl_set(t, "project.name", s->name ? s->name : s->slug);
    rc = rc ? rc : tmpl_set(t, "project.slug", s->slug);
    rc = rc ? rc : tmpl_set(t, "project.description", s->description ? s->description : "");
    rc = rc ? rc : tmpl_set(t, "project.framework", s->framework);
    rc = rc ? rc : tmpl_set(t, "project.framework_label", fw ? fw->name : s->framework);
    rc = rc ? rc : tmpl_set(t, "project.hyperscaler", s->hyperscaler ? s->hyperscaler : "");
    rc = rc ? rc : tmpl_set(t, "project.model", s->model ? s->model : "");
    rc =
        rc ? rc : tmpl_set(t, "project.pattern", s->pattern == SPEC_REACT ? "react" : "supervisor");
    rc = rc ? rc : tmpl_set_int(t, "project.memory", s->memory);
    rc = rc ? rc : tmpl_set(t, "project.permission", s->permission ? s->permission : "safe");
    rc = rc ? rc : tmpl_set_int(t, "project.n_agents", s->n_agents);
    rc = rc ? rc : tmpl_set_int(t, "project.n_tasks", s->n_tasks);
    for (int i = 0; rc == 0 && i < s->n_tools; i++) {
        rc = tmpl_setf(t, s->tools[i].id, "tools.%d.id", i);
        rc = rc ? rc : tmpl_setf(t, "1", "has_tool.%s", s->tools[i].id);
    }
    return rc;
}

static int
fill_agents(struct tmpl *t, const struct spec *s)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < s->n_agents; i++) {
        const struct spec_agent *a = &s->agents[i];
        rc = tmpl_setf(t, a->id, "agents.%d.id", i);
        rc = rc ? rc : tmpl_setf(t, a->role ? a->role : a->id, "agents.%d.role", i);
        rc = rc ? rc : tmpl_setf(t, a->goal ? a->goal : "", "agents.%d.goal", i);
        rc = rc ? rc : tmpl_setf(t, a->backstory ? a->backstory : "", "agents.%d.backstory", i);
        rc = rc ? rc : tmpl_setf(t, a->model ? a->model : s->model, "agents.%d.model", i);
        for (int k = 0; rc == 0 && k < a->n_tools; k++) {
            if (a->tools[k] < 0 || a->tools[k] >= s->n_tools) {
                return AG_EINVAL;
            }
            rc = tmpl_setf(t, s->tools[a->tools[k]].id, "agents.%d.tools.%d.id", i, k);
        }
    }
    return rc;
}

static int
fill_tasks(struct tmpl *t, const struct spec *s)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < s->n_tasks; i++) {
        const struct spec_task *k = &s->tasks[i];
        if (k->agent < 0 || k->agent >= s->n_agents) {
            return AG_EINVAL;
        }
        rc = tmpl_setf(t, k->id, "tasks.%d.id", i);
        rc =
            rc ? rc : tmpl_setf(t, k->description ? k->description : "", "tasks.%d.description", i);
        rc = rc ? rc
                : tmpl_setf(t, k->expected_output ? k->expected_output : "",
                            "tasks.%d.expected_output", i);
        rc = rc ? rc : tmpl_setf(t, s->agents[k->agent].id, "tasks.%d.agent", i);
        for (int d = 0; rc == 0 && d < k->n_deps; d++) {
            if (k->deps[d] < 0 || k->deps[d] >= i) {
                return AG_EINVAL; /* deps must point backwards: templates rely on it */
            }
            rc = tmpl_setf(t, s->tasks[k->deps[d]].id, "tasks.%d.deps.%d.id", i, d);
        }
    }
    return rc;
}

static int
read_file(const char *path, struct buf *out)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        return AG_ENOTFOUND;
    }
    char chunk[4096];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        rc = buf_append(out, chunk, n);
    }
    if (rc == 0 && ferror(fp)) {
        rc = AG_EINTERNAL;
    }
    fclose(fp);
    return rc == 0 ? buf_append(out, "", 0) : rc;
}

/* Copies pattern into out replacing {slug} and {tool}/{agent} (item, may be NULL). */
static int
expand(const char *pattern, const char *slug, const char *item, char *out, size_t n)
{
    struct buf b = BUF_INIT;
    int rc = 0;
    for (const char *p = pattern; rc == 0 && *p;) {
        if (strncmp(p, "{slug}", 6) == 0) {
            rc = buf_puts(&b, slug);
            p += 6;
        } else if (item && (strncmp(p, "{tool}", 6) == 0 || strncmp(p, "{agent}", 7) == 0)) {
            rc = buf_puts(&b, item);
            p += p[1] == 't' ? 6 : 7;
        } else {
            rc = buf_putc(&b, *p++);
        }
    }
    if (rc == 0) {
        rc = b.len < n ? 0 : AG_ETOOBIG;
    }
    if (rc == 0) {
        memcpy(out, buf_cstr(&b), b.len + 1);
    }
    buf_free(&b);
    return rc;
}

/* Removes the blank lines and trailing blanks that template control tags leave behind: no
 * trailing spaces, at most two blank lines in a row, none at the start, one final newline. */
static int
tidy(struct buf *in, struct buf *out)
{
    const char *p = buf_cstr(in);
    int blank_run = 0, started = 0, rc = 0;
    while (rc == 0 && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t m = n;
        while (m > 0 && (p[m - 1] == ' ' || p[m - 1] == '\t' || p[m - 1] == '\r')) {
            m--;
        }
        if (m == 0) {
            blank_run++;
        } else {
            for (int i = 0; rc == 0 && started && i < (blank_run > 2 ? 2 : blank_run); i++) {
                rc = buf_putc(out, '\n');
            }
            rc = rc ? rc : buf_append(out, p, m);
            rc = rc ? rc : buf_putc(out, '\n');
            blank_run = 0;
            started = 1;
        }
        p += nl ? n + 1 : n;
    }
    return rc == 0 ? buf_append(out, "", 0) : rc;
}

static int
render_one(struct tmpl *t, const char *root, const char *src, const char *dst,
           struct gen_files *out)
{
    struct buf raw = BUF_INIT, clean = BUF_INIT;
    int rc = tmpl_render(t, root, src, &raw);
    rc = rc ? rc : tidy(&raw, &clean);
    if (rc == 0) {
        size_t n = strlen(dst);
        int mode = n > 3 && strcmp(dst + n - 3, ".sh") == 0 ? 0755 : 0644;
        rc = gen_files_add(out, dst, buf_cstr(&clean), clean.len, mode);
    }
    buf_free(&raw);
    buf_free(&clean);
    return rc;
}

/* One MANIFEST line: once, or once per tool / per agent when the output names {tool}/{agent}. */
static int
render_line(struct tmpl *t, const struct spec *s, const char *root, const char *src,
            const char *dst, struct gen_files *out)
{
    char src_x[PATH_MAX_LEN], dst_x[PATH_MAX_LEN];
    int per_tool = strstr(dst, "{tool}") != NULL, per_agent = strstr(dst, "{agent}") != NULL;
    int n = per_tool ? s->n_tools : per_agent ? s->n_agents : 1;
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        const char *item = per_tool ? s->tools[i].id : per_agent ? s->agents[i].id : NULL;
        if (item && !is_ident(item)) {
            return AG_EINVAL;
        }
        rc = tmpl_set(t, "item.id", item ? item : "");
        rc = rc ? rc : tmpl_set_int(t, "item.index", i);
        rc = rc ? rc : expand(src, s->slug, item, src_x, sizeof(src_x));
        rc = rc ? rc : expand(dst, s->slug, item, dst_x, sizeof(dst_x));
        rc = rc ? rc : render_one(t, root, src_x, dst_x, out);
    }
    return rc;
}

int
render_project(const struct spec *s, const char *templates_root, struct gen_files *out)
{
    char root[PATH_MAX_LEN], manifest[PATH_MAX_LEN];
    int rc = check_ids(s);
    if (rc < 0) {
        return rc;
    }
    int nr = snprintf(root, sizeof(root), "%s/project", templates_root);
    int nm = snprintf(manifest, sizeof(manifest), "%s/%s/MANIFEST", root, s->framework);
    if (nr < 0 || nm < 0 || (size_t)nm >= sizeof(manifest)) {
        return AG_EINVAL;
    }
    struct buf lines = BUF_INIT;
    struct tmpl *t = NULL;
    rc = read_file(manifest, &lines);
    rc = rc ? rc : tmpl_new(&t, TMPL_RAW);
    rc = rc ? rc : fill_project(t, s);
    rc = rc ? rc : fill_agents(t, s);
    rc = rc ? rc : fill_tasks(t, s);
    for (char *line = lines.data, *next; rc == 0 && line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) {
            *next++ = '\0';
        }
        char *arrow = strstr(line, " -> ");
        if (*line == '#' || *line == '\0') {
            continue;
        }
        if (!arrow) {
            rc = AG_EINTERNAL;
            break;
        }
        *arrow = '\0';
        rc = render_line(t, s, root, line, arrow + 4, out);
    }
    tmpl_free(t);
    buf_free(&lines);
    if (rc == 0) {
        gen_files_sort(out);
    }
    return rc;
}
