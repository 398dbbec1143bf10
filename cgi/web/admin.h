/* SPDX-License-Identifier: MIT */
/* admin.h - administration: users and roles (/admin/users) and the audit log (/admin/audit,
 * /admin/audit.csv, /api/admin/audit). Every route here is ROUTE_ADMIN. */
#ifndef AG_WEB_ADMIN_H
#define AG_WEB_ADMIN_H

#include "req.h"
#include "resp.h"

int admin_users(struct req *r, struct resp *w);
int admin_user_create(struct req *r, struct resp *w);
int admin_user_role(struct req *r, struct resp *w);
int admin_user_disable(struct req *r, struct resp *w);
int admin_user_enable(struct req *r, struct resp *w);
int admin_user_reset(struct req *r, struct resp *w);
int admin_audit(struct req *r, struct resp *w);
int admin_audit_csv(struct req *r, struct resp *w);
int admin_api_audit(struct req *r, struct resp *w);

#endif
