/* SPDX-License-Identifier: MIT */
/* tool_http.c - the http_client tool and its SSRF policy. A host must be allow-listed (or any
 * public host when ctx->http_allow_public); we resolve it ourselves, check EVERY address, pin
 * libcurl to exactly those addresses (CURLOPT_RESOLVE plus a connect-time check of the address
 * libcurl really uses), and follow redirects by hand, re-checking each hop. Metadata, unspecified,
 * multicast and reserved addresses are refused even for allow-listed hosts. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "../core/httpc.h"
#include "../core/jsn.h"
#include "../core/log.h"
#include "tools_int.h"

#define MAX_ADDRS   16
#define MAX_HEADERS 32
#define MAX_URL     2048

enum addr_class { ADDR_PUBLIC, ADDR_INTERNAL, ADDR_FORBIDDEN };

/* hop: one checked request target; the sock_check context. */
struct hop {
    char host[256];
    int port;
    int listed;
    int n_addrs;
    struct sockaddr_storage addrs[MAX_ADDRS];
    char resolve_line[256 + MAX_ADDRS * 48];
    int refused; /* set when libcurl tried an address we did not check */
};

static enum addr_class classify_v4(uint32_t a);
static enum addr_class classify_v6(const unsigned char *b);
static enum addr_class classify(const struct sockaddr *sa);
static const char *class_reason(const struct sockaddr *sa);
static int host_listed(const char *const *allow, const char *host);
static int same_addr(const struct sockaddr *a, const struct sockaddr *b);
static int sock_check(void *ud, const struct sockaddr *sa, socklen_t salen);
static int check_url(const struct tool_ctx *ctx, const char *url, struct hop *h, char *err,
                     size_t errcap);
static int resolve_and_check(struct hop *h, char *err, size_t errcap);
static int add_resolved(struct hop *h, const struct sockaddr *sa, char *err, size_t errcap);
static int build_headers(struct json_object *obj, char ***lines, char *err, size_t errcap);
static void free_headers(char **lines);
static int perform(const struct tool_ctx *ctx, struct httpc_req *rq, char *url,
                   struct httpc_resp *resp, char *err, size_t errcap);
static int fill_result(struct json_object *out, const char *url, const struct httpc_resp *resp);

static enum addr_class
classify_v4(uint32_t a)
{
    uint8_t o1 = (uint8_t)(a >> 24), o2 = (uint8_t)(a >> 16);
    if (o1 == 0 || o1 >= 224 || a == 0xa9fea9feu) { /* 0/8, multicast, 240/4, 169.254.169.254 */
        return ADDR_FORBIDDEN;
    }
    if (o1 == 127 || o1 == 10 || (o1 == 169 && o2 == 254) || (o1 == 172 && (o2 & 0xf0) == 16) ||
        (o1 == 192 && o2 == 168) || (o1 == 100 && (o2 & 0xc0) == 64) ||
        (o1 == 192 && o2 == 0 && (uint8_t)(a >> 8) == 0) || (o1 == 198 && (o2 & 0xfe) == 18)) {
        return ADDR_INTERNAL; /* loopback, RFC 1918, link-local, CGNAT, 192.0.0/24, 198.18/15 */
    }
    return ADDR_PUBLIC;
}

static enum addr_class
classify_v6(const unsigned char *b)
{
    static const unsigned char zero[16], ec2_meta[16] = {0xfd, 0x00, 0x0e, 0xc2, [15] = 0x54};
    static const unsigned char mapped[12] = {[10] = 0xff, [11] = 0xff};
    static const unsigned char nat64[12] = {0x00, 0x64, 0xff, 0x9b};
    if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0) {
        return classify_v4((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | b[14] << 8 | b[15]);
    }
    if (b[0] == 0x20 && b[1] == 0x02) { /* 6to4 embeds an IPv4 address */
        return classify_v4((uint32_t)b[2] << 24 | (uint32_t)b[3] << 16 | b[4] << 8 | b[5]);
    }
    if (memcmp(b, zero, 15) == 0 && b[15] == 1) {
        return ADDR_INTERNAL; /* ::1 */
    }
    if (memcmp(b, zero, 12) == 0 || memcmp(b, ec2_meta, 16) == 0 || b[0] == 0xff) {
        return ADDR_FORBIDDEN; /* ::, IPv4-compatible ::/96, AWS metadata, multicast */
    }
    if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0x80) == 0x80)) {
        return ADDR_INTERNAL; /* fc00::/7 unique local, fe80::/10 link-local, fec0::/10 */
    }
    return ADDR_PUBLIC;
}

