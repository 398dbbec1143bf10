/* SPDX-License-Identifier: MIT */
/* bench.c - `agentgen bench-generate [-n N]`: times engine_generate (plan, diagnose, render,
 * safety scan) for every framework over a fixed set of ideas, in-process, and prints the
 * median and p99 per project and projects per second (DESIGN.md §8: < 5 ms per project). */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../engine/catalog.h"
#include "../engine/engine.h"
#include "../engine/escape.h"

static const char *const ideas[] = {
    "Research competitors every Monday, summarise their pricing changes and email the team",
    "Read incoming PDF invoices, extract totals into a database and flag anomalies",
    "Answer customer questions from our product manuals and escalate what you cannot answer",
    "Monitor the status APIs of our services and write an incident report when one fails",
};

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int
bench_one(const char *root, const struct cat_framework *fw, int n, double *samples)
{
    for (int i = 0; i < n; i++) {
        struct plan_choices c = {0};
        c.framework = fw->id;
        c.pattern = catalog_default_pattern(fw) == 1 ? "react" : "supervisor";
        struct spec s = {0};
        struct gen_files files;
        gen_files_init(&files);
        double t0 = now_ms();
        int rc = engine_generate(ideas[i % AG_NELEM(ideas)], &c, root, &s, &files, NULL);
        samples[i] = now_ms() - t0;
        spec_free(&s);
        gen_files_free(&files);
        if (rc < 0) {
            fprintf(stderr, "agentgen: %s failed: %s\n", fw->id, ag_strerror(rc));
            return rc;
        }
    }
    return 0;
}

int
cmd_bench_generate(int argc, char **argv)
{
    int n = 200;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        char *end = NULL;
        long v = strtol(argv[2], &end, 10);
        if (*end || v < 1 || v > 100000) {
            fprintf(stderr, "usage: agentgen bench-generate [-n N]\n");
            return 2;
        }
        n = (int)v;
    }
    const char *share = getenv("AGENTGEN_SHARE_DIR");
    char root[600];
    snprintf(root, sizeof(root), "%s/templates", share && *share ? share : AG_SHAREDIR);
    if (escape_register() < 0) {
        return 1;
    }
    double *samples = calloc((size_t)n, sizeof(double));
    if (!samples) {
        return 1;
    }
    size_t n_fw = 0;
    const struct cat_framework *fw = catalog_frameworks(&n_fw);
    int rc = 0;
    printf("generation (plan + diagnose + render + scan, in-process, %d projects each; target < 5 ms)\n", n);
    for (size_t i = 0; rc == 0 && i < n_fw; i++) {
        rc = bench_one(root, &fw[i], n, samples);
        if (rc == 0) {
            double total = 0;
            for (int k = 0; k < n; k++) {
                total += samples[k];
            }
            qsort(samples, (size_t)n, sizeof(double), cmp_double);
            printf("  %-20s median %6.3f ms  p99 %6.3f ms  %8.0f projects/s\n", fw[i].id,
                   samples[n / 2], samples[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
                   1000.0 * n / total);
        }
    }
    free(samples);
    return rc == 0 ? 0 : 1;
}
