/* SPDX-License-Identifier: MIT */
/* route.c - route lookup over the routes[] table: 404 vs 405, ":name" params. */
#include "route.h"

#include <stdio.h>
#include <string.h>

int
route_pattern_match(struct req *r, const char *pattern, const char *path)
{
    const char *p = pattern;
    const char *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/') {
            return 0;
        }
        p++;
        s++;
        size_t plen = strcspn(p, "/");
        size_t slen = strcspn(s, "/");
        if (*p == '*') {
            /* "*name" takes the rest of the path, slashes included */
            size_t rest = strlen(s);
            if (rest == 0 || rest > 1024) {
                return 0;
            }
            if (r) {
                char *name = arena_strndup(r->ar, p + 1, plen - 1);
                char *value = arena_strndup(r->ar, s, rest);
                if (!name || !value || req_add_param(r, name, value, rest) < 0) {
                    return 0;
                }
            }
            return p[plen] == '\0';
        }
        if (*p == ':') {
            if (slen == 0 || slen > 200) {
                return 0;
            }
            if (r) {
                char *name = arena_strndup(r->ar, p + 1, plen - 1);
                char *value = arena_strndup(r->ar, s, slen);
                if (!name || !value || req_add_param(r, name, value, slen) < 0) {
                    return 0;
                }
            }
        } else if (plen != slen || strncmp(p, s, plen) != 0) {
            return 0;
        }
        p += plen;
        s += slen;
    }
    return *p == '\0' && *s == '\0';
}

int
route_match(struct req *r, const char **allow, const struct route **out)
{
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    char methods[128] = "";
    size_t mlen = 0;
    for (int i = 0; i < n_routes; i++) {
        if (!route_pattern_match(NULL, routes[i].pattern, r->path)) {
            continue;
        }
        if (strcmp(routes[i].method, method) == 0) {
            if (!route_pattern_match(r, routes[i].pattern, r->path)) {
                return AG_ENOMEM;
            }
            *out = &routes[i];
            return 0;
        }
        if (!strstr(methods, routes[i].method) && mlen + strlen(routes[i].method) + 3 < sizeof(methods)) {
            mlen += (size_t)snprintf(methods + mlen, sizeof(methods) - mlen, "%s%s",
                                     mlen ? ", " : "", routes[i].method);
        }
    }
    if (mlen == 0) {
        return AG_ENOTFOUND;
    }
    *allow = arena_strdup(r->ar, methods);
    return AG_EMETHOD;
}
