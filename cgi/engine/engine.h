/* SPDX-License-Identifier: MIT */
/* engine.h - the whole generator in one call: idea + choices -> planner -> diagnose -> render
 * -> safety scan. Offline and deterministic. Callers must have run escape_register() once. */
#ifndef AG_ENGINE_H
#define AG_ENGINE_H

#include "../core/buf.h"
#include "planner.h"
#include "render.h"
#include "spec.h"

/* engine_generate fills spec_out (caller spec_free()s) and files_out (initialised by the
 * caller; gen_files_free()d by the caller on success and failure). Warnings and reasons, one
 * per line, are appended to warnings (may be NULL).
 * AG_ENOTFOUND: unknown framework/hyperscaler/pattern. AG_EINVAL: bad idea or choices, or
 * diagnose found an incompatible choice (its err rows are in
 * warnings as "diagnose: <category> <value>: <sub>"). AG_EINTERNAL: a template failed or the
 * safety scan flagged generated code (findings in warnings) - we never ship unsafe code. */
int engine_generate(const char *idea, const struct plan_choices *c, const char *templates_root,
                    struct spec *spec_out, struct gen_files *files_out,
                    struct buf *warnings) AG_MUST_CHECK;

/* engine_render_spec: the same pipeline for a spec given whole (a spec file uploaded on the
 * Test surface): the compatibility rules on its choices, the renderers, the safety scan.
 * Errors as engine_generate; files_out as there. */
int engine_render_spec(const struct spec *s, const char *templates_root, struct gen_files *files_out,
                       struct buf *warnings) AG_MUST_CHECK;

/* engine_diagnose_errors runs the compatibility rules on c; writes err rows to warnings and
 * returns AG_EINVAL when there is at least one, 0 otherwise, AG_ENOTFOUND for unknown ids.
 * Export rows are skipped: they concern deployment targets, not the generated files. */
int engine_diagnose_errors(const struct plan_choices *c, struct buf *warnings) AG_MUST_CHECK;

#endif
