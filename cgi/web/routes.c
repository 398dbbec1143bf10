/* SPDX-License-Identifier: MIT */
/* routes.c - the route table, and only the table (cgit cmd.c). Every non-GET route is
 * CSRF-checked unless ROUTE_NO_CSRF with a comment saying why; tests walk this table. */
#include "account.h"
#include "admin.h"
#include "api.h"
#include "auth_pages.h"
#include "projects.h"
#include "route.h"
#include "runctl.h"
#include "runs.h"
#include "runs_pages.h"
#include "settings_pages.h"
#include "sso_pages.h"
#include "system.h"
#include "test_pages.h"
#include "wizard.h"

const struct route routes[] = {
    {"GET", "/", system_home, ROUTE_AUTH},
    {"GET", "/about", system_about, ROUTE_AUTH},
    {"GET", "/healthz", system_healthz, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/livez", system_livez, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/readyz", system_readyz, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/api/version", system_api_version, ROUTE_PUBLIC | ROUTE_JSON},
    {"GET", "/api/openapi.json", system_openapi, ROUTE_PUBLIC | ROUTE_JSON},
    /* the generate wizard (issue 4): drafts are writes, so every step needs an editor */
    {"GET", "/generate", wizard_describe, ROUTE_EDITOR},
    {"POST", "/generate", wizard_describe_post, ROUTE_EDITOR},
    {"GET", "/generate/framework", wizard_framework, ROUTE_EDITOR},
    {"POST", "/generate/framework", wizard_framework_post, ROUTE_EDITOR},
    {"GET", "/generate/tools", wizard_tools, ROUTE_EDITOR},
    {"POST", "/generate/tools", wizard_tools_post, ROUTE_EDITOR},
    {"POST", "/generate/agents", wizard_agents_post, ROUTE_EDITOR},
    {"GET", "/generate/review", wizard_review, ROUTE_EDITOR},
    {"POST", "/generate/create", wizard_create, ROUTE_EDITOR},
    {"GET", "/projects", projects_index, ROUTE_AUTH},
    {"GET", "/projects/:id", projects_show, ROUTE_AUTH},
    {"GET", "/projects/:id/archive.zip", projects_archive, ROUTE_AUTH},
    {"POST", "/projects/:id/rename", projects_rename, ROUTE_EDITOR},
    {"GET", "/projects/:id/delete", projects_delete_confirm, ROUTE_EDITOR},
    {"POST", "/projects/:id/delete", projects_delete, ROUTE_EDITOR},
    {"POST", "/projects/:id/regenerate", projects_regenerate, ROUTE_EDITOR},
    {"GET", "/history", history_index, ROUTE_AUTH},
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
    /* accounts (issue 5): the login and setup forms carry a pre-session CSRF token */
    {"GET", "/login", auth_pages_login, ROUTE_PUBLIC},
    {"POST", "/login", auth_pages_login_post, ROUTE_PUBLIC},
    {"POST", "/logout", auth_pages_logout, ROUTE_AUTH},
    {"GET", "/setup", auth_pages_setup, ROUTE_PUBLIC},
    /* single sign-on: start (302 to the provider) and the provider's redirect back */
    {"GET", "/auth/sso/:provider", sso_pages_start, ROUTE_PUBLIC},
    {"GET", "/auth/sso/:provider/callback", sso_pages_callback, ROUTE_PUBLIC},
    {"POST", "/setup", auth_pages_setup_post, ROUTE_PUBLIC},
    {"GET", "/account", account_show, ROUTE_AUTH},
    {"POST", "/account/password", account_password, ROUTE_AUTH},
    {"POST", "/account/sessions/revoke", account_sessions_revoke, ROUTE_AUTH},
    {"POST", "/account/keys", account_key_create, ROUTE_AUTH},
    {"POST", "/account/keys/:id/rotate", account_key_rotate, ROUTE_AUTH},
    {"POST", "/account/keys/:id/revoke", account_key_revoke, ROUTE_AUTH},
    {"GET", "/admin/users", admin_users, ROUTE_ADMIN},
    {"POST", "/admin/users", admin_user_create, ROUTE_ADMIN},
    {"POST", "/admin/users/:id/role", admin_user_role, ROUTE_ADMIN},
    {"POST", "/admin/users/:id/disable", admin_user_disable, ROUTE_ADMIN},
    {"POST", "/admin/users/:id/enable", admin_user_enable, ROUTE_ADMIN},
    {"POST", "/admin/users/:id/reset", admin_user_reset, ROUTE_ADMIN},
    {"GET", "/admin/audit", admin_audit, ROUTE_ADMIN},
    {"GET", "/admin/audit.csv", admin_audit_csv, ROUTE_ADMIN},
    /* NO_CSRF: no session exists before sign-in, so there is nothing to forge; a foreign
     * Origin is still refused unless listed in cors_origins */
    {"POST", "/api/auth/login", auth_pages_api_login, ROUTE_PUBLIC | ROUTE_JSON | ROUTE_NO_CSRF},
    {"POST", "/api/auth/logout", auth_pages_api_logout, ROUTE_AUTH | ROUTE_JSON},
    {"GET", "/api/auth/me", auth_pages_api_me, ROUTE_AUTH | ROUTE_JSON},
    {"GET", "/api/auth/oidc/:provider/start", sso_pages_api_start,
     ROUTE_PUBLIC | ROUTE_JSON | ROUTE_PRE_SESSION},
    {"GET", "/api/auth/oidc/:provider/callback", sso_pages_api_callback,
     ROUTE_PUBLIC | ROUTE_JSON},
    {"POST", "/api/auth/me/touch", auth_pages_api_touch, ROUTE_EDITOR | ROUTE_JSON},
    {"GET", "/api/keys", account_api_keys, ROUTE_AUTH | ROUTE_JSON},
    {"POST", "/api/keys", account_api_key_create, ROUTE_AUTH | ROUTE_JSON},
    {"POST", "/api/keys/:id/rotate", account_api_key_rotate, ROUTE_AUTH | ROUTE_JSON},
    {"DELETE", "/api/keys/:id", account_api_key_delete, ROUTE_AUTH | ROUTE_JSON},
    {"GET", "/api/admin/audit", admin_api_audit, ROUTE_ADMIN | ROUTE_JSON},
    /* runs and chat (issue 6): web workers only enqueue; agentgen-stream serves the .../stream URLs */
    {"POST", "/api/projects/:id/runs", runs_api_create, ROUTE_EDITOR | ROUTE_JSON},
    {"GET", "/api/runs/:id", runs_api_show, ROUTE_AUTH | ROUTE_JSON},
    {"POST", "/api/runs/:id/stop", runs_api_stop, ROUTE_EDITOR | ROUTE_JSON},
    {"GET", "/api/runs/:id/events", runs_api_events, ROUTE_AUTH | ROUTE_JSON},
    {"GET", "/api/runs/:id/files/*path", runs_api_file, ROUTE_AUTH | ROUTE_JSON},
    {"POST", "/api/runs/:id/approvals/:callId", runs_api_approve, ROUTE_EDITOR | ROUTE_JSON},
    {"POST", "/api/runs/:id/pause", runctl_api_pause, ROUTE_EDITOR | ROUTE_JSON},
    {"POST", "/api/runs/:id/resume", runctl_api_resume, ROUTE_EDITOR | ROUTE_JSON},
    {"POST", "/api/runs/:id/messages", runctl_api_message, ROUTE_EDITOR | ROUTE_JSON},
    {"POST", "/api/chat/sessions", chat_api_create, ROUTE_EDITOR | ROUTE_JSON},
    {"POST", "/api/chat/sessions/:id/messages", chat_api_message, ROUTE_EDITOR | ROUTE_JSON},
    {"POST", "/api/chat/sessions/:id/stop", chat_api_stop, ROUTE_EDITOR | ROUTE_JSON},
    {"POST", "/api/chat/sessions/:id/approvals/:callId", chat_api_approve, ROUTE_EDITOR | ROUTE_JSON},
    {"GET", "/api/providers", providers_api_list, ROUTE_ADMIN | ROUTE_JSON},
    {"POST", "/api/providers", providers_api_save, ROUTE_ADMIN | ROUTE_JSON},
    {"PUT", "/api/providers/:id", providers_api_save, ROUTE_ADMIN | ROUTE_JSON},
    {"DELETE", "/api/providers/:id", providers_api_delete, ROUTE_ADMIN | ROUTE_JSON},
    /* pages of runs and chat (issue 6): forms post and redirect (303); stream.js makes them live */
    {"GET", "/test", test_index, ROUTE_AUTH},
    {"POST", "/test/sessions", test_start, ROUTE_EDITOR},
    {"POST", "/test/load", test_load, ROUTE_EDITOR},
    {"GET", "/test/:session", test_session, ROUTE_AUTH},
    {"GET", "/test/:session/transcript.md", test_transcript, ROUTE_AUTH},
    {"GET", "/test/:session/trace.json", test_trace, ROUTE_AUTH},
    {"POST", "/test/:session/messages", test_message, ROUTE_EDITOR},
    {"POST", "/test/:session/stop", test_stop, ROUTE_EDITOR},
    {"POST", "/test/:session/permission", test_permission, ROUTE_EDITOR},
    {"POST", "/test/:session/approvals/:callId", test_approve, ROUTE_EDITOR},
    {"POST", "/projects/:id/runs", runs_pages_create, ROUTE_EDITOR},
    {"GET", "/runs/:id", runs_pages_show, ROUTE_AUTH},
    {"POST", "/runs/:id/stop", runs_pages_stop, ROUTE_EDITOR},
    {"POST", "/runs/:id/approvals/:callId", runs_pages_approve, ROUTE_EDITOR},
    {"POST", "/runs/:id/pause", runctl_pages_pause, ROUTE_EDITOR},
    {"POST", "/runs/:id/resume", runctl_pages_resume, ROUTE_EDITOR},
    {"POST", "/runs/:id/messages", runctl_pages_message, ROUTE_EDITOR},
    {"GET", "/settings/providers", settings_providers, ROUTE_ADMIN},
    {"POST", "/settings/providers", settings_provider_create, ROUTE_ADMIN},
    {"POST", "/settings/providers/:id", settings_provider_update, ROUTE_ADMIN},
    {"GET", "/settings/providers/:id/delete", settings_provider_confirm, ROUTE_ADMIN},
    {"POST", "/settings/providers/:id/delete", settings_provider_delete, ROUTE_ADMIN},
};

const int n_routes = (int)(sizeof(routes) / sizeof(routes[0]));
