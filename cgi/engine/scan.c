/* SPDX-License-Identifier: MIT */
/* scan.c - tokenizes Python (names, strings, operators; comments dropped; f-string fields
 * tokenized as code) and walks dotted name chains, resolving `import x as y` and
 * `from x import y as z` aliases, to flag the calls listed in scan.h. Conservative by design:
 * a false positive only means a template must be written more plainly. */
#include "scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ALIASES 256
#define MAX_DOTTED  256

enum tok_type { T_NAME, T_STR, T_NUM, T_OP };

struct tok {
    enum tok_type type;
    const char *p;
    size_t n;
    int line;
};

struct toks {
    struct tok *v;
    size_t n, cap;
};

struct alias {
    char name[MAX_DOTTED];
    char target[MAX_DOTTED];
};

struct scanner {
    const char *path;
    struct toks t;
    struct alias aliases[MAX_ALIASES];
    int n_aliases;
    struct scan_findings *out;
};

static int is_name_start(unsigned char c);
static int is_name_char(unsigned char c);
static int push(struct toks *t, enum tok_type type, const char *p, size_t n, int line);
static size_t string_end(const char *s, size_t i, size_t len, char q, int triple, int *line);
static int tokenize(struct toks *t, const char *s, size_t len, int line, int depth);
static int fstring_fields(struct toks *t, const char *s, size_t n, int line, int depth);
static int tok_is(const struct tok *k, const char *text);
static int report(struct scanner *sc, int line, const char *rule);
static const char *resolve(const struct scanner *sc, const char *name, char *buf, size_t n);
static void add_alias(struct scanner *sc, const char *name, const char *target);
static const char *danger_rule(const char *dotted);
static int is_http_call(const char *dotted);
static size_t read_chain(const struct scanner *sc, size_t i, char *out, size_t n);
static size_t import_stmt(struct scanner *sc, size_t i, int *rc);
static size_t from_stmt(struct scanner *sc, size_t i, int *rc);
static int args_have_timeout(const struct scanner *sc, size_t open);
static int getattr_bad(const struct scanner *sc, size_t open);
static int walk(struct scanner *sc);

void
scan_findings_init(struct scan_findings *f)
{
    f->items = NULL;
    f->n = 0;
    f->cap = 0;
}

void
scan_findings_free(struct scan_findings *f)
{
    free(f->items);
    scan_findings_init(f);
}

static int
is_name_start(unsigned char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
is_name_char(unsigned char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static int
push(struct toks *t, enum tok_type type, const char *p, size_t n, int line)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        struct tok *v = realloc(t->v, cap * sizeof(*v));
        if (!v) {
            return AG_ENOMEM;
        }
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (struct tok){type, p, n, line};
    return 0;
}

/* Index just past the closing quote of a string whose body starts at i (or len). */
static size_t
string_end(const char *s, size_t i, size_t len, char q, int triple, int *line)
{
    while (i < len) {
        if (s[i] == '\\' && i + 1 < len) {
            *line += s[i + 1] == '\n';
            i += 2;
            continue;
        }
        if (s[i] == '\n') {
            (*line)++;
            if (!triple) {
                return i; /* unterminated single-quoted string: stop at the line end */
            }
        }
        if (s[i] == q && (!triple || (i + 2 < len && s[i + 1] == q && s[i + 2] == q))) {
            return i + (triple ? 3 : 1);
        }
        i++;
    }
    return len;
}

/* Tokenizes the {field} parts of an f-string body as code ({{ and }} are literal braces). */
static int
fstring_fields(struct toks *t, const char *s, size_t n, int line, int depth)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
            i++;
            continue;
        }
        if (s[i] != '{') {
            continue;
        }
        size_t j = i + 1;
        int level = 1;
        while (j < n && level > 0) {
            level += s[j] == '{' ? 1 : s[j] == '}' ? -1 : 0;
            j += level > 0;
        }
        int rc = tokenize(t, s + i + 1, j - i - 1, line, depth + 1);
        if (rc < 0) {
            return rc;
        }
        i = j;
    }
    return 0;
}

