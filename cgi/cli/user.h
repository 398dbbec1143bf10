/* SPDX-License-Identifier: MIT */
/* user.h - the CLI's account commands (exit codes: 0 ok, 1 error, 2 usage). */
#ifndef AG_CLI_USER_H
#define AG_CLI_USER_H

/* agentgen user add <name> --role R [--password-stdin] | passwd <name> [--password-stdin] | list */
int cmd_user(int argc, char **argv);
/* agentgen setup-token: while no admin exists, (re)creates the one-time setup token and prints
 * it once; prints nothing and exits 0 when an admin exists. */
int cmd_setup_token(int argc, char **argv);

#endif
