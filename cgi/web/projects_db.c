/* SPDX-License-Identifier: MIT */
/* projects_db.c - SQL for projects, project_files, drafts and history. Every write is one
 * transaction; values only through bound parameters. */
#include "projects_db.h"

#include <stdio.h>
#include <string.h>

static const char *col(struct arena *ar, sqlite3_stmt *st, int i);
static int bind_all(sqlite3_stmt *st, const char *const *texts, int n);
static int insert_files(struct db *db, long long id, const struct gen_files *files);
static int add_history(struct db *db, const char *kind, long long project, const char *title,
                       const char *detail, const char *framework, long long owner);
static void fill_project(struct arena *ar, sqlite3_stmt *st, struct project_row *p);

#define LIST_WHERE                                                                                 \
    " WHERE (?1 IS NULL OR instr(lower(name), lower(?1)) > 0"                                      \
    "        OR instr(lower(idea), lower(?1)) > 0)"                                                \
    "   AND (?2 IS NULL OR framework = ?2)"
#define PROJECT_COLS                                                                               \
    "id, name, slug, idea, framework, pattern, model, hyperscaler, spec_json, n_files, n_bytes,"   \
    " created_at, updated_at, agent_edits"
/* a list needs no spec (kBs each: reading and copying them was a good part of the list's cost),
 * and a page needs only the start of a long idea (?5 characters, 0 = all of it) */
#define LIST_COLS                                                                                  \
    "id, name, slug, CASE WHEN ?5 > 0 THEN substr(idea, 1, ?5) ELSE idea END, framework,"          \
    " pattern, model, hyperscaler, '', n_files, n_bytes, created_at, updated_at, ''"

static const char *
col(struct arena *ar, sqlite3_stmt *st, int i)
{
    return arena_strdup(ar, db_col_text(st, i));
}

static int
bind_all(sqlite3_stmt *st, const char *const *texts, int n)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        rc = db_bind_text(st, i + 1, texts[i]);
    }
    return rc;
}

