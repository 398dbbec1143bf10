/* SPDX-License-Identifier: MIT */
/* escape.c - context escapers for generated projects (Python, docstring, YAML, Markdown, TOML,
 * Dockerfile, identifiers, JSON). All share one UTF-8 decoder: invalid sequences become U+FFFD,
 * and code points that hide or reorder text (C1, bidi controls, line separators, BOM) are
 * escaped wherever the context allows it. Registration with the template engine is here too. */
#include "escape.h"

#include "../core/tmpl.h"

#include <stdio.h>
#include <string.h>

#define REPLACEMENT 0xFFFD

/* How one context spells a code point it must escape. */
enum uform { U_PY, U_YAML, U_TOML, U_JSON };

static long utf8_next(const unsigned char *s, size_t *i);
static int is_hidden(long cp);
static int put_u(struct buf *out, long cp, enum uform form);
static int put_cp(struct buf *out, long cp);
static int quoted(const char *in, struct buf *out, enum uform form);
static int quoted_one(struct buf *out, long cp, enum uform form);
static int is_py_keyword(const char *s);

const char *const escape_names[] = {"py",     "pydoc", "yaml", "md", "toml",
                                    "docker", "ident", "json", NULL};

/* Decodes one code point at s[*i] and advances *i; returns REPLACEMENT for an invalid, overlong
 * or surrogate sequence (consuming one byte), so every input has one deterministic reading. */
static long
utf8_next(const unsigned char *s, size_t *i)
{
    unsigned c = s[*i];
    int n = c < 0x80             ? 0
            : (c & 0xE0) == 0xC0 ? 1
            : (c & 0xF0) == 0xE0 ? 2
            : (c & 0xF8) == 0xF0 ? 3
                                 : -1;
    if (n < 0) {
        (*i)++;
        return REPLACEMENT;
    }
    long cp = n == 0   ? (long)c
              : n == 1 ? (long)(c & 0x1F)
              : n == 2 ? (long)(c & 0x0F)
                       : (long)(c & 0x07);
    for (int k = 1; k <= n; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return REPLACEMENT;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    }
    static const long min_by_len[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_by_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        (*i)++;
        return REPLACEMENT;
    }
    *i += (size_t)n + 1;
    return cp;
}

