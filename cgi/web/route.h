/* SPDX-License-Identifier: MIT */
/* route.h - the route table's shape and lookup. The table itself is routes.c.
 * Patterns are literal segments, ":name" segments (bound as request params) and a final
 * "*name" segment that takes the rest of the path. */
#ifndef AG_WEB_ROUTE_H
#define AG_WEB_ROUTE_H

#include "req.h"
#include "resp.h"

enum route_flags {
    ROUTE_PUBLIC = 1 << 0,  /* no sign-in needed */
    ROUTE_AUTH = 1 << 1,    /* signed-in user (viewer or more) */
    ROUTE_EDITOR = 1 << 2,  /* editor or admin */
    ROUTE_ADMIN = 1 << 3,   /* admin only */
    ROUTE_JSON = 1 << 4,    /* JSON API route */
    ROUTE_NO_CSRF = 1 << 5, /* non-GET without CSRF check: a comment in routes.c says why */
    ROUTE_PRE_SESSION = 1 << 6, /* a JSON route that, like pages, gives anonymous callers the
                                   pre-session cookie (an SSO start binds the sign-in to it) */
};

typedef int (*route_fn)(struct req *r, struct resp *w);

struct route {
    const char *method;
    const char *pattern;
    route_fn handler;
    unsigned flags;
};

extern const struct route routes[];
extern const int n_routes;

/* route_match finds the route for method + path and binds ":name" params into r.
 * AG_ENOTFOUND when no pattern matches, AG_EMETHOD when one matches with another method
 * (allow gets the methods, comma separated, arena memory). HEAD matches GET routes. */
int route_match(struct req *r, const char **allow, const struct route **out) AG_MUST_CHECK;
/* route_pattern_match: 1 if path matches pattern (binding into r when r is not NULL). */
int route_pattern_match(struct req *r, const char *pattern, const char *path);

#endif