static int
run_done(sqlite3_stmt *st, int rc)
{
    if (rc == 0) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int
insert_files(struct db *db, long long id, const struct gen_files *files)
{
    for (size_t i = 0; i < files->n; i++) {
        sqlite3_stmt *st = NULL;
        int rc = db_prepare(db,
                            "INSERT INTO project_files (project_id, path, mode, content)"
                            " VALUES (?1, ?2, ?3, ?4)",
                            &st);
        if (rc < 0) {
            return rc;
        }
        const struct gen_file *f = &files->items[i];
        rc = db_bind_int(st, 1, id);
        if (rc == 0) {
            rc = db_bind_text(st, 2, f->path);
        }
        if (rc == 0) {
            rc = db_bind_int(st, 3, f->mode);
        }
        if (rc == 0) {
            rc = sqlite3_bind_blob(st, 4, f->content, (int)f->len, SQLITE_STATIC) == SQLITE_OK
                     ? 0
                     : AG_EDB;
        }
        rc = run_done(st, rc);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static int
add_history(struct db *db, const char *kind, long long project, const char *title,
            const char *detail, const char *framework, long long owner)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO history (kind, project_id, title, detail, framework, owner_id)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_text(st, 1, kind);
    if (rc == 0) {
        rc = project > 0 ? db_bind_int(st, 2, project) : db_bind_text(st, 2, NULL);
    }
    if (rc == 0) {
        const char *texts[] = {title, detail ? detail : "", framework ? framework : ""};
        for (int i = 0; rc == 0 && i < 3; i++) {
            rc = db_bind_text(st, 3 + i, texts[i]);
        }
    }
    if (rc == 0) {
        rc = owner > 0 ? db_bind_int(st, 6, owner) : db_bind_text(st, 6, NULL);
    }
    return run_done(st, rc);
}

static long long
total_bytes(const struct gen_files *files)
{
    long long n = 0;
    for (size_t i = 0; i < files->n; i++) {
        n += (long long)files->items[i].len;
    }
    return n;
}

static const char *
pattern_name(const struct spec *s)
{
    return s->pattern == SPEC_REACT ? "react" : "supervisor";
}

int
projects_db_create(struct db *db, const struct spec *s, const char *spec_json,
                   const char *agent_edits, const struct gen_files *files, long long owner,
                   long long *id_out)
{
    int rc = db_tx_begin(db);
    if (rc < 0) {
        return rc;
    }
    sqlite3_stmt *st = NULL;
    rc = db_prepare(db,
                    "INSERT INTO projects (name, slug, idea, framework, pattern, model, hyperscaler,"
                    " spec_json, n_files, n_bytes, owner_id, agent_edits) VALUES (?1, ?2, ?3, ?4,"
                    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
                    &st);
    if (rc == 0) {
        const char *texts[] = {s->name,  s->slug,       s->description, s->framework,
                               pattern_name(s), s->model, s->hyperscaler, spec_json};
        rc = bind_all(st, texts, 8);
        if (rc == 0) {
            rc = db_bind_int(st, 9, (long long)files->n);
        }
        if (rc == 0) {
            rc = db_bind_int(st, 10, total_bytes(files));
        }
        if (rc == 0) {
            rc = owner > 0 ? db_bind_int(st, 11, owner) : db_bind_text(st, 11, NULL);
        }
        if (rc == 0) {
            rc = db_bind_text(st, 12, agent_edits ? agent_edits : "");
        }
        if (rc == 0) {
            rc = db_step(st) == 1 ? 0 : AG_EDB;
        }
        if (rc == 0) {
            *id_out = db_col_int(st, 0);
        }
        db_stmt_done(st);
    }
    if (rc == 0) {
        rc = insert_files(db, *id_out, files);
    }
    if (rc == 0) {
        rc = add_history(db, "generate", *id_out, s->name, s->description, s->framework, owner);
    }
    if (rc == 0) {
        rc = db_tx_commit(db);
    }
    if (rc < 0) {
        db_tx_rollback(db);
    }
    return rc;
}

int
projects_db_replace(struct db *db, long long id, const struct spec *s, const char *spec_json,
                    const char *agent_edits, const struct gen_files *files, long long owner)
{
    int rc = db_tx_begin(db);
    if (rc < 0) {
        return rc;
    }
    sqlite3_stmt *st = NULL;
    rc = db_prepare(db,
                    "UPDATE projects SET name = ?2, slug = ?3, idea = ?4, framework = ?5,"
                    " pattern = ?6, model = ?7, hyperscaler = ?8, spec_json = ?9, n_files = ?10,"
                    " n_bytes = ?11, agent_edits = ?12, updated_at = unixepoch() WHERE id = ?1",
                    &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, id);
        const char *texts[] = {s->name,  s->slug,       s->description, s->framework,
                               pattern_name(s), s->model, s->hyperscaler, spec_json};
        for (int i = 0; rc == 0 && i < 8; i++) {
            rc = db_bind_text(st, 2 + i, texts[i]);
        }
        if (rc == 0) {
            rc = db_bind_int(st, 10, (long long)files->n);
        }
        if (rc == 0) {
            rc = db_bind_int(st, 11, total_bytes(files));
        }
        if (rc == 0) {
            rc = db_bind_text(st, 12, agent_edits ? agent_edits : "");
        }
        rc = run_done(st, rc);
    }
    if (rc == 0 && sqlite3_changes(db_handle(db)) == 0) {
        rc = AG_ENOTFOUND;
    }
    if (rc == 0) {
        rc = db_prepare(db, "DELETE FROM project_files WHERE project_id = ?1", &st);
        if (rc == 0) {
            rc = run_done(st, db_bind_int(st, 1, id));
        }
    }
    if (rc == 0) {
        rc = insert_files(db, id, files);
    }
    if (rc == 0) {
        rc = add_history(db, "regenerate", id, s->name, s->description, s->framework, owner);
    }
    if (rc == 0) {
        rc = db_tx_commit(db);
    }
    if (rc < 0) {
        db_tx_rollback(db);
    }
    return rc;
}

static void
fill_project(struct arena *ar, sqlite3_stmt *st, struct project_row *p)
{
    p->id = db_col_int(st, 0);
    p->name = col(ar, st, 1);
    p->slug = col(ar, st, 2);
    p->idea = col(ar, st, 3);
    p->framework = col(ar, st, 4);
    p->pattern = col(ar, st, 5);
    p->model = col(ar, st, 6);
    p->hyperscaler = col(ar, st, 7);
    p->spec_json = col(ar, st, 8);
    p->n_files = db_col_int(st, 9);
    p->n_bytes = db_col_int(st, 10);
    p->created_at = db_col_int(st, 11);
    p->updated_at = db_col_int(st, 12);
    p->agent_edits = col(ar, st, 13);
}

int
projects_db_get(struct db *db, struct arena *ar, long long id, struct project_row *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT " PROJECT_COLS " FROM projects WHERE id = ?1", &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, id);
    if (rc == 0) {
        rc = db_step_row(st);
    }
    if (rc == 0) {
        fill_project(ar, st, out);
        rc = out->spec_json ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc;
}

int
projects_db_list(struct db *db, struct arena *ar, const struct list_query *lq,
                 struct project_row **rows, int *n, long long *total)
{
    sqlite3_stmt *st = NULL;
    /* the page walks the projects_updated index; the total is a separate count (a window count
     * over the page query would read and sort every matching row, spec included) */
    int rc = db_prepare(db, "SELECT " LIST_COLS " FROM projects" LIST_WHERE
                        " ORDER BY updated_at DESC, id DESC LIMIT ?3 OFFSET ?4", &st);
    if (rc < 0) {
        return rc;
    }
    *n = 0;
    *total = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * (size_t)(lq->limit > 0 ? lq->limit : 1));
    rc = *rows ? 0 : AG_ENOMEM;
    const char *texts[] = {lq->q && *lq->q ? lq->q : NULL,
                           lq->framework && *lq->framework ? lq->framework : NULL};
    if (rc == 0) {
        rc = bind_all(st, texts, 2);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 3, lq->limit);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 4, lq->offset);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 5, lq->idea_max);
    }
    while (rc == 0 && (rc = db_step(st)) == 1 && *n < lq->limit) {
        fill_project(ar, st, &(*rows)[*n]);
        (*n)++;
        rc = 0;
    }
    db_stmt_done(st);
    if (rc >= 0) {
        /* unfiltered, SQLite counts from the smallest index instead of reading every row */
        int all = !texts[0] && !texts[1];
        rc = db_prepare(db, all ? "SELECT count(*) FROM projects"
                                : "SELECT count(*) FROM projects" LIST_WHERE,
                        &st);
        if (rc == 0 && !all) {
            rc = bind_all(st, texts, 2);
        }
        if (rc == 0 && (rc = db_step(st)) == 1) {
            *total = db_col_int(st, 0);
        }
        db_stmt_done(st);
    }
    return rc < 0 ? rc : 0;
}

