/* SPDX-License-Identifier: MIT */
/* llm_cmd.c - `agentgen llm-chat` and `agentgen ollabridge-pair`: hidden drivers that exercise
 * cgi/llm against a real or fake provider from the command line. Option parsing, printing and
 * signals only; the protocol work is in cgi/llm. The API key comes from an environment
 * variable and is never printed. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "../core/crypt.h"
#include "../core/httpc.h"
#include "../core/jsn.h"
#include "../llm/llm.h"
#include "llm_cmd.h"

#define EXIT_ERROR     1
#define EXIT_USAGE     2
#define EXIT_CANCELLED 130
#define MAX_TOOLS      32
#define MAX_MESSAGES   16

struct chat_opts {
    struct llm_provider prov;
    const char *message, *system, *tool_result, *tools_file;
    long cancel_after_ms;
    int repeat, stamp;
    char *key; /* heap copy of the key, wiped at exit */
};

/* One conversation: messages plus the tools offered. */
struct convo {
    struct llm_message msgs[MAX_MESSAGES];
    size_t n;
    struct llm_tool_def tools[MAX_TOOLS];
    size_t n_tools;
    struct json_object *tools_doc;
};

static volatile sig_atomic_t cancel_flag;
static double t_start;

static void on_signal(int sig);
static double now_ms(void);
static int parse_long(const char *s, long lo, long hi, long *out);
static int chat_usage(void);
static int parse_chat(int argc, char **argv, struct chat_opts *o);
static int load_tools(const char *path, struct convo *cv);
static int print_token(void *ctx, const char *text, size_t len);
static void print_result(const struct chat_opts *o, const struct llm_result *r, int rc);
static int run_convo(struct llm_client *c, struct chat_opts *o, struct convo *cv);
static int arm_signals(long cancel_after_ms);
static int write_token_file(const char *path, const char *token);
static int pair_usage(void);
static int pair_report(struct llm_client *c, const char *base, const char *token,
                       const char *file, int verify);

static void
on_signal(int sig)
{
    (void)sig;
    cancel_flag = 1;
}

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int
parse_long(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        return AG_EINVAL;
    }
    *out = v;
    return 0;
}

static int
chat_usage(void)
{
    fprintf(stderr, "usage: agentgen llm-chat --base-url URL --kind openai|azure|watsonx|"
                    "ollabridge --model M [--key-env VAR] [--tools-json FILE] [--message TEXT]\n"
                    "  [--system TEXT] [--tool-result TEXT] [--project-id ID] [--iam-url URL]\n"
                    "  [--api-version V] [--retries N] [--retry-base-ms MS] [--timeout-ms MS]\n"
                    "  [--cancel-after-ms MS] [--repeat N] [--stamp]\n");
    return EXIT_USAGE;
}

