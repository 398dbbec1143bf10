/* SPDX-License-Identifier: MIT */
/* account.h - the signed-in user's own account: password change, sessions, API keys
 * (HTML at /account, JSON at /api/keys). */
#ifndef AG_WEB_ACCOUNT_H
#define AG_WEB_ACCOUNT_H

#include "req.h"
#include "resp.h"

int account_show(struct req *r, struct resp *w);
int account_password(struct req *r, struct resp *w);
int account_sessions_revoke(struct req *r, struct resp *w);
int account_key_create(struct req *r, struct resp *w);
int account_key_rotate(struct req *r, struct resp *w);
int account_key_revoke(struct req *r, struct resp *w);
int account_api_keys(struct req *r, struct resp *w);
int account_api_key_create(struct req *r, struct resp *w);
int account_api_key_rotate(struct req *r, struct resp *w);
int account_api_key_delete(struct req *r, struct resp *w);

#endif