static int
tokenize(struct toks *t, const char *s, size_t len, int line, int depth)
{
    size_t i = 0;
    int rc = 0;
    while (rc == 0 && i < len && depth <= 4) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            line++;
            i++;
        } else if (c == '#') {
            while (i < len && s[i] != '\n') {
                i++;
            }
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\\') {
            i++;
        } else if (is_name_start(c) || c == '"' || c == '\'') {
            size_t start = i;
            while (i < len && is_name_char((unsigned char)s[i])) {
                i++;
            }
            size_t plen = i - start;
            int is_prefix = plen <= 2 && strspn(s + start, "rRbBuUfF") >= plen;
            if (i < len && (s[i] == '"' || s[i] == '\'') && is_prefix) {
                char q = s[i];
                int triple = i + 2 < len && s[i + 1] == q && s[i + 2] == q;
                size_t body = i + (triple ? 3 : 1);
                int first_line = line;
                size_t end = string_end(s, body, len, q, triple, &line);
                rc = push(t, T_STR, s + start, end - start, first_line);
                if (rc == 0 && memchr(s + start, 'f', plen) != NULL) {
                    rc = fstring_fields(t, s + body, end - body, first_line, depth);
                } else if (rc == 0 && memchr(s + start, 'F', plen) != NULL) {
                    rc = fstring_fields(t, s + body, end - body, first_line, depth);
                }
                i = end;
            } else {
                rc = push(t, T_NAME, s + start, plen, line);
            }
        } else if (c >= '0' && c <= '9') {
            size_t start = i;
            while (i < len && (is_name_char((unsigned char)s[i]) || s[i] == '.')) {
                i++;
            }
            rc = push(t, T_NUM, s + start, i - start, line);
        } else {
            size_t n = (c == '*' && i + 1 < len && s[i + 1] == '*') ? 2 : 1;
            rc = push(t, T_OP, s + i, n, line);
            i += n;
        }
    }
    return rc;
}

static int
tok_is(const struct tok *k, const char *text)
{
    return k->n == strlen(text) && memcmp(k->p, text, k->n) == 0;
}

static int
report(struct scanner *sc, int line, const char *rule)
{
    struct scan_findings *f = sc->out;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        struct scan_finding *v = realloc(f->items, cap * sizeof(*v));
        if (!v) {
            return AG_ENOMEM;
        }
        f->items = v;
        f->cap = cap;
    }
    struct scan_finding *x = &f->items[f->n++];
    snprintf(x->path, sizeof(x->path), "%s", sc->path);
    x->line = line;
    x->rule = rule;
    return 0;
}

/* The dotted target a local name stands for ("sp" -> "subprocess"), or name itself. */
static const char *
resolve(const struct scanner *sc, const char *name, char *buf, size_t n)
{
    const char *dot = strchr(name, '.');
    size_t head = dot ? (size_t)(dot - name) : strlen(name);
    for (int i = sc->n_aliases - 1; i >= 0; i--) {
        if (strlen(sc->aliases[i].name) == head && strncmp(sc->aliases[i].name, name, head) == 0) {
            int w = snprintf(buf, n, "%s%s", sc->aliases[i].target, dot ? dot : "");
            return w >= 0 && (size_t)w < n ? buf : name;
        }
    }
    return name;
}

static void
add_alias(struct scanner *sc, const char *name, const char *target)
{
    size_t nn = strlen(name), nt = strlen(target);
    if (sc->n_aliases < MAX_ALIASES && nn < MAX_DOTTED && nt < MAX_DOTTED) {
        struct alias *a = &sc->aliases[sc->n_aliases++];
        memcpy(a->name, name, nn + 1);
        memcpy(a->target, target, nt + 1);
    }
}

