/* SPDX-License-Identifier: MIT */
/* planner_kw.h - the keyword planner's vocabulary (private to planner.c): roles with their
 * verbs, goals and preferred tools, tool intents, the word lists, and the whole-word stemmer.
 * All data is static const; pointers returned are borrowed. */
#ifndef AG_PLANNER_KW_H
#define AG_PLANNER_KW_H

#include <stddef.h>

#define PLANNER_N_ROLES 7 /* roles[PLANNER_N_ROLES] is the generic assistant */

struct planner_role {
    const char *id;
    const char *title;
    const char *task; /* task id stem */
    const char *goal;
    const char *backstory;
    const char *expected;
    const char *filler;       /* task when an explicit agent count adds this role */
    const char *tools[7];     /* preferred tools, best first */
    const char *keywords[34]; /* stems; "a b" is a phrase */
};

struct planner_tool_kw {
    const char *id;
    const char *keywords[20];
};

enum planner_list {
    PLANNER_JOINERS,       /* and, then, finally: start a new clause */
    PLANNER_ABBREVIATIONS, /* e.g, etc: a following "." does not end a sentence */
    PLANNER_SLUG_STOP,     /* filler words left out of slugs */
    PLANNER_NOT_WEB,       /* "<word> search" is not a web search */
    PLANNER_COUNTS,        /* zero, one, ... six: index = value */
};

/* planner_kw_roles: PLANNER_N_ROLES + 1 roles, in tie-break order. */
const struct planner_role *planner_kw_roles(void);
/* planner_kw_tools: the tool intents in catalogue order; *n (if not NULL) gets the count. */
const struct planner_tool_kw *planner_kw_tools(size_t *n);
/* planner_kw_in: index of word in the list, or -1. */
int planner_kw_in(enum planner_list list, const char *word);
/* planner_kw_stem: word is stem[0..n), that + a suffix, that with a final e/y replaced
 * (write -> writing, summary -> summaries), or with its last consonant doubled
 * (plan -> planning). Whole words only: "research" never matches "search". */
int planner_kw_stem(const char *word, const char *stem, size_t n);

#endif
