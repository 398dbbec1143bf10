/* SPDX-License-Identifier: MIT */
/* tmpl.c - ClearSilver wrapper: datasets, filters and rendering into a struct buf.
 * The only file that includes ClearSilver. HTML datasets set Config.VarEscapeMode = html, so
 * every var: is escaped; uvar: is banned in templates/ (CI grep). */
#include "tmpl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "log.h"

#define MAX_FILTERS 16

struct tmpl {
    HDF *hdf;
    enum tmpl_mode mode;
};

struct filter {
    char name[32];
    tmpl_filter_fn fn;
};

/* Parsed page templates, kept for the life of the process: a web worker renders the same few
 * pages again and again, and parsing (file reads included) was most of a page's cost. A parse
 * tree is rendered against each request's own HDF by swapping the tree's hdf pointer, which
 * ClearSilver reads at render time only (includes, macros and the escaping mode are fixed at
 * parse time; set: writes go to the request's HDF). Single-threaded use only: pages are
 * rendered in the prefork web workers. Project templates (TMPL_RAW) are not cached. */
#define PARSE_CACHE 64
struct parsed {
    char key[600];
    CSPARSE *cs;
    HDF *hdf; /* the dataset the tree was parsed with (config and load path) */
};
static struct parsed parse_cache[PARSE_CACHE];
static int n_parsed;

/* Process-wide, written at start-up only (tmpl_filter_register), read by renders. */
static struct filter filters[MAX_FILTERS];
static int n_filters;

static int neo_fail(NEOERR *err, const char *what);
static NEOERR *out_cb(void *ctx, char *s);
static NEOERR *run_filter(int i, const char *in, char **ret);
static int setup_parse(struct tmpl *t, const char *root, CSPARSE **out);
static int register_funcs(CSPARSE *cs);
static int cached_parse(const char *root, const char *file, struct parsed **out);

/* ClearSilver's string functions take no context, so each slot gets its own trampoline. */
#define TRAMP(i)                                                                                   \
    static NEOERR *tramp_##i(const char *in, char **ret)                                           \
    {                                                                                              \
        return run_filter(i, in, ret);                                                             \
    }
TRAMP(0)
TRAMP(1)
TRAMP(2)
TRAMP(3)
TRAMP(4)
TRAMP(5)
TRAMP(6)
TRAMP(7)
TRAMP(8)
TRAMP(9)
TRAMP(10)
TRAMP(11)
TRAMP(12)
TRAMP(13)
TRAMP(14)
TRAMP(15)
static const CSSTRFUNC tramps[MAX_FILTERS] = {
    tramp_0, tramp_1, tramp_2,  tramp_3,  tramp_4,  tramp_5,  tramp_6,  tramp_7,
    tramp_8, tramp_9, tramp_10, tramp_11, tramp_12, tramp_13, tramp_14, tramp_15,
};

static int
neo_fail(NEOERR *err, const char *what)
{
    STRING s;
    string_init(&s);
    nerr_error_string(err, &s);
    log_msg(LOG_ERR, "m=tmpl op=%s err=%s", what, s.buf ? s.buf : "?");
    string_clear(&s);
    int rc = nerr_match(err, NERR_NOT_FOUND) ? AG_ENOTFOUND
             : nerr_match(err, NERR_NOMEM)   ? AG_ENOMEM
                                             : AG_EINTERNAL;
    nerr_ignore(&err);
    return rc;
}

static NEOERR *
run_filter(int i, const char *in, char **ret)
{
    struct buf b = BUF_INIT;
    if (filters[i].fn(in ? in : "", &b) < 0) {
        buf_free(&b);
        return nerr_raise(NERR_ASSERT, "filter %s refused its input", filters[i].name);
    }
    *ret = buf_steal(&b);
    return STATUS_OK;
}

int
tmpl_filter_register(const char *name, tmpl_filter_fn fn)
{
    for (int i = 0; i < n_filters; i++) {
        if (strcmp(filters[i].name, name) == 0) {
            filters[i].fn = fn;
            return 0;
        }
    }
    if (n_filters >= MAX_FILTERS || strlen(name) >= sizeof(filters[0].name)) {
        return AG_EINVAL;
    }
    snprintf(filters[n_filters].name, sizeof(filters[0].name), "%s", name);
    filters[n_filters].fn = fn;
    n_filters++;
    return 0;
}

int
tmpl_new(struct tmpl **out, enum tmpl_mode mode)
{
    struct tmpl *t = calloc(1, sizeof(*t));
    if (!t) {
        return AG_ENOMEM;
    }
    t->mode = mode;
    NEOERR *err = hdf_init(&t->hdf);
    if (err == STATUS_OK) {
        err = hdf_set_value(t->hdf, "Config.VarEscapeMode", mode == TMPL_HTML ? "html" : "none");
    }
    if (err != STATUS_OK) {
        tmpl_free(t);
        return neo_fail(err, "init");
    }
    *out = t;
    return 0;
}

void
tmpl_free(struct tmpl *t)
{
    if (t) {
        if (t->hdf) {
            hdf_destroy(&t->hdf);
        }
        free(t);
    }
}

void
tmpl_free_v(void *t)
{
    tmpl_free(t);
}

int
tmpl_set(struct tmpl *t, const char *name, const char *value)
{
    if (!value) {
        return 0;
    }
    NEOERR *err = hdf_set_value(t->hdf, name, value);
    return err == STATUS_OK ? 0 : neo_fail(err, "set");
}

