/* SPDX-License-Identifier: MIT */
/* preview.c - plan and file-tree datasets, and the flow diagram's layout: one row per task in
 * dependency order, an edge from each dependency to its task. */
#include "preview.h"

#include <stdio.h>
#include <string.h>

#define NODE_W 260
#define NODE_H 44
#define GAP_Y  28
#define SVG_X  40

static int
set_agent(struct tmpl *t, const struct spec *s, int i)
{
    const struct spec_agent *a = &s->agents[i];
    int rc = tmpl_setf(t, a->id, "plan.agents.%d.id", i);
    if (rc == 0) {
        rc = tmpl_setf(t, a->role, "plan.agents.%d.role", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(t, a->goal, "plan.agents.%d.goal", i);
    }
    for (int k = 0; rc == 0 && k < a->n_tools; k++) {
        rc = tmpl_setf(t, s->tools[a->tools[k]].id, "plan.agents.%d.tools.%d", i, k);
    }
    return rc;
}

static int
set_task(struct tmpl *t, const struct spec *s, int i)
{
    const struct spec_task *k = &s->tasks[i];
    int rc = tmpl_setf(t, k->id, "plan.tasks.%d.id", i);
    if (rc == 0) {
        rc = tmpl_setf(t, k->description, "plan.tasks.%d.description", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(t, s->agents[k->agent].role, "plan.tasks.%d.agent", i);
    }
    for (int d = 0; rc == 0 && d < k->n_deps; d++) {
        rc = tmpl_setf(t, s->tasks[k->deps[d]].id, "plan.tasks.%d.deps.%d", i, d);
    }
    /* flow node: tasks are already in dependency order */
    char num[32];
    int y = 20 + i * (NODE_H + GAP_Y);
    snprintf(num, sizeof(num), "%d", y);
    if (rc == 0) {
        rc = tmpl_setf(t, num, "plan.flow.nodes.%d.y", i);
    }
    snprintf(num, sizeof(num), "%d", y + NODE_H / 2 + 5);
    if (rc == 0) {
        rc = tmpl_setf(t, num, "plan.flow.nodes.%d.ty", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(t, k->id, "plan.flow.nodes.%d.label", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(t, s->agents[k->agent].id, "plan.flow.nodes.%d.agent", i);
    }
    return rc;
}

/* edges: from the bottom of the dependency to the top of the task; a dependency that is not
 * the previous task bends out to the right so it does not cross the boxes between. */
static int
set_edges(struct tmpl *t, const struct spec *s)
{
    int e = 0;
    int rc = 0;
    for (int i = 0; rc == 0 && i < s->n_tasks; i++) {
        for (int d = 0; rc == 0 && d < s->tasks[i].n_deps; d++) {
            int from = s->tasks[i].deps[d];
            int y1 = 20 + from * (NODE_H + GAP_Y) + NODE_H;
            int y2 = 20 + i * (NODE_H + GAP_Y);
            int cx = SVG_X + NODE_W / 2;
            char path[160];
            if (from == i - 1) {
                snprintf(path, sizeof(path), "M%d %d L%d %d", cx, y1, cx, y2 - 6);
            } else {
                int bend = SVG_X + NODE_W + 16 + 10 * (e % 4);
                snprintf(path, sizeof(path), "M%d %d L%d %d L%d %d L%d %d", SVG_X + NODE_W,
                         y1 - NODE_H / 2, bend, y1 - NODE_H / 2, bend, y2 + NODE_H / 2,
                         SVG_X + NODE_W + 6, y2 + NODE_H / 2);
            }
            rc = tmpl_setf(t, path, "plan.flow.edges.%d.d", e++);
        }
    }
    return rc;
}

int
preview_spec(struct tmpl *t, const struct spec *s)
{
    int rc = tmpl_set(t, "plan.name", s->name);
    if (rc == 0) {
        rc = tmpl_set(t, "plan.slug", s->slug);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "plan.pattern", s->pattern == SPEC_REACT ? "react" : "supervisor");
    }
    for (int i = 0; rc == 0 && i < s->n_agents; i++) {
        rc = set_agent(t, s, i);
    }
    for (int i = 0; rc == 0 && i < s->n_tasks; i++) {
        rc = set_task(t, s, i);
    }
    if (rc == 0) {
        rc = set_edges(t, s);
    }
    char num[32];
    snprintf(num, sizeof(num), "%d", 40 + s->n_tasks * (NODE_H + GAP_Y));
    if (rc == 0) {
        rc = tmpl_set(t, "plan.flow.height", num);
    }
    return rc;
}

const char *
preview_lang(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "Dockerfile") == 0) {
        return "dockerfile";
    }
    if (!dot) {
        return "text";
    }
    static const struct {
        const char *ext, *lang;
    } map[] = {{".py", "python"}, {".yaml", "yaml"}, {".yml", "yaml"}, {".toml", "toml"},
               {".md", "markdown"}, {".json", "json"}, {".sh", "shell"}, {".txt", "text"}};
    for (size_t i = 0; i < AG_NELEM(map); i++) {
        if (strcmp(dot, map[i].ext) == 0) {
            return map[i].lang;
        }
    }
    return "text";
}

static int
set_tree_row(struct tmpl *t, int i, const char *path, long long size, const char *selected)
{
    int depth = 0;
    for (const char *p = path; *p; p++) {
        depth += *p == '/';
    }
    const char *name = strrchr(path, '/');
    int rc = tmpl_setf(t, path, "files.%d.path", i);
    if (rc == 0) {
        rc = tmpl_setf(t, name ? name + 1 : path, "files.%d.name", i);
    }
    char num[32];
    snprintf(num, sizeof(num), "%d", depth);
    if (rc == 0) {
        rc = tmpl_setf(t, num, "files.%d.depth", i);
    }
    if (rc == 0 && name) {
        /* the folder part, shown as a quiet prefix */
        char dir[512];
        snprintf(dir, sizeof(dir), "%.*s/", (int)(name - path), path);
        rc = tmpl_setf(t, dir, "files.%d.dir", i);
    }
    snprintf(num, sizeof(num), "%lld", size);
    if (rc == 0) {
        rc = tmpl_setf(t, num, "files.%d.size", i);
    }
    if (rc == 0 && selected && strcmp(selected, path) == 0) {
        rc = tmpl_setf(t, "1", "files.%d.selected", i);
    }
    return rc;
}

int
preview_tree(struct tmpl *t, const struct file_row *rows, int n, const char *selected)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        rc = set_tree_row(t, i, rows[i].path, rows[i].size, selected);
    }
    return rc;
}

int
preview_files(struct req *r, struct tmpl *t, const struct gen_files *files, const char *selected)
{
    const struct gen_file *shown = selected ? gen_files_find(files, selected) : NULL;
    if (!shown) {
        shown = gen_files_find(files, "README.md");
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < files->n; i++) {
        rc = set_tree_row(t, (int)i, files->items[i].path, (long long)files->items[i].len,
                          shown ? shown->path : NULL);
    }
    if (rc == 0 && shown) {
        rc = tmpl_set(t, "preview.path", shown->path);
        if (rc == 0) {
            rc = tmpl_set(t, "preview.content", shown->content);
        }
        if (rc == 0) {
            rc = tmpl_set(t, "preview.lang", preview_lang(shown->path));
        }
    }
    (void)r;
    return rc;
}
