/* SPDX-License-Identifier: MIT */
/* bench.c - `agentgen bench-generate [-n N]`: times engine_generate (plan, diagnose, render,
 * safety scan) for every framework over a fixed set of ideas, in-process, and prints the
 * median and p99 per project and projects per second (DESIGN.md §8: < 5 ms per project).
 * `agentgen bench-events`: appends run events the way the runner does (events_append, then the
 * wake-up datagram), each stamped with its write time, for the SSE load bench. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/cfg.h"
#include "../core/db.h"
#include "../core/events.h"
#include "../core/log.h"
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

static long long
realtime_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* One event on run:<run>, committed, then the responder woken: the runner's write path. The
 * text of a timed event is "bench t=<CLOCK_REALTIME us> i=<n>" (stamped just before the write). */
static int
bench_append(const struct cfg *c, struct db *db, long long run, const char *stream, int i,
             const char *kind)
{
    struct buf data, text;
    buf_init(&data);
    buf_init(&text);
    int rc;
    if (strcmp(kind, "done") == 0) {
        rc = events_run_done_json(run, "done", 0, 0, 0, 0, NULL, &data);
        rc = rc ? rc : events_append(db, stream, EV_RUN_DONE, buf_cstr(&data), NULL);
    } else {
        rc = i ? buf_printf(&text, "bench t=%lld i=%d", realtime_us(), i) : buf_puts(&text, "ready");
        struct run_event ev = {.kind = EVK_STATUS, .text = buf_cstr(&text)};
        rc = rc ? rc : events_run_event_json(run, &ev, &data);
        rc = rc ? rc : events_append(db, stream, EV_RUN_EVENT, buf_cstr(&data), NULL);
    }
    if (rc == 0) {
        events_wake(c->data_dir);
    }
    buf_free(&data);
    buf_free(&text);
    return rc;
}

int
cmd_bench_events(int argc, char **argv)
{
    long long run = 0;
    long n = 0, gap_ms = 0;
    int hello = 0, done = 0;
    for (int i = 1; i < argc; i++) {
        char *end = NULL;
        if (strcmp(argv[i], "--run") == 0 && i + 1 < argc) {
            run = strtoll(argv[++i], &end, 10);
        } else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            n = strtol(argv[++i], &end, 10);
        } else if (strcmp(argv[i], "--gap-ms") == 0 && i + 1 < argc) {
            gap_ms = strtol(argv[++i], &end, 10);
        } else if (strcmp(argv[i], "--hello") == 0) {
            hello = 1;
        } else if (strcmp(argv[i], "--done") == 0) {
            done = 1;
        } else {
            end = argv[i];
        }
        if (end && *end) {
            run = 0;
            break;
        }
    }
    if (run <= 0 || n < 0 || n > 1000000 || gap_ms < 0 || gap_ms > 60000) {
        fprintf(stderr, "usage: agentgen bench-events --run ID [--hello] [-n K] [--gap-ms G] [--done]\n");
        return 2;
    }
    struct cfg c;
    char why[256] = "";
    struct db *db = NULL;
    if (cfg_load(&c, NULL, why, sizeof(why)) < 0) {
        fprintf(stderr, "agentgen: %s\n", why);
        return 1;
    }
    log_set_level(c.log_level);
    if (db_open(c.db_path, &db) < 0) {
        fprintf(stderr, "agentgen: cannot open database %s\n", c.db_path);
        return 1;
    }
    char stream[EVENTS_STREAM_MAX];
    int rc = events_stream_name("run", run, stream, sizeof(stream));
    rc = rc || !hello ? rc : bench_append(&c, db, run, stream, 0, "status");
    for (long i = 1; rc == 0 && i <= n; i++) {
        if (i > 1 && gap_ms) {
            usleep((useconds_t)gap_ms * 1000);
        }
        rc = bench_append(&c, db, run, stream, (int)i, "status");
    }
    rc = rc || !done ? rc : bench_append(&c, db, run, stream, 0, "done");
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "agentgen: appending to %s failed: %s\n", stream, ag_strerror(rc));
        return 1;
    }
    return 0;
}
