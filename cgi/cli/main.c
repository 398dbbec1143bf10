/* SPDX-License-Identifier: MIT */
/* main.c - agentgen, the command line: dispatches to one function per subcommand. */
#include <stdio.h>
#include <string.h>

#include "../core/log.h"
#include "bench.h"
#include "cmd.h"
#include "llm_cmd.h"
#include "sys.h"
#include "user.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
};

static const struct command commands[] = {
    {"migrate", cmd_migrate, "apply database migrations"},
    {"doctor", cmd_doctor, "check database, sockets, templates, nginx; print versions"},
    {"version", cmd_version, "print the version"},
    {"user", cmd_user, "user add <name> --role R | passwd <name> | list (local accounts)"},
    {"setup-token", cmd_setup_token, "print a one-time token for /setup while no admin exists"},
    {"generate", cmd_generate, "generate a project from an idea (offline)"},
    {"plan", cmd_plan, "print the plan (spec JSON) for an idea"},
    {"frameworks", cmd_frameworks, "list the frameworks and what they support"},
    {"diagnose", cmd_diagnose, "check a framework/pattern/model/hyperscaler combination"},
    {"bench-generate", cmd_bench_generate, "(make bench) time in-process generation per framework"},
    {"bench-events", cmd_bench_events, "(make bench) append timed run events the way the runner does"},
    {"llm-chat", cmd_llm_chat, "(test driver) one streamed chat call to an LLM provider"},
    {"ollabridge-pair", cmd_ollabridge_pair, "(test driver) pair with an OllaBridge device"},
};

static int
usage(FILE *f)
{
    fprintf(f, "usage: agentgen <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
    }
    return 2;
}

int
main(int argc, char **argv)
{
    log_set_ident("agentgen");
    if (argc < 2) {
        return usage(stderr);
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        return cmd_version(argc - 1, argv + 1);
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            return commands[i].fn(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "agentgen: unknown command '%s'\n", argv[1]);
    return usage(stderr);
}
