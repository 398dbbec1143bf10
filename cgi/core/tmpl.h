/* SPDX-License-Identifier: MIT */
/* tmpl.h - the only door to ClearSilver. A struct tmpl is one HDF dataset.
 * Page datasets (TMPL_HTML) escape every var: as HTML; project datasets (TMPL_RAW) do not
 * escape by default, so project templates must pass every user string through one of the
 * registered filters (see tmpl_filter_register). */
#ifndef AG_TMPL_H
#define AG_TMPL_H

#include "ag.h"
#include "buf.h"

struct tmpl;

enum tmpl_mode { TMPL_HTML = 0, TMPL_RAW = 1 };

/* A filter turns in into escaped text appended to out. 0 or AG_E*. */
typedef int (*tmpl_filter_fn)(const char *in, struct buf *out);

/* tmpl_filter_register adds a template function name(x) available in every later render.
 * Process-wide; call at start-up only. At most 16 filters. */
int tmpl_filter_register(const char *name, tmpl_filter_fn fn) AG_MUST_CHECK;

int tmpl_new(struct tmpl **out, enum tmpl_mode mode) AG_MUST_CHECK;
void tmpl_free(struct tmpl *t); /* NULL-safe; usable as an arena_defer callback via a cast */
void tmpl_free_v(void *t);      /* same, with the arena_free_fn signature */

/* Set name (dotted HDF path) to a copy of value. NULL value is ignored (returns 0). */
int tmpl_set(struct tmpl *t, const char *name, const char *value) AG_MUST_CHECK;
int tmpl_set_int(struct tmpl *t, const char *name, long long v) AG_MUST_CHECK;
/* tmpl_setf: name is a printf format, e.g. tmpl_setf(t, role, "agents.%d.role", i). */
int tmpl_setf(struct tmpl *t, const char *value, const char *name_fmt, ...) AG_PRINTF(3, 4)
    AG_MUST_CHECK;
/* tmpl_get returns the value at name or NULL; borrowed from the dataset. */
const char *tmpl_get(struct tmpl *t, const char *name);

/* tmpl_render renders root/file with t, appending to out. Include paths are resolved under
 * root (via HDF loadpaths). AG_ENOTFOUND if the file is missing, AG_EINTERNAL on template
 * errors (logged). */
int tmpl_render(struct tmpl *t, const char *root, const char *file, struct buf *out) AG_MUST_CHECK;
/* tmpl_render_string renders template text src (copied) with t. */
int tmpl_render_string(struct tmpl *t, const char *src, struct buf *out) AG_MUST_CHECK;

/* Version string of the linked ClearSilver. */
const char *tmpl_version(void);

#endif