int
projects_db_files(struct db *db, struct arena *ar, long long id, struct file_row **rows, int *n)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT path, length(content), mode FROM project_files"
                        " WHERE project_id = ?1 ORDER BY path",
                        &st);
    if (rc < 0) {
        return rc;
    }
    int cap = 64;
    *n = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * (size_t)cap);
    rc = *rows ? db_bind_int(st, 1, id) : AG_ENOMEM;
    while (rc == 0 && (rc = db_step(st)) == 1) {
        if (*n == cap) {
            struct file_row *nr = arena_alloc(ar, sizeof(*nr) * (size_t)cap * 2);
            if (!nr) {
                rc = AG_ENOMEM;
                break;
            }
            memcpy(nr, *rows, sizeof(*nr) * (size_t)cap);
            *rows = nr;
            cap *= 2;
        }
        struct file_row *f = &(*rows)[(*n)++];
        f->path = col(ar, st, 0);
        f->size = db_col_int(st, 1);
        f->mode = (int)db_col_int(st, 2);
        rc = f->path ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
projects_db_file(struct db *db, struct arena *ar, long long id, const char *path,
                 const char **content, size_t *len)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT content FROM project_files WHERE project_id = ?1 AND path = ?2", &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, id);
    if (rc == 0) {
        rc = db_bind_text(st, 2, path);
    }
    if (rc == 0) {
        rc = db_step_row(st);
    }
    if (rc == 0) {
        *len = (size_t)sqlite3_column_bytes(st, 0);
        const void *p = sqlite3_column_blob(st, 0);
        *content = arena_strndup(ar, p ? p : "", *len);
        rc = *content ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc;
}

int
projects_db_load_files(struct db *db, long long id, struct gen_files *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT path, mode, content FROM project_files WHERE project_id = ?1"
                        " ORDER BY path",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, id);
    while (rc == 0 && (rc = db_step(st)) == 1) {
        const void *p = sqlite3_column_blob(st, 2);
        rc = gen_files_add(out, db_col_text(st, 0), p ? p : "",
                           (size_t)sqlite3_column_bytes(st, 2), (int)db_col_int(st, 1));
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
projects_db_rename(struct db *db, long long id, const char *name, long long owner)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE projects SET name = ?2, updated_at = unixepoch() WHERE id = ?1", &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, id);
    if (rc == 0) {
        rc = db_bind_text(st, 2, name);
    }
    rc = run_done(st, rc);
    if (rc == 0 && sqlite3_changes(db_handle(db)) == 0) {
        return AG_ENOTFOUND;
    }
    (void)owner;
    return rc;
}

int
projects_db_delete(struct db *db, long long id, long long owner)
{
    int rc = db_tx_begin(db);
    if (rc < 0) {
        return rc;
    }
    sqlite3_stmt *st = NULL;
    const char *name = NULL;
    char title[256] = "";
    rc = db_prepare(db, "DELETE FROM projects WHERE id = ?1 RETURNING name, framework", &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, id);
        if (rc == 0) {
            rc = db_step(st);
        }
        if (rc == 1) {
            name = db_col_text(st, 0);
            snprintf(title, sizeof(title), "%s", name);
            rc = 0;
            while (db_step(st) == 1) {
            }
        } else if (rc == 0) {
            rc = AG_ENOTFOUND;
        }
        db_stmt_done(st);
    }
    if (rc == 0) {
        rc = add_history(db, "delete", 0, title, "", "", owner);
    }
    if (rc == 0) {
        rc = db_tx_commit(db);
    }
    if (rc < 0) {
        db_tx_rollback(db);
    }
    return rc;
}

