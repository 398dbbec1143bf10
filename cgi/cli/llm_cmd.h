/* SPDX-License-Identifier: MIT */
/* llm_cmd.h - hidden CLI test drivers for cgi/llm (used by tests/it/t_llm.sh). */
#ifndef AG_CLI_LLM_CMD_H
#define AG_CLI_LLM_CMD_H

/* agentgen llm-chat --base-url URL --kind openai|azure|watsonx|ollabridge --model M
 *   [--key-env VAR] [--tools-json FILE] [--message TEXT] [--system TEXT] [--tool-result TEXT]
 *   [--project-id ID] [--iam-url URL] [--api-version V] [--retries N] [--retry-base-ms MS]
 *   [--timeout-ms MS] [--cancel-after-ms MS] [--repeat N] [--stamp]
 * Streams the reply to stdout, then one JSON result line per call. Exit 0 ok, 1 provider
 * error, 2 usage, 130 cancelled (SIGINT or --cancel-after-ms). */
int cmd_llm_chat(int argc, char **argv);
/* agentgen ollabridge-pair --base-url URL --code CODE [--token-file FILE] [--verify]
 * Exit 0 paired, 1 refused or failed, 2 usage. */
int cmd_ollabridge_pair(int argc, char **argv);

#endif
