/* SPDX-License-Identifier: MIT */
/* log.h - one line per event on stderr for journald: "<N>rid=… m=… p=… st=… ms=… err=… msg=…".
 * Never log bodies, cookies, Authorization headers, passwords, tokens or session ids. */
#ifndef AG_LOG_H
#define AG_LOG_H

#include <syslog.h>

#include "ag.h"

/* log_set_ident names the process in every line (e.g. "web"). */
void log_set_ident(const char *ident);
/* log_set_level drops messages with prio > level (LOG_DEBUG keeps everything). */
void log_set_level(int level);
/* log_set_rid sets the request id carried by following lines of this process ("" clears). */
void log_set_rid(const char *rid);
void log_msg(int prio, const char *fmt, ...) AG_PRINTF(2, 3);

#endif
