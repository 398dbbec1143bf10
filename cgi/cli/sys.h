/* SPDX-License-Identifier: MIT */
/* sys.h - the CLI's system commands: migrate, doctor, version. */
#ifndef AG_CLI_SYS_H
#define AG_CLI_SYS_H

int cmd_migrate(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