static int
parse_chat(int argc, char **argv, struct chat_opts *o)
{
    static const struct option opts[] = {
        {"base-url", 1, NULL, 'b'},    {"kind", 1, NULL, 'k'},          {"model", 1, NULL, 'm'},
        {"key-env", 1, NULL, 'K'},     {"tools-json", 1, NULL, 't'},    {"message", 1, NULL, 'M'},
        {"system", 1, NULL, 's'},      {"tool-result", 1, NULL, 'T'},   {"project-id", 1, NULL, 'p'},
        {"iam-url", 1, NULL, 'i'},     {"api-version", 1, NULL, 'v'},   {"retries", 1, NULL, 'r'},
        {"retry-base-ms", 1, NULL, 'R'}, {"timeout-ms", 1, NULL, 'o'}, {"cancel-after-ms", 1, NULL, 'c'},
        {"repeat", 1, NULL, 'n'},      {"stamp", 0, NULL, 'S'},         {NULL, 0, NULL, 0}};
    long v = 0;
    int ch, bad = 0;
    o->prov.max_retries = LLM_DEFAULT_RETRIES;
    o->repeat = 1;
    o->message = "Hello";
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1 && !bad) {
        switch (ch) {
        case 'b': o->prov.base_url = optarg; break;
        case 'k': bad = llm_kind_parse(optarg, &o->prov.kind) < 0; break;
        case 'm': o->prov.model = optarg; break;
        case 'K': {
            const char *k = getenv(optarg);
            free(o->key);
            o->key = k ? strdup(k) : NULL;
            bad = k && !o->key;
            break;
        }
        case 't': o->tools_file = optarg; break;
        case 'M': o->message = optarg; break;
        case 's': o->system = optarg; break;
        case 'T': o->tool_result = optarg; break;
        case 'p': o->prov.project_id = optarg; break;
        case 'i': o->prov.iam_url = optarg; break;
        case 'v': o->prov.api_version = optarg; break;
        case 'r': bad = parse_long(optarg, 0, 10, &v) < 0, o->prov.max_retries = (int)v; break;
        case 'R': bad = parse_long(optarg, 1, 60000, &o->prov.retry_base_ms) < 0; break;
        case 'o': bad = parse_long(optarg, 1, 3600000, &o->prov.timeout_ms) < 0; break;
        case 'c': bad = parse_long(optarg, 1, 3600000, &o->cancel_after_ms) < 0; break;
        case 'n': bad = parse_long(optarg, 1, 100, &v) < 0, o->repeat = (int)v; break;
        case 'S': o->stamp = 1; break;
        default: bad = 1; break;
        }
    }
    o->prov.api_key = o->key;
    return bad || optind != argc || !o->prov.base_url || !o->prov.model ? AG_EINVAL : 0;
}

/* load_tools reads a JSON array of {name, description, parameters} (or the OpenAI
 * {"type":"function","function":{…}} form). */
static int
load_tools(const char *path, struct convo *cv)
{
    cv->tools_doc = json_object_from_file(path);
    if (!cv->tools_doc || !json_object_is_type(cv->tools_doc, json_type_array) ||
        json_object_array_length(cv->tools_doc) > MAX_TOOLS) {
        return AG_EINVAL;
    }
    for (size_t i = 0; i < json_object_array_length(cv->tools_doc); i++) {
        struct json_object *t = json_object_array_get_idx(cv->tools_doc, i), *fn = NULL;
        if (json_object_object_get_ex(t, "function", &fn)) {
            t = fn;
        }
        struct llm_tool_def *d = &cv->tools[cv->n_tools++];
        if (jsn_str(t, "name", 1, 64, &d->name) < 0 ||
            jsn_str(t, "description", 0, 4096, &d->description) < 0) {
            return AG_EINVAL;
        }
        json_object_object_get_ex(t, "parameters", &d->parameters);
    }
    return 0;
}

static int
print_token(void *ctx, const char *text, size_t len)
{
    const struct chat_opts *o = ctx;
    fwrite(text, 1, len, stdout);
    fflush(stdout);
    if (o->stamp) {
        fprintf(stderr, "token ms=%.1f n=%zu\n", now_ms() - t_start, len);
    }
    return 0;
}

static void
print_result(const struct chat_opts *o, const struct llm_result *r, int rc)
{
    struct json_object *j = json_object_new_object(), *calls = json_object_new_array();
    struct json_object *usage = json_object_new_object();
    int e = jsn_add_bool(j, "ok", rc == 0);
    e |= jsn_add_str(j, "model", o->prov.model);
    e |= jsn_add_str(j, "content", r->content ? r->content : "");
    e |= jsn_add_str(j, "finish_reason", r->finish_reason);
    e |= jsn_add_int(usage, "prompt_tokens", r->prompt_tokens);
    e |= jsn_add_int(usage, "completion_tokens", r->completion_tokens);
    e |= jsn_add(j, "usage", usage);
    e |= jsn_add(j, "cost_usd", json_object_new_double(
                                    llm_cost_usd(o->prov.model, r->prompt_tokens,
                                                 r->completion_tokens)));
    for (size_t i = 0; i < r->n_tool_calls; i++) {
        struct json_object *c = json_object_new_object();
        e |= jsn_add_str(c, "id", r->tool_calls[i].id);
        e |= jsn_add_str(c, "name", r->tool_calls[i].name);
        e |= jsn_add_str(c, "arguments", r->tool_calls[i].arguments);
        e |= json_object_array_add(calls, c) == 0 ? 0 : AG_ENOMEM;
    }
    e |= jsn_add(j, "tool_calls", calls);
    e |= jsn_add_int(j, "attempts", r->attempts);
    e |= jsn_add_int(j, "http_status", r->http_status);
    e |= jsn_add_bool(j, "cancelled", r->cancelled);
    e |= jsn_add_str(j, "error", rc == 0 ? NULL : r->error);
    e |= jsn_add_int(j, "elapsed_ms", (long long)(now_ms() - t_start));
    const char *s = json_object_to_json_string_ext(j, JSON_C_TO_STRING_NOSLASHESCAPE);
    printf("\n%s\n", e == 0 && s ? s : "{\"ok\":false,\"error\":\"out of memory\"}");
    fflush(stdout);
    json_object_put(j);
}