int
history_db_list(struct db *db, struct arena *ar, const char *kind, const struct list_query *lq,
                struct history_row **rows, int *n)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT id, coalesce(project_id, 0), created_at, kind, title, detail,"
                        " framework FROM history WHERE (?1 IS NULL OR kind = ?1)"
                        " AND (?2 IS NULL OR instr(lower(title), lower(?2)) > 0"
                        "      OR instr(lower(detail), lower(?2)) > 0)"
                        " AND (?3 IS NULL OR framework = ?3)"
                        " ORDER BY created_at DESC, id DESC LIMIT ?4 OFFSET ?5",
                        &st);
    if (rc < 0) {
        return rc;
    }
    *n = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * (size_t)(lq->limit > 0 ? lq->limit : 1));
    const char *texts[] = {kind && *kind ? kind : NULL, lq->q && *lq->q ? lq->q : NULL,
                           lq->framework && *lq->framework ? lq->framework : NULL};
    rc = *rows ? bind_all(st, texts, 3) : AG_ENOMEM;
    if (rc == 0) {
        rc = db_bind_int(st, 4, lq->limit);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 5, lq->offset);
    }
    while (rc == 0 && (rc = db_step(st)) == 1 && *n < lq->limit) {
        struct history_row *h = &(*rows)[(*n)++];
        h->id = db_col_int(st, 0);
        h->project_id = db_col_int(st, 1);
        h->created_at = db_col_int(st, 2);
        h->kind = col(ar, st, 3);
        h->title = col(ar, st, 4);
        h->detail = col(ar, st, 5);
        h->framework = col(ar, st, 6);
        rc = h->framework ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
drafts_db_create(struct db *db, const char *id, long long owner)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "INSERT INTO drafts (id, owner_id) VALUES (?1, ?2)", &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_text(st, 1, id);
    if (rc == 0) {
        rc = owner > 0 ? db_bind_int(st, 2, owner) : db_bind_text(st, 2, NULL);
    }
    return run_done(st, rc);
}

