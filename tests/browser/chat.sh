#!/bin/bash
# SPDX-License-Identifier: MIT
# chat.sh BINDIR - issue 6 acceptance 3 in headless Chromium: a chat turn with a tool card and
# the Stop button on the Test surface, and the Run console's live log and filters, at 1440x900
# and 390x844 (screenshots in tests/browser/out/). Run by tests/it/t_browser.sh with the stack in
# $BASE / $DIR. Starts tests/fakes/llm_fake.py as the provider and removes it again afterwards.
set -eu
: "${BASE:?run me from tests/it/t_browser.sh}" "${DIR:?}"
BIN=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/agentgen-chat.XXXXXX)
FAKE_PID=""
PROV=""
# sqlite3 with a busy timeout: the runner and workers write while the test pokes
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
cleanup() {
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2> /dev/null || true; fi
    if [ -n "$PROV" ]; then db "DELETE FROM providers WHERE id = $PROV"; fi
    rm -rf "$T"
}
trap cleanup EXIT
python3 - "$T/script.json" << 'PY'
import json, sys
models = {"b-run": [{"text": "A report, streamed.", "chunk": 4, "delay_ms": 40}]}
for tag in ("desktop", "mobile"):
    args = {"path": "notes/%s.md" % tag, "content": "# Notes\n<b>not bold</b>"}
    models["b-tool-" + tag] = [{"tool_calls": [{"id": "call_" + tag, "name": "file_writer",
                                                "arguments": json.dumps(args)}], "delay_ms": 60},
                               {"echo_tool": True}]
    # a tool call first (its usage reaches the inspector while the reply streams), then slowly
    note = {"path": "usage/%s.md" % tag, "content": "usage"}
    models["b-slow-" + tag] = [{"tool_calls": [{"id": "call_u_" + tag, "name": "file_writer",
                                                "arguments": json.dumps(note)}], "delay_ms": 300},
                               {"text": "slowly " * 60, "chunk": 3, "delay_ms": 120}]
json.dump({"models": models}, open(sys.argv[1], "w"))
PY
/usr/bin/python3 "$TOP/tests/fakes/llm_fake.py" --port 0 --script "$T/script.json" --device-token "" \
    > "$T/fake.port" 2> "$T/fake.log" &
FAKE_PID=$!
for _ in $(seq 1 100); do [ -s "$T/fake.port" ] && break; sleep 0.05; done
FPORT=$(head -n 1 "$T/fake.port")
PROV=$(db "UPDATE providers SET is_default = 0; INSERT INTO providers (kind, name, base_url, models, default_model, is_default) VALUES ('openai', 'browser fake', 'http://127.0.0.1:$FPORT/v1', 'b-tool-desktop,b-tool-mobile,b-slow-desktop,b-slow-mobile', 'b-run', 1) RETURNING id")
SPEC='{"spec_version":1,"name":"Browser chat","slug":"browser_chat","description":"Notes","framework":"crewai","hyperscaler":null,"model":"gpt-5.1","pattern":"supervisor","memory":false,"permission":"safe","tools":[{"id":"file_writer"}],"agents":[{"id":"researcher","role":"Researcher","goal":"Find facts","backstory":"Careful.","model":null,"tools":[]},{"id":"writer","role":"Note writer","goal":"Write notes to files","backstory":"Clear and brief.","model":null,"tools":["file_writer"]}],"tasks":[{"id":"research_task","description":"Research the topic","expected_output":"Facts","agent":"researcher","depends_on":[]},{"id":"writing_task","description":"Write the notes","expected_output":"Markdown","agent":"writer","depends_on":["research_task"]}]}'
PROJECT=$(db "INSERT INTO projects (name, slug, idea, framework, pattern, model, spec_json) VALUES ('Browser chat', 'browser_chat', 'Notes', 'crewai', 'supervisor', 'gpt-5.1', '$SPEC') RETURNING id")
user="chat$$"
pw="chat-test-pass-$$-$RANDOM$RANDOM"
echo "$pw" | AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" user add "$user" --role editor --password-stdin > /dev/null
BASE="$BASE" AG_USER="$user" AG_PASSWORD="$pw" PROJECT="$PROJECT" node "$TOP/tests/browser/chat.mjs"