static int
has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The rule a fully resolved dotted name breaks, or NULL. */
static const char *
danger_rule(const char *d)
{
    static const char *const code[] = {"eval", "exec", "compile", "__import__", "breakpoint"};
    static const char *const procmods[] = {"os.", "posix.", "nt."};
    static const char *const procs[] = {"system", "popen", "exec", "spawn", "posix_spawn", "fork"};
    const char *base = has_prefix(d, "builtins.") ? d + 9 : d;
    for (size_t i = 0; i < AG_NELEM(code); i++) {
        if (strcmp(base, code[i]) == 0) {
            return "eval";
        }
    }
    for (size_t m = 0; m < AG_NELEM(procmods); m++) {
        for (size_t i = 0; has_prefix(d, procmods[m]) && i < AG_NELEM(procs); i++) {
            if (has_prefix(d + strlen(procmods[m]), procs[i])) {
                return "os-exec";
            }
        }
    }
    if (strcmp(d, "subprocess") == 0 || has_prefix(d, "subprocess.") || has_prefix(d, "pty.") ||
        strcmp(d, "pty") == 0) {
        return "subprocess";
    }
    if (has_prefix(d, "pickle.") || has_prefix(d, "marshal.") || has_prefix(d, "shelve.") ||
        has_prefix(d, "dill.") || has_prefix(d, "cPickle.") || has_prefix(d, "_pickle.")) {
        return "pickle";
    }
    if (strcmp(d, "importlib") == 0 || has_prefix(d, "importlib.") || strcmp(d, "ctypes") == 0 ||
        has_prefix(d, "ctypes.") || strcmp(d, "builtins") == 0) {
        return "import";
    }
    if (strstr(d, "__builtins__") || strstr(d, "__globals__") || strstr(d, "__subclasses__") ||
        strstr(d, "__code__")) {
        return "dunder";
    }
    return NULL;
}

