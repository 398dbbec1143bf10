/* SPDX-License-Identifier: MIT */
/* check_render.c - renderers: every framework renders the files a project needs, byte-identical
 * on re-render, with hostile text escaped; bad ids are refused; gen_files rules; the template
 * lint (every var: goes through a registered escaper); render time. */
#include "../../cgi/core/buf.h"
#include "../../cgi/engine/engine.h"
#include "../../cgi/engine/escape.h"
#include "../../cgi/engine/render.h"
#include "../../cgi/engine/scan.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const frameworks[] = {"crewai",  "crewai_flow",         "langgraph",
                                         "react",   "watsonx_orchestrate", "autogen",
                                         "strands", "llamaindex",          NULL};
static const char *const tool_ids[] = {"web_search", "pdf_reader",  "http_client",
                                       "sql_query",  "file_writer", "vector_search"};

#define HOSTILE "Say \"\"\" ''' {{x}} <?cs var:y ?> ${HOME} \\ \n# eval('1') \xf0\x9f\xa4\x96"

const char *render_test_root(void);
void render_test_spec(struct spec *s, const char *fw, const char *text, int n_tools, int react);

const char *
render_test_root(void)
{
    static char root[1024];
    const char *share = getenv("AGENTGEN_SHARE_DIR");
    snprintf(root, sizeof(root), "%s/templates", share && *share ? share : ".");
    return root;
}

static char *
dup(const char *s)
{
    char *p = strdup(s);
    ck_assert_ptr_nonnull(p);
    return p;
}

/* A 3-agent, 4-task spec (a diamond of dependencies) with text in every free-text field. */
void
render_test_spec(struct spec *s, const char *fw, const char *text, int n_tools, int react)
{
    static const char *const agent_ids[] = {"researcher", "writer", "reviewer"};
    static const char *const task_ids[] = {"research_task", "write_task", "review_task",
                                           "publish_task"};
    memset(s, 0, sizeof(*s));
    s->name = dup(text);
    s->slug = dup("demo_project");
    s->description = dup(text);
    s->framework = dup(fw);
    s->model = dup("gpt-4o");
    s->permission = dup("safe");
    s->pattern = react ? SPEC_REACT : SPEC_SUPERVISOR;
    for (int i = 0; i < n_tools; i++) {
        s->tools[i].id = dup(tool_ids[i]);
    }
    s->n_tools = n_tools;
    for (int i = 0; i < 3; i++) {
        struct spec_agent *a = &s->agents[i];
        a->id = dup(agent_ids[i]);
        a->role = dup(text);
        a->goal = dup(text);
        a->backstory = dup(text);
        for (int k = i; k < n_tools; k += 3) {
            a->tools[a->n_tools++] = k;
        }
    }
    s->n_agents = 3;
    for (int i = 0; i < 4; i++) {
        s->tasks[i].id = dup(task_ids[i]);
        s->tasks[i].description = dup(text);
        s->tasks[i].expected_output = dup(text);
        s->tasks[i].agent = i % 3;
    }
    s->tasks[1].deps[s->tasks[1].n_deps++] = 0;
    s->tasks[2].deps[s->tasks[2].n_deps++] = 0;
    s->tasks[3].deps[s->tasks[3].n_deps++] = 1;
    s->tasks[3].deps[s->tasks[3].n_deps++] = 2;
    s->n_tasks = 4;
}

static void
setup(void)
{
    ck_assert_int_eq(escape_register(), 0);
}

static int
has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

