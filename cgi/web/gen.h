/* SPDX-License-Identifier: MIT */
/* gen.h - generation as the web sees it: choices from a JSON body or a wizard draft, a run of
 * the engine, diagnostics as JSON or a dataset, and saving a project. Shared by the JSON API
 * and the wizard pages, so both refuse an incompatible choice the same way. */
#ifndef AG_WEB_GEN_H
#define AG_WEB_GEN_H

#include "../core/tmpl.h"
#include "../engine/planner.h"
#include "../engine/render.h"
#include "projects_db.h"
#include "req.h"

/* gen_choice_valid: v is a catalogue id of kind (framework, hyperscaler, pattern, model), or
 * empty/NULL for every kind but framework. The one check the JSON API and the wizard share. */
int gen_choice_valid(const char *kind, const char *v);
/* gen_choices_from_json reads {idea, name, framework, pattern, model, hyperscaler, tools[],
 * memory} (arena copies). idea may be NULL when the caller needs no idea (diagnostics).
 * *field names the bad field on AG_EINVAL. */
int gen_choices_from_json(struct req *r, struct json_object *o, const char **idea,
                          struct plan_choices *c, const char **field) AG_MUST_CHECK;
/* gen_choices_from_draft maps a wizard draft (comma-separated tools) to choices. */
int gen_choices_from_draft(struct req *r, const struct draft *d, struct plan_choices *c)
    AG_MUST_CHECK;
/* gen_agents_parse reads a draft's agents column ("" -> *n = 0) into arena edits;
 * AG_EINVAL for malformed JSON. gen_agents_json writes edits back (arena string). */
int gen_agents_parse(struct req *r, const char *text, struct spec_agent_edit **out, int *n)
    AG_MUST_CHECK;
int gen_agents_json(struct req *r, const struct spec_agent_edit *e, int n, const char **out)
    AG_MUST_CHECK;
/* gen_draft_agents: the draft's agents as edits - its stored edits, else the planner's agents
 * for its idea (each kept as it is). */
int gen_draft_agents(struct req *r, const struct draft *d, struct spec_agent_edit **out, int *n)
    AG_MUST_CHECK;
/* gen_diagnose_json: the diagnostics of c as a JSON array; *worst gets ok|warn|err. */
int gen_diagnose_json(const struct plan_choices *c, struct json_object **out, const char **worst)
    AG_MUST_CHECK;
/* gen_diagnose_tmpl puts the rows under prefix.N.{category,value,sub,severity,step} and returns
 * the number of err rows in *n_err. */
int gen_diagnose_tmpl(const struct plan_choices *c, struct tmpl *t, const char *prefix,
                      int *n_err) AG_MUST_CHECK;
/* gen_run runs the engine (templates from share_dir). See engine_generate for errors. */
int gen_run(struct req *r, const char *idea, const struct plan_choices *c, struct spec *spec,
            struct gen_files *files, struct buf *warnings) AG_MUST_CHECK;
/* gen_preview: the engine's result for draft d. The engine is deterministic, so each worker
 * keeps the last GEN_CACHE_SLOTS results keyed by a hash of the draft's content: a repeated
 * review of an unchanged draft does not re-run it, and any change to the draft is a new key.
 * *out is borrowed from the cache until the next gen_preview call of this worker. */
struct gen_result {
    int rc;               /* engine_generate's result */
    const char *warnings; /* its warnings and reasons, one per line */
    struct spec spec;
    struct gen_files files;
};
int gen_preview(struct req *r, const struct draft *d, const struct gen_result **out)
    AG_MUST_CHECK;
/* gen_run_draft: the engine on a draft's content (uncached; for Generate). */
int gen_run_draft(struct req *r, const struct draft *d, struct spec *spec,
                  struct gen_files *files, struct buf *warnings) AG_MUST_CHECK;
/* gen_save stores a new project (project_id 0) or replaces one; *id_out gets its id.
 * agent_edits: the wizard draft's agent edits, kept for Regenerate (NULL elsewhere). */
int gen_save(struct req *r, long long project_id, const struct spec *spec, const char *agent_edits,
             const struct gen_files *files, long long *id_out) AG_MUST_CHECK;
/* gen_new_draft creates an empty wizard draft with a fresh random id and loads it into d. */
int gen_new_draft(struct req *r, struct draft *d) AG_MUST_CHECK;
/* gen_owner: the signed-in user's id, or 0. */
long long gen_owner(const struct req *r);

#endif
