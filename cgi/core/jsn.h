/* SPDX-License-Identifier: MIT */
/* jsn.h - json-c helpers: typed getters with validation, and serialization into a buf.
 * All getters borrow from the object; nothing here takes ownership unless it says so. */
#ifndef AG_JSN_H
#define AG_JSN_H

#include <json-c/json.h>
#include <stddef.h>

#include "ag.h"
#include "buf.h"

/* jsn_parse parses exactly len bytes (no trailing garbage); *out owned by caller (json_object_put). */
int jsn_parse(const char *s, size_t len, struct json_object **out) AG_MUST_CHECK;
/* jsn_str: member key as a string of 1..maxlen bytes when required, or absent (-> *out=NULL).
 * AG_EINVAL when of the wrong type, too long, or required and missing. */
int jsn_str(struct json_object *o, const char *key, int required, size_t maxlen, const char **out)
    AG_MUST_CHECK;
/* jsn_get_str: member key when it is a string, else NULL (for reading documents we did not
 * write, where a wrong type simply counts as absent) */
const char *jsn_get_str(struct json_object *o, const char *key);
int jsn_int(struct json_object *o, const char *key, int required, long long lo, long long hi,
            long long *out) AG_MUST_CHECK;
int jsn_bool(struct json_object *o, const char *key, int required, int *out) AG_MUST_CHECK;
/* jsn_dump appends the compact JSON text of o to b. */
int jsn_dump(struct json_object *o, struct buf *b) AG_MUST_CHECK;
/* jsn_add_str adds key:value (value NULL -> null). Returns AG_ENOMEM on failure. */
int jsn_add_str(struct json_object *o, const char *key, const char *value) AG_MUST_CHECK;
int jsn_add_int(struct json_object *o, const char *key, long long v) AG_MUST_CHECK;
int jsn_add_bool(struct json_object *o, const char *key, int v) AG_MUST_CHECK;
/* jsn_add takes ownership of v (puts it even on failure). */
int jsn_add(struct json_object *o, const char *key, struct json_object *v) AG_MUST_CHECK;
void jsn_put_v(void *o); /* json_object_put with the arena_free_fn signature */
const char *jsn_version(void);

#endif
