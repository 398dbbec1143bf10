/* SPDX-License-Identifier: MIT */
/* routes.c - the route table, and only the table (cgit cmd.c). Every non-GET route is
 * CSRF-checked unless ROUTE_NO_CSRF with a comment saying why; tests walk this table. */
#include "api.h"
#include "route.h"
#include "system.h"

const struct route routes[] = {
    {"GET", "/", system_home, ROUTE_PUBLIC},
    {"GET", "/about", system_about, ROUTE_PUBLIC},
    {"GET", "/healthz", system_healthz, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/livez", system_livez, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/readyz", system_readyz, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/api/version", system_api_version, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/api/compatibility", api_compatibility, ROUTE_AUTH | ROUTE_JSON},
    {"POST", "/api/compatibility/diagnose", api_diagnose, ROUTE_AUTH | ROUTE_JSON},
    {"POST", "/api/plan", api_plan, ROUTE_AUTH | ROUTE_JSON},
    {"GET", "/api/projects", api_projects_list, ROUTE_AUTH | ROUTE_JSON},
    {"POST", "/api/projects", api_projects_create, ROUTE_EDITOR | ROUTE_JSON},
    {"GET", "/api/projects/:id", api_projects_show, ROUTE_AUTH | ROUTE_JSON},
    {"PATCH", "/api/projects/:id", api_projects_update, ROUTE_EDITOR | ROUTE_JSON},
    {"DELETE", "/api/projects/:id", api_projects_delete, ROUTE_EDITOR | ROUTE_JSON},
    {"GET", "/api/projects/:id/files", api_projects_files, ROUTE_AUTH | ROUTE_JSON},
    {"GET", "/api/projects/:id/files/*path", api_projects_file, ROUTE_AUTH | ROUTE_JSON},
    {"GET", "/api/projects/:id/archive.zip", api_projects_archive, ROUTE_AUTH | ROUTE_JSON},
};

const int n_routes = (int)(sizeof(routes) / sizeof(routes[0]));
