/* SPDX-License-Identifier: MIT */
/* sock.h - the listening socket of a FastCGI process: inherited from systemd socket activation
 * (LISTEN_PID/LISTEN_FDS) or opened at a unix path (mode 0660, group www-data when it exists,
 * so nginx can connect) or ":port"/"host:port" on TCP. */
#ifndef AG_SOCK_H
#define AG_SOCK_H

/* sock_listen returns the fd, or -1 (logged). */
int sock_listen(const char *path);

#endif
