/* SPDX-License-Identifier: MIT */
/* chat_db.c - SQL of chat sessions, their finished messages, and LLM providers (which hold a
 * reference to the API key, never the key). */
#include <stdio.h>
#include <string.h>

#include "runs_db.h"

static const char *
col(struct arena *ar, sqlite3_stmt *st, int i)
{
    return arena_strdup(ar, db_col_text(st, i));
}

int
chat_db_session_create(struct db *db, long long project_id, const char *agent_id,
                       const char *permission, const char *model, long long owner, long long *id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO chat_sessions (project_id, agent_id, permission, model,"
                        " owner_id) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0)) RETURNING id",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, project_id);
    rc = rc ? rc : db_bind_text(st, 2, agent_id);
    rc = rc ? rc : db_bind_text(st, 3, permission);
    rc = rc ? rc : db_bind_text(st, 4, model ? model : "");
    rc = rc ? rc : db_bind_int(st, 5, owner);
    rc = rc ? rc : db_step(st);
    if (rc == 1) {
        *id = db_col_int(st, 0);
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc == AG_ECONFLICT ? AG_ENOTFOUND : rc < 0 ? rc : 0;
}

#define SESSION_COLS                                                                             \
    "s.id, s.project_id, s.created_at, s.agent_id, s.permission, s.model, p.name"

static int
read_session(struct arena *ar, sqlite3_stmt *st, struct chat_session_row *s)
{
    s->id = db_col_int(st, 0);
    s->project_id = db_col_int(st, 1);
    s->created_at = db_col_int(st, 2);
    s->agent_id = col(ar, st, 3);
    s->permission = col(ar, st, 4);
    s->model = col(ar, st, 5);
    s->project_name = col(ar, st, 6);
    return s->agent_id && s->permission && s->model && s->project_name ? 0 : AG_ENOMEM;
}

int
chat_db_session_get(struct db *db, struct arena *ar, long long id, struct chat_session_row *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT " SESSION_COLS " FROM chat_sessions s JOIN projects p"
                        " ON p.id = s.project_id WHERE s.id = ?1",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step_row(st);
    rc = rc ? rc : read_session(ar, st, out);
    db_stmt_done(st);
    return rc;
}

int
chat_db_sessions(struct db *db, struct arena *ar, int limit, struct chat_session_row **rows,
                 int *n)
{
    sqlite3_stmt *st = NULL;
    *n = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * (size_t)(limit > 0 ? limit : 1));
    int rc = *rows ? db_prepare(db,
                                "SELECT " SESSION_COLS " FROM chat_sessions s JOIN projects p"
                                " ON p.id = s.project_id ORDER BY s.id DESC LIMIT ?1",
                                &st)
                   : AG_ENOMEM;
    rc = rc ? rc : db_bind_int(st, 1, limit);
    while (rc == 0 && (rc = db_step(st)) == 1) {
        rc = read_session(ar, st, &(*rows)[(*n)++]);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
chat_db_set_permission(struct db *db, long long id, const char *permission)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "UPDATE chat_sessions SET permission = ?2 WHERE id = ?1", &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_bind_text(st, 2, permission);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
chat_db_latest_run(struct db *db, long long session_id, long long *run_id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT coalesce(max(id), 0) FROM runs WHERE session_id = ?1", &st);
    rc = rc ? rc : db_bind_int(st, 1, session_id);
    rc = rc ? rc : db_step(st);
    *run_id = rc == 1 ? db_col_int(st, 0) : 0;
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
chat_db_message_add(struct db *db, long long session_id, long long run_id, const char *role,
                    const char *content, const char *tool, const char *args)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO chat_messages (session_id, run_id, role, content, tool, args)"
                        " VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6)",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, session_id);
    rc = rc ? rc : db_bind_int(st, 2, run_id);
    rc = rc ? rc : db_bind_text(st, 3, role);
    rc = rc ? rc : db_bind_text(st, 4, content ? content : "");
    rc = rc ? rc : db_bind_text(st, 5, tool);
    rc = rc ? rc : db_bind_text(st, 6, args);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
chat_db_messages(struct db *db, struct arena *ar, long long session_id,
                 struct chat_message_row **rows, int *n)
{
    enum { MAX = 200 };
    sqlite3_stmt *st = NULL;
    *n = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * MAX);
    /* the newest MAX messages, oldest first */
    int rc = *rows ? db_prepare(db,
                                "SELECT * FROM (SELECT id, coalesce(run_id, 0), created_at, role,"
                                " content, coalesce(tool, ''), coalesce(args, '') FROM chat_messages"
                                " WHERE session_id = ?1 ORDER BY id DESC LIMIT 200) ORDER BY 1",
                                &st)
                   : AG_ENOMEM;
    rc = rc ? rc : db_bind_int(st, 1, session_id);
    while (rc == 0 && *n < MAX && (rc = db_step(st)) == 1) {
        struct chat_message_row *m = &(*rows)[(*n)++];
        m->id = db_col_int(st, 0);
        m->run_id = db_col_int(st, 1);
        m->created_at = db_col_int(st, 2);
        m->role = col(ar, st, 3);
        m->content = col(ar, st, 4);
        m->tool = col(ar, st, 5);
        m->args = col(ar, st, 6);
        rc = m->role && m->content && m->tool && m->args ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

#define PROVIDER_COLS                                                                            \
    "id, is_default, kind, name, base_url, models, default_model, api_key_ref, api_version,"      \
    " project_ref"

static int
read_provider(struct arena *ar, sqlite3_stmt *st, struct provider_row *p)
{
    p->id = db_col_int(st, 0);
    p->is_default = (int)db_col_int(st, 1);
    const char **strs[] = {&p->kind, &p->name, &p->base_url, &p->models,
                           &p->default_model, &p->api_key_ref, &p->api_version, &p->project_ref};
    for (int i = 0; i < (int)AG_NELEM(strs); i++) {
        *strs[i] = col(ar, st, 2 + i);
        if (!*strs[i]) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

int
providers_db_list(struct db *db, struct arena *ar, struct provider_row **rows, int *n)
{
    enum { MAX = 50 };
    sqlite3_stmt *st = NULL;
    *n = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * MAX);
    int rc = *rows ? db_prepare(db, "SELECT " PROVIDER_COLS " FROM providers ORDER BY id LIMIT 50",
                                &st)
                   : AG_ENOMEM;
    while (rc == 0 && *n < MAX && (rc = db_step(st)) == 1) {
        rc = read_provider(ar, st, &(*rows)[(*n)++]);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
providers_db_get(struct db *db, struct arena *ar, long long id, struct provider_row *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT " PROVIDER_COLS " FROM providers WHERE ?1 = 0 OR id = ?1"
                        " ORDER BY is_default DESC, id LIMIT 1",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step_row(st);
    rc = rc ? rc : read_provider(ar, st, out);
    db_stmt_done(st);
    return rc;
}

static int
bind_provider(sqlite3_stmt *st, const struct provider_row *p)
{
    const char *vals[] = {p->kind, p->name, p->base_url, p->models, p->default_model,
                          p->api_key_ref, p->api_version, p->project_ref};
    int rc = db_bind_int(st, 1, p->id);
    rc = rc ? rc : db_bind_int(st, 2, p->is_default);
    for (int i = 0; rc == 0 && i < (int)AG_NELEM(vals); i++) {
        rc = db_bind_text(st, 3 + i, vals[i] ? vals[i] : "");
    }
    return rc;
}

int
providers_db_save(struct db *db, const struct provider_row *p, long long *id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_tx_begin(db);
    rc = rc ? rc : db_prepare(db,
                              "INSERT INTO providers (id, is_default, kind, name, base_url, models,"
                              " default_model, api_key_ref, api_version, project_ref) VALUES"
                              " (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                              " ON CONFLICT (id) DO UPDATE SET is_default = ?2, kind = ?3,"
                              " name = ?4, base_url = ?5, models = ?6, default_model = ?7,"
                              " api_key_ref = ?8, api_version = ?9, project_ref = ?10,"
                              " updated_at = unixepoch() RETURNING id",
                              &st);
    rc = rc ? rc : bind_provider(st, p);
    rc = rc ? rc : db_step(st);
    if (rc == 1) {
        *id = db_col_int(st, 0);
        rc = db_step(st);
    }
    db_stmt_done(st);
    if (rc == 0 && p->is_default) {
        rc = db_prepare(db, "UPDATE providers SET is_default = 0 WHERE id <> ?1", &st);
        rc = rc ? rc : db_bind_int(st, 1, *id);
        rc = rc ? rc : db_step(st);
        db_stmt_done(st);
    }
    rc = rc < 0 ? rc : db_tx_commit(db);
    if (rc < 0) {
        db_tx_rollback(db);
    }
    return rc < 0 ? rc : 0;
}

int
providers_db_delete(struct db *db, long long id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "DELETE FROM providers WHERE id = ?1 RETURNING id", &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step(st);
    int found = rc == 1;
    if (rc == 1) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : found ? 0 : AG_ENOTFOUND;
}