START_TEST(test_render_every_framework)
{
    const char *fw = frameworks[_i];
    for (int react = 0; react <= 1; react++) {
        struct spec s;
        struct gen_files a, b;
        render_test_spec(&s, fw, HOSTILE, react ? 2 : 6, react);
        gen_files_init(&a);
        gen_files_init(&b);
        ck_assert_int_eq(render_project(&s, render_test_root(), &a), 0);
        ck_assert_int_eq(render_project(&s, render_test_root(), &b), 0);
        static const char *const needed[] = {
            "README.md",        ".env.example",   "Dockerfile",          ".dockerignore",
            "requirements.txt", "pyproject.toml", "tests/test_tools.py", NULL};
        for (int i = 0; needed[i]; i++) {
            ck_assert_msg(gen_files_find(&a, needed[i]) != NULL, "%s: no %s", fw, needed[i]);
        }
        ck_assert_uint_eq(a.n, b.n);
        for (size_t i = 0; i < a.n; i++) {
            ck_assert_str_eq(a.items[i].path, b.items[i].path);
            ck_assert_uint_eq(a.items[i].len, b.items[i].len);
            ck_assert(memcmp(a.items[i].content, b.items[i].content, a.items[i].len) == 0);
            ck_assert(i == 0 || strcmp(a.items[i - 1].path, a.items[i].path) < 0);
            /* the raw idea never lands unescaped: no raw """ run, no template tag, no newline
             * splitting the hostile text */
            ck_assert_msg(!strstr(a.items[i].content, "<?cs var:y ?> ${HOME} \\ \n"),
                          "%s: raw hostile text", a.items[i].path);
            if (has_suffix(a.items[i].path, ".py")) {
                ck_assert_msg(!strstr(a.items[i].content, "Say \"\"\""), "%s", a.items[i].path);
            }
        }
        struct scan_findings f;
        scan_findings_init(&f);
        ck_assert_int_eq(scan_files(&a, &f), 0);
        ck_assert_msg(f.n == 0, "%s: scan finding %s:%d %s", fw, f.n ? f.items[0].path : "",
                      f.n ? f.items[0].line : 0, f.n ? f.items[0].rule : "");
        scan_findings_free(&f);
        gen_files_free(&a);
        gen_files_free(&b);
        spec_free(&s);
    }
}
END_TEST

START_TEST(test_render_refuses_bad_specs)
{
    static const char *const bad_ids[] = {"crew", "writer", "1x", "a-b", "supervisor", NULL};
    for (int i = 0; bad_ids[i]; i++) {
        struct spec s;
        struct gen_files f;
        render_test_spec(&s, "crewai", "x", 1, 0);
        free(s.tasks[0].id);
        s.tasks[0].id = dup(bad_ids[i]); /* reserved, clashing with an agent, or invalid */
        gen_files_init(&f);
        ck_assert_int_eq(render_project(&s, render_test_root(), &f), AG_EINVAL);
        gen_files_free(&f);
        spec_free(&s);
    }
    struct spec s;
    struct gen_files f;
    gen_files_init(&f);
    render_test_spec(&s, "../etc", "x", 0, 0);
    ck_assert_int_eq(render_project(&s, render_test_root(), &f), AG_EINVAL);
    spec_free(&s);
    render_test_spec(&s, "no_such_framework", "x", 0, 0);
    ck_assert_int_eq(render_project(&s, render_test_root(), &f), AG_ENOTFOUND);
    spec_free(&s);
    gen_files_free(&f);
}
END_TEST

START_TEST(test_render_gen_files_rules)
{
    struct gen_files f;
    gen_files_init(&f);
    ck_assert_int_eq(gen_files_add(&f, "b/x.py", "1", 1, 0644), 0);
    ck_assert_int_eq(gen_files_add(&f, "a.txt", "", 0, 0644), 0);
    ck_assert_int_eq(gen_files_add(&f, "a.txt", "", 0, 0644), AG_ECONFLICT);
    static const char *const unsafe[] = {"",     "/etc/x", "../x", "a/../b",
                                         "a//b", "./a",    "a\\b", NULL};
    for (int i = 0; unsafe[i]; i++) {
        ck_assert_int_eq(gen_files_add(&f, unsafe[i], "", 0, 0644), AG_EINVAL);
    }
    gen_files_sort(&f);
    ck_assert_str_eq(f.items[0].path, "a.txt");
    ck_assert_ptr_nonnull(gen_files_find(&f, "b/x.py"));
    ck_assert_ptr_null(gen_files_find(&f, "c"));
    gen_files_free(&f);
    ck_assert_uint_eq(f.n, 0);
}
END_TEST

