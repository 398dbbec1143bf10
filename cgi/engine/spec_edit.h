/* SPDX-License-Identifier: MIT */
/* spec_edit.h - agent edits (the wizard's Tools step) applied to a planned spec. */
#ifndef AG_SPEC_EDIT_H
#define AG_SPEC_EDIT_H

#include "spec.h"

#define SPEC_EDIT_NEW (-1)

struct spec_agent_edit {
    int from;         /* index of the planned agent this one keeps (goal, backstory, tools,
                         tasks), or SPEC_EDIT_NEW */
    const char *id;   /* its name: an identifier (spec_id_ok) */
    const char *role; /* free text, 1..SPEC_NAME_MAX bytes of UTF-8 */
};

/* spec_edit_agents makes e[0..n) the agents of s, in that order. A planned agent that no edit
 * keeps is removed: its tasks and tools go to the first agent of the new list. A new agent
 * gets one task after the others, on their results. AG_EINVAL with *why (static, worded for a
 * form) for 0 or more than SPEC_MAX_AGENTS agents, a bad or duplicate name, a bad role or a
 * stale `from` (all checked before s changes), or no room for another task (found after: s is
 * then edited but consistent; callers drop it). AG_ENOMEM. */
int spec_edit_agents(struct spec *s, const struct spec_agent_edit *e, int n, const char **why)
    AG_MUST_CHECK;

#endif