int
drafts_db_get(struct db *db, struct arena *ar, const char *id, struct draft *d)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT id, idea, name, framework, pattern, model, hyperscaler, tools,"
                        " memory, coalesce(project_id, 0), agents FROM drafts WHERE id = ?1",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_text(st, 1, id);
    if (rc == 0) {
        rc = db_step_row(st);
    }
    if (rc == 0) {
        d->id = col(ar, st, 0);
        d->idea = col(ar, st, 1);
        d->name = col(ar, st, 2);
        d->framework = col(ar, st, 3);
        d->pattern = col(ar, st, 4);
        d->model = col(ar, st, 5);
        d->hyperscaler = col(ar, st, 6);
        d->tools = col(ar, st, 7);
        d->memory = (int)db_col_int(st, 8);
        d->project_id = db_col_int(st, 9);
        d->agents = col(ar, st, 10);
        rc = d->tools && d->agents ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc;
}

int
drafts_db_save(struct db *db, const struct draft *d)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE drafts SET idea = ?2, name = ?3, framework = ?4, pattern = ?5,"
                        " model = ?6, hyperscaler = ?7, tools = ?8, memory = ?9,"
                        " project_id = nullif(?10, 0), agents = ?11, updated_at = unixepoch()"
                        " WHERE id = ?1",
                        &st);
    if (rc < 0) {
        return rc;
    }
    const char *texts[] = {d->id,    d->idea,        d->name,  d->framework,
                           d->pattern, d->model, d->hyperscaler, d->tools};
    rc = bind_all(st, texts, 8);
    if (rc == 0) {
        rc = db_bind_int(st, 9, d->memory);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 10, d->project_id);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 11, d->agents ? d->agents : "");
    }
    rc = run_done(st, rc);
    if (rc == 0 && sqlite3_changes(db_handle(db)) == 0) {
        rc = AG_ENOTFOUND;
    }
    return rc;
}

int
drafts_db_recent_ideas(struct db *db, struct arena *ar, long long owner, int limit,
                       const char **ideas, int *n)
{
    *n = 0;
    if (owner <= 0) {
        return 0;
    }
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT idea FROM ("
                        " SELECT idea, updated_at AS t FROM drafts WHERE owner_id = ?1"
                        " UNION ALL SELECT idea, updated_at FROM projects WHERE owner_id = ?1"
                        " UNION ALL SELECT detail, created_at FROM history WHERE owner_id = ?1"
                        "  AND kind IN ('generate', 'regenerate'))"
                        " WHERE trim(idea) <> '' GROUP BY idea ORDER BY max(t) DESC, idea"
                        " LIMIT ?2",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, owner);
    if (rc == 0) {
        rc = db_bind_int(st, 2, limit);
    }
    while (rc == 0 && *n < limit && (rc = db_step(st)) == 1) {
        ideas[*n] = col(ar, st, 0);
        rc = ideas[(*n)++] ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}