/* run_convo: the user turn, and when the model calls tools and --tool-result is given, one
 * more turn that feeds that result back for every call. */
static int
run_convo(struct llm_client *c, struct chat_opts *o, struct convo *cv)
{
    struct llm_result r1, r2;
    cv->n = 0;
    if (o->system) {
        cv->msgs[cv->n++] = (struct llm_message){.role = LLM_SYSTEM, .content = o->system};
    }
    cv->msgs[cv->n++] = (struct llm_message){.role = LLM_USER, .content = o->message};
    struct llm_request rq = {.messages = cv->msgs, .n_messages = cv->n, .tools = cv->tools,
                             .n_tools = cv->n_tools, .cancel = &cancel_flag};
    int rc = llm_chat(c, &o->prov, &rq, print_token, o, &r1);
    print_result(o, &r1, rc);
    if (rc == 0 && r1.n_tool_calls > 0 && o->tool_result &&
        cv->n + 1 + r1.n_tool_calls <= MAX_MESSAGES) {
        cv->msgs[cv->n++] = (struct llm_message){.role = LLM_ASSISTANT, .content = r1.content,
                                                 .tool_calls = r1.tool_calls,
                                                 .n_tool_calls = r1.n_tool_calls};
        for (size_t i = 0; i < r1.n_tool_calls; i++) {
            cv->msgs[cv->n++] = (struct llm_message){.role = LLM_TOOL, .content = o->tool_result,
                                                     .tool_call_id = r1.tool_calls[i].id};
        }
        rq.n_messages = cv->n;
        rc = llm_chat(c, &o->prov, &rq, print_token, o, &r2);
        print_result(o, &r2, rc);
        llm_result_free(&r2);
    }
    if (rc < 0) {
        fprintf(stderr, "agentgen: llm-chat: %s\n", r1.cancelled ? "cancelled" : "provider error");
    }
    int cancelled = r1.cancelled || cancel_flag;
    llm_result_free(&r1);
    return rc == 0 ? 0 : cancelled ? EXIT_CANCELLED : EXIT_ERROR;
}

static int
arm_signals(long cancel_after_ms)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal; /* no SA_RESTART: the flag is polled */
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0 ||
        sigaction(SIGALRM, &sa, NULL) < 0) {
        return AG_EINTERNAL;
    }
    if (cancel_after_ms > 0) {
        struct itimerval it = {{0, 0}, {cancel_after_ms / 1000, (cancel_after_ms % 1000) * 1000}};
        return setitimer(ITIMER_REAL, &it, NULL) < 0 ? AG_EINTERNAL : 0;
    }
    return 0;
}

