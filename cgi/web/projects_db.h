/* SPDX-License-Identifier: MIT */
/* projects_db.h - SQL of projects, their files, wizard drafts and the history. Takes struct db and
 * plain structs only (no struct req), so it is tested without HTTP. Strings returned in rows are
 * arena memory. */
#ifndef AG_WEB_PROJECTS_DB_H
#define AG_WEB_PROJECTS_DB_H

#include "../core/arena.h"
#include "../core/db.h"
#include "../engine/render.h"
#include "../engine/spec.h"

struct project_row {
    long long id;
    const char *name, *slug, *idea, *framework, *pattern, *model, *hyperscaler, *spec_json;
    long long n_files, n_bytes, created_at, updated_at;
    const char *agent_edits; /* the wizard's agent edits (drafts.agents), "" = as planned */
};

struct file_row {
    const char *path;
    long long size;
    int mode;
};

struct history_row {
    long long id, project_id, created_at;
    const char *kind, *title, *detail, *framework;
};

struct draft {
    const char *id;
    const char *idea, *name, *framework, *pattern, *model, *hyperscaler, *tools;
    int memory;
    long long project_id;
    const char *agents; /* JSON of the edited agents, "" = as planned (see sql/0007) */
};

struct list_query {
    const char *q;         /* substring of name or idea, or NULL */
    const char *framework; /* exact, or NULL */
    int limit, offset;
    int idea_max;          /* projects_db_list: characters of the idea kept, 0 = all */
};

/* create: project + files + a history row, in one transaction. */
/* agent_edits: the draft's agent edits (JSON) or NULL/"" */
int projects_db_create(struct db *db, const struct spec *s, const char *spec_json,
                       const char *agent_edits, const struct gen_files *files, long long owner,
                       long long *id_out) AG_MUST_CHECK;
/* replace: new spec and files for an existing project (regenerate), one transaction. */
int projects_db_replace(struct db *db, long long id, const struct spec *s, const char *spec_json,
                        const char *agent_edits, const struct gen_files *files, long long owner)
    AG_MUST_CHECK;
int projects_db_get(struct db *db, struct arena *ar, long long id, struct project_row *out)
    AG_MUST_CHECK;
/* list: a page of projects, newest first; rows carry no spec_json ("") and at most
 * lq->idea_max characters of the idea. */
int projects_db_list(struct db *db, struct arena *ar, const struct list_query *lq,
                     struct project_row **rows, int *n, long long *total) AG_MUST_CHECK;
int projects_db_files(struct db *db, struct arena *ar, long long id, struct file_row **rows,
                      int *n) AG_MUST_CHECK;
/* file: the content (arena copy, NUL-terminated) of one file; AG_ENOTFOUND if absent. */
int projects_db_file(struct db *db, struct arena *ar, long long id, const char *path,
                     const char **content, size_t *len) AG_MUST_CHECK;
/* load_files: all files of a project into out (caller-initialised; caller frees). */
int projects_db_load_files(struct db *db, long long id, struct gen_files *out) AG_MUST_CHECK;
int projects_db_rename(struct db *db, long long id, const char *name, long long owner) AG_MUST_CHECK;
int projects_db_delete(struct db *db, long long id, long long owner) AG_MUST_CHECK;

int history_db_list(struct db *db, struct arena *ar, const char *kind, const struct list_query *lq,
                    struct history_row **rows, int *n) AG_MUST_CHECK;

int drafts_db_create(struct db *db, const char *id, long long owner) AG_MUST_CHECK;
int drafts_db_get(struct db *db, struct arena *ar, const char *id, struct draft *out) AG_MUST_CHECK;
int drafts_db_save(struct db *db, const struct draft *d) AG_MUST_CHECK;
/* recent_ideas: up to limit distinct ideas of owner's drafts, projects and generations, newest
 * first (arena strings in ideas[0..*n)); none for owner 0. */
int drafts_db_recent_ideas(struct db *db, struct arena *ar, long long owner, int limit,
                           const char **ideas, int *n) AG_MUST_CHECK;

#endif
