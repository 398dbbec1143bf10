/* SPDX-License-Identifier: MIT */
/* planner.c - the keyword planner: idea + choices -> spec, deterministic and offline.
 * Unlike the reference (raw substrings, so "research" matched "search"), it matches whole words
 * with a small stemmer, splits the idea into clauses, gives each clause to the role whose verb
 * it uses, makes one agent per role (1-6) and one task per clause, chains the tasks, and hands
 * each tool to the one agent whose work needs it. Free text keeps the idea's bytes (valid UTF-8,
 * cut on character boundaries); renderers escape it. */
#include "planner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "planner_kw.h"

#define WORD_MAX  24 /* lower-cased copy; longer words never match a keyword */
#define N_ROLES   PLANNER_N_ROLES
#define ASSISTANT PLANNER_N_ROLES /* the generic assistant role */
#define GOAL_CLIP 200
#define NAME_CLIP 60

struct word {
    size_t start, end;  /* byte range in the idea */
    char low[WORD_MAX]; /* lower-case ASCII copy, "" when too long */
};

struct piece {
    size_t start, end; /* byte range in the idea */
    int w0, w1;        /* word range */
    int hard;          /* starts a sentence */
    int role;          /* index into roles, -1 none */
    int filler;        /* added for an explicit agent count: text is the role's filler */
};

struct plan {
    const char *idea;
    size_t len;
    struct word *w;
    int n_words;
    struct piece *p;
    int n_pieces;
    int agent_role[SPEC_MAX_AGENTS];
    int n_agents;
    struct buf *warnings;
};

static int is_alnum(unsigned char c);
static size_t sep_len(const char *s, size_t len, size_t i);
static int tokenize(struct plan *pl);
static int kw_match(const struct plan *pl, int i, const char *kw);
static int role_at(const struct plan *pl, int i);
static int tool_mentioned(const struct plan *pl, int tool, int w0, int w1);
static int gap_kind(const struct plan *pl, int k, size_t *cut);
static void split_pieces(struct plan *pl);
static void merge_pieces(struct plan *pl);
static void fill_roles(struct plan *pl);
static int explicit_count(const struct plan *pl);
static int choose_agents(struct plan *pl);
static int agent_of(const struct plan *pl, int role);
static int is_trim(char c, const char *set);
static int pad_agents(struct plan *pl, int want);
static int tool_owner(const struct plan *pl, const struct spec *out, int tool);
static char *clean_text(const char *s, size_t len, size_t max, const char *fallback,
                        const char *trail);
static int make_agents(const struct plan *pl, struct spec *out);
static int make_tasks(const struct plan *pl, struct spec *out);
static int add_tool(const struct plan *pl, struct spec *out, const char *id);
static int make_tools(const struct plan *pl, const struct plan_choices *c, struct spec *out);
static char *derive_name(const struct plan *pl);
static char *derive_slug(const char *name);
static int set_choices(const struct plan_choices *c, struct spec *out, struct plan *pl);
static int set_names(const struct plan *pl, const struct plan_choices *c, struct spec *out);
static const char *opt(const char *s);
static int warn(struct plan *pl, const char *msg);

static int
is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* sep_len: bytes of punctuation or space at s[i] (1 for ASCII, 3 for the CJK marks
 * 、。！，；？), 0 inside a word. Other non-ASCII bytes are word bytes, so such words never
 * match an (ASCII) keyword. */
static size_t
sep_len(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] < 0x80) {
        return is_alnum(u[0]) ? 0 : 1;
    }
    if (i + 2 < len && ((u[0] == 0xe3 && u[1] == 0x80 && (u[2] == 0x81 || u[2] == 0x82)) ||
                        (u[0] == 0xef && u[1] == 0xbc &&
                         (u[2] == 0x81 || u[2] == 0x8c || u[2] == 0x9b || u[2] == 0x9f)))) {
        return 3;
    }
    return 0;
}