int
tmpl_set_int(struct tmpl *t, const char *name, long long v)
{
    char num[32];
    snprintf(num, sizeof(num), "%lld", v);
    return tmpl_set(t, name, num);
}

int
tmpl_setf(struct tmpl *t, const char *value, const char *name_fmt, ...)
{
    char name[256];
    va_list ap;
    va_start(ap, name_fmt);
    int n = vsnprintf(name, sizeof(name), name_fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(name)) {
        return AG_EINVAL;
    }
    return tmpl_set(t, name, value);
}

const char *
tmpl_get(struct tmpl *t, const char *name)
{
    return hdf_get_value(t->hdf, name, NULL);
}

static NEOERR *
out_cb(void *ctx, char *s)
{
    struct buf *b = ctx;
    if (buf_puts(b, s) < 0) {
        return nerr_raise(NERR_NOMEM, "render output");
    }
    return STATUS_OK;
}

static int
setup_parse(struct tmpl *t, const char *root, CSPARSE **out)
{
    NEOERR *err = STATUS_OK;
    if (root) {
        err = hdf_set_value(t->hdf, "hdf.loadpaths.0", root);
    }
    CSPARSE *cs = NULL;
    if (err == STATUS_OK) {
        err = cs_init(&cs, t->hdf);
    }
    if (err != STATUS_OK) {
        cs_destroy(&cs);
        return neo_fail(err, "setup");
    }
    int rc = register_funcs(cs);
    if (rc < 0) {
        cs_destroy(&cs);
        return rc;
    }
    *out = cs;
    return 0;
}

static int
register_funcs(CSPARSE *cs)
{
    NEOERR *err = STATUS_OK;
    for (int i = 0; err == STATUS_OK && i < n_filters; i++) {
        err = cs_register_esc_strfunc(cs, filters[i].name, tramps[i]);
    }
    if (err == STATUS_OK) {
        err = cgi_register_strfuncs(cs); /* url_escape, html_escape, js_escape, ... */
    }
    return err == STATUS_OK ? 0 : neo_fail(err, "setup");
}

/* cached_parse returns the parse tree of root/file for HTML pages, parsing it on first use. */
static int
cached_parse(const char *root, const char *file, struct parsed **out)
{
    char key[600];
    int n = snprintf(key, sizeof(key), "%s/%s", root, file);
    if (n < 0 || (size_t)n >= sizeof(key)) {
        return AG_EINVAL;
    }
    for (int i = 0; i < n_parsed; i++) {
        if (strcmp(parse_cache[i].key, key) == 0) {
            *out = &parse_cache[i];
            return 0;
        }
    }
    if (n_parsed == PARSE_CACHE) {
        return AG_ENOMEM; /* more distinct pages than expected: render uncached */
    }
    struct parsed *p = &parse_cache[n_parsed];
    NEOERR *err = hdf_init(&p->hdf);
    if (err == STATUS_OK) {
        err = hdf_set_value(p->hdf, "Config.VarEscapeMode", "html");
    }
    if (err == STATUS_OK) {
        err = hdf_set_value(p->hdf, "hdf.loadpaths.0", root);
    }
    if (err == STATUS_OK) {
        err = cs_init(&p->cs, p->hdf);
    }
    int rc = err == STATUS_OK ? register_funcs(p->cs) : neo_fail(err, "init");
    if (rc == 0) {
        err = cs_parse_file(p->cs, file);
        rc = err == STATUS_OK ? 0 : neo_fail(err, file);
    }
    if (rc < 0) {
        cs_destroy(&p->cs);
        hdf_destroy(&p->hdf);
        return rc;
    }
    snprintf(p->key, sizeof(p->key), "%s", key);
    n_parsed++;
    *out = p;
    return 0;
}

int
tmpl_render(struct tmpl *t, const char *root, const char *file, struct buf *out)
{
    struct parsed *p = NULL;
    if (t->mode == TMPL_HTML && root && cached_parse(root, file, &p) == 0) {
        p->cs->hdf = t->hdf;
        NEOERR *err = cs_render(p->cs, out, out_cb);
        p->cs->hdf = p->hdf;
        return err == STATUS_OK ? 0 : neo_fail(err, file);
    }
    CSPARSE *cs = NULL;
    int rc = setup_parse(t, root, &cs);
    if (rc < 0) {
        return rc;
    }
    NEOERR *err = cs_parse_file(cs, file);
    if (err == STATUS_OK) {
        err = cs_render(cs, out, out_cb);
    }
    cs_destroy(&cs);
    return err == STATUS_OK ? 0 : neo_fail(err, file);
}

int
tmpl_render_string(struct tmpl *t, const char *src, struct buf *out)
{
    CSPARSE *cs = NULL;
    int rc = setup_parse(t, NULL, &cs);
    if (rc < 0) {
        return rc;
    }
    char *copy = strdup(src); /* cs_parse_string takes ownership and modifies it */
    if (!copy) {
        cs_destroy(&cs);
        return AG_ENOMEM;
    }
    NEOERR *err = cs_parse_string(cs, copy, strlen(copy));
    if (err == STATUS_OK) {
        err = cs_render(cs, out, out_cb);
    }
    cs_destroy(&cs);
    return err == STATUS_OK ? 0 : neo_fail(err, "string");
}

const char *
tmpl_version(void)
{
    /* ClearSilver exports no version symbol: the Makefile records the -dev package's version */
    return AG_CS_VERSION;
}
