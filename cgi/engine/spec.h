/* SPDX-License-Identifier: MIT */
/* spec.h - the project spec: what the planner produces, the renderers consume, the API and the
 * project files carry as JSON (spec_to_json / spec_from_json use one schema).
 * A struct spec owns all of its strings (heap); spec_free releases them. */
#ifndef AG_SPEC_H
#define AG_SPEC_H

#include <json-c/json.h>
#include <stddef.h>

#include "../core/ag.h"

#define SPEC_MAX_AGENTS 6
#define SPEC_MAX_TASKS  12
#define SPEC_MAX_TOOLS  12 /* tools of the whole project */
#define SPEC_MAX_DEPS   SPEC_MAX_TASKS
#define SPEC_IDEA_MAX   10240 /* bytes of the one-sentence (or longer) idea */

enum spec_pattern { SPEC_SUPERVISOR = 0, SPEC_REACT = 1 };

struct spec_agent {
    char *id;        /* python identifier-safe: [a-z][a-z0-9_]* */
    char *role;      /* free text from the idea: escape per context */
    char *goal;      /* free text */
    char *backstory; /* free text */
    char *model;     /* NULL = project model */
    int tools[SPEC_MAX_TOOLS]; /* indexes into spec.tools */
    int n_tools;
};

struct spec_task {
    char *id;              /* identifier-safe */
    char *description;     /* free text */
    char *expected_output; /* free text */
    int agent;             /* index into spec.agents */
    int deps[SPEC_MAX_DEPS]; /* indexes into spec.tasks, each < own index (topological order) */
    int n_deps;
};

struct spec_tool {
    char *id; /* catalogue tool id: web_search, pdf_reader, http_client, sql_query,
                 file_writer, vector_search */
};

struct spec {
    char *name;        /* display name (free text) */
    char *slug;        /* ^[a-z][a-z0-9_]*$, also the python package name */
    char *description; /* the idea, as given */
    char *framework;   /* catalogue framework id */
    char *hyperscaler; /* catalogue hyperscaler id or NULL */
    char *model;       /* catalogue model id */
    enum spec_pattern pattern;
    int memory;     /* 0/1 */
    char *permission; /* "safe" | "ask" | "dev" */
    struct spec_agent agents[SPEC_MAX_AGENTS];
    int n_agents;
    struct spec_task tasks[SPEC_MAX_TASKS];
    int n_tasks;
    struct spec_tool tools[SPEC_MAX_TOOLS];
    int n_tools;
};

#define SPEC_ID_MAX   40   /* bytes of an agent/task id and of the slug */
#define SPEC_NAME_MAX 120  /* bytes of the display name and of an agent role */
#define SPEC_TEXT_MAX 2000 /* bytes of goal, backstory, task description, expected output */

/* spec_id_ok: ^[a-z][a-z0-9_]*$, 1..SPEC_ID_MAX bytes, not a Python keyword and not one of the
 * names the generated code defines itself (main, state, crew, ...). */
int spec_id_ok(const char *id);
/* spec_slug_ok: like spec_id_ok, and not a module name the generated project imports
 * (crewai, langgraph, os, json, test, ...), so the package never shadows one. */
int spec_slug_ok(const char *slug);
/* spec_utf8_ok: s[0..len) is valid UTF-8 (no overlongs, surrogates or NUL bytes). */
int spec_utf8_ok(const char *s, size_t len);
/* spec_utf8_clip: the largest n <= max (and <= len) such that s[0..n) ends on a character
 * boundary; s must be valid UTF-8. */
size_t spec_utf8_clip(const char *s, size_t len, size_t max);

void spec_free(struct spec *s); /* frees owned strings, zeroes s */
/* spec_to_json builds the canonical JSON; *out owned by caller. */
int spec_to_json(const struct spec *s, struct json_object **out) AG_MUST_CHECK;
/* spec_from_json validates (ids, references, acyclic deps, limits) and fills s; on error
 * s is left empty and *why (static string) says what was wrong. */
int spec_from_json(struct json_object *o, struct spec *s, const char **why) AG_MUST_CHECK;

#endif