static int
tokenize(struct plan *pl)
{
    /* Words and separators alternate, so there are at most len / 2 + 1 words. */
    pl->w = calloc(pl->len / 2 + 1, sizeof *pl->w);
    if (!pl->w) {
        return AG_ENOMEM;
    }
    size_t i = 0;
    while (i < pl->len) {
        size_t n = sep_len(pl->idea, pl->len, i);
        if (n > 0) {
            i += n;
            continue;
        }
        struct word *w = &pl->w[pl->n_words++];
        w->start = i;
        while (i < pl->len && sep_len(pl->idea, pl->len, i) == 0) {
            i++;
        }
        w->end = i;
        size_t wl = w->end - w->start;
        for (size_t k = 0; wl < WORD_MAX && k < wl; k++) {
            unsigned char c = (unsigned char)pl->idea[w->start + k];
            if (c >= 0x80) {
                w->low[0] = '\0';
                break;
            }
            w->low[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
    }
    return 0;
}

/* kw_match: the number of words a keyword (one word or a phrase) matches at word i, or 0. */
static int
kw_match(const struct plan *pl, int i, const char *kw)
{
    int m = 0;
    if (i >= pl->n_words || pl->w[i].low[0] != kw[0]) {
        return 0; /* the common case, decided without scanning the keyword */
    }
    while (*kw) {
        size_t n = strcspn(kw, " ");
        if (i + m >= pl->n_words || !planner_kw_stem(pl->w[i + m].low, kw, n)) {
            return 0;
        }
        m++;
        kw += n + (kw[n] == ' ');
    }
    return m;
}

static int
role_at(const struct plan *pl, int i)
{
    for (int r = 0; r < N_ROLES; r++) {
        const char *const *kws = planner_kw_roles()[r].keywords;
        for (int k = 0; kws[k]; k++) {
            if (kw_match(pl, i, kws[k])) {
                return r;
            }
        }
    }
    return -1;
}

/* tool_mentioned: some word in [w0, w1) asks for the tool. "semantic search" and "database
 * search" ask for vector_search / sql_query, not for web_search. */
static int
tool_mentioned(const struct plan *pl, int tool, int w0, int w1)
{
    const struct planner_tool_kw *t = &planner_kw_tools(NULL)[tool];
    for (int i = w0; i < w1; i++) {
        for (int k = 0; t->keywords[k]; k++) {
            if (!kw_match(pl, i, t->keywords[k])) {
                continue;
            }
            if (tool == 0 && i > 0 && planner_kw_in(PLANNER_NOT_WEB, pl->w[i - 1].low) >= 0) {
                continue;
            }
            return 1;
        }
    }
    return 0;
}

/* gap_kind looks at the bytes between word k-1 and word k: 2 = sentence end (. ! ? ; newline,
 * CJK stops), 1 = clause break (, : CJK commas), 0 = none. *cut is where the earlier piece
 * ends. "e.g. x", "v1.2" and "example.com" are not sentence ends. */
static int
gap_kind(const struct plan *pl, int k, size_t *cut)
{
    size_t a = pl->w[k - 1].end, b = pl->w[k].start;
    int kind = 0;
    *cut = a;
    for (size_t i = a; i < b;) {
        size_t n = sep_len(pl->idea, pl->len, i);
        char c = pl->idea[i];
        int spaced = i + n < b; /* more separator bytes follow: not "v1.2" */
        const char *u = pl->idea + i;
        int cjk_soft = n == 3 && ((u[1] == '\x80' && u[2] == '\x81') || u[2] == '\x8c');
        int hard = c == '\n' || c == ';' || (n == 3 && !cjk_soft);
        hard |= (c == '!' || c == '?') && spaced;
        /* not after "e.g", "etc" or a list number ("1. Search ...") */
        const char *low = pl->w[k - 1].low;
        hard |= c == '.' && spaced && planner_kw_in(PLANNER_ABBREVIATIONS, low) < 0 &&
                (low[0] == '\0' || strspn(low, "0123456789") != strlen(low));
        if (hard) {
            *cut = i + n;
            return 2;
        }
        if (n == 3 || ((c == ',' || c == ':') && spaced)) {
            kind = 1;
        }
        i += n ? n : 1;
    }
    return kind;
}

/* split_pieces cuts the idea at sentence ends, clause breaks and joining words ("and",
 * "then", ...), keeping byte ranges into the idea. */
static void
split_pieces(struct plan *pl)
{
    size_t start = 0;
    int w0 = 0, hard = 1;
    pl->n_pieces = 0;
    for (int k = 1; k <= pl->n_words; k++) {
        size_t cut = pl->len, next = pl->len;
        int kind = 0;
        if (k < pl->n_words) {
            kind = gap_kind(pl, k, &cut);
            if (kind == 0 && planner_kw_in(PLANNER_JOINERS, pl->w[k].low) >= 0) {
                kind = 1;
            }
            next = kind == 2 ? cut : pl->w[k].start;
            if (kind == 0) {
                continue;
            }
        }
        pl->p[pl->n_pieces++] = (struct piece){start, cut, w0, k, hard, -1, 0};
        start = next;
        w0 = k;
        hard = kind == 2;
    }
    if (pl->n_pieces == 0) {
        pl->p[pl->n_pieces++] = (struct piece){0, pl->len, 0, 0, 1, -1, 0};
    }
    for (int i = 0; i < pl->n_pieces; i++) {
        struct piece *p = &pl->p[i];
        for (int k = p->w0; k < p->w1 && p->role < 0; k++) {
            p->role = role_at(pl, k);
        }
    }
}

/* merge_pieces joins, within one sentence, a clause without a role verb to its neighbour and
 * consecutive clauses of the same role: "find papers, and summarise them" stays two tasks,
 * "papers and articles" stays one. */
static void
merge_pieces(struct plan *pl)
{
    int n = 0;
    for (int i = 0; i < pl->n_pieces; i++) {
        struct piece cur = pl->p[i];
        struct piece *prev = n > 0 ? &pl->p[n - 1] : NULL;
        if (!cur.hard && prev && (prev->role < 0 || cur.role < 0 || cur.role == prev->role)) {
            prev->end = cur.end;
            prev->w1 = cur.w1;
            prev->role = prev->role < 0 ? cur.role : prev->role;
            continue;
        }
        pl->p[n++] = cur;
    }
    pl->n_pieces = n;
}

/* fill_roles gives a sentence without any role verb to the previous sentence's role (or the
 * next one's when it comes first); an idea without role verbs gets the assistant. */
static void
fill_roles(struct plan *pl)
{
    int first = -1;
    for (int i = 0; i < pl->n_pieces && first < 0; i++) {
        first = pl->p[i].role;
    }
    int last = first < 0 ? ASSISTANT : first;
    for (int i = 0; i < pl->n_pieces; i++) {
        if (pl->p[i].role < 0) {
            pl->p[i].role = last;
        }
        last = pl->p[i].role;
    }
}

/* explicit_count: "3 agents", "three agents", "a single agent" -> 3, 3, 1; 0 when absent. */
static int
explicit_count(const struct plan *pl)
{
    for (int i = 1; i < pl->n_words; i++) {
        if (!kw_match(pl, i, "agent")) {
            continue;
        }
        const char *prev = pl->w[i - 1].low;
        if (strcmp(prev, "single") == 0 || strcmp(prev, "solo") == 0) {
            return 1;
        }
        int n = planner_kw_in(PLANNER_COUNTS, prev);
        if (n > 0) {
            return n;
        }
        size_t digits = strspn(prev, "0123456789");
        if (digits > 0 && digits <= 2 && prev[digits] == '\0') {
            return (int)strtol(prev, NULL, 10);
        }
    }
    return 0;
}

static int
agent_of(const struct plan *pl, int role)
{
    for (int a = 0; a < pl->n_agents; a++) {
        if (pl->agent_role[a] == role) {
            return a;
        }
    }
    return -1;
}

static int
warn(struct plan *pl, const char *msg)
{
    if (!pl->warnings) {
        return 0;
    }
    int rc = buf_puts(pl->warnings, msg);
    return rc ? rc : buf_putc(pl->warnings, '\n');
}

/* Roles added by an explicit agent count take their place in this order of work. */
static const int phase[N_ROLES + 1] = {1, 2, 4, 3, 0, 5, 6, 3};

static int
pad_agents(struct plan *pl, int want)
{
    for (int r = 0; r < N_ROLES && pl->n_agents < want && pl->n_pieces < SPEC_MAX_TASKS; r++) {
        if (agent_of(pl, r) >= 0) {
            continue;
        }
        pl->agent_role[pl->n_agents++] = r;
        int at = 0;
        while (at < pl->n_pieces && phase[pl->p[at].role] <= phase[r]) {
            at++;
        }
        memmove(&pl->p[at + 1], &pl->p[at], (size_t)(pl->n_pieces - at) * sizeof *pl->p);
        pl->p[at] = (struct piece){0, 0, 0, 0, 1, r, 1};
        pl->n_pieces++;
    }
    return pl->n_agents < want ? warn(pl, "could not add every requested agent (task limit)") : 0;
}

/* choose_agents: one agent per role in order of first use, at most SPEC_MAX_AGENTS, then an
 * explicit "N agents" in the idea narrows to one agent or adds roles with a filler task. */
static int
choose_agents(struct plan *pl)
{
    int rc = 0;
    if (pl->n_pieces > SPEC_MAX_TASKS) {
        struct piece *last = &pl->p[SPEC_MAX_TASKS - 1];
        last->end = pl->p[pl->n_pieces - 1].end;
        last->w1 = pl->p[pl->n_pieces - 1].w1;
        pl->n_pieces = SPEC_MAX_TASKS;
        rc = warn(pl, "the idea has more than 12 steps; the last ones form one task");
    }
    int capped = 0;
    pl->n_agents = 0;
    for (int i = 0; i < pl->n_pieces; i++) {
        if (agent_of(pl, pl->p[i].role) >= 0) {
            continue;
        }
        if (pl->n_agents < SPEC_MAX_AGENTS) {
            pl->agent_role[pl->n_agents++] = pl->p[i].role;
        } else {
            pl->p[i].role = pl->p[i - 1].role;
            capped = 1;
        }
    }
    if (rc == 0 && capped) {
        rc = warn(pl, "the idea names more than 6 roles; extra steps go to the previous agent");
    }
    int want = explicit_count(pl);
    if (want > SPEC_MAX_AGENTS) {
        want = SPEC_MAX_AGENTS;
        rc = rc ? rc : warn(pl, "at most 6 agents: using 6");
    }
    if (want == 1 && pl->n_agents > 1) {
        for (int i = 0; i < pl->n_pieces; i++) {
            pl->p[i].role = pl->agent_role[0];
        }
        pl->n_agents = 1;
    } else if (want > pl->n_agents) {
        rc = rc ? rc : pad_agents(pl, want);
    } else if (want > 1 && want < pl->n_agents) {
        rc = rc ? rc : warn(pl, "the idea needs more roles than the agent count it asks for");
    }
    return rc;
}

static int
is_trim(char c, const char *set)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c && strchr(set, c));
}