static enum addr_class
classify(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) {
        return classify_v4(ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6) {
        return classify_v6(((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr);
    }
    return ADDR_FORBIDDEN;
}

static const char *
class_reason(const struct sockaddr *sa)
{
    return classify(sa) == ADDR_FORBIDDEN
               ? "a metadata, unspecified, multicast or reserved address"
               : "a loopback, private or link-local address and the host is not "
                 "allow-listed";
}

/* host_listed: exact host (case-insensitive, one trailing dot ignored), "*.domain" for its
 * subdomains, or the same IP address written either way. */
static int
host_listed(const char *const *allow, const char *host)
{
    size_t hl = strlen(host);
    if (hl > 1 && host[hl - 1] == '.') {
        hl--;
    }
    unsigned char hip[16], eip[16];
    int hfam = inet_pton(AF_INET, host, hip) == 1    ? AF_INET
               : inet_pton(AF_INET6, host, hip) == 1 ? AF_INET6
                                                     : 0;
    for (const char *const *a = allow; a && *a; a++) {
        const char *e = *a;
        char bare[64];
        size_t el = strlen(e);
        if (el > 2 && el < sizeof(bare) + 2 && e[0] == '[' && e[el - 1] == ']') {
            memcpy(bare, e + 1, el - 2);
            bare[el - 2] = '\0';
            e = bare;
            el -= 2;
        }
        if (hfam && inet_pton(hfam, e, eip) == 1) {
            if (memcmp(hip, eip, hfam == AF_INET ? 4 : 16) == 0) {
                return 1;
            }
        } else if (e[0] == '*' && e[1] == '.') {
            if (hl > el - 1 && strncasecmp(host + hl - (el - 1), e + 1, el - 1) == 0) {
                return 1;
            }
        } else if (el == hl && strncasecmp(host, e, hl) == 0) {
            return 1;
        }
    }
    return 0;
}

static int
same_addr(const struct sockaddr *a, const struct sockaddr *b)
{
    if (a->sa_family != b->sa_family) {
        return 0;
    }
    if (a->sa_family == AF_INET) {
        const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;
        return x->sin_addr.s_addr == y->sin_addr.s_addr && x->sin_port == y->sin_port;
    }
    const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;
    return memcmp(&x->sin6_addr, &y->sin6_addr, 16) == 0 && x->sin6_port == y->sin6_port;
}

/* sock_check: libcurl may only connect to an address (and port) we resolved and checked. */
static int
sock_check(void *ud, const struct sockaddr *sa, socklen_t salen)
{
    struct hop *h = ud;
    (void)salen;
    for (int i = 0; i < h->n_addrs; i++) {
        if (same_addr(sa, (const struct sockaddr *)&h->addrs[i])) {
            return 0;
        }
    }
    h->refused = 1;
    log_msg(LOG_WARNING, "m=tools msg=\"http_client: unpinned connect refused\"");
    return -1;
}

static int
check_url(const struct tool_ctx *ctx, const char *url, struct hop *h, char *err, size_t errcap)
{
    char scheme[16];
    memset(h, 0, sizeof(*h));
    if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0) {
        return tools_fail(err, errcap, AG_EFORBIDDEN,
                          "http_client: only http:// and https:// URLs are allowed");
    }
    if (strlen(url) >= MAX_URL ||
        httpc_url_split(url, scheme, sizeof(scheme), h->host, sizeof(h->host), &h->port) < 0) {
        return tools_fail(err, errcap, AG_EINVAL, "http_client: \"%.200s\" is not a valid URL",
                          url);
    }
    if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
        return tools_fail(err, errcap, AG_EFORBIDDEN,
                          "http_client: only http and https URLs are allowed");
    }
    h->listed = host_listed(ctx->http_allow_hosts, h->host);
    if (!h->listed && !ctx->http_allow_public) {
        return tools_fail(err, errcap, AG_EFORBIDDEN,
                          "http_client: host %.200s is not in this agent's allow-list", h->host);
    }
    return resolve_and_check(h, err, errcap);
}

static int
resolve_and_check(struct hop *h, char *err, size_t errcap)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST;
    int literal = getaddrinfo(h->host, NULL, &hints, &res) == 0;
    hints.ai_flags = 0;
    if (!literal && getaddrinfo(h->host, NULL, &hints, &res) != 0) {
        return tools_fail(err, errcap, AG_EUPSTREAM, "http_client: cannot resolve %.200s", h->host);
    }
    int rc = 0;
    for (struct addrinfo *ai = res; ai && rc == 0; ai = ai->ai_next) {
        rc = add_resolved(h, ai->ai_addr, err, errcap);
    }
    freeaddrinfo(res);
    if (rc == 0 && h->n_addrs == 0) {
        rc = tools_fail(err, errcap, AG_EUPSTREAM, "http_client: %.200s has no address", h->host);
    }
    if (literal) {
        h->resolve_line[0] = '\0'; /* libcurl doesn't resolve literals; sock_check pins them */
    }
    return rc;
}

