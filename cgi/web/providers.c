/* SPDX-License-Identifier: MIT */
/* providers.c - Settings > Providers: where the runner sends LLM calls. JSON API and the minimal
 * page (list, add/edit form, delete). A provider holds a key *reference* (env:NAME, resolved by
 * the runner from its environment), never a key. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../agents/runs_db.h"
#include "../core/jsn.h"
#include "../llm/llm.h"
#include "page.h"
#include "runs.h"

/* Reads the provider fields (JSON body or form); *field_out names the bad one. */
static int
read_provider(struct req *r, struct provider_row *p, const char **field_out)
{
    static const char *const names[] = {"kind", "name", "baseUrl", "models", "defaultModel",
                                        "apiKeyRef", "apiVersion", "projectRef"};
    static const size_t caps[] = {16, 100, 500, 2000, 200, 200, 40, 100};
    const char **dst[] = {&p->kind, &p->name, &p->base_url, &p->models, &p->default_model,
                          &p->api_key_ref, &p->api_version, &p->project_ref};
    int json = r->json && json_object_is_type(r->json, json_type_object);
    for (size_t i = 0; i < AG_NELEM(names); i++) {
        int req = i < 3;
        int rc = json ? jsn_str(r->json, names[i], req, caps[i], dst[i])
                      : req_param_str(r, names[i], req, caps[i], dst[i]);
        if (rc < 0 || (req && !**dst[i])) {
            *field_out = names[i];
            return AG_EINVAL;
        }
        *dst[i] = *dst[i] ? *dst[i] : "";
    }
    if (json) {
        AG_IGNORE(jsn_bool(r->json, "isDefault", 0, &p->is_default));
    } else {
        p->is_default = req_param(r, "isDefault") != NULL;
    }
    return 0;
}

static int
check_provider(const struct provider_row *p, const char **field_out)
{
    enum llm_kind k;
    if (llm_kind_parse(p->kind, &k) < 0) {
        *field_out = "kind";
        return AG_EINVAL;
    }
    if (strncmp(p->base_url, "http://", 7) != 0 && strncmp(p->base_url, "https://", 8) != 0) {
        *field_out = "baseUrl";
        return AG_EINVAL;
    }
    const char *ref = p->api_key_ref;
    if (*ref) {
        int ok = strncmp(ref, "env:", 4) == 0 && ref[4] && !isdigit((unsigned char)ref[4]);
        for (const char *c = ref + 4; ok && *c; c++) {
            ok = isupper((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '_';
        }
        if (!ok) {
            *field_out = "apiKeyRef";
            return AG_EINVAL;
        }
    }
    return 0;
}

static int
provider_json(const struct provider_row *p, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? jsn_add_int(o, "id", p->id) : AG_ENOMEM;
    const char *keys[] = {"kind", "name", "baseUrl", "models", "defaultModel", "apiKeyRef",
                          "apiVersion", "projectRef"};
    const char *vals[] = {p->kind, p->name, p->base_url, p->models, p->default_model,
                          p->api_key_ref, p->api_version, p->project_ref};
    for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
        rc = jsn_add_str(o, keys[i], vals[i]);
    }
    rc = rc ? rc : jsn_add_bool(o, "isDefault", p->is_default);
    if (rc < 0) {
        json_object_put(o);
        return rc;
    }
    *out = o;
    return 0;
}

int
providers_api_list(struct req *r, struct resp *w)
{
    struct provider_row *rows = NULL;
    int n = 0;
    int rc = providers_db_list(r->app->db, r->ar, &rows, &n);
    struct json_object *o = json_object_new_object();
    struct json_object *arr = json_object_new_array();
    rc = rc ? rc : (o && arr) ? 0 : AG_ENOMEM;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct json_object *p = NULL;
        rc = provider_json(&rows[i], &p);
        if (rc == 0) {
            json_object_array_add(arr, p);
        }
    }
    rc = rc ? rc : jsn_add(o, "providers", arr);
    if (rc < 0) {
        json_object_put(arr);
        json_object_put(o);
        return rc;
    }
    rc = resp_json(w, 200, o);
    json_object_put(o);
    return rc;
}

/* Validates and stores; 0 with *id, or AG_EINVAL with *field_out. */
static int
save(struct req *r, long long id, long long *saved, const char **field_out)
{
    struct provider_row p = {.id = id};
    int rc = read_provider(r, &p, field_out);
    rc = rc ? rc : check_provider(&p, field_out);
    return rc ? rc : providers_db_save(r->app->db, &p, saved);
}

int
providers_save_form(struct req *r, long long id, long long *saved, const char **field_out)
{
    return save(r, id, saved, field_out);
}

int
providers_api_save(struct req *r, struct resp *w)
{
    long long id = 0, saved = 0;
    const char *bad_field = NULL;
    if (req_param(r, "id") && (req_param_i64(r, "id", &id) < 0 || id <= 0)) {
        return AG_ENOTFOUND;
    }
    int rc = save(r, id, &saved, &bad_field);
    if (rc == AG_EINVAL) {
        resp_error(w, r, AG_EINVAL,
                   "Check the provider: kind openai|azure|watsonx|ollabridge, an http(s) base "
                   "URL, and a key reference like env:OPENAI_API_KEY (never the key itself).",
                   bad_field);
        return 0;
    }
    struct provider_row p;
    struct json_object *o = NULL;
    rc = rc ? rc : providers_db_get(r->app->db, r->ar, saved, &p);
    rc = rc ? rc : provider_json(&p, &o);
    if (rc < 0) {
        return rc;
    }
    rc = resp_json(w, id ? 200 : 201, o);
    json_object_put(o);
    return rc;
}

int
providers_api_delete(struct req *r, struct resp *w)
{
    long long id = 0;
    int rc = req_param_i64(r, "id", &id) == 0 ? providers_db_delete(r->app->db, id) : AG_ENOTFOUND;
    if (rc < 0) {
        return rc;
    }
    w->status = 204;
    return 0;
}
