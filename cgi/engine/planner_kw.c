/* SPDX-License-Identifier: MIT */
/* planner_kw.c - the keyword planner's vocabulary: which words signal which role and which
 * tool, what each role's agent and tasks say, and the small stemmer that matches whole words.
 * Data only, plus lookups; the planning itself is planner.c. */
#include "planner_kw.h"

#include <string.h>

static int in_words(const char *const *list, const char *s);
static int suffix_in(const char *rest, const char *const *list);

/* Table order breaks ties and orders agents added by an explicit count. */
static const struct planner_role roles[PLANNER_N_ROLES + 1] = {
    {"researcher",
     "Researcher",
     "research",
     "Find reliable, current information and cite where each fact comes from",
     "A meticulous researcher who checks every claim against its source.",
     "The relevant findings as a bullet list, each with its source.",
     "Gather the background information and sources the team needs",
     {"web_search", "http_client", "vector_search", "pdf_reader", NULL},
     {"research", "investigate", "discover", "find",    "gather",   "collect", "monitor",
      "explore",  "search",      "browse",   "look up", "lookup",   "scout",   "scan",
      "crawl",    "scrape",      "track",    "survey",  "identify", "locate",  NULL}},
    {"analyst",
     "Analyst",
     "analysis",
     "Turn the material into clear insights and state the evidence behind each",
     "A careful analyst who separates evidence from opinion and shows the numbers.",
     "A short analysis: the key findings, the evidence for each, and open questions.",
     "Analyse the gathered material and pull out the key findings",
     {"sql_query", "vector_search", "pdf_reader", "http_client", NULL},
     {"analyze",  "analyse",   "analysis",   "analyses", "analyst",    "analytics",  "evaluate",
      "assess",   "compare",   "comparison", "measure",  "forecast",   "predict",    "statistic",
      "metric",   "trend",     "insight",    "classify", "categorize", "categorise", "rank",
      "score",    "calculate", "compute",    "extract",  "query",      "interpret",  "detect",
      "estimate", "benchmark", "quantify",   NULL}},
    {"writer",
     "Writer",
     "writing",
     "Write clear, accurate and well-structured text for the intended readers",
     "A professional writer who turns notes into readable prose.",
     "A polished draft in Markdown, ready to share.",
     "Write up the final result for the reader",
     {"file_writer", NULL},
     {"write",     "written", "rewrite",  "draft",    "compose", "author",     "summarize",
      "summarise", "summary", "report",   "blog",     "article", "newsletter", "digest",
      "translate", "explain", "describe", "email",    "notify",  "publish",    "post",
      "outline",   "essay",   "story",    "tweet",    "content", "present",    "presentation",
      "memo",      "caption", "headline", "announce", NULL}},
    {"engineer",
     "Software Engineer",
     "coding",
     "Write, test and fix the code the work needs",
     "A pragmatic software engineer who writes small, tested, readable code.",
     "Working code with a short note on how to run and test it.",
     "Implement and test the code the project needs",
     {"http_client", "file_writer", "sql_query", NULL},
     {"code",    "program",   "develop",      "developer",  "implement", "debug", "refactor",
      "script",  "software",  "engineer",     "deploy",     "automate",  "fix",   "bug",
      "compile", "unit test", "pull request", "repository", "repo",      NULL}},
    {"planner",
     "Planner",
     "planning",
     "Break the work into clear steps with owners and priorities",
     "An experienced coordinator who plans the work and keeps it on track.",
     "A numbered plan with steps, owners and priorities.",
     "Plan the work and split it into steps",
     {NULL},
     {"plan",     "strategy",    "strategic",    "organize",   "organise",   "coordinate",
      "manage",   "manager",     "schedule",     "prioritize", "prioritise", "roadmap",
      "delegate", "orchestrate", "orchestrator", "supervise",  "supervisor", "decompose",
      "allocate", "timeline",    "milestone",    "itinerary",  NULL}},
    {"reviewer",
     "Reviewer",
     "review",
     "Check the work for accuracy, completeness and quality",
     "A demanding editor and fact-checker who catches errors before anyone else does.",
     "A review listing each problem found and its fix, or an explicit approval.",
     "Review the final result for accuracy and quality",
     {"web_search", "pdf_reader", NULL},
     {"review", "audit", "verify", "check", "proofread", "validate", "quality", "critique",
      "approve", "edit", "editor", "fact check", "inspect", "moderate", "compliance", NULL}},
    {"support_agent",
     "Support Agent",
     "support",
     "Answer users' questions accurately and politely, and escalate when needed",
     "A patient support specialist who resolves issues and knows when to escalate.",
     "A reply to the user, plus an escalation note when a human is needed.",
     "Answer the users' questions about the result",
     {"vector_search", "http_client", "sql_query", NULL},
     {"support", "customer", "ticket", "helpdesk", "help desk", "triage", "escalate", "answer",
      "reply", "respond", "complaint", "inquiry", "enquiry", "chat", "chatbot", "faq", "question",
      "refund", NULL}},
    {"assistant",
     "Assistant",
     "assist",
     "Complete the requested work carefully and report the result",
     "A capable general assistant who works step by step and double-checks the result.",
     "The completed result of this step, clearly presented.",
     "Complete the request",
     {"web_search", "pdf_reader", "http_client", "sql_query", "file_writer", "vector_search", NULL},
     {NULL}},
};

