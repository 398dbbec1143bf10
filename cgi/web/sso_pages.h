/* SPDX-License-Identifier: MIT */
/* sso_pages.h - single sign-on in the browser: /auth/sso/{provider} (start: 302 to the
 * provider) and /auth/sso/{provider}/callback (finish: session, 303 to the page wanted, or back
 * to /login with a message), the login page's provider buttons, and trusted proxy headers. */
#ifndef AG_WEB_SSO_PAGES_H
#define AG_WEB_SSO_PAGES_H

#include "../auth/auth.h"
#include "../core/tmpl.h"
#include "req.h"
#include "resp.h"

int sso_pages_start(struct req *r, struct resp *w);
int sso_pages_callback(struct req *r, struct resp *w);
/* the same for shells and scripts (DESIGN §4): GET /api/auth/oidc/{provider}/start answers
 * {provider, authorizeUrl, redirectUri, next} and sets the pre-session cookie the sign-in is
 * bound to; the provider sends the browser to redirectUri (the page route, the one address to
 * register), and a shell that intercepts it may hand its query (code, state) to GET
 * /api/auth/oidc/{provider}/callback instead, with the same cookies: the user as JSON and a
 * session cookie, or 403/502 {"error"} with the reason's message. */
int sso_pages_api_start(struct req *r, struct resp *w);
int sso_pages_api_callback(struct req *r, struct resp *w);
/* sso_pages_buttons sets login.sso.N.{display,href} for each configured provider. */
int sso_pages_buttons(struct req *r, struct tmpl *t, const char *next) AG_MUST_CHECK;
/* sso_pages_message: the login page's text for ?sso=<reason>, or NULL. */
const char *sso_pages_message(const char *reason);
/* sso_pages_proxy: when [proxy_auth] is on, the request comes from a trusted address and
 * carries the user header, the linked (or new) user: 1 and *u. 0 when none of that holds;
 * AG_EFORBIDDEN for a disabled account; other AG_E* on failure. */
int sso_pages_proxy(struct req *r, struct auth_user *u) AG_MUST_CHECK;

#endif
