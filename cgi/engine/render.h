/* SPDX-License-Identifier: MIT */
/* render.h - spec -> project files, through the framework's ClearSilver templates.
 * templates/project/<framework>/MANIFEST lists "template -> output" lines; {slug}, {tool} and
 * {agent} in them expand per project, per tool and per agent. Same spec, same bytes. */
#ifndef AG_RENDER_H
#define AG_RENDER_H

#include "../core/ag.h"
#include "spec.h"

#include <stddef.h>

struct gen_file {
    char *path;    /* relative, '/'-separated, no "..", owned */
    char *content; /* owned; NUL-terminated for convenience (len excludes it) */
    size_t len;
    int mode; /* 0644 or 0755 */
};

/* An ordered list of files; owns everything in it. */
struct gen_files {
    struct gen_file *items;
    size_t n;
    size_t cap;
};

void gen_files_init(struct gen_files *f);
/* gen_files_add copies path and content. AG_EINVAL for an unsafe path (absolute, "..", empty
 * segment), AG_ECONFLICT for a duplicate path, AG_ENOMEM. */
int gen_files_add(struct gen_files *f, const char *path, const void *content, size_t len,
                  int mode) AG_MUST_CHECK;
const struct gen_file *gen_files_find(const struct gen_files *f, const char *path); /* borrowed */
void gen_files_sort(struct gen_files *f); /* by path, bytewise */
void gen_files_free(struct gen_files *f);

/* render_project renders the project of s into out (initialised by the caller, sorted by path
 * on return). templates_root is the folder holding project/. AG_EINVAL for a spec the
 * renderers cannot express safely (bad or clashing ids), AG_ENOTFOUND for an unknown
 * framework, AG_EINTERNAL for a template error. On error out may hold some files. */
int render_project(const struct spec *s, const char *templates_root,
                   struct gen_files *out) AG_MUST_CHECK;

#endif
