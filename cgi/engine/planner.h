/* SPDX-License-Identifier: MIT */
/* planner.h - idea + choices -> spec. The keyword planner is deterministic and offline.
 * (An LLM planner will plug in behind the same call; see planner_plan.) */
#ifndef AG_PLANNER_H
#define AG_PLANNER_H

#include "../core/buf.h"
#include "spec.h"
#include "spec_edit.h"

struct plan_choices {
    const char *framework;   /* catalogue id; NULL = "crewai" */
    const char *pattern;     /* "supervisor" | "react" | NULL (framework default) */
    const char *model;       /* catalogue id; NULL = default for the hyperscaler */
    const char *hyperscaler; /* catalogue id or NULL */
    const char *tools[SPEC_MAX_TOOLS]; /* explicit tool ids (NULL-terminated) or {NULL} = by intent */
    int memory;
    const char *permission; /* NULL = "safe" */
    const char *name;       /* NULL = derived from the idea */
    const struct spec_agent_edit *agents; /* the wizard's agent edits, applied to the plan */
    int n_agents;                         /* 0 = the planned agents as they are */
};

/* planner_plan fills out (caller spec_free()s it) from the idea. Warnings, one per line, are
 * appended to warnings (may be NULL). AG_EINVAL for an empty/oversized idea or unknown ids. */
int planner_plan(const char *idea, const struct plan_choices *c, struct spec *out,
                 struct buf *warnings) AG_MUST_CHECK;

#endif
