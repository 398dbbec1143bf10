/* SPDX-License-Identifier: MIT */
/* auth_pages.h - sign-in, sign-out and first-run setup: the HTML forms and the JSON API
 * (/api/auth/login, logout, me). */
#ifndef AG_WEB_AUTH_PAGES_H
#define AG_WEB_AUTH_PAGES_H

#include "req.h"
#include "resp.h"

int auth_pages_login(struct req *r, struct resp *w);
int auth_pages_login_post(struct req *r, struct resp *w);
int auth_pages_logout(struct req *r, struct resp *w);
int auth_pages_setup(struct req *r, struct resp *w);
int auth_pages_setup_post(struct req *r, struct resp *w);
int auth_pages_api_login(struct req *r, struct resp *w);
int auth_pages_api_logout(struct req *r, struct resp *w);
int auth_pages_api_me(struct req *r, struct resp *w);
/* POST /api/auth/me/touch: a no-op that needs the editor role (tests the role gate). */
int auth_pages_api_touch(struct req *r, struct resp *w);
/* auth_pages_reply_user: {id, name, role, auth, csrfToken} of the caller, with status. */
int auth_pages_reply_user(struct req *r, struct resp *w, int status) AG_MUST_CHECK;

#endif
