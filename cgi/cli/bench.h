/* SPDX-License-Identifier: MIT */
/* bench.h - `agentgen bench-generate`: in-process generation timing for make bench. */
#ifndef AG_CLI_BENCH_H
#define AG_CLI_BENCH_H

int cmd_bench_generate(int argc, char **argv);

#endif
