/* SPDX-License-Identifier: MIT */
/* routes.c - the route table, and only the table (cgit cmd.c). Every non-GET route is
 * CSRF-checked unless ROUTE_NO_CSRF with a comment saying why; tests walk this table. */
#include "route.h"
#include "system.h"

const struct route routes[] = {
    {"GET", "/", system_home, ROUTE_PUBLIC},
    {"GET", "/about", system_about, ROUTE_PUBLIC},
    {"GET", "/healthz", system_healthz, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/livez", system_livez, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/readyz", system_readyz, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/api/version", system_api_version, ROUTE_PUBLIC | ROUTE_JSON},
};

const int n_routes = (int)(sizeof(routes) / sizeof(routes[0]));