static int
is_http_call(const char *d)
{
    static const char *const verbs[] = {"get",  "post",    "put",     "patch", "delete",
                                        "head", "options", "request", "stream"};
    if (strcmp(d, "urllib.request.urlopen") == 0 || strcmp(d, "http.client.HTTPConnection") == 0 ||
        strcmp(d, "http.client.HTTPSConnection") == 0 || strcmp(d, "urllib3.request") == 0) {
        return 1;
    }
    const char *attr = has_prefix(d, "requests.") ? d + 9 : has_prefix(d, "httpx.") ? d + 6 : NULL;
    for (size_t i = 0; attr && i < AG_NELEM(verbs); i++) {
        if (strcmp(attr, verbs[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Reads NAME(.NAME)* from token i into out; returns the index after the chain. */
static size_t
read_chain(const struct scanner *sc, size_t i, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    while (i < sc->t.n && sc->t.v[i].type == T_NAME) {
        const struct tok *k = &sc->t.v[i];
        if (used + k->n + 2 < n) {
            if (used) {
                out[used++] = '.';
            }
            memcpy(out + used, k->p, k->n);
            used += k->n;
            out[used] = '\0';
        }
        if (i + 2 < sc->t.n && tok_is(&sc->t.v[i + 1], ".") && sc->t.v[i + 2].type == T_NAME) {
            i += 2;
        } else {
            return i + 1;
        }
    }
    return i;
}

/* import a.b [as c], ... */
static size_t
import_stmt(struct scanner *sc, size_t i, int *rc)
{
    int line = sc->t.v[i].line;
    i++;
    while (*rc == 0 && i < sc->t.n && sc->t.v[i].line == line && sc->t.v[i].type == T_NAME) {
        char dotted[MAX_DOTTED], alias[MAX_DOTTED];
        i = read_chain(sc, i, dotted, sizeof(dotted));
        const char *rule = danger_rule(dotted);
        if (rule) {
            *rc = report(sc, line, rule);
        }
        if (i + 1 < sc->t.n && tok_is(&sc->t.v[i], "as") && sc->t.v[i + 1].type == T_NAME) {
            i = read_chain(sc, i + 1, alias, sizeof(alias));
            add_alias(sc, alias, dotted);
        }
        if (i < sc->t.n && tok_is(&sc->t.v[i], ",")) {
            i++;
        }
    }
    return i;
}

/* from [.]mod import a [as b], ... | (...) | *; returns i + 1 if this is not a from-import. */
static size_t
from_stmt(struct scanner *sc, size_t i, int *rc)
{
    char mod[MAX_DOTTED] = "";
    size_t j = i + 1, used = 0;
    while (j < sc->t.n && tok_is(&sc->t.v[j], ".") && used + 1 < sizeof(mod)) {
        mod[used++] = '.';
        mod[used] = '\0';
        j++;
    }
    if (j < sc->t.n && sc->t.v[j].type == T_NAME && !tok_is(&sc->t.v[j], "import")) {
        j = read_chain(sc, j, mod + used, sizeof(mod) - used);
    }
    if (j >= sc->t.n || !tok_is(&sc->t.v[j], "import")) {
        return i + 1;
    }
    int paren = 0, line = sc->t.v[j].line;
    for (j++; *rc == 0 && j < sc->t.n; j++) {
        const struct tok *k = &sc->t.v[j];
        if (!paren && k->line != line) {
            break;
        }
        if (tok_is(k, "(") || tok_is(k, ")") || tok_is(k, ",")) {
            paren += tok_is(k, "(") - tok_is(k, ")");
            continue;
        }
        if (k->type != T_NAME && !tok_is(k, "*")) {
            break;
        }
        char full[2 * MAX_DOTTED + 2], name[MAX_DOTTED];
        snprintf(name, sizeof(name), "%.*s", (int)k->n, k->p);
        snprintf(full, sizeof(full), "%s.%s", mod, name);
        const char *rule = mod[0] == '.' ? NULL : danger_rule(full);
        if (!rule && strcmp(name, "*") == 0 && mod[0] != '.') {
            snprintf(full, sizeof(full), "%s.system", mod);
            rule = danger_rule(mod) || danger_rule(full) ? "import" : NULL;
        }
        if (rule) {
            *rc = report(sc, k->line, rule);
        }
        if (j + 2 < sc->t.n && tok_is(&sc->t.v[j + 1], "as") && sc->t.v[j + 2].type == T_NAME) {
            j += 2;
            snprintf(name, sizeof(name), "%.*s", (int)sc->t.v[j].n, sc->t.v[j].p);
        }
        if (mod[0] != '.') {
            add_alias(sc, name, full);
        }
    }
    return j;
}

/* Does the call whose "(" is token open pass timeout= at its own level? */
static int
args_have_timeout(const struct scanner *sc, size_t open)
{
    int depth = 0;
    for (size_t i = open; i < sc->t.n; i++) {
        const struct tok *k = &sc->t.v[i];
        if (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{")) {
            depth++;
        } else if (tok_is(k, ")") || tok_is(k, "]") || tok_is(k, "}")) {
            if (--depth == 0) {
                return 0;
            }
        } else if (depth == 1 && tok_is(k, "timeout") && i + 1 < sc->t.n &&
                   tok_is(&sc->t.v[i + 1], "=") &&
                   (i + 2 >= sc->t.n || !tok_is(&sc->t.v[i + 2], "="))) {
            return 1;
        }
    }
    return 0;
}

/* getattr(obj, name...): bad when the name is a dangerous literal, or when obj is a module
 * that holds dangerous functions and the name is not a single string literal. */
static int
getattr_bad(const struct scanner *sc, size_t open)
{
    static const char *const mods[] = {"os",         "posix",  "nt",  "builtins", "__builtins__",
                                       "subprocess", "pickle", "sys", "importlib"};
    char first[MAX_DOTTED] = "", buf[MAX_DOTTED], lit[MAX_DOTTED];
    if (open + 1 < sc->t.n && sc->t.v[open + 1].type == T_NAME) {
        read_chain(sc, open + 1, first, sizeof(first));
    }
    const char *obj = resolve(sc, first, buf, sizeof(buf));
    int risky_obj = danger_rule(obj) != NULL;
    for (size_t m = 0; m < AG_NELEM(mods); m++) {
        risky_obj |= strcmp(obj, mods[m]) == 0;
    }
    int depth = 0, arg = 0, n_arg_toks = 0, literal = 0;
    for (size_t i = open; i < sc->t.n; i++) {
        const struct tok *k = &sc->t.v[i];
        int closes = tok_is(k, ")") || tok_is(k, "]") || tok_is(k, "}");
        depth += (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{")) - closes;
        if (depth == 0 || (depth == 1 && tok_is(k, ","))) {
            if (arg == 1 && !(n_arg_toks == 1 && literal) && risky_obj) {
                return 1;
            }
            if (depth == 0) {
                break;
            }
            arg++;
            n_arg_toks = literal = 0;
            continue;
        }
        if (arg == 1 && i > open) {
            n_arg_toks++;
            if (k->type == T_STR) {
                size_t q = strcspn(k->p, "\"'");
                size_t qn = k->n > 2 * q + 2 ? k->n - q : 0;
                int triple = qn >= 6 && k->p[q + 1] == k->p[q] && k->p[q + 2] == k->p[q];
                size_t body = triple ? 3 : 1, len = qn > 2 * body ? qn - 2 * body : 0;
                snprintf(lit, sizeof(lit), "%.*s", (int)len, k->p + q + body);
                char os_attr[MAX_DOTTED + 4];
                snprintf(os_attr, sizeof(os_attr), "os.%s", lit);
                literal = 1;
                if (danger_rule(lit) || danger_rule(os_attr) || strcmp(lit, "loads") == 0) {
                    return 1;
                }
            }
        }
    }
    return 0;
}

static int
walk(struct scanner *sc)
{
    int rc = 0;
    size_t i = 0;
    while (rc == 0 && i < sc->t.n) {
        const struct tok *k = &sc->t.v[i];
        if (k->type == T_NAME && i > 0 && tok_is(&sc->t.v[i - 1], ".") &&
            (tok_is(k, "__subclasses__") || tok_is(k, "__globals__") || tok_is(k, "__builtins__") ||
             tok_is(k, "__code__"))) {
            rc = report(sc, k->line, "dunder"); /* sandbox escapes via any object */
        }
        if (k->type != T_NAME || (i > 0 && tok_is(&sc->t.v[i - 1], "."))) {
            i++;
            continue;
        }
        if (tok_is(k, "from")) {
            i = from_stmt(sc, i, &rc);
            continue;
        }
        if (tok_is(k, "import")) {
            i = import_stmt(sc, i, &rc);
            continue;
        }
        char dotted[MAX_DOTTED], buf[MAX_DOTTED];
        size_t end = read_chain(sc, i, dotted, sizeof(dotted));
        const char *full = resolve(sc, dotted, buf, sizeof(buf));
        int call = end < sc->t.n && tok_is(&sc->t.v[end], "(");
        int kwarg = end + 1 < sc->t.n && tok_is(&sc->t.v[end], "=") &&
                    !tok_is(&sc->t.v[end + 1], "=") && i > 0 &&
                    (tok_is(&sc->t.v[i - 1], "(") || tok_is(&sc->t.v[i - 1], ","));
        const char *rule = kwarg ? NULL : danger_rule(full);
        if (rule) {
            rc = report(sc, k->line, rule);
        } else if (call && is_http_call(full) && !args_have_timeout(sc, end)) {
            rc = report(sc, k->line, "http-timeout");
        } else if (call && strcmp(full, "getattr") == 0 && getattr_bad(sc, end)) {
            rc = report(sc, k->line, "getattr");
        }
        i = end;
    }
    return rc;
}

int
scan_python(const char *path, const char *src, size_t len, struct scan_findings *out)
{
    struct scanner *sc = calloc(1, sizeof(*sc));
    if (!sc) {
        return AG_ENOMEM;
    }
    sc->path = path;
    sc->out = out;
    int rc = tokenize(&sc->t, src, len, 1, 0);
    rc = rc ? rc : walk(sc);
    free(sc->t.v);
    free(sc);
    return rc;
}

int
scan_files(const struct gen_files *files, struct scan_findings *out)
{
    for (size_t i = 0; i < files->n; i++) {
        const struct gen_file *f = &files->items[i];
        size_t n = strlen(f->path);
        if (n > 3 && strcmp(f->path + n - 3, ".py") == 0) {
            int rc = scan_python(f->path, f->content, f->len, out);
            if (rc < 0) {
                return rc;
            }
        }
    }
    return 0;
}