static void
lint_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    struct buf b = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        ck_assert_int_eq(buf_append(&b, chunk, n), 0);
    }
    fclose(fp);
    for (const char *p = strstr(buf_cstr(&b), "<?cs"); p; p = strstr(p + 4, "<?cs")) {
        const char *cmd = p + 4 + strspn(p + 4, " \t\n");
        /* commands that print or evaluate text without a filter are banned outright */
        static const char *const banned[] = {"uvar:", "lvar:", "evar:", "linclude:", "alt:"};
        for (size_t i = 0; i < AG_NELEM(banned); i++) {
            ck_assert_msg(strncmp(cmd, banned[i], strlen(banned[i])) != 0, "%s: %.40s", path, cmd);
        }
        if (strncmp(cmd, "var:", 4) != 0) {
            continue;
        }
        const char *arg = cmd + 4 + strspn(cmd + 4, " \t");
        int ok = 0;
        for (int i = 0; escape_names[i]; i++) {
            size_t len = strlen(escape_names[i]);
            ok |= strncmp(arg, escape_names[i], len) == 0 && arg[len] == '(';
        }
        ck_assert_msg(ok, "%s: var: without an escaper: %.60s", path, p);
    }
    buf_free(&b);
}

static int
lint_dir(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || strcmp(e->d_name, "..") == 0)) {
            continue;
        }
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat st;
        ck_assert_int_eq(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            files += lint_dir(path);
        } else {
            lint_file(path);
            files++;
        }
    }
    closedir(d);
    return files;
}

START_TEST(test_render_templates_escape_every_var)
{
    char dir[1100];
    snprintf(dir, sizeof(dir), "%s/project", render_test_root());
    ck_assert_int_gt(lint_dir(dir), 40);
}
END_TEST

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

START_TEST(test_render_time)
{
    enum { RUNS = 15 };
    for (int k = 0; frameworks[k]; k++) {
        double ms[RUNS];
        struct spec s;
        render_test_spec(&s, frameworks[k], HOSTILE, 6, 0);
        for (int r = 0; r < RUNS; r++) {
            struct gen_files f;
            struct timespec t0, t1;
            gen_files_init(&f);
            clock_gettime(CLOCK_MONOTONIC, &t0);
            ck_assert_int_eq(render_project(&s, render_test_root(), &f), 0);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            ms[r] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
            gen_files_free(&f);
        }
        qsort(ms, RUNS, sizeof(ms[0]), cmp_double);
        printf("render %-20s median %.2f ms\n", frameworks[k], ms[RUNS / 2]);
        ck_assert_msg(ms[RUNS / 2] < 100.0, "render too slow even for a sanitizer build");
        spec_free(&s);
    }
}
END_TEST

/* engine_render_spec (a spec loaded from a file): the rendered files of render_project, passed
 * through the compatibility rules and the safety scan; an unknown framework is refused. */
START_TEST(test_render_engine_spec)
{
    struct spec s;
    struct gen_files a, b;
    struct buf why = BUF_INIT;
    render_test_spec(&s, "crewai", HOSTILE, 6, 0);
    gen_files_init(&a);
    gen_files_init(&b);
    ck_assert_int_eq(engine_render_spec(&s, render_test_root(), &a, &why), 0);
    ck_assert_int_eq(render_project(&s, render_test_root(), &b), 0);
    ck_assert_uint_eq(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        ck_assert_str_eq(a.items[i].path, b.items[i].path);
        ck_assert(a.items[i].len == b.items[i].len &&
                  memcmp(a.items[i].content, b.items[i].content, a.items[i].len) == 0);
    }
    gen_files_free(&a);
    gen_files_free(&b);
    spec_free(&s);
    render_test_spec(&s, "no_such_framework", "x", 0, 0);
    gen_files_init(&a);
    ck_assert_int_eq(engine_render_spec(&s, render_test_root(), &a, &why), AG_ENOTFOUND);
    ck_assert_uint_eq(a.n, 0);
    gen_files_free(&a);
    spec_free(&s);
    buf_free(&why);
}
END_TEST

Suite *
render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("render");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_render_every_framework, 0, 8);
    tcase_add_test(tc, test_render_refuses_bad_specs);
    tcase_add_test(tc, test_render_gen_files_rules);
    tcase_add_test(tc, test_render_templates_escape_every_var);
    tcase_add_test(tc, test_render_time);
    tcase_add_test(tc, test_render_engine_spec);
    suite_add_tcase(s, tc);
    return s;
}
