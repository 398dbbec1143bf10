/* SPDX-License-Identifier: MIT */
/* cmd.h - the CLI's generator commands (one function per subcommand; exit codes: 0 ok,
 * 1 other error, 2 usage, 3 incompatible choice). */
#ifndef AG_CLI_CMD_H
#define AG_CLI_CMD_H

/* agentgen generate "<idea>" -f <framework> [--pattern P] [--model M] [--hyperscaler H]
 *   [--tools a,b] [--name N] (-o <dir> | --zip out.zip | --json) */
int cmd_generate(int argc, char **argv);

/* agentgen frameworks [--json]: the framework table, or the whole catalogue as JSON. */
int cmd_frameworks(int argc, char **argv);
/* agentgen diagnose -f <framework> [--hyperscaler H] [--pattern P] [--model M] [--tools a,b]
 *   [--json]: the compatibility rows; exit 3 when any row is err. */
int cmd_diagnose(int argc, char **argv);
/* agentgen plan "<idea>" [-f F] [--pattern P] [--model M] [--hyperscaler H] [--tools a,b]
 *   [--name N] [--memory] [--permission safe|ask|dev] [--compact]: the spec JSON on stdout,
 *   warnings on stderr. argv[0] is the subcommand name in all three. */
int cmd_plan(int argc, char **argv);

#endif