/* add_resolved checks one address of the host and appends it to the pin set and resolve line. */
static int
add_resolved(struct hop *h, const struct sockaddr *sa, char *err, size_t errcap)
{
    enum addr_class c = classify(sa);
    if (c == ADDR_FORBIDDEN || (c == ADDR_INTERNAL && !h->listed)) {
        return tools_fail(err, errcap, AG_EFORBIDDEN, "http_client: %.200s resolves to %s", h->host,
                          class_reason(sa));
    }
    for (int i = 0; i < h->n_addrs; i++) {
        if (same_addr(sa, (const struct sockaddr *)&h->addrs[i])) {
            return 0; /* duplicates come once per socket type */
        }
    }
    if (h->n_addrs == MAX_ADDRS) {
        return 0; /* we pin to the first MAX_ADDRS; libcurl can't use the others */
    }
    char ip[INET6_ADDRSTRLEN];
    const void *raw =
        sa->sa_family == AF_INET
            ? (const void *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr
            : (const void *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
    if (!inet_ntop(sa->sa_family, raw, ip, sizeof(ip))) {
        return tools_fail(err, errcap, AG_EINTERNAL, "http_client: bad address");
    }
    struct sockaddr_storage *st = &h->addrs[h->n_addrs++];
    memcpy(st, sa,
           sa->sa_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
    uint16_t port = htons((uint16_t)h->port);
    if (sa->sa_family == AF_INET) {
        ((struct sockaddr_in *)(void *)st)->sin_port = port;
    } else {
        ((struct sockaddr_in6 *)(void *)st)->sin6_port = port;
    }
    size_t used = strlen(h->resolve_line);
    int n = used == 0
                ? snprintf(h->resolve_line, sizeof(h->resolve_line), "%s:%d:", h->host, h->port)
                : snprintf(h->resolve_line + used, sizeof(h->resolve_line) - used, ",");
    used = strlen(h->resolve_line);
    n = snprintf(h->resolve_line + used, sizeof(h->resolve_line) - used,
                 sa->sa_family == AF_INET ? "%s" : "[%s]", ip);
    if (n < 0 || (size_t)n >= sizeof(h->resolve_line) - used) {
        return tools_fail(err, errcap, AG_EINTERNAL, "http_client: too many addresses");
    }
    return 0;
}

static int
header_name_ok(const char *k)
{
    static const char *const banned[] = {"host",       "content-length", "transfer-encoding",
                                         "connection", "upgrade",        "te",
                                         "expect",     "keep-alive"};
    if (!*k || strlen(k) > 100 || strncasecmp(k, "proxy-", 6) == 0) {
        return 0;
    }
    for (const char *p = k; *p; p++) {
        if (!strchr("!#$%&'*+-.^_`|~", *p) &&
            !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
            return 0;
        }
    }
    for (size_t i = 0; i < AG_NELEM(banned); i++) {
        if (strcasecmp(k, banned[i]) == 0) {
            return 0;
        }
    }
    return 1;
}

/* build_headers turns {"Name": "value"} into NULL-terminated "Name: value" lines (heap). */
static int
build_headers(struct json_object *obj, char ***lines, char *err, size_t errcap)
{
    *lines = NULL;
    if (!obj) {
        return 0;
    }
    if (!json_object_is_type(obj, json_type_object) ||
        json_object_object_length(obj) > MAX_HEADERS) {
        return tools_fail(err, errcap, AG_EINVAL,
                          "http_client: \"headers\" must be an object of at most %d strings",
                          MAX_HEADERS);
    }
    char **v = calloc((size_t)json_object_object_length(obj) + 1, sizeof(*v));
    if (!v) {
        return AG_ENOMEM;
    }
    size_t n = 0;
    int rc = 0;
    json_object_object_foreach(obj, key, val)
    {
        const char *s = json_object_get_string(val);
        if (!json_object_is_type(val, json_type_string) || !header_name_ok(key) ||
            strlen(s) != (size_t)json_object_get_string_len(val) || strpbrk(s, "\r\n") ||
            strlen(s) > 8192) {
            rc = tools_fail(err, errcap, AG_EINVAL, "http_client: header \"%.60s\" is not allowed",
                            key);
            break;
        }
        struct buf b = BUF_INIT;
        if (buf_printf(&b, "%s: %s", key, s) < 0) {
            rc = AG_ENOMEM;
            break;
        }
        v[n++] = buf_steal(&b);
    }
    if (rc < 0) {
        free_headers(v);
        return rc;
    }
    *lines = v;
    return 0;
}

static void
free_headers(char **lines)
{
    for (char **p = lines; p && *p; p++) {
        free(*p);
    }
    free(lines);
}

/* perform runs the request and up to max_redirects redirects, each target checked and pinned. url
 * is a MAX_URL buffer that ends up holding the final URL. */
static int
perform(const struct tool_ctx *ctx, struct httpc_req *rq, char *url, struct httpc_resp *resp,
        char *err, size_t errcap)
{
    struct tool_limits lim = tools_limits(ctx);
    /* A fresh handle per call: a shared one could reuse a connection nobody checked, and
     * CURLOPT_RESOLVE entries would stay in its DNS cache for other users. */
    struct httpc *http = NULL;
    if (httpc_new(&http) < 0) {
        return AG_ENOMEM;
    }
    struct hop hop;
    int rc = 0;
    for (int redirects = 0;; redirects++) {
        if ((rc = check_url(ctx, url, &hop, err, errcap)) < 0) {
            break;
        }
        const char *resolve[2] = {hop.resolve_line[0] ? hop.resolve_line : NULL, NULL};
        rq->url = url;
        rq->resolve = resolve;
        rq->sock_ctx = &hop;
        rc = httpc_do(http, rq, resp, NULL, NULL);
        if (rc < 0 && resp->cancelled) {
            rc = tools_fail(err, errcap, AG_EBUSY, "http_client: cancelled");
            break;
        }
        if (rc < 0) {
            rc = hop.refused ? tools_fail(err, errcap, AG_EFORBIDDEN,
                                          "http_client: connection to an unchecked address refused")
                             : tools_fail(err, errcap, rc == AG_ENOMEM ? rc : AG_EUPSTREAM,
                                          "http_client: request to %.200s failed (%s)", hop.host,
                                          ag_strerror(rc));
            break;
        }
        long st = resp->status;
        int follow = (st == 301 || st == 302 || st == 303 || st == 307 || st == 308) &&
                     resp->redirect_url[0] && redirects < lim.http_max_redirects;
        if (!follow) {
            break;
        }
        memcpy(url, resp->redirect_url, strlen(resp->redirect_url) + 1);
        if (st == 303 || ((st == 301 || st == 302) && strcmp(rq->method, "POST") == 0)) {
            rq->method = "GET"; /* what browsers do; 307/308 keep method and body */
            rq->body = NULL;
            rq->body_len = 0;
        }
        buf_free(&resp->body);
    }
    httpc_free(http);
    return rc;
}

static int
fill_result(struct json_object *out, const char *url, const struct httpc_resp *resp)
{
    int rc = jsn_add_int(out, "status", resp->status);
    rc = rc ? rc : jsn_add_str(out, "url", url);
    rc = rc ? rc : jsn_add_str(out, "content_type", resp->content_type);
    rc = rc ? rc : tools_add_text(out, "body", buf_cstr(&resp->body), resp->body.len);
    rc = rc ? rc : jsn_add_bool(out, "truncated", resp->truncated);
    if (rc == 0 && resp->redirect_url[0]) {
        rc = jsn_add_str(out, "location", resp->redirect_url); /* redirect not followed */
    }
    return rc;
}

int
tools_http_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
               char *err, size_t errcap)
{
    static const char *const keys[] = {"url", "method", "headers", "body", NULL};
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    struct tool_limits lim = tools_limits(ctx);
    const char *url = NULL, *method = NULL, *body = NULL;
    int rc = tools_check_keys(args, keys, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "url", 1, MAX_URL - 1, &url, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "method", 0, 10, &method, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "body", 0, lim.http_max_bytes, &body, err, errcap);
    if (rc < 0) {
        return rc;
    }
    method = method ? method : "GET";
    int known = 0;
    for (size_t i = 0; i < AG_NELEM(methods); i++) {
        known |= strcmp(method, methods[i]) == 0;
    }
    if (!known || (body && strcmp(method, "GET") == 0)) {
        return tools_fail(err, errcap, AG_EINVAL,
                          known ? "http_client: GET takes no body"
                                : "http_client: method must be GET, POST, PUT, PATCH or DELETE");
    }
    char **headers = NULL;
    struct json_object *hobj = NULL;
    json_object_object_get_ex(args, "headers", &hobj);
    if ((rc = build_headers(hobj, &headers, err, errcap)) < 0) {
        return rc;
    }
    char final_url[MAX_URL];
    memcpy(final_url, url, strlen(url) + 1);
    struct httpc_req rq = {.method = method,
                           .headers = (const char *const *)headers,
                           .body = body,
                           .body_len = body ? strlen(body) : 0,
                           .timeout_ms = lim.http_timeout_ms,
                           .max_response = lim.http_max_bytes,
                           .sock_check = sock_check,
                           .cancel = ctx->cancel,
                           .no_proxy = 1,
                           .truncate = 1};
    struct httpc_resp resp;
    memset(&resp, 0, sizeof(resp));
    rc = perform(ctx, &rq, final_url, &resp, err, errcap);
    if (rc == 0) {
        rc = fill_result(out, final_url, &resp);
    }
    buf_free(&resp.body);
    free_headers(headers);
    return rc;
}