/* clean_text copies s[0..len) without surrounding blanks, list markers, leading joining words
 * and trailing `trail` characters, capitalised, cut to max bytes on a character boundary;
 * fallback when nothing is left. NULL on OOM. */
static char *
clean_text(const char *s, size_t len, size_t max, const char *fallback, const char *trail)
{
    for (;;) {
        while (len > 0 && is_trim(*s, ",;:-*>#")) {
            s++;
            len--;
        }
        size_t n = 0;
        char word[16];
        while (n < len && n + 1 < sizeof word && is_alnum((unsigned char)s[n])) {
            word[n] = (char)(s[n] >= 'A' && s[n] <= 'Z' ? s[n] + 32 : s[n]);
            n++;
        }
        word[n] = '\0';
        int marker = n > 0 && n <= 2 && n < len && strspn(word, "0123456789") == n &&
                     (s[n] == '.' || s[n] == ')');
        if (n == 0 || n >= len ||
            (!marker &&
             (is_alnum((unsigned char)s[n]) || planner_kw_in(PLANNER_JOINERS, word) < 0))) {
            break;
        }
        s += n + marker;
        len -= n + marker;
    }
    while (len > 0 && is_trim(s[len - 1], trail)) {
        len--;
    }
    if (len == 0) {
        s = fallback;
        len = strlen(fallback);
    }
    char *out = strndup(s, spec_utf8_clip(s, len, max));
    if (out && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = (char)(out[0] - 32);
    }
    return out;
}

