/* SPDX-License-Identifier: MIT */
/* auth_gate.h - who is asking and may they: the one call dispatch makes after routing
 * (identify by API key or session cookie, route role, key scope, CSRF + same-origin), the CORS
 * preflight, the per-request audit row, and sign-in/sign-out helpers for the handlers. */
#ifndef AG_WEB_AUTH_GATE_H
#define AG_WEB_AUTH_GATE_H

#include "../auth/auth.h"
#include "req.h"
#include "resp.h"

#define AUTH_COOKIE_SESSION "ag_session"
#define AUTH_COOKIE_PRE     "ag_pre" /* binds the CSRF token of forms shown before sign-in */

/* auth_gate runs after route_match: 0 = run the handler; 1 = the reply is made (303 to
 * /login, 401, 403); negative AG_E* on failure. Sets r->user and r->csrf. */
int auth_gate(struct req *r, struct resp *w) AG_MUST_CHECK;
/* auth_gate_preflight answers an OPTIONS request to /api (CORS): 1 when answered, else 0. */
int auth_gate_preflight(struct req *r, struct resp *w);
/* auth_gate_after adds CORS headers for allowed origins and writes the audit row of every
 * routed non-GET request. Call once, after the handler (or the error reply). */
void auth_gate_after(struct req *r, struct resp *w);
/* auth_gate_sign_in starts a session for u: cookie, r->user, r->csrf. */
int auth_gate_sign_in(struct req *r, struct resp *w, const struct auth_user *u) AG_MUST_CHECK;
/* auth_gate_sign_out revokes the caller's session (if any) and deletes the cookie. */
int auth_gate_sign_out(struct req *r, struct resp *w) AG_MUST_CHECK;
/* auth_gate_event writes a security event (login.ok, key.create, ...) with the request's
 * actor, address and user agent. target must never hold a secret. */
void auth_gate_event(struct req *r, const char *action, const char *target, int status);
long long auth_gate_now(void);
/* auth_gate_memo_hits: session lookups this process answered from its memo (tests). */
unsigned long long auth_gate_memo_hits(const struct app *app);
/* auth_gate_fmt_time: "2025-01-31 14:05 UTC" (arena memory), "never" for 0. */
const char *auth_gate_fmt_time(struct arena *ar, long long t);
const char *auth_gate_address(const struct req *r);

#endif
