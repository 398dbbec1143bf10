/* SPDX-License-Identifier: MIT */
/* scan.h - safety scan of generated Python: a small tokenizer (strings and comments never
 * match) plus rules for code execution (eval/exec/compile/__import__), shells and processes
 * (os.system, os.popen, os.exec and os.spawn families, any subprocess), unpickling, dynamic lookups
 * that hide them (aliases, from-imports, getattr), and HTTP calls without a timeout. */
#ifndef AG_SCAN_H
#define AG_SCAN_H

#include "../core/ag.h"
#include "render.h"

#include <stddef.h>

struct scan_finding {
    char path[256];   /* truncated copy of the file path */
    int line;         /* 1-based */
    const char *rule; /* static: "eval", "os-exec", "subprocess", "pickle", "getattr",
                         "import", "dunder", "http-timeout" */
};

struct scan_findings {
    struct scan_finding *items;
    size_t n;
    size_t cap;
};

void scan_findings_init(struct scan_findings *f);
void scan_findings_free(struct scan_findings *f);

/* scan_python scans one Python source and appends findings. 0 or AG_ENOMEM. */
int scan_python(const char *path, const char *src, size_t len,
                struct scan_findings *out) AG_MUST_CHECK;
/* scan_files scans every *.py file of files. 0 or AG_ENOMEM; findings say whether it passed. */
int scan_files(const struct gen_files *files, struct scan_findings *out) AG_MUST_CHECK;

#endif