/* Catalogue order; only tools with a keyword here can be chosen by intent. */
static const struct planner_tool_kw tool_kws[] = {
    {"web_search",
     {"search", "web", "internet", "google", "bing", "duckduckgo", "browse", "online", "news",
      "arxiv", "wikipedia", "look up", "lookup", "website", NULL}},
    {"pdf_reader",
     {"pdf", "document", "paper", "invoice", "contract", "resume", "manual", "whitepaper",
      "brochure", "ebook", "receipt", NULL}},
    {"http_client",
     {"api", "http", "https", "endpoint", "webhook", "url", "json", "graphql", "fetch", "slack",
      "jira", "github", "zendesk", "salesforce", "crm", NULL}},
    {"sql_query",
     {"sql", "database", "db", "postgres", "postgresql", "mysql", "sqlite", "mariadb", "warehouse",
      "bigquery", "snowflake", NULL}},
    {"file_writer",
     {"save", "export", "disk", "folder", "directory", "csv", "to file", "to a file", "output file",
      "markdown file", NULL}},
    {"vector_search",
     {"vector", "embedding", "semantic", "similarity", "rag", "retrieval", "retrieve",
      "knowledge base", "corpus", "chroma", "chromadb", "faiss", "pinecone", NULL}},
};

static const char *const plain_suffixes[] = {"s",   "es", "ed",   "ing",   "ings", "er",
                                             "ers", "ly", "ment", "ments", "al",   NULL};
static const char *const e_suffixes[] = {"ing", "ed",  "er",    "ers",    "ion", "ions",
                                         "or",  "ors", "ation", "ations", NULL};
static const char *const y_suffixes[] = {"ies", "ied", "ier", "iers", "ication", "ications", NULL};
static const char *const cc_suffixes[] = {"ing", "ed", "er", "ers", NULL};
static const char *const joiners[] = {"and", "then", "finally", "afterwards", "next", "also", NULL};
static const char *const abbreviations[] = {"e",   "g",  "i",  "eg", "ie", "etc",    "vs",   "mr",
                                            "mrs", "ms", "dr", "st", "no", "approx", "incl", NULL};
static const char *const slug_stop[] = {
    "a",    "an",       "the",    "that", "which", "who",  "whom",  "this",   "these",  "those",
    "to",   "of",       "for",    "with", "and",   "or",   "in",    "on",     "at",     "by",
    "from", "into",     "is",     "are",  "be",    "as",   "it",    "its",    "my",     "our",
    "your", "their",    "i",      "we",   "you",   "me",   "us",    "please", "create", "build",
    "make", "generate", "design", "want", "need",  "can",  "could", "would",  "should", "will",
    "some", "all",      "any",    "each", "every", "then", "also",  "so",     "new",    NULL};
static const char *const not_web[] = {"semantic", "vector",   "similarity", "database", "db",
                                      "sql",      "internal", "full",       "text",     NULL};
static const char *const count_words[] = {"zero", "one",  "two", "three",
                                          "four", "five", "six", NULL};

static int
in_words(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(list[i], s) == 0) {
            return 1;
        }
    }
    return 0;
}

static int
suffix_in(const char *rest, const char *const *list)
{
    return in_words(list, rest);
}

/* planner_kw_stem: word is stem, stem + a suffix, stem with a final e/y replaced by a suffix
 * (write -> writing, summary -> summaries), or stem with its last consonant doubled
 * (plan -> planning). Whole words only: "research" never matches "search". */
int
planner_kw_stem(const char *word, const char *stem, size_t n)
{
    if (n == 0 || word[0] != stem[0]) { /* also rejects "" */
        return 0;
    }
    size_t wl = strlen(word);
    if (wl >= n && strncmp(word, stem, n) == 0) {
        const char *rest = word + n;
        char last = stem[n - 1];
        if (*rest == '\0' || suffix_in(rest, plain_suffixes)) {
            return 1;
        }
        if (!strchr("aeiouwxy", last) && rest[0] == last && suffix_in(rest + 1, cc_suffixes)) {
            return 1;
        }
    }
    if (n >= 3 && (stem[n - 1] == 'e' || stem[n - 1] == 'y') && strncmp(word, stem, n - 1) == 0) {
        return suffix_in(word + n - 1, stem[n - 1] == 'e' ? e_suffixes : y_suffixes);
    }
    return 0;
}

const struct planner_role *
planner_kw_roles(void)
{
    return roles;
}

const struct planner_tool_kw *
planner_kw_tools(size_t *n)
{
    if (n) {
        *n = sizeof tool_kws / sizeof tool_kws[0];
    }
    return tool_kws;
}

int
planner_kw_in(enum planner_list list, const char *word)
{
    static const char *const *const lists[] = {joiners, abbreviations, slug_stop, not_web,
                                               count_words};
    const char *const *l = lists[list];
    for (int i = 0; l[i]; i++) {
        if (strcmp(l[i], word) == 0) {
            return i;
        }
    }
    return -1;
}
