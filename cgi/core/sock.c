/* SPDX-License-Identifier: MIT */
/* sock.c - systemd socket activation or our own unix/TCP listening socket for libfcgi. */
#include "sock.h"

#include <errno.h>
#include <fcgiapp.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

#define SD_LISTEN_FDS_START 3

int
sock_listen(const char *path)
{
    const char *pid = getenv("LISTEN_PID");
    const char *fds = getenv("LISTEN_FDS");
    if (pid && fds && strtol(pid, NULL, 10) == (long)getpid() && strtol(fds, NULL, 10) >= 1) {
        unsetenv("LISTEN_PID");
        unsetenv("LISTEN_FDS");
        unsetenv("LISTEN_FDNAMES");
        log_msg(LOG_INFO, "m=sock socket from systemd fd=%d", SD_LISTEN_FDS_START);
        return SD_LISTEN_FDS_START;
    }
    int is_unix = path[0] == '/' || path[0] == '.';
    if (is_unix && unlink(path) != 0 && errno != ENOENT) {
        log_msg(LOG_ERR, "m=sock path=%s err=%s", path, strerror(errno));
        return -1;
    }
    int fd = FCGX_OpenSocket(path, 1024);
    if (fd < 0) {
        log_msg(LOG_ERR, "m=sock path=%s err=cannot listen", path);
        return -1;
    }
    if (is_unix) {
        struct group *g = getgrnam("www-data");
        if (g && geteuid() == 0) {
            if (chown(path, (uid_t)-1, g->gr_gid) != 0) {
                log_msg(LOG_WARNING, "m=sock path=%s err=chown: %s", path, strerror(errno));
            }
        }
        chmod(path, geteuid() == 0 && g ? 0660 : 0600);
    }
    log_msg(LOG_INFO, "m=sock listening path=%s", path);
    return fd;
}
