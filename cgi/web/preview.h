/* SPDX-License-Identifier: MIT */
/* preview.h - what the review step and the project page show of a project: the plan (agents,
 * tasks, a flow diagram laid out here and drawn as inline SVG by the template) and the file
 * tree with one file's content. */
#ifndef AG_WEB_PREVIEW_H
#define AG_WEB_PREVIEW_H

#include "../core/tmpl.h"
#include "../engine/render.h"
#include "../engine/spec.h"
#include "projects_db.h"
#include "req.h"

int preview_spec(struct tmpl *t, const struct spec *s) AG_MUST_CHECK;
/* preview_files: tree of files; the selected path (or README.md) is shown. */
int preview_files(struct req *r, struct tmpl *t, const struct gen_files *files,
                  const char *selected) AG_MUST_CHECK;
/* preview_tree: the same tree from stored rows; the caller sets preview.* itself. */
int preview_tree(struct tmpl *t, const struct file_row *rows, int n, const char *selected)
    AG_MUST_CHECK;
/* preview_lang: a language tag for the highlighter from a path ("python", "yaml", ...). */
const char *preview_lang(const char *path);

#endif
