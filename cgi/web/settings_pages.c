/* SPDX-License-Identifier: MIT */
/* settings_pages.c - Settings > Providers: the list, one add/edit form
 * (re-shown with the person's values and the bad field on a validation error),
 * delete with a confirmation page. Validation is providers.c's, shared with the
 * JSON API. */
#include "settings_pages.h"

#include <string.h>

#include "../agents/runs_db.h"
#include "page.h"
#include "runs.h"

static const char *const kinds[] = {"openai", "azure", "watsonx", "ollabridge"};

static int set_form(struct tmpl *t, const struct provider_row *p) {
  const char *keys[] = {"kind",        "name",          "base_url",
                        "models",      "default_model", "api_key_ref",
                        "api_version", "project_ref"};
  const char *vals[] = {p->kind,        p->name,          p->base_url,
                        p->models,      p->default_model, p->api_key_ref,
                        p->api_version, p->project_ref};
  int rc = p->id ? tmpl_set_int(t, "form.id", p->id) : 0;
  for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
    rc = tmpl_setf(t, vals[i] ? vals[i] : "", "form.%s", keys[i]);
  }
  rc = rc ? rc : tmpl_set(t, "form.is_default", p->is_default ? "1" : "");
  for (size_t i = 0; rc == 0 && i < AG_NELEM(kinds); i++) {
    rc = tmpl_setf(t, kinds[i], "kinds.%zu", i);
  }
  return rc;
}

static int render(struct req *r, struct resp *w,
                  const struct provider_row *form, const char *error,
                  const char *field) {
  struct provider_row *ps = NULL;
  int n = 0;
  struct tmpl *t = NULL;
  int rc = providers_db_list(r->app->db, r->ar, &ps, &n);
  rc = rc ? rc : page_new(r, "Providers", "settings", &t);
  for (int i = 0; rc == 0 && i < n; i++) {
    rc = tmpl_setf(t, arena_printf(r->ar, "%lld", ps[i].id), "providers.%d.id",
                   i);
    rc = rc ? rc : tmpl_setf(t, ps[i].kind, "providers.%d.kind", i);
    rc = rc ? rc : tmpl_setf(t, ps[i].name, "providers.%d.name", i);
    rc = rc ? rc : tmpl_setf(t, ps[i].base_url, "providers.%d.base_url", i);
    rc = rc ? rc : tmpl_setf(t, ps[i].models, "providers.%d.models", i);
    rc =
        rc ? rc
           : tmpl_setf(t, ps[i].default_model, "providers.%d.default_model", i);
    rc = rc ? rc
            : tmpl_setf(t, ps[i].api_key_ref, "providers.%d.api_key_ref", i);
    rc = rc || !ps[i].is_default
             ? rc
             : tmpl_setf(t, "1", "providers.%d.is_default", i);
  }
  rc = rc ? rc : set_form(t, form);
  rc = rc || !error ? rc : tmpl_set(t, "form.error", error);
  rc = rc || !field ? rc : tmpl_set(t, "form.field", field);
  const char *saved = req_param(r, "saved"), *deleted = req_param(r, "deleted");
  rc = rc || !saved ? rc : tmpl_set(t, "notice", "Provider saved.");
  rc = rc || !deleted ? rc : tmpl_set(t, "notice", "Provider deleted.");
  rc = rc ? rc : page_render(r, w, t, "settings/providers.cs");
  if (rc == 0 && error) {
    w->status = 422;
  }
  return rc;
}

int settings_providers(struct req *r, struct resp *w) {
  long long id = 0;
  struct provider_row p = {.kind = "openai", .name = "", .base_url = ""};
  if (req_param(r, "edit") && req_param_i64(r, "edit", &id) == 0 && id > 0) {
    int rc = providers_db_get(r->app->db, r->ar, id, &p);
    if (rc < 0) {
      return rc;
    }
  }
  return render(r, w, &p, NULL, NULL);
}

static int save(struct req *r, struct resp *w, long long id) {
  long long saved = 0;
  const char *field = NULL;
  int rc = providers_save_form(r, id, &saved, &field);
  if (rc == AG_EINVAL) {
    struct provider_row p = {.id = id,
                             .is_default = req_param(r, "isDefault") != NULL};
    const char *names[] = {"kind",       "name",         "baseUrl",
                           "models",     "defaultModel", "apiKeyRef",
                           "apiVersion", "projectRef"};
    const char **dst[] = {&p.kind,        &p.name,          &p.base_url,
                          &p.models,      &p.default_model, &p.api_key_ref,
                          &p.api_version, &p.project_ref};
    for (size_t i = 0; i < AG_NELEM(names); i++) {
      *dst[i] = req_param(r, names[i]);
    }
    return render(r, w, &p,
                  "Check the highlighted field: kind openai, azure, watsonx or "
                  "ollabridge; an http(s) base URL; a key reference like "
                  "env:OPENAI_API_KEY (never the key itself).",
                  field);
  }
  return rc ? rc : resp_redirect(w, 303, "/settings/providers?saved=1");
}

int settings_provider_create(struct req *r, struct resp *w) {
  return save(r, w, 0);
}

int settings_provider_update(struct req *r, struct resp *w) {
  long long id = 0;
  struct provider_row p;
  int rc = req_param_i64(r, "id", &id) == 0
               ? providers_db_get(r->app->db, r->ar, id, &p)
               : AG_ENOTFOUND;
  return rc ? rc : save(r, w, id);
}

int settings_provider_confirm(struct req *r, struct resp *w) {
  long long id = 0;
  struct provider_row p;
  struct tmpl *t = NULL;
  int rc = req_param_i64(r, "id", &id) == 0
               ? providers_db_get(r->app->db, r->ar, id, &p)
               : AG_ENOTFOUND;
  rc = rc ? rc : page_new(r, "Delete provider", "settings", &t);
  rc = rc ? rc : tmpl_set_int(t, "provider.id", p.id);
  rc = rc ? rc : tmpl_set(t, "provider.name", p.name);
  rc = rc ? rc : tmpl_set(t, "provider.base_url", p.base_url);
  return rc ? rc : page_render(r, w, t, "settings/provider_delete.cs");
}

int settings_provider_delete(struct req *r, struct resp *w) {
  long long id = 0;
  struct provider_row p;
  int rc = req_param_i64(r, "id", &id) == 0
               ? providers_db_get(r->app->db, r->ar, id, &p)
               : AG_ENOTFOUND;
  if (rc == 0 && !req_param(r, "confirm")) {
    return settings_provider_confirm(r, w);
  }
  rc = rc ? rc : providers_db_delete(r->app->db, id);
  return rc ? rc : resp_redirect(w, 303, "/settings/providers?deleted=1");
}
