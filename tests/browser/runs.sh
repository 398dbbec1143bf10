#!/bin/bash
# SPDX-License-Identifier: MIT
# runs.sh BINDIR - the Run console's run control in headless Chromium: the live trace tree, Pause,
# a message sent into the paused run, Resume, at 1440x900 and 390x844 (screenshots in
# tests/browser/out/runs-*.png). Run by tests/it/t_browser.sh with the stack in $BASE / $DIR.
# Starts tests/fakes/llm_fake.py as the default provider and removes both again afterwards.
set -eu
: "${BASE:?run me from tests/it/t_browser.sh}" "${DIR:?}"
BIN=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/agentgen-runs.XXXXXX)
FAKE_PID=""
PROV=""
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
cleanup() {
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2> /dev/null || true; fi
    if [ -n "$PROV" ]; then db "DELETE FROM providers WHERE id = $PROV"; fi
    rm -rf "$T"
}
trap cleanup EXIT
# each LLM call streams for ~7.5 s: room for a loaded machine to land Pause before the next step
echo '{"models": {"r-run": [{"text": "One careful step of the run, streamed slowly enough for a person to pause it before the next step.", "chunk": 4, "delay_ms": 300}]}}' > "$T/script.json"
/usr/bin/python3 "$TOP/tests/fakes/llm_fake.py" --port 0 --script "$T/script.json" --device-token "" \
    > "$T/fake.port" 2> "$T/fake.log" &
FAKE_PID=$!
for _ in $(seq 1 100); do [ -s "$T/fake.port" ] && break; sleep 0.05; done
FPORT=$(head -n 1 "$T/fake.port")
PROV=$(db "UPDATE providers SET is_default = 0; INSERT INTO providers (kind, name, base_url, models, default_model, is_default) VALUES ('openai', 'browser runs fake', 'http://127.0.0.1:$FPORT/v1', 'r-run', 'r-run', 1) RETURNING id")
SPEC='{"spec_version":1,"name":"Browser runs","slug":"browser_runs","description":"Notes","framework":"crewai","hyperscaler":null,"model":"gpt-5.1","pattern":"supervisor","memory":false,"permission":"safe","tools":[],"agents":[{"id":"researcher","role":"Researcher","goal":"Find facts","backstory":"Careful.","model":null,"tools":[]},{"id":"writer","role":"Writer","goal":"Write it up","backstory":"Clear.","model":null,"tools":[]}],"tasks":[{"id":"research_task","description":"Research the topic","expected_output":"Facts","agent":"researcher","depends_on":[]},{"id":"writing_task","description":"Write the notes","expected_output":"Markdown","agent":"writer","depends_on":["research_task"]}]}'
PROJECT=$(db "INSERT INTO projects (name, slug, idea, framework, pattern, model, spec_json) VALUES ('Browser runs', 'browser_runs', 'Notes', 'crewai', 'supervisor', 'gpt-5.1', '$SPEC') RETURNING id")
user="runs$$"
pw="runs-test-pass-$$-$RANDOM$RANDOM"
echo "$pw" | AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" user add "$user" --role editor --password-stdin > /dev/null
BASE="$BASE" AG_USER="$user" AG_PASSWORD="$pw" PROJECT="$PROJECT" node "$TOP/tests/browser/runs.mjs"
