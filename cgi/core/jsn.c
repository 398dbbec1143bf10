/* SPDX-License-Identifier: MIT */
/* jsn.c - json-c helpers: strict parsing, typed getters that validate, dumping into a buf. */
#include "jsn.h"

#include <string.h>

int
jsn_parse(const char *s, size_t len, struct json_object **out)
{
    if (len > 0x7fffffff) {
        return AG_ETOOBIG;
    }
    struct json_tokener *tok = json_tokener_new();
    if (!tok) {
        return AG_ENOMEM;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    struct json_object *o = json_tokener_parse_ex(tok, s, (int)len);
    enum json_tokener_error e = json_tokener_get_error(tok);
    size_t used = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (!o && e == json_tokener_success) {
        *out = NULL; /* the literal null */
        return AG_EINVAL;
    }
    if (e != json_tokener_success || used != len) {
        json_object_put(o);
        return AG_EINVAL;
    }
    *out = o;
    return 0;
}

const char *
jsn_get_str(struct json_object *o, const char *key)
{
    struct json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string)) {
        return NULL;
    }
    return json_object_get_string(v);
}

int
jsn_str(struct json_object *o, const char *key, int required, size_t maxlen, const char **out)
{
    struct json_object *v = NULL;
    *out = NULL;
    if (!o || !json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null)) {
        return required ? AG_EINVAL : 0;
    }
    if (!json_object_is_type(v, json_type_string)) {
        return AG_EINVAL;
    }
    size_t len = (size_t)json_object_get_string_len(v);
    if (len > maxlen || (required && len == 0) || memchr(json_object_get_string(v), 0, len)) {
        return AG_EINVAL;
    }
    *out = json_object_get_string(v);
    return 0;
}

int
jsn_int(struct json_object *o, const char *key, int required, long long lo, long long hi,
        long long *out)
{
    struct json_object *v = NULL;
    if (!o || !json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null)) {
        return required ? AG_EINVAL : 0;
    }
    if (!json_object_is_type(v, json_type_int)) {
        return AG_EINVAL;
    }
    long long n = json_object_get_int64(v);
    if (n < lo || n > hi) {
        return AG_EINVAL;
    }
    *out = n;
    return 0;
}

int
jsn_bool(struct json_object *o, const char *key, int required, int *out)
{
    struct json_object *v = NULL;
    if (!o || !json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null)) {
        return required ? AG_EINVAL : 0;
    }
    if (!json_object_is_type(v, json_type_boolean)) {
        return AG_EINVAL;
    }
    *out = json_object_get_boolean(v);
    return 0;
}

int
jsn_dump(struct json_object *o, struct buf *b)
{
    size_t len = 0;
    const char *s = json_object_to_json_string_length(
        o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    if (!s) {
        return AG_ENOMEM;
    }
    return buf_append(b, s, len);
}

int
jsn_add(struct json_object *o, const char *key, struct json_object *v)
{
    if (json_object_object_add(o, key, v) != 0) {
        json_object_put(v);
        return AG_ENOMEM;
    }
    return 0;
}

int
jsn_add_str(struct json_object *o, const char *key, const char *value)
{
    struct json_object *v = NULL;
    if (value) {
        v = json_object_new_string(value);
        if (!v) {
            return AG_ENOMEM;
        }
    }
    return jsn_add(o, key, v);
}

int
jsn_add_int(struct json_object *o, const char *key, long long n)
{
    struct json_object *v = json_object_new_int64(n);
    return v ? jsn_add(o, key, v) : AG_ENOMEM;
}

int
jsn_add_bool(struct json_object *o, const char *key, int b)
{
    struct json_object *v = json_object_new_boolean(b);
    return v ? jsn_add(o, key, v) : AG_ENOMEM;
}

void
jsn_put_v(void *o)
{
    json_object_put(o);
}

const char *
jsn_version(void)
{
    return json_c_version();
}