/* Code points that render invisibly, break lines or reorder text (Trojan Source). */
static int
is_hidden(long cp)
{
    return (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF ||
           cp == REPLACEMENT;
}

static int
put_u(struct buf *out, long cp, enum uform form)
{
    if (cp > 0xFFFF) {
        if (form == U_JSON) { /* JSON has only \uXXXX: use a surrogate pair */
            long v = cp - 0x10000;
            return buf_printf(out, "\\u%04lx\\u%04lx", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
        }
        return buf_printf(out, "\\U%08lx", cp);
    }
    return buf_printf(out, "\\u%04lx", cp);
}

static int
put_cp(struct buf *out, long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_append(out, u, n);
}

/* One code point inside a double-quoted literal of the given language. */
static int
quoted_one(struct buf *out, long cp, enum uform form)
{
    switch (cp) {
    case '\\':
        return buf_puts(out, "\\\\");
    case '"':
        return buf_puts(out, "\\\"");
    case '\n':
        return buf_puts(out, "\\n");
    case '\r':
        return buf_puts(out, "\\r");
    case '\t':
        return buf_puts(out, "\\t");
    default:
        break;
    }
    if (form == U_JSON && (cp == '<' || cp == '>' || cp == '&')) {
        return put_u(out, cp, form);
    }
    if (cp < 0x20 || is_hidden(cp)) {
        return put_u(out, cp, form);
    }
    if (cp >= 0x80 && form == U_PY) { /* Python literals stay pure ASCII */
        return put_u(out, cp, form);
    }
    return put_cp(out, cp);
}

static int
quoted(const char *in, struct buf *out, enum uform form)
{
    const unsigned char *s = (const unsigned char *)in;
    int rc = buf_putc(out, '"');
    for (size_t i = 0; rc == 0 && s[i];) {
        rc = quoted_one(out, utf8_next(s, &i), form);
    }
    return rc == 0 ? buf_putc(out, '"') : rc;
}

int
esc_py(const char *in, struct buf *out)
{
    return quoted(in, out, U_PY);
}

int
esc_yaml(const char *in, struct buf *out)
{
    return quoted(in, out, U_YAML);
}

int
esc_toml(const char *in, struct buf *out)
{
    return quoted(in, out, U_TOML);
}

int
esc_json(const char *in, struct buf *out)
{
    return quoted(in, out, U_JSON);
}

int
esc_pydoc(const char *in, struct buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    int rc = 0;
    for (size_t i = 0; rc == 0 && s[i];) {
        long cp = utf8_next(s, &i);
        if (cp == '\n' || cp == '\t') {
            rc = put_cp(out, cp);
        } else if (cp == '\\' || cp == '"') {
            rc = buf_printf(out, "\\%c", (int)cp);
        } else if (cp < 0x20 || is_hidden(cp)) {
            rc = put_u(out, cp, U_PY);
        } else {
            rc = put_cp(out, cp);
        }
    }
    return rc;
}

/* Values land inline (a heading, a list item, a paragraph), so newlines become spaces and
 * only characters that can open markup are escaped; "-" and "." only where they could start a
 * list (value start, after a space, after a digit). */
int
esc_md(const char *in, struct buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    int rc = 0;
    long prev = ' ';
    for (size_t i = 0; rc == 0 && s[i];) {
        long cp = utf8_next(s, &i);
        if (cp == '<' || cp == '>' || cp == '&') {
            rc = buf_puts(out, cp == '<' ? "&lt;" : cp == '>' ? "&gt;" : "&amp;");
        } else if (cp < 0x80 && cp && strchr("\\`*_{}[]()#+!|~$", (int)cp)) {
            rc = buf_printf(out, "\\%c", (int)cp);
        } else if ((cp == '-' && prev == ' ') || (cp == '.' && prev >= '0' && prev <= '9')) {
            rc = buf_printf(out, "\\%c", (int)cp);
        } else if (cp < 0x20 || is_hidden(cp)) {
            cp = ' ';
            rc = buf_putc(out, ' ');
        } else {
            rc = put_cp(out, cp);
        }
        prev = cp;
    }
    return rc;
}

int
esc_docker(const char *in, struct buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    int rc = buf_putc(out, '"');
    for (size_t i = 0; rc == 0 && s[i];) {
        long cp = utf8_next(s, &i);
        if (cp == '\\' || cp == '"' || cp == '$') {
            rc = buf_printf(out, "\\%c", (int)cp);
        } else if (cp < 0x20 || is_hidden(cp)) {
            rc = buf_putc(out, ' '); /* LABEL values are one line; no escapes for controls */
        } else {
            rc = put_cp(out, cp);
        }
    }
    return rc == 0 ? buf_putc(out, '"') : rc;
}

static int
is_py_keyword(const char *s)
{
    static const char *const kw[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
    };
    for (size_t i = 0; i < AG_NELEM(kw); i++) {
        if (strcmp(s, kw[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

int
esc_ident(const char *in, struct buf *out)
{
    size_t n = strlen(in);
    if (n == 0 || n > 64 || (in[0] >= '0' && in[0] <= '9') || is_py_keyword(in)) {
        return AG_EINVAL;
    }
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_')) {
            return AG_EINVAL;
        }
    }
    return buf_append(out, in, n);
}

int
escape_register(void)
{
    static const tmpl_filter_fn fns[] = {esc_py,   esc_pydoc,  esc_yaml,  esc_md,
                                         esc_toml, esc_docker, esc_ident, esc_json};
    for (size_t i = 0; i < AG_NELEM(fns); i++) {
        int rc = tmpl_filter_register(escape_names[i], fns[i]);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}