int
cmd_llm_chat(int argc, char **argv)
{
    struct chat_opts o;
    struct convo cv;
    struct llm_client *c = NULL;
    memset(&o, 0, sizeof(o));
    memset(&cv, 0, sizeof(cv));
    int rc = EXIT_USAGE;
    if (parse_chat(argc, argv, &o) < 0 || (o.tools_file && load_tools(o.tools_file, &cv) < 0)) {
        chat_usage();
        goto out;
    }
    rc = EXIT_ERROR;
    if (httpc_global_init() < 0 || llm_client_new(&c) < 0 || arm_signals(o.cancel_after_ms) < 0) {
        fprintf(stderr, "agentgen: llm-chat: cannot initialise\n");
        goto out;
    }
    t_start = now_ms();
    for (int i = 0; i < o.repeat; i++) {
        rc = run_convo(c, &o, &cv);
        if (rc != 0) {
            break;
        }
    }
out:
    llm_client_free(c);
    json_object_put(cv.tools_doc);
    if (o.key) {
        crypt_wipe(o.key, strlen(o.key));
        free(o.key);
    }
    return rc;
}

/* write_token_file stores the device token readable by the owner only. */
static int
write_token_file(const char *path, const char *token)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return AG_EINTERNAL;
    }
    size_t n = strlen(token);
    int ok = fchmod(fd, 0600) == 0 && write(fd, token, n) == (ssize_t)n && write(fd, "\n", 1) == 1;
    return close(fd) == 0 && ok ? 0 : AG_EINTERNAL;
}

static int
pair_usage(void)
{
    fprintf(stderr, "usage: agentgen ollabridge-pair --base-url URL --code CODE "
                    "[--token-file FILE] [--verify]\n");
    return EXIT_USAGE;
}

/* pair_report prints the outcome as JSON; the token only when it was not stored in a file. */
static int
pair_report(struct llm_client *c, const char *base, const char *token, const char *file,
            int verify)
{
    struct json_object *models = NULL, *j = json_object_new_object();
    int rc = 0;
    if (verify && llm_ollabridge_models(c, base, token, &models) < 0) {
        fprintf(stderr, "agentgen: ollabridge-pair: paired, but the bridge refused the token\n");
        rc = EXIT_ERROR;
    }
    int e = jsn_add_bool(j, "paired", rc == 0);
    e |= jsn_add_str(j, "server_url", base);
    e |= models ? jsn_add(j, "models", models) : 0;
    e |= file ? jsn_add_str(j, "token_file", file) : jsn_add_str(j, "device_token", token);
    const char *s = json_object_to_json_string_ext(j, JSON_C_TO_STRING_NOSLASHESCAPE);
    if (e == 0 && s) {
        printf("%s\n", s);
    }
    json_object_put(j);
    return e == 0 ? rc : EXIT_ERROR;
}

int
cmd_ollabridge_pair(int argc, char **argv)
{
    static const struct option opts[] = {{"base-url", 1, NULL, 'b'}, {"code", 1, NULL, 'c'},
                                         {"token-file", 1, NULL, 'f'}, {"verify", 0, NULL, 'v'},
                                         {NULL, 0, NULL, 0}};
    const char *base = NULL, *code = NULL, *file = NULL;
    int ch, verify = 0, rc = EXIT_ERROR;
    char token[4096] = "";
    struct llm_client *c = NULL;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': base = optarg; break;
        case 'c': code = optarg; break;
        case 'f': file = optarg; break;
        case 'v': verify = 1; break;
        default: return pair_usage();
        }
    }
    if (!base || !code || optind != argc) {
        return pair_usage();
    }
    if (httpc_global_init() < 0 || llm_client_new(&c) < 0) {
        return EXIT_ERROR;
    }
    int err = llm_ollabridge_pair(c, base, code, token, sizeof(token));
    if (err == AG_EINVAL) {
        fprintf(stderr, "agentgen: ollabridge-pair: pairing code expired or unknown - re-pair "
                        "on the device\n");
    } else if (err < 0) {
        fprintf(stderr, "agentgen: ollabridge-pair: OllaBridge did not pair (%s)\n",
                ag_strerror(err));
    } else if (file && write_token_file(file, token) < 0) {
        fprintf(stderr, "agentgen: ollabridge-pair: cannot write %s\n", file);
    } else {
        rc = pair_report(c, base, token, file, verify);
    }
    crypt_wipe(token, sizeof(token));
    llm_client_free(c);
    return rc;
}
