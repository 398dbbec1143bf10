/* SPDX-License-Identifier: MIT */
/* log.c - one stderr line per event, prefixed "<N>" so journald keeps the priority.
 * Process-wide settings (ident, level, current request id) are set by main.c only. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char log_ident[32] = "agentgen";
static char log_rid[40];
static int log_level = LOG_INFO;

void
log_set_ident(const char *ident)
{
    snprintf(log_ident, sizeof(log_ident), "%s", ident);
}

void
log_set_level(int level)
{
    log_level = level;
}

void
log_set_rid(const char *rid)
{
    snprintf(log_rid, sizeof(log_rid), "%s", rid ? rid : "");
}

void
log_msg(int prio, const char *fmt, ...)
{
    if (prio > log_level) {
        return;
    }
    char line[2048];
    int n = snprintf(line, sizeof(line), "<%d>%s[%d]: ", prio, log_ident, (int)getpid());
    if (log_rid[0] && n > 0 && (size_t)n < sizeof(line)) {
        n += snprintf(line + n, sizeof(line) - (size_t)n, "rid=%s ", log_rid);
    }
    if (n > 0 && (size_t)n < sizeof(line)) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
        va_end(ap);
    }
    /* one line: fold any newline a message carried */
    for (char *p = line; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            *p = ' ';
        }
    }
    size_t len = strlen(line);
    if (len < sizeof(line) - 1) {
        line[len++] = '\n';
    } else {
        line[sizeof(line) - 2] = '\n';
        len = sizeof(line) - 1;
    }
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
