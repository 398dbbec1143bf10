/* SPDX-License-Identifier: MIT */
/* user.c - `agentgen user add|passwd|list` and `agentgen setup-token`: local accounts from the
 * server's shell. A generated password or token is printed once and never logged. */
#include "user.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/auth.h"
#include "../core/cfg.h"
#include "../core/crypt.h"
#include "../core/db.h"
#include "../core/log.h"

static int open_db(struct cfg *c, struct db **db);
static int read_password(char *out, size_t cap);

static int
open_db(struct cfg *c, struct db **db)
{
    char why[256] = "";
    if (cfg_load(c, NULL, why, sizeof(why)) < 0) {
        fprintf(stderr, "agentgen: %s\n", why);
        return -1;
    }
    log_set_level(c->log_level);
    if (db_open(c->db_path, db) < 0) {
        fprintf(stderr, "agentgen: cannot open database %s (run \"agentgen migrate\")\n",
                c->db_path);
        return -1;
    }
    return 0;
}

/* read_password: one line from stdin, without its newline. */
static int
read_password(char *out, size_t cap)
{
    if (!fgets(out, (int)cap, stdin)) {
        return AG_EINVAL;
    }
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

/* get_password: from stdin (--password-stdin) or generated (*generated = 1). */
static int
get_password(int from_stdin, char *out, size_t cap, int *generated)
{
    *generated = !from_stdin;
    if (from_stdin) {
        return read_password(out, cap);
    }
    return cap >= AUTH_GENPASS_SIZE ? auth_password_generate(out) : AG_ETOOBIG;
}

static int
print_user(void *ctx, const struct auth_user *u)
{
    (void)ctx;
    printf("%-24s %-7s %s\n", u->name, auth_role_name(u->role), u->disabled ? "disabled" : "active");
    return 0;
}

static int
user_add(struct db *db, const char *name, int role, int from_stdin)
{
    char pw[AUTH_PASSWORD_MAX + 2];
    int generated = 0;
    long long id = 0;
    int rc = get_password(from_stdin, pw, sizeof(pw), &generated);
    if (rc == 0) {
        rc = auth_user_create(db, name, role, pw, &id);
    }
    if (rc == AG_ECONFLICT) {
        fprintf(stderr, "agentgen: user %s exists\n", name);
    } else if (rc == AG_EINVAL) {
        fprintf(stderr, "agentgen: bad name (letters, digits, . _ @ -) or password (at least "
                        "%d characters)\n", AUTH_PASSWORD_MIN);
    } else if (rc == 0) {
        printf("user %s created (%s)\n", name, auth_role_name(role));
        if (generated) {
            printf("password (shown once): %s\n", pw);
        }
    }
    crypt_wipe(pw, sizeof(pw));
    return rc == 0 ? 0 : 1;
}

static int
user_passwd(struct db *db, const char *name, int from_stdin)
{
    char pw[AUTH_PASSWORD_MAX + 2];
    struct auth_user u;
    int generated = 0;
    int rc = auth_db_user_by_name(db, name, &u, NULL, 0);
    if (rc == AG_ENOTFOUND) {
        fprintf(stderr, "agentgen: no user %s\n", name);
        return 1;
    }
    if (rc == 0) {
        rc = get_password(from_stdin, pw, sizeof(pw), &generated);
    }
    if (rc == 0) {
        rc = auth_user_set_password(db, u.id, pw, 0, (long long)time(NULL));
    }
    if (rc == AG_EINVAL) {
        fprintf(stderr, "agentgen: the password needs at least %d characters\n",
                AUTH_PASSWORD_MIN);
    } else if (rc == 0) {
        printf("password of %s changed; their sessions were signed out\n", name);
        if (generated) {
            printf("password (shown once): %s\n", pw);
        }
    }
    crypt_wipe(pw, sizeof(pw));
    return rc == 0 ? 0 : 1;
}

static int
user_usage(void)
{
    fprintf(stderr, "usage: agentgen user add <name> --role admin|editor|viewer [--password-stdin]\n"
                    "       agentgen user passwd <name> [--password-stdin]\n"
                    "       agentgen user list\n");
    return 2;
}

int
cmd_user(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    const char *name = argc > 2 ? argv[2] : NULL;
    int from_stdin = 0, role = AUTH_NONE;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--password-stdin") == 0) {
            from_stdin = 1;
        } else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
            role = auth_role_parse(argv[++i]);
        } else {
            return user_usage();
        }
    }
    int is_add = strcmp(sub, "add") == 0, is_passwd = strcmp(sub, "passwd") == 0;
    if (!(strcmp(sub, "list") == 0 || ((is_add || is_passwd) && name)) ||
        (is_add && role == AUTH_NONE)) {
        return user_usage();
    }
    struct cfg c;
    struct db *db = NULL;
    if (open_db(&c, &db) < 0) {
        return 1;
    }
    int rc = is_add      ? user_add(db, name, role, from_stdin)
             : is_passwd ? user_passwd(db, name, from_stdin)
                         : (auth_db_user_list(db, print_user, NULL) == 0 ? 0 : 1);
    db_close(db);
    return rc;
}

int
cmd_setup_token(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct cfg c;
    struct db *db = NULL;
    char token[AUTH_TOKEN_SIZE];
    if (open_db(&c, &db) < 0) {
        return 1;
    }
    int rc = auth_setup_token_create(db, (long long)time(NULL), token);
    db_close(db);
    if (rc == AG_ECONFLICT) {
        return 0; /* an administrator exists: nothing to set up */
    }
    if (rc < 0) {
        fprintf(stderr, "agentgen: cannot create the setup token (%s)\n", ag_strerror(rc));
        return 1;
    }
    printf("Open %s/setup and use the setup token: %s\n",
           c.public_url[0] ? c.public_url : "http://<this server>", token);
    crypt_wipe(token, sizeof(token));
    return 0;
}
