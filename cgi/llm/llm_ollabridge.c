/* SPDX-License-Identifier: MIT */
/* llm_ollabridge.c - OllaBridge device pairing (pairing code -> device token) and its status
 * check (the model list). Chat with a paired bridge is the OpenAI-compatible path of llm.c
 * with the device token as the bearer. Storing the token is the caller's business. */
#include "llm_int.h"

#include <stdio.h>
#include <string.h>

#include "../core/crypt.h"
#include "../core/jsn.h"
#include "../core/log.h"

static int valid_code(const char *code);
static int read_token(const struct buf *body, char *out, size_t cap);
static int collect_ids(const struct buf *body, struct json_object **out);

static int
valid_code(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 4 || n > 64) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)code[i] <= 0x20 || (unsigned char)code[i] >= 0x7f) {
            return 0;
        }
    }
    return 1;
}

static int
read_token(const struct buf *body, char *out, size_t cap)
{
    static const char *const keys[] = {"device_token", "token", "access_token"};
    struct json_object *o = NULL;
    const char *tok = NULL;
    int rc = AG_EUPSTREAM;
    if (jsn_parse(buf_cstr(body), body->len, &o) < 0 || !json_object_is_type(o, json_type_object)) {
        goto out;
    }
    for (size_t i = 0; i < AG_NELEM(keys) && !tok; i++) {
        if (jsn_str(o, keys[i], 0, 8192, &tok) < 0) {
            tok = NULL;
        }
        tok = tok && *tok ? tok : NULL;
    }
    if (tok) {
        size_t n = strlen(tok);
        rc = n < cap ? 0 : AG_ETOOBIG;
        if (rc == 0) {
            memcpy(out, tok, n + 1);
        }
    }
out:
    json_object_put(o);
    return rc;
}

int
llm_ollabridge_pair(struct llm_client *c, const char *base_url, const char *pairing_code,
                    char *device_token_out, size_t cap)
{
    char base[1024], url[1100];
    struct buf body = BUF_INIT;
    struct httpc_resp resp;
    memset(&resp, 0, sizeof(resp));
    if (cap > 0) {
        device_token_out[0] = '\0';
    }
    int rc = valid_code(pairing_code) ? llm_strip_base(base_url, 1, base, sizeof(base)) : AG_EINVAL;
    if (rc < 0) {
        return rc;
    }
    snprintf(url, sizeof(url), "%s/device/pair-simple", base); /* fits: base < 1024 */
    struct json_object *o = json_object_new_object();
    rc = jsn_add_str(o, "code", pairing_code);
    rc = rc ? rc : jsn_dump(o, &body);
    json_object_put(o);
    if (rc == 0) {
        const char *headers[] = {"Content-Type: application/json", "Accept: application/json",
                                 NULL};
        struct httpc_req hr = {.method = "POST", .url = url, .headers = headers,
                               .body = body.data, .body_len = body.len, .timeout_ms = 15000,
                               .max_response = 64 * 1024};
        rc = httpc_do(c->http, &hr, &resp, NULL, NULL);
    }
    if (rc == 0 && (resp.status == 400 || resp.status == 404)) {
        rc = AG_EINVAL; /* expired or unknown code: the user re-pairs on the device */
    } else if (rc == 0 && resp.status != 200 && resp.status != 201) {
        rc = AG_EUPSTREAM;
    } else if (rc == 0) {
        rc = read_token(&resp.body, device_token_out, cap);
    }
    if (rc < 0) {
        log_msg(LOG_WARNING, "m=llm ollabridge=pair status=%ld err=%s", resp.status,
                ag_strerror(rc));
    }
    crypt_wipe(resp.body.data, resp.body.cap);
    buf_free(&resp.body);
    buf_free(&body);
    return rc;
}

/* collect_ids turns {"data": [{"id"}, …]} into a new array of the id strings. */
static int
collect_ids(const struct buf *body, struct json_object **out)
{
    struct json_object *o = NULL, *data = NULL, *ids = json_object_new_array();
    int rc = ids ? 0 : AG_ENOMEM;
    if (rc == 0 && (jsn_parse(buf_cstr(body), body->len, &o) < 0 ||
                    !json_object_object_get_ex(o, "data", &data) ||
                    !json_object_is_type(data, json_type_array))) {
        rc = AG_EUPSTREAM;
    }
    size_t n = rc == 0 ? json_object_array_length(data) : 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *id = NULL;
        struct json_object *m = json_object_array_get_idx(data, i);
        if (jsn_str(m, "id", 1, 512, &id) == 0 &&
            json_object_array_add(ids, json_object_new_string(id)) != 0) {
            rc = AG_ENOMEM;
        }
    }
    json_object_put(o);
    if (rc < 0) {
        json_object_put(ids);
        return rc;
    }
    *out = ids;
    return 0;
}

int
llm_ollabridge_models(struct llm_client *c, const char *base_url, const char *device_token,
                      struct json_object **out)
{
    char base[1024], url[1100];
    struct buf auth = BUF_INIT;
    struct httpc_resp resp;
    memset(&resp, 0, sizeof(resp));
    *out = NULL;
    int rc = llm_strip_base(base_url, 1, base, sizeof(base));
    if (rc < 0) {
        return rc;
    }
    snprintf(url, sizeof(url), "%s/v1/models", base);
    if (device_token && *device_token) {
        rc = strpbrk(device_token, "\r\n") ? AG_EINVAL
                                            : buf_printf(&auth, "Authorization: Bearer %s",
                                                         device_token);
    }
    if (rc == 0) {
        const char *headers[] = {"Accept: application/json", auth.len ? auth.data : NULL, NULL};
        struct httpc_req hr = {.method = "GET", .url = url, .headers = headers,
                               .timeout_ms = 10000, .max_response = 1u << 20};
        rc = httpc_do(c->http, &hr, &resp, NULL, NULL);
    }
    if (rc == 0 && (resp.status == 401 || resp.status == 403)) {
        rc = AG_EUNAUTH;
    } else if (rc == 0 && resp.status != 200) {
        rc = AG_EUPSTREAM;
    } else if (rc == 0) {
        rc = collect_ids(&resp.body, out);
    }
    crypt_wipe(auth.data, auth.cap);
    buf_free(&auth);
    buf_free(&resp.body);
    return rc;
}
