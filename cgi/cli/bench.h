/* SPDX-License-Identifier: MIT */
/* bench.h - `agentgen bench-generate` (in-process generation timing) and `agentgen bench-events`
 * (timed run events through the real write path, for the SSE load bench). */
#ifndef AG_CLI_BENCH_H
#define AG_CLI_BENCH_H

int cmd_bench_generate(int argc, char **argv);
int cmd_bench_events(int argc, char **argv);

#endif
