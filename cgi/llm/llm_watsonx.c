/* SPDX-License-Identifier: MIT */
/* llm_watsonx.c - IBM Cloud IAM: exchanges the watsonx API key for a bearer token
 * (grant_type urn:ibm:params:oauth:grant-type:apikey) and caches it in the client until 60 s
 * before it expires. The chat call itself is the common path in llm.c. */
#include "llm_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/crypt.h"
#include "../core/jsn.h"
#include "../core/log.h"

#define IAM_EARLY_S 60 /* refresh this long before the token expires */

static double now_s(void);
static int form_escape(struct buf *b, const char *s);
static void fingerprint(const struct llm_provider *p, const char *iam,
                        unsigned char out[CRYPT_SHA256_LEN]);
static int store_token(struct llm_client *c, const char *body, size_t len);

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* form_escape appends s percent-encoded for application/x-www-form-urlencoded. */
static int
form_escape(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~';
        char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        if ((plain ? buf_putc(b, (char)*p) : buf_append(b, enc, 3)) < 0) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

static void
fingerprint(const struct llm_provider *p, const char *iam, unsigned char out[CRYPT_SHA256_LEN])
{
    struct buf b = BUF_INIT;
    if (buf_append(&b, iam, strlen(iam) + 1) == 0 && buf_puts(&b, p->api_key) == 0) {
        crypt_sha256(b.data, b.len, out);
    } else {
        memset(out, 0, CRYPT_SHA256_LEN);
    }
    crypt_wipe(b.data, b.cap);
    buf_free(&b);
}

void
llm_watsonx_forget(struct llm_client *c)
{
    crypt_wipe(c->iam_token.data, c->iam_token.cap);
    buf_reset(&c->iam_token);
    c->iam_until = 0;
}

/* store_token reads {access_token, expires_in | expiration} from the IAM reply. */
static int
store_token(struct llm_client *c, const char *body, size_t len)
{
    struct json_object *o = NULL;
    const char *tok = NULL;
    long long ttl = 0, expiration = 0;
    if (jsn_parse(body, len, &o) < 0 || jsn_str(o, "access_token", 1, 16384, &tok) < 0 ||
        jsn_int(o, "expires_in", 0, 0, 1LL << 31, &ttl) < 0 ||
        jsn_int(o, "expiration", 0, 0, 1LL << 40, &expiration) < 0) {
        json_object_put(o);
        return AG_EUPSTREAM;
    }
    if (ttl == 0 && expiration > 0) {
        ttl = expiration - (long long)time(NULL);
    }
    if (ttl <= 0) {
        ttl = 3600;
    }
    llm_watsonx_forget(c);
    int rc = buf_puts(&c->iam_token, tok);
    c->iam_until = now_s() + (double)ttl - IAM_EARLY_S;
    json_object_put(o);
    return rc;
}

int
llm_watsonx_token(struct llm_client *c, const struct llm_provider *p, const volatile int *cancel,
                  const char **token, char *err, size_t errcap)
{
    const char *iam = p->iam_url && *p->iam_url ? p->iam_url : LLM_IAM_URL;
    unsigned char fp[CRYPT_SHA256_LEN];
    if (!p->api_key || !*p->api_key) {
        snprintf(err, errcap, "watsonx needs an IBM Cloud API key");
        return AG_EINVAL;
    }
    fingerprint(p, iam, fp);
    if (c->iam_token.len > 0 && crypt_equal(fp, c->iam_for, sizeof(fp)) && now_s() < c->iam_until) {
        *token = c->iam_token.data;
        return 0;
    }
    struct buf form = BUF_INIT;
    struct httpc_resp resp;
    memset(&resp, 0, sizeof(resp));
    int rc = buf_puts(&form, "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey=");
    rc = rc ? rc : form_escape(&form, p->api_key);
    if (rc == 0) {
        const char *headers[] = {"Content-Type: application/x-www-form-urlencoded",
                                 "Accept: application/json", NULL};
        struct httpc_req hr = {.method = "POST", .url = iam, .headers = headers,
                               .body = form.data, .body_len = form.len, .timeout_ms = 15000,
                               .max_response = 1u << 20, .cancel = cancel};
        rc = httpc_do(c->http, &hr, &resp, NULL, NULL);
    }
    crypt_wipe(form.data, form.cap);
    buf_free(&form);
    if (rc < 0) {
        snprintf(err, errcap, "%s", resp.cancelled ? "cancelled" : "IBM IAM token exchange failed");
        return rc == AG_ENOMEM ? rc : AG_EUPSTREAM;
    }
    if (resp.status != 200) {
        llm_error_text(resp.status, resp.body.data, resp.body.len, p->api_key, err, errcap);
        rc = resp.status >= 400 && resp.status < 500 && resp.status != 429 ? AG_EUNAUTH
                                                                          : AG_EUPSTREAM;
    } else if ((rc = store_token(c, resp.body.data, resp.body.len)) < 0) {
        snprintf(err, errcap, "IBM IAM returned no access token");
    } else {
        memcpy(c->iam_for, fp, sizeof(fp));
        c->iam_exchanges++;
        *token = c->iam_token.data;
        log_msg(LOG_INFO, "m=llm iam=exchanged n=%d", c->iam_exchanges);
    }
    crypt_wipe(resp.body.data, resp.body.cap);
    buf_free(&resp.body);
    return rc;
}
