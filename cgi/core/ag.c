/* SPDX-License-Identifier: MIT */
/* ag.c - names and HTTP statuses of the AG_E* error codes, and the monotonic clock. */
#include "ag.h"

#include <time.h>

const char *
ag_strerror(int err)
{
    switch (err) {
    case AG_OK: return "ok";
    case AG_EINVAL: return "invalid";
    case AG_ENOTFOUND: return "not_found";
    case AG_EFORBIDDEN: return "forbidden";
    case AG_ECONFLICT: return "conflict";
    case AG_ETOOBIG: return "too_big";
    case AG_ENOMEM: return "no_memory";
    case AG_EBUSY: return "busy";
    case AG_EDB: return "database";
    case AG_EUPSTREAM: return "upstream";
    case AG_EUNAUTH: return "unauthenticated";
    case AG_EMETHOD: return "method_not_allowed";
    default: return "internal";
    }
}

int
ag_http_status(int err)
{
    switch (err) {
    case AG_OK: return 200;
    case AG_EINVAL: return 400;
    case AG_EUNAUTH: return 401;
    case AG_EFORBIDDEN: return 403;
    case AG_ENOTFOUND: return 404;
    case AG_EMETHOD: return 405;
    case AG_ECONFLICT: return 409;
    case AG_ETOOBIG: return 413;
    case AG_EUPSTREAM: return 502;
    case AG_ENOMEM:
    case AG_EBUSY:
    case AG_EDB: return 503;
    default: return 500;
    }
}

long long
ag_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
