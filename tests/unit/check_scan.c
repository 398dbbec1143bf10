/* SPDX-License-Identifier: MIT */
/* check_scan.c - the safety scan catches planted dangerous code (aliases, from-imports,
 * getattr, f-string fields, HTTP without timeout) and passes clean code, including every
 * generated project of every framework. */
#include "../../cgi/engine/escape.h"
#include "../../cgi/engine/render.h"
#include "../../cgi/engine/scan.h"

#include <check.h>
#include <string.h>

const char *render_test_root(void);
void render_test_spec(struct spec *s, const char *fw, const char *text, int n_tools, int react);

struct planted {
    const char *src;
    const char *rule;
};

static const struct planted bad[] = {
    {"result = eval('1+1')\n", "eval"},
    {"exec('print(1)')\n", "eval"},
    {"code = compile('x', 'f', 'exec')\n", "eval"},
    {"m = __import__('os')\n", "eval"},
    {"import builtins\nbuiltins.eval('1')\n", "import"},
    {"f = eval\nf('1')\n", "eval"},
    {"import os\nos.system('id')\n", "os-exec"},
    {"import os\nos.popen('id').read()\n", "os-exec"},
    {"import os\nos.execv('/bin/sh', ['sh'])\n", "os-exec"},
    {"import os as o\no.spawnl(0, 'x')\n", "os-exec"},
    {"from os import system as s\ns('id')\n", "os-exec"},
    {"from os import (path,\n    popen)\n", "os-exec"},
    {"from os import *\n", "import"},
    {"import subprocess\n", "subprocess"},
    {"import subprocess as sp\nsp.run('id', shell=True)\n", "subprocess"},
    {"from subprocess import run\n", "subprocess"},
    {"import pickle\npickle.loads(b'x')\n", "pickle"},
    {"from pickle import loads\n", "pickle"},
    {"import os\ngetattr(os, 'system')('id')\n", "getattr"},
    {"import os\nname = 'sys' + 'tem'\ngetattr(os, name)('id')\n", "getattr"},
    {"getattr(__builtins__, 'ev' + 'al')\n", "dunder"},
    {"x = ().__class__.__base__.__subclasses__()\n", "dunder"},
    {"import importlib\nimportlib.import_module('os')\n", "import"},
    {"print(f\"{eval('1')}\")\n", "eval"},
    {"import requests\nrequests.get(url)\n", "http-timeout"},
    {"import requests as r\nr.post(url, json={'timeout': 3})\n", "http-timeout"},
    {"import httpx\nhttpx.request('GET', url)\n", "http-timeout"},
    {"import urllib.request\nurllib.request.urlopen(req)\n", "http-timeout"},
    {"from urllib.request import urlopen as u\nu(req)\n", "http-timeout"},
    {"from requests import get\nget(url, timeout == 3)\n", "http-timeout"},
};

static const char *const good[] = {
    "import re\npattern = re.compile(r'x')\n",
    "text = \"eval('1') os.system('id') import subprocess\"\n",
    "# os.system('id') and eval(x) in a comment\nx = 1\n",
    "def f():\n    \"\"\"exec() is mentioned in a docstring; so is __import__.\"\"\"\n",
    "_safe_eval('1+1')\nself.eval_count = 2\nobj.exec_plan()\n",
    "import os\nflags = getattr(os, 'O_NOFOLLOW', 0)\nos.environ.get('X')\n",
    "import urllib.request\nurllib.request.urlopen(req, timeout=5)\n",
    "import requests\nrequests.get(url, headers={}, timeout=(3, 10))\n",
    "from urllib.request import urlopen\nurlopen(r, timeout=t)\n",
    "s = f\"{{eval}} {name!r} {value:>10}\"\n",
    "x = r'\\' os.system(' + '\"\"\"'\n",
    "foo(compile=True)\n",
    "import os.path\nos.path.join('a', 'b')\n",
    "from . import llm, loop\nfrom .tools import TOOLS\n",
};

static int
has_rule(const struct scan_findings *f, const char *rule)
{
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->items[i].rule, rule) == 0) {
            return 1;
        }
    }
    return 0;
}

START_TEST(test_scan_catches_planted)
{
    const struct planted *p = &bad[_i];
    struct scan_findings f;
    scan_findings_init(&f);
    ck_assert_int_eq(scan_python("planted.py", p->src, strlen(p->src), &f), 0);
    ck_assert_msg(has_rule(&f, p->rule), "missed %s in: %s", p->rule, p->src);
    ck_assert_str_eq(f.items[0].path, "planted.py");
    ck_assert_int_ge(f.items[0].line, 1);
    scan_findings_free(&f);
}
END_TEST

START_TEST(test_scan_passes_clean_code)
{
    struct scan_findings f;
    scan_findings_init(&f);
    ck_assert_int_eq(scan_python("clean.py", good[_i], strlen(good[_i]), &f), 0);
    ck_assert_msg(f.n == 0, "false positive %s (line %d) in: %s", f.n ? f.items[0].rule : "",
                  f.n ? f.items[0].line : 0, good[_i]);
    scan_findings_free(&f);
}
END_TEST

START_TEST(test_scan_reports_line)
{
    const char *src = "x = 1\n\"\"\"multi\nline\"\"\"\nimport os\nos.system('id')\n";
    struct scan_findings f;
    scan_findings_init(&f);
    ck_assert_int_eq(scan_python("a.py", src, strlen(src), &f), 0);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_int_eq(f.items[0].line, 5);
    scan_findings_free(&f);
}
END_TEST

START_TEST(test_scan_generated_projects_pass)
{
    static const char *const fws[] = {"crewai",  "crewai_flow",         "langgraph",
                                      "react",   "watsonx_orchestrate", "autogen",
                                      "strands", "llamaindex"};
    ck_assert_int_eq(escape_register(), 0);
    for (size_t k = 0; k < AG_NELEM(fws); k++) {
        struct spec s;
        struct gen_files files;
        struct scan_findings f;
        render_test_spec(&s, fws[k], "eval(x) os.system('id') \"\"\" import subprocess", 6, 0);
        gen_files_init(&files);
        scan_findings_init(&f);
        ck_assert_int_eq(render_project(&s, render_test_root(), &files), 0);
        ck_assert_int_eq(scan_files(&files, &f), 0);
        ck_assert_msg(f.n == 0, "%s: %s:%d %s", fws[k], f.n ? f.items[0].path : "",
                      f.n ? f.items[0].line : 0, f.n ? f.items[0].rule : "");
        scan_findings_free(&f);
        gen_files_free(&files);
        spec_free(&s);
    }
}
END_TEST

Suite *
scan_suite(void)
{
    Suite *s = suite_create("scan");
    TCase *tc = tcase_create("scan");
    tcase_set_timeout(tc, 30);
    tcase_add_loop_test(tc, test_scan_catches_planted, 0, (int)AG_NELEM(bad));
    tcase_add_loop_test(tc, test_scan_passes_clean_code, 0, (int)AG_NELEM(good));
    tcase_add_test(tc, test_scan_reports_line);
    tcase_add_test(tc, test_scan_generated_projects_pass);
    suite_add_tcase(s, tc);
    return s;
}
