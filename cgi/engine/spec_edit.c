/* SPDX-License-Identifier: MIT */
/* spec_edit.c - the wizard's agent edits applied to a planned spec: keep, rename, re-role,
 * remove and add agents while tasks and tools stay consistent (a removed agent's tasks and tools
 * go to the first agent kept; a new agent gets one closing task). Validates what the user typed
 * and says what is wrong in words a form can show. */
#include "spec_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"

static int is_blank(const char *s);
static int check_edits(const struct spec *s, const struct spec_agent_edit *e, int n,
                       const char **why);
static int add_closing_task(struct spec *out, int agent, const char *id);

static int
is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
        s++;
    }
    return *s == '\0';
}

static int
check_edits(const struct spec *s, const struct spec_agent_edit *e, int n, const char **why)
{
    int seen[SPEC_MAX_AGENTS] = {0};
    if (n < 1) {
        *why = "Keep at least one agent.";
        return AG_EINVAL;
    }
    if (n > SPEC_MAX_AGENTS) {
        *why = "At most 6 agents.";
        return AG_EINVAL;
    }
    for (int i = 0; i < n; i++) {
        if (!e[i].id || !*e[i].id) {
            *why = "Every agent needs a name.";
            return AG_EINVAL;
        }
        if (!spec_id_ok(e[i].id)) {
            *why = "Agent names are lower-case words joined by _ (a-z, 0-9, _; up to 40 "
                   "characters, starting with a letter), and not a Python keyword or a name "
                   "the generated code uses itself (such as crew, agent, task).";
            return AG_EINVAL;
        }
        if (!e[i].role || is_blank(e[i].role) || strlen(e[i].role) > SPEC_NAME_MAX ||
            !spec_utf8_ok(e[i].role, strlen(e[i].role))) {
            *why = "Every agent needs a role of up to 120 bytes.";
            return AG_EINVAL;
        }
        if (e[i].from >= s->n_agents || e[i].from < SPEC_EDIT_NEW ||
            (e[i].from >= 0 && seen[e[i].from]++)) {
            *why = "The plan changed since these agents were edited; reload the page.";
            return AG_EINVAL;
        }
        for (int j = 0; j < i; j++) {
            if (strcmp(e[i].id, e[j].id) == 0) {
                *why = "Two agents have the same name.";
                return AG_EINVAL;
            }
        }
        for (int k = 0; k < s->n_tasks; k++) {
            if (strcmp(e[i].id, s->tasks[k].id) == 0 || strcmp(e[i].id, s->slug) == 0) {
                *why = "An agent name is already the name of a task or of the project.";
                return AG_EINVAL;
            }
        }
    }
    return 0;
}

/* add_closing_task: a new agent works last, on what the others produced. */
static int
add_closing_task(struct spec *out, int agent, const char *id)
{
    if (out->n_tasks >= SPEC_MAX_TASKS) {
        return AG_ETOOBIG;
    }
    char tid[SPEC_ID_MAX + 1];
    for (int n = 1;; n++) {
        snprintf(tid, sizeof tid, n == 1 ? "%.*s_task" : "%.*s_task_%d", SPEC_ID_MAX - 8, id, n);
        int used = 0;
        for (int k = 0; k < out->n_tasks; k++) {
            used |= strcmp(out->tasks[k].id, tid) == 0;
        }
        for (int a = 0; a < out->n_agents; a++) {
            used |= strcmp(out->agents[a].id, tid) == 0;
        }
        if (!used) {
            break;
        }
    }
    struct spec_task *t = &out->tasks[out->n_tasks];
    memset(t, 0, sizeof *t);
    struct buf d = BUF_INIT, x = BUF_INIT;
    const char *role = out->agents[agent].role;
    int rc = buf_printf(&d, "As %s, review the results of the previous tasks and add your part.",
                        role);
    if (rc == 0) {
        rc = buf_printf(&x, "The results, reviewed and completed by %s.", role);
    }
    t->id = strdup(tid);
    t->description = rc == 0 ? buf_steal(&d) : NULL;
    t->expected_output = rc == 0 ? buf_steal(&x) : NULL;
    buf_free(&d);
    buf_free(&x);
    t->agent = agent;
    if (out->n_tasks > 0) {
        t->deps[t->n_deps++] = out->n_tasks - 1;
    }
    out->n_tasks++; /* counted even on OOM, so spec_free releases what was set */
    return t->id && t->description && t->expected_output ? 0 : AG_ENOMEM;
}

int
spec_edit_agents(struct spec *s, const struct spec_agent_edit *e, int n, const char **why)
{
    *why = NULL;
    int rc = check_edits(s, e, n, why);
    if (rc < 0) {
        return rc;
    }
    /* the new agent list, built aside; old index -> new index (or -1 when removed) */
    struct spec_agent old[SPEC_MAX_AGENTS];
    int n_old = s->n_agents;
    memcpy(old, s->agents, sizeof old);
    int map[SPEC_MAX_AGENTS];
    for (int a = 0; a < n_old; a++) {
        map[a] = -1;
    }
    memset(s->agents, 0, sizeof s->agents);
    s->n_agents = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        struct spec_agent *to = &s->agents[s->n_agents++];
        /* copy first: an edit may point into the spec's own strings */
        char *id = strdup(e[i].id), *role = strdup(e[i].role);
        if (e[i].from >= 0) {
            *to = old[e[i].from];
            memset(&old[e[i].from], 0, sizeof old[0]);
            map[e[i].from] = i;
            free(to->id);
            free(to->role);
        } else {
            struct buf g = BUF_INIT;
            rc = buf_printf(&g, "Act as %s for this project", e[i].role);
            to->goal = rc == 0 ? buf_steal(&g) : NULL;
            buf_free(&g);
            to->backstory = strdup("Added to the plan by the person who designed this system.");
        }
        to->id = id;
        to->role = role;
        if (!to->id || !to->role || !to->goal || !to->backstory) {
            rc = AG_ENOMEM;
        }
    }
    /* removed agents: their tasks and tools go to the first agent kept */
    int heir = 0;
    for (int a = 0; a < n_old; a++) {
        if (map[a] >= 0) {
            continue;
        }
        struct spec_agent *h = &s->agents[heir];
        for (int k = 0; k < old[a].n_tools && h->n_tools < SPEC_MAX_TOOLS; k++) {
            h->tools[h->n_tools++] = old[a].tools[k];
        }
        free(old[a].id);
        free(old[a].role);
        free(old[a].goal);
        free(old[a].backstory);
        free(old[a].model);
    }
    for (int k = 0; k < s->n_tasks; k++) {
        int to = map[s->tasks[k].agent];
        s->tasks[k].agent = to >= 0 ? to : heir;
    }
    for (int i = 0; i < n && rc == 0; i++) {
        if (e[i].from == SPEC_EDIT_NEW) {
            rc = add_closing_task(s, i, e[i].id);
        }
    }
    if (rc == AG_ETOOBIG) {
        *why = "The plan already has 12 tasks: there is no room for another agent's task.";
    }
    return rc == AG_ETOOBIG ? AG_EINVAL : rc;
}