static int
make_agents(const struct plan *pl, struct spec *out)
{
    for (int a = 0; a < pl->n_agents; a++) {
        const struct planner_role *r = &planner_kw_roles()[pl->agent_role[a]];
        const struct piece *p = NULL;
        for (int i = 0; i < pl->n_pieces && !p; i++) {
            p = pl->p[i].role == pl->agent_role[a] ? &pl->p[i] : NULL;
        }
        struct spec_agent *ag = &out->agents[out->n_agents++];
        char *focus = (p && !p->filler) ? clean_text(pl->idea + p->start, p->end - p->start,
                                                     GOAL_CLIP, r->filler, ",;:")
                                        : strdup(r->filler);
        struct buf goal = BUF_INIT;
        int rc = focus ? buf_printf(&goal, "%s. Focus: %s", r->goal, focus) : AG_ENOMEM;
        free(focus);
        ag->goal = rc == 0 ? buf_steal(&goal) : NULL;
        buf_free(&goal);
        ag->id = strdup(r->id);
        ag->role = strdup(r->title);
        ag->backstory = strdup(r->backstory);
        if (!ag->goal || !ag->id || !ag->role || !ag->backstory) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

static int
make_tasks(const struct plan *pl, struct spec *out)
{
    for (int i = 0; i < pl->n_pieces; i++) {
        const struct piece *p = &pl->p[i];
        const struct planner_role *r = &planner_kw_roles()[p->role];
        struct spec_task *t = &out->tasks[out->n_tasks++];
        char id[SPEC_ID_MAX + 1];
        for (int n = 1;; n++) {
            snprintf(id, sizeof id, n == 1 ? "%s_task" : "%s_task_%d", r->task, n);
            int used = 0;
            for (int k = 0; k < i; k++) {
                used |= strcmp(out->tasks[k].id, id) == 0;
            }
            if (!used) {
                break;
            }
        }
        t->id = strdup(id);
        t->description = p->filler ? strdup(r->filler)
                                   : clean_text(pl->idea + p->start, p->end - p->start,
                                                SPEC_TEXT_MAX, r->filler, ",;:");
        t->expected_output = strdup(r->expected);
        t->agent = agent_of(pl, p->role);
        if (i > 0) {
            t->deps[t->n_deps++] = i - 1; /* each step builds on the one before */
        }
        if (!t->id || !t->description || !t->expected_output) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

/* tool_owner: the agent of the first task that mentions the tool; else the agent whose role
 * ranks it highest; else the agent with the fewest tools. */
static int
tool_owner(const struct plan *pl, const struct spec *out, int tool)
{
    for (int i = 0; i < pl->n_pieces; i++) {
        const struct piece *p = &pl->p[i];
        if (!p->filler && tool_mentioned(pl, tool, p->w0, p->w1)) {
            return agent_of(pl, p->role);
        }
    }
    int best = -1, best_rank = CAT_MAX_LIST;
    for (int a = 0; a < pl->n_agents; a++) {
        const struct planner_role *r = &planner_kw_roles()[pl->agent_role[a]];
        for (int j = 0; r->tools[j] && j < best_rank; j++) {
            if (strcmp(r->tools[j], planner_kw_tools(NULL)[tool].id) == 0) {
                best = a;
                best_rank = j;
            }
        }
    }
    if (best >= 0) {
        return best;
    }
    int fewest = 0;
    for (int a = 1; a < out->n_agents; a++) {
        fewest = out->agents[a].n_tools < out->agents[fewest].n_tools ? a : fewest;
    }
    return fewest;
}

static int
add_tool(const struct plan *pl, struct spec *out, const char *id)
{
    int tool = -1;
    size_t n_kws = 0;
    const struct planner_tool_kw *kws = planner_kw_tools(&n_kws);
    for (int k = 0; k < (int)n_kws; k++) {
        tool = strcmp(kws[k].id, id) == 0 ? k : tool;
    }
    for (int k = 0; k < out->n_tools; k++) {
        if (strcmp(out->tools[k].id, id) == 0) {
            return 0; /* listed twice */
        }
    }
    if (tool < 0 || out->n_tools >= SPEC_MAX_TOOLS) {
        return AG_EINVAL;
    }
    struct spec_agent *ag = &out->agents[tool_owner(pl, out, tool)];
    out->tools[out->n_tools].id = strdup(id);
    if (!out->tools[out->n_tools].id) {
        return AG_ENOMEM;
    }
    ag->tools[ag->n_tools++] = out->n_tools++;
    return 0;
}

/* make_tools: the explicit tools (catalogue or wizard ids), else the tools the idea asks for,
 * in catalogue order. */
static int
make_tools(const struct plan *pl, const struct plan_choices *c, struct spec *out)
{
    int rc = 0;
    if (c->tools[0]) {
        for (int i = 0; rc == 0 && i < SPEC_MAX_TOOLS && c->tools[i]; i++) {
            const struct cat_tool *t = catalog_tool(c->tools[i]);
            rc = t ? add_tool(pl, out, t->id) : AG_EINVAL;
        }
        return rc;
    }
    size_t n_kws = 0;
    const struct planner_tool_kw *kws = planner_kw_tools(&n_kws);
    for (int k = 0; rc == 0 && k < (int)n_kws; k++) {
        if (tool_mentioned(pl, k, 0, pl->n_words)) {
            rc = add_tool(pl, out, kws[k].id);
        }
    }
    return rc;
}

/* derive_name: the first sentence, cut at a word boundary near NAME_CLIP bytes. */
static char *
derive_name(const struct plan *pl)
{
    size_t end = pl->len, cut = 0;
    for (int k = 1; k < pl->n_words; k++) {
        if (gap_kind(pl, k, &cut) == 2) {
            end = cut;
            break;
        }
    }
    if (end > NAME_CLIP) {
        size_t n = spec_utf8_clip(pl->idea, end, NAME_CLIP);
        size_t sp = n;
        while (sp > NAME_CLIP / 2 && pl->idea[sp] != ' ') {
            sp--;
        }
        end = pl->idea[sp] == ' ' ? sp : n;
    }
    return clean_text(pl->idea, end, SPEC_NAME_MAX, "Agent project", ",;:.!?-");
}

/* derive_slug: up to four ASCII words of the name that are not filler words, joined by "_";
 * "agent_project" when none is usable; "_project" appended to a keyword or module name. */
static char *
derive_slug(const char *name)
{
    char slug[SPEC_ID_MAX + 1] = "";
    size_t n = 0;
    for (const char *p = name; *p && n < SPEC_ID_MAX;) {
        while (*p && sep_len(p, strlen(p), 0) > 0) {
            p++;
        }
        const char *w = p;
        int ascii = 1;
        while (*p && sep_len(p, strlen(p), 0) == 0) {
            ascii &= (unsigned char)*p < 0x80;
            p++;
        }
        size_t wl = (size_t)(p - w);
        char word[SPEC_ID_MAX + 1];
        if (!ascii || wl == 0 || wl > SPEC_ID_MAX || (n == 0 && w[0] >= '0' && w[0] <= '9')) {
            continue;
        }
        for (size_t k = 0; k < wl; k++) {
            word[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]);
        }
        word[wl] = '\0';
        if (planner_kw_in(PLANNER_SLUG_STOP, word) >= 0) {
            continue;
        }
        if (n + (n > 0) + wl > SPEC_ID_MAX) {
            break;
        }
        n += (size_t)snprintf(slug + n, sizeof slug - n, "%s%s", n > 0 ? "_" : "", word);
        if (n >= 30) { /* four words at most in practice; keep it short */
            break;
        }
    }
    if (n > 0 && !spec_slug_ok(slug) && n + 8 <= SPEC_ID_MAX) {
        snprintf(slug + n, sizeof slug - n, "_project");
    }
    return strdup(spec_slug_ok(slug) ? slug : "agent_project");
}

static const char *
opt(const char *s)
{
    return (s && *s) ? s : NULL;
}

/* set_choices validates and copies framework, hyperscaler, model, pattern, memory and
 * permission; an unsupported pattern is kept (diagnose reports it) with a warning. */
static int
set_choices(const struct plan_choices *c, struct spec *out, struct plan *pl)
{
    const struct cat_framework *fw = catalog_framework(opt(c->framework) ? c->framework : "crewai");
    const char *hs = opt(c->hyperscaler), *model = opt(c->model), *perm = opt(c->permission);
    int pattern = opt(c->pattern) ? catalog_pattern_index(c->pattern) : catalog_default_pattern(fw);
    if (!fw || (hs && !catalog_hyperscaler(hs)) || (model && !catalog_model(model)) ||
        pattern < 0 ||
        (perm && strcmp(perm, "safe") != 0 && strcmp(perm, "ask") != 0 &&
         strcmp(perm, "dev") != 0)) {
        return AG_EINVAL;
    }
    out->framework = strdup(fw->id);
    out->hyperscaler = hs ? strdup(hs) : NULL;
    out->model = strdup(model ? model : catalog_default_model(fw, hs));
    out->pattern = (enum spec_pattern)pattern;
    out->memory = c->memory ? 1 : 0;
    out->permission = strdup(perm ? perm : "safe");
    out->description = strdup(pl->idea);
    if (!out->framework || (hs && !out->hyperscaler) || !out->model || !out->permission ||
        !out->description) {
        return AG_ENOMEM;
    }
    if (fw->support[pattern] != CAT_UNSUPPORTED || !pl->warnings) {
        return 0;
    }
    size_t n = 0;
    return buf_printf(pl->warnings, "pattern %s is unsupported by %s (see agentgen diagnose)\n",
                      catalog_patterns(&n)[pattern].id, fw->id);
}

static int
set_names(const struct plan *pl, const struct plan_choices *c, struct spec *out)
{
    const char *name = opt(c->name);
    if (name && (strlen(name) > SPEC_NAME_MAX || !spec_utf8_ok(name, strlen(name)))) {
        return AG_EINVAL;
    }
    out->name = name ? strdup(name) : derive_name(pl);
    out->slug = out->name ? derive_slug(out->name) : NULL;
    return (out->name && out->slug) ? 0 : AG_ENOMEM;
}

static int is_blank(const char *s);

static int
is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f') {
        s++;
    }
    return *s == '\0';
}

int
planner_plan(const char *idea, const struct plan_choices *c, struct spec *out, struct buf *warnings)
{
    static const struct plan_choices none = {0};
    memset(out, 0, sizeof *out);
    size_t len = idea ? strlen(idea) : 0;
    if (!idea || len > SPEC_IDEA_MAX || is_blank(idea) || !spec_utf8_ok(idea, len)) {
        return AG_EINVAL;
    }
    struct plan pl = {.idea = idea, .len = len, .warnings = warnings};
    c = c ? c : &none;
    int rc = set_choices(c, out, &pl);
    if (rc == 0) {
        rc = tokenize(&pl);
    }
    if (rc == 0) {
        /* pieces: at most one per word, one for a wordless idea, one filler per agent */
        pl.p = calloc((size_t)pl.n_words + 1 + SPEC_MAX_AGENTS, sizeof *pl.p);
        rc = pl.p ? 0 : AG_ENOMEM;
    }
    if (rc == 0) {
        split_pieces(&pl);
        merge_pieces(&pl);
        fill_roles(&pl);
        rc = choose_agents(&pl);
    }
    if (rc == 0) {
        rc = make_agents(&pl, out);
    }
    if (rc == 0) {
        rc = make_tasks(&pl, out);
    }
    if (rc == 0) {
        rc = make_tools(&pl, c, out);
    }
    if (rc == 0) {
        rc = set_names(&pl, c, out);
    }
    const char *why = NULL;
    if (rc == 0 && c->n_agents > 0) {
        rc = spec_edit_agents(out, c->agents, c->n_agents, &why);
    }
    if (why && warnings && buf_printf(warnings, "agents: %s\n", why) < 0) {
        rc = AG_ENOMEM;
    }
    free(pl.w);
    free(pl.p);
    if (rc != 0) {
        spec_free(out);
    }
    return rc;
}
