/* SPDX-License-Identifier: MIT */
/* system.c - home, about (real component versions) and the health probes (JSON). */
#include "system.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/crypt.h"
#include "../core/db.h"
#include "../core/httpc.h"
#include "../core/jsn.h"
#include "../core/tmpl.h"
#include "page.h"

#ifndef AG_BUILD_DATE
#define AG_BUILD_DATE "unknown"
#endif

static int reply_status(struct resp *w, int status, const char *state, int with_db, struct app *app);

int
system_home(struct req *r, struct resp *w)
{
    struct tmpl *t = NULL;
    int rc = page_new(r, "Home", "home", &t);
    if (rc == 0) {
        rc = page_render(r, w, t, "home/index.cs");
    }
    return rc;
}

/* Runs `nginx -v` (prints "nginx version: nginx/1.22.1" on stderr): fixed argv, no shell,
 * output capped, result cached for the life of the process. */
const char *
system_nginx_version(const struct app *app)
{
    static char version[64];
    static int done;
    if (done) {
        return version;
    }
    done = 1;
    const char *bin = app->cfg.nginx_bin[0] ? app->cfg.nginx_bin : "/usr/sbin/nginx";
    int fds[2];
    if (access(bin, X_OK) != 0 || pipe(fds) != 0) {
        return version;
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        execl(bin, "nginx", "-v", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char out[256] = "";
    ssize_t n = pid > 0 ? read(fds[0], out, sizeof(out) - 1) : -1;
    close(fds[0]);
    if (pid > 0) {
        waitpid(pid, NULL, 0);
    }
    const char *slash = n > 0 ? strstr(out, "nginx/") : NULL;
    if (slash) {
        snprintf(version, sizeof(version), "%.*s", (int)strcspn(slash + 6, " \r\n"), slash + 6);
    }
    return version;
}

int
system_about(struct req *r, struct resp *w)
{
    struct tmpl *t = NULL;
    int rc = page_new(r, "About", "about", &t);
    const char *nginx = system_nginx_version(r->app);
    const struct {
        const char *name;
        const char *version;
    } comps[] = {
        {"agent-generator", AG_VERSION}, {"SQLite", db_version()},   {"json-c", jsn_version()},
        {"libcurl", httpc_version()},    {"OpenSSL", crypt_version()}, {"ClearSilver", tmpl_version()},
        {"nginx", nginx[0] ? nginx : "unknown"},
    };
    for (size_t i = 0; rc == 0 && i < AG_NELEM(comps); i++) {
        rc = tmpl_setf(t, comps[i].name, "components.%zu.name", i);
        if (rc == 0) {
            rc = tmpl_setf(t, comps[i].version, "components.%zu.version", i);
        }
    }
    if (rc == 0) {
        rc = tmpl_set(t, "about.build_date", AG_BUILD_DATE);
    }
    int schema = 0;
    if (rc == 0 && db_user_version(r->app->db, &schema) == 0) {
        rc = tmpl_set_int(t, "about.schema", schema);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "about.db_path", r->app->cfg.db_path);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "about/index.cs");
    }
    return rc;
}

static int
reply_status(struct resp *w, int status, const char *state, int with_db, struct app *app)
{
    struct json_object *o = json_object_new_object();
    if (!o) {
        return AG_ENOMEM;
    }
    int rc = jsn_add_str(o, "status", state);
    if (rc == 0) {
        rc = jsn_add_str(o, "version", AG_VERSION);
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "uptime", (long long)(time(NULL) - app->started));
    }
    if (rc == 0 && with_db) {
        int v = -1;
        rc = jsn_add_str(o, "db", db_user_version(app->db, &v) == 0 ? "ok" : "unreachable");
        if (rc == 0) {
            rc = jsn_add_int(o, "schema", v);
        }
        if (rc == 0) {
            rc = jsn_add_int(o, "schema_expected", app->schema_latest);
        }
    }
    if (rc == 0) {
        rc = resp_json(w, status, o);
    }
    json_object_put(o);
    return rc;
}

int
system_livez(struct req *r, struct resp *w)
{
    return reply_status(w, 200, "ok", 0, r->app);
}

int
system_healthz(struct req *r, struct resp *w)
{
    int v = -1;
    int ok = db_user_version(r->app->db, &v) == 0;
    return reply_status(w, ok ? 200 : 503, ok ? "ok" : "degraded", 1, r->app);
}

int
system_readyz(struct req *r, struct resp *w)
{
    int v = -1;
    int ok = db_user_version(r->app->db, &v) == 0 && v == r->app->schema_latest && v > 0;
    return reply_status(w, ok ? 200 : 503, ok ? "ok" : "not_ready", 1, r->app);
}

int
system_api_version(struct req *r, struct resp *w)
{
    (void)r;
    struct json_object *o = json_object_new_object();
    int rc = o ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc = jsn_add_str(o, "version", AG_VERSION);
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "build_date", AG_BUILD_DATE);
    }
    if (rc == 0) {
        rc = resp_json(w, 200, o);
    }
    json_object_put(o);
    return rc;
}

/* The OpenAPI document is a file shipped with the templates; a Check test keeps it in step
 * with the route table. Read once per worker and kept for the life of the process. */
int
system_openapi(struct req *r, struct resp *w)
{
    static struct buf doc = BUF_INIT;
    if (doc.len == 0) {
        char path[700];
        int rc = cfg_share_path(&r->app->cfg, "templates/api/openapi.json", path, sizeof(path));
        FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
        if (!f) {
            return AG_ENOTFOUND;
        }
        char chunk[8192];
        size_t n;
        while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
            rc = buf_append(&doc, chunk, n);
        }
        fclose(f);
        if (rc < 0) {
            buf_free(&doc);
            return rc;
        }
    }
    buf_reset(&w->body);
    w->content_type = "application/json";
    AG_IGNORE(resp_header(w, "Cache-Control", "public, max-age=300"));
    return buf_append(&w->body, doc.data, doc.len);
}
