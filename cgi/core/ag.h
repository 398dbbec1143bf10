/* SPDX-License-Identifier: MIT */
/* ag.h - shared error codes and macros for every agent-generator module.
 * Functions that can fail return int: 0 on success, a negative AG_E* value on failure. */
#ifndef AG_H
#define AG_H

#define AG_VERSION "0.1.0"

#define AG_MUST_CHECK   __attribute__((warn_unused_result))
#define AG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define AG_UNUSED       __attribute__((unused))
#define AG_NELEM(a)     (sizeof(a) / sizeof((a)[0]))
/* AG_IGNORE: drop a must-check result on purpose (best-effort paths only). */
#define AG_IGNORE(x)    do { if (x) { } } while (0)

enum ag_err {
    AG_OK = 0,
    AG_EINVAL = -1,
    AG_ENOTFOUND = -2,
    AG_EFORBIDDEN = -3,
    AG_ECONFLICT = -4,
    AG_ETOOBIG = -5,
    AG_ENOMEM = -6,
    AG_EBUSY = -7,
    AG_EDB = -8,
    AG_EUPSTREAM = -9,
    AG_EINTERNAL = -10,
    AG_EUNAUTH = -11,
    AG_EMETHOD = -12,
};

/* ag_strerror returns a short stable code ("invalid", "not_found", ...) for an AG_E* value. */
const char *ag_strerror(int err);
/* ag_http_status maps an AG_E* value to the HTTP status that reports it. */
int ag_http_status(int err);
/* ag_mono_ms: CLOCK_MONOTONIC in milliseconds, for deadlines and ages (not for timestamps). */
long long ag_mono_ms(void);

#endif
