#!/bin/bash
# SPDX-License-Identifier: MIT
# t_pages_runs.sh BINDIR - the pages of issue 6 without JavaScript, on the running stack ($BASE,
# $DIR from run.sh), signed in with a cookie like a browser: Settings > Providers CRUD through
# the form, the Test surface (no-provider notice; a chat turn posted as a form, 303, the page
# showing the finished reply and a tool card; Ask-mode Approve form; Stop form), transcript.md
# and trace.json, and the Run console (Run form on the project page, filters, usage).
set -eu
BIN=$(cd "${1:-build/san}" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${BASE:?run from tests/it/run.sh}" "${DIR:?run from tests/it/run.sh}"
T=$(mktemp -d /tmp/agentgen-pages.XXXXXX)
FAKE_PID=""
cleanup() {
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2> /dev/null || true; fi
    rm -rf "$T"
}
trap cleanup EXIT
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
# sqlite3 with a busy timeout: the runner and workers write while tests read and poke
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
pass=0
fail=0
check() {
    local name=$1 rc
    shift
    set +e
    ( set -e; [ -n "${TRACE:-}" ] && set -x; "$@" ) > "$T/last.out" 2>&1
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); echo "ok   $name"; else
        fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/     /' "$T/last.out" | tail -n 30
    fi
}

cat > "$T/script.json" << 'EOF2'
{"models": {
  "p-stream": [{"text": "A supervisor reply streamed in small chunks.", "chunk": 6, "delay_ms": 10}],
  "p-tool": [{"tool_calls": [{"id": "call_p1", "name": "file_writer",
                              "arguments": "{\"path\": \"notes.md\", \"content\": \"<b>bold</b> notes\"}"}]},
             {"echo_tool": true}],
  "p-ask": [{"tool_calls": [{"id": "call_q1", "name": "file_writer",
                             "arguments": "{\"path\": \"asked.txt\", \"content\": \"after approval\"}"}]},
            {"echo_tool": true}],
  "p-pause": [{"text": "one step of the run, streamed slowly enough to be paused by a test", "chunk": 6, "delay_ms": 150}],
  "p-slow": [{"text": "slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow", "chunk": 2, "delay_ms": 150}]
}}
EOF2
"$PY" "$TOP/tests/fakes/llm_fake.py" --port 0 --script "$T/script.json" --record "$T/rec.jsonl" \
    --device-token "" > "$T/fake.port" 2> "$T/fake.log" &
FAKE_PID=$!
for _ in $(seq 1 100); do [ -s "$T/fake.port" ] && break; sleep 0.05; done
FPORT=$(head -n 1 "$T/fake.port")

# ---- sign in as an admin with a cookie, like a browser ----
JAR="$T/jar"
PW="pages-admin-$$-$RANDOM$RANDOM"
echo "$PW" | AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" user add "pages$$" --role admin --password-stdin > /dev/null
csrf_of() { grep -o 'name="_csrf" value="[^"]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'; }
curl -s -c "$JAR" -b "$JAR" -o "$T/login.html" "$BASE/login"
curl -s -o /dev/null -c "$JAR" -b "$JAR" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf_of "$T/login.html")" \
    -d "name=pages$$" --data-urlencode "password=$PW" "$BASE/login"
get() { curl -s -b "$JAR" "$@"; }
CSRF=""
refresh_csrf() { get -o "$T/csrf.html" "$BASE/test"; CSRF=$(csrf_of "$T/csrf.html"); [ -n "$CSRF" ]; }
# post PATH FIELDS... -> prints "<status> <location>"
post() {
    local path=$1; shift
    local args=()
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -o "$T/post.html" -D "$T/post.h" -w '%{http_code}' -b "$JAR" -H "Origin: $BASE" \
        --data-urlencode "_csrf=$CSRF" "${args[@]}" "$BASE$path" > "$T/post.code"
    printf '%s %s\n' "$(cat "$T/post.code")" "$(tr -d '\r' < "$T/post.h" | sed -n 's/^Location: //Ip')"
}
# until_page URL PATTERN [SECONDS]: polls the page until grep -E PATTERN matches
until_page() {
    local n=$((${3:-15} * 10))
    for _ in $(seq 1 "$n"); do
        get -o "$T/page.html" "$1"
        grep -Eq "$2" "$T/page.html" && return 0
        sleep 0.1
    done
    echo "timed out waiting for /$2/ on $1"; sed -n '/<main/,/<\/main>/p' "$T/page.html" | head -n 60; return 1
}

SPEC='{"spec_version":1,"name":"Pages test","slug":"pages_test","description":"Notes","framework":"crewai","hyperscaler":null,"model":"gpt-5.1","pattern":"supervisor","memory":false,"permission":"safe","tools":[{"id":"file_writer"}],"agents":[{"id":"researcher","role":"Researcher","goal":"Find facts","backstory":"Careful.","model":null,"tools":[]},{"id":"writer","role":"Writer <i>","goal":"Write it up","backstory":"Clear.","model":null,"tools":["file_writer"]}],"tasks":[{"id":"research_task","description":"Research the topic","expected_output":"Facts","agent":"researcher","depends_on":[]},{"id":"writing_task","description":"Write the report","expected_output":"Markdown","agent":"writer","depends_on":["research_task"]}]}'
PID=$(db "INSERT INTO projects (name, slug, idea, framework, pattern, model, spec_json) VALUES ('Pages test', 'pages_test', 'Notes', 'crewai', 'supervisor', 'gpt-5.1', '$SPEC') RETURNING id")

t_no_provider() {
    refresh_csrf
    if [ "$(db 'SELECT count(*) FROM providers')" = 0 ]; then
        grep -q 'No model provider is configured' "$T/csrf.html"
        grep -q 'href="/settings/providers"' "$T/csrf.html"
    else
        echo "providers exist already (an earlier script): notice not checked"
    fi
    grep -q 'href="/test" class="rail-item active"' "$T/csrf.html"
    grep -q 'href="/settings/providers"' "$T/csrf.html"  # the admin's Settings rail item
    # the rail lists the project's agents, escaped
    grep -q "href=\"/test?project=$PID&amp;agent=writer\"" "$T/csrf.html"
    grep -q 'Writer &lt;i&gt;' "$T/csrf.html"
}

t_providers_form() {
    refresh_csrf
    [ "$(get -o /dev/null -w '%{http_code}' "$BASE/settings/providers")" = 200 ]
    # a key instead of a reference is refused, the form comes back with the values
    set -- kind=openai "baseUrl=http://127.0.0.1:$FPORT/v1" "models=p-tool, p-ask,p-slow" \
        defaultModel=p-stream isDefault=1
    [ "$(post /settings/providers "$@" name=fake apiKeyRef=sk-live-123)" = "422 " ]
    grep -q 'never the key itself' "$T/post.html" && grep -q 'aria-invalid="true"' "$T/post.html"
    grep -q "value=\"http://127.0.0.1:$FPORT/v1\"" "$T/post.html"
    [ "$(post /settings/providers "$@" name=fake apiKeyRef=)" = "303 /settings/providers?saved=1" ]
    id=$(db "SELECT id FROM providers WHERE name = 'fake'")
    get "$BASE/settings/providers?saved=1" | grep -q "Provider saved"
    get "$BASE/settings/providers?edit=$id" | grep -q "action=\"/settings/providers/$id\""
    [ "$(post "/settings/providers/$id" "$@" apiKeyRef=env:FAKE_KEY name=fake-llm)" = "303 /settings/providers?saved=1" ]
    [ "$(db "SELECT name || ' ' || api_key_ref || ' ' || is_default FROM providers WHERE id = $id")" = "fake-llm env:FAKE_KEY 1" ]
    # back to no key for the fake; then add and delete a second one (with confirmation)
    [ "$(post "/settings/providers/$id" "$@" apiKeyRef= name=fake-llm)" = "303 /settings/providers?saved=1" ]
    [ "$(post /settings/providers kind=ollabridge name=temp baseUrl=http://127.0.0.1:9/ apiKeyRef=env:OB_TOKEN)" = "303 /settings/providers?saved=1" ]
    tid=$(db "SELECT id FROM providers WHERE name = 'temp'")
    get "$BASE/settings/providers/$tid/delete" | grep -q 'Delete <strong>temp</strong>'
    [ "$(post "/settings/providers/$tid/delete")" = "200 " ]   # no confirm: the question again
    [ "$(post "/settings/providers/$tid/delete" confirm=1)" = "303 /settings/providers?deleted=1" ]
    [ "$(db "SELECT count(*) FROM providers WHERE name = 'temp'")" = 0 ]
    # the model picker offers the provider's models
    get "$BASE/test?project=$PID&agent=writer" | grep -q '<option value="p-ask">p-ask · fake-llm</option>'
}

t_chat_nojs() {
    refresh_csrf
    get "$BASE/test?project=$PID&agent=writer" > "$T/start.html"
    grep -q 'action="/test/sessions"' "$T/start.html"
    out=$(post /test/sessions "project=$PID" agent=writer permission=dev model=p-tool "text=write the notes")
    echo "$out" | grep -Eq '^303 /test/[0-9]+$'
    sid=${out##*/}
    echo "$sid" > "$T/sid"
    until_page "$BASE/test/$sid" 'tool said: '
    grep -q '<details class="tool-card">' "$T/page.html"
    grep -q '<code>file_writer</code>' "$T/page.html"
    grep -q '&lt;b&gt;bold&lt;/b&gt; notes' "$T/page.html"   # arguments shown, escaped
    grep -q '<h1 id="test-h">Writer &lt;i&gt;</h1>' "$T/page.html"  # (ClearSilver alt: would not escape)
    ! grep -q 'Writer <i>\|<b>bold' "$T/page.html"
    grep -q 'class="msg msg-user"' "$T/page.html" && grep -q 'write the notes' "$T/page.html"
    ! grep -q 'http-equiv="refresh"' "$T/page.html"
    grep -q 'value="dev" checked' "$T/page.html"
    grep -q "href=\"/test/$sid/transcript.md\"" "$T/page.html"
}

t_exports() {
    sid=$(cat "$T/sid")
    # the runner stores the reply, appends run.done and then marks the run done: wait for all
    # three before reading the exports, so the check does not race the runner
    for _ in $(seq 1 100); do
        get "$BASE/test/$sid/trace.json" > "$T/trace.json" || true
        grep -q '"type":"run.done"' "$T/trace.json" && grep -q '"state":"done"' "$T/trace.json" && break
        sleep 0.1
    done
    curl -s -b "$JAR" -D "$T/md.h" -o "$T/t.md" "$BASE/test/$sid/transcript.md"
    grep -qi '^Content-Type: text/markdown' "$T/md.h"
    grep -qi "^Content-Disposition: attachment; filename=\"session-$sid.md\"" "$T/md.h"
    grep -q '^## User$' "$T/t.md" && grep -q '^write the notes$' "$T/t.md"
    grep -q '^## Tool call: file_writer$' "$T/t.md" && grep -q '^## Assistant$' "$T/t.md"
    grep -q '"path": "notes.md"' "$T/t.md"
    get "$BASE/test/$sid/trace.json" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
assert d["sessionId"] == int(sys.argv[1]) and d["agentId"] == "writer", d
run = d["runs"][0]
kinds = [e["data"]["event"]["kind"] for e in run["events"] if e["type"] == "run.event"]
assert "tool.invoke" in kinds and "tool.result" in kinds, kinds
assert run["events"][-1]["type"] == "run.done" and run["state"] == "done", run["events"][-1]
assert [e["seq"] for e in run["events"]] == list(range(1, len(run["events"]) + 1))
print(len(run["events"]), "events")' "$sid"
}

t_ask_approve() {
    refresh_csrf
    out=$(post /test/sessions "project=$PID" agent=writer permission=ask model=p-ask "text=ask first")
    sid=${out##*/}
    until_page "$BASE/test/$sid" 'Approval needed'
    grep -q 'http-equiv="refresh" content="2"' "$T/page.html"
    # the inspector's usage while the turn waits: the tool-calling LLM call's tokens (carried by
    # its tool.invoke event) and an elapsed time the script ticks on
    grep -Eq 'data-usage data-tokens-in="[1-9][0-9]*" data-tokens-out="[1-9][0-9]*" data-cost="[0-9.]+" data-elapsed-ms="[0-9]+" data-ticking' "$T/page.html"
    grep -q "action=\"/test/$sid/approvals/call_q1\"" "$T/page.html"
    run=$(db "SELECT max(id) FROM runs WHERE session_id = $sid")
    [ ! -e "$DIR/runs/$run/asked.txt" ]
    [ "$(post "/test/$sid/approvals/call_q1" approve=1)" = "303 /test/$sid" ]
    until_page "$BASE/test/$sid" 'tool said: '
    [ "$(cat "$DIR/runs/$run/asked.txt")" = "after approval" ]
    until_page "$BASE/test/$sid" 'badge st-done'
    tin=$(db "SELECT tokens_in FROM runs WHERE id = $run")
    [ "$tin" -gt 0 ] && grep -q "data-tokens-in=\"$tin\"" "$T/page.html" && ! grep -q 'data-ticking' "$T/page.html"
}

t_stop_form() {
    refresh_csrf
    sid=$(cat "$T/sid")
    [ "$(post "/test/$sid/messages" model=p-slow "text=go slowly")" = "303 /test/$sid" ]
    until_page "$BASE/test/$sid" 'data-live-text>slow'
    grep -q 'http-equiv="refresh" content="2"' "$T/page.html"
    grep -q ">Refresh</a>" "$T/page.html"
    grep -q "data-stream=\"/api/runs/[0-9]*/stream?after=[0-9]*\"" "$T/page.html"
    grep -q 'form="stop-form" class="danger" data-stop>Stop</button>' "$T/page.html"
    # a second message while the turn runs is refused
    [ "$(post "/test/$sid/messages" "text=too soon")" = "409 " ]
    [ "$(post "/test/$sid/stop")" = "303 /test/$sid" ]
    until_page "$BASE/test/$sid" 'badge st-cancelled">stopped' 5
    run=$(db "SELECT max(id) FROM runs WHERE session_id = $sid")
    [ "$(db "SELECT state FROM runs WHERE id = $run")" = cancelled ]
    ! grep -q 'http-equiv="refresh"' "$T/page.html"
    # the permission control posts and sticks
    [ "$(post "/test/$sid/permission" permission=safe)" = "303 /test/$sid" ]
    get "$BASE/test/$sid" | grep -q 'value="safe" checked'
    [ "$(post "/test/$sid/permission" permission=root)" = "400 " ]
}

t_run_console() {
    refresh_csrf
    get "$BASE/projects/$PID" | grep -q "action=\"/projects/$PID/runs\""
    out=$(post "/projects/$PID/runs" "input=about pages" permission=safe)
    echo "$out" | grep -Eq '^303 /runs/[0-9]+$'
    run=${out##*/}
    until_page "$BASE/runs/$run" 'badge st-done" data-run-state>done'
    grep -q '<progress max="2" value="2">' "$T/page.html"
    grep -q 'data-group="messages"' "$T/page.html" && grep -q 'data-group="thoughts"\|data-group="other"' "$T/page.html"
    grep -q 'class="ev-stamp">+[0-9.]*s<' "$T/page.html"
    grep -q '<th scope="row">Total</th><td class="num">[1-9]' "$T/page.html"
    grep -q 'A supervisor reply streamed' "$T/page.html"
    get "$BASE/runs/$run?filter=messages" > "$T/m.html"
    grep -q 'data-filter-link="messages" aria-current="true"' "$T/m.html"
    [ "$(grep -c 'data-group="messages"' "$T/m.html")" = 2 ]
    ! grep -q 'data-group="other"' "$T/m.html"
    get "$BASE/runs/$run?filter=tools" | grep -q 'No events of this kind'
    # a chat turn's console shows its tool events under Tools
    sid=$(cat "$T/sid")
    crun=$(db "SELECT min(id) FROM runs WHERE session_id = $sid")
    get "$BASE/runs/$crun?filter=tools" | grep -q 'class="ev ev-tools" data-group="tools"'
    # Stop through the console's form
    # the model comes with the form: switching it in the DB after the post raced the runner
    out=$(post "/projects/$PID/runs" "input=slow one" permission=safe model=p-slow)
    run=${out##*/}
    [ "$(db "SELECT model FROM runs WHERE id = $run")" = p-slow ]
    [ "$(post "/runs/$run/stop")" = "303 /runs/$run" ]
    until_page "$BASE/runs/$run" 'badge st-cancelled" data-run-state>stopped' 5
    [ "$(get -o /dev/null -w '%{http_code}' "$BASE/runs/999999")" = 404 ]
}

# upload FILE [CSRF] -> prints "<status> <location>" (multipart, like the rail's form)
upload() {
    curl -s -o "$T/post.html" -D "$T/post.h" -w '%{http_code}' -b "$JAR" -H "Origin: $BASE" \
        -F "_csrf=${2-$CSRF}" -F "spec=@$1;type=application/json" "$BASE/test/load" > "$T/post.code"
    printf '%s %s\n' "$(cat "$T/post.code")" "$(tr -d '\r' < "$T/post.h" | sed -n 's/^Location: //Ip')"
}

t_load_file() {
    refresh_csrf
    grep -q 'action="/test/load" enctype="multipart/form-data"' "$T/csrf.html"
    grep -q 'Load from file…' "$T/csrf.html"
    n0=$(db "SELECT count(*) FROM projects")
    # bad files: each refused with the form's error, nothing created
    printf '{"spec_version": 1, "name": ' > "$T/bad.json"
    [ "$(upload "$T/bad.json")" = "422 " ]
    grep -q 'not valid JSON' "$T/post.html" && grep -q 'id="load-err"' "$T/post.html"
    echo '{"spec_version": 1, "name": "No agents"}' > "$T/nospec.json"
    [ "$(upload "$T/nospec.json")" = "422 " ]
    grep -q 'not a valid spec' "$T/post.html"
    "$PY" -c 'import sys; sys.stdout.write("{\"x\": \"" + "a" * 300000 + "\"}")' > "$T/big.json"
    [ "$(upload "$T/big.json")" = "422 " ]
    grep -q 'over 256 KiB' "$T/post.html"
    : > "$T/empty.json"
    [ "$(upload "$T/empty.json")" = "400 " ]
    [ "$(upload "$T/bad.json" wrong-token | cut -c1-3)" = "403" ]
    [ "$(db "SELECT count(*) FROM projects")" = "$n0" ]
    # a valid spec with hostile strings: a project (with files and a history row) and a session
    echo "$SPEC" | "$PY" -c '
import json, sys
s = json.load(sys.stdin)
s["name"] = "Loaded <script>alert(1)</script> & \"q\""
s["slug"] = "loaded_spec"
s["agents"][0]["role"] = "Role <img src=x onerror=alert(2)>"
s["agents"][0]["goal"] = "Goal </dd><b>bold</b>"
json.dump(s, open(sys.argv[1], "w"))' "$T/good.json"
    out=$(upload "$T/good.json")
    echo "$out" | grep -Eq '^303 /test/[0-9]+$'
    sid=${out##*/}
    pid=$(db "SELECT project_id FROM chat_sessions WHERE id = $sid")
    [ "$(db "SELECT name FROM projects WHERE id = $pid")" = 'Loaded <script>alert(1)</script> & "q"' ]
    [ "$(db "SELECT agent_id FROM chat_sessions WHERE id = $sid")" = researcher ]
    [ "$(db "SELECT n_files > 3 FROM projects WHERE id = $pid")" = 1 ]
    [ "$(db "SELECT count(*) FROM history WHERE project_id = $pid")" -ge 1 ]
    get "$BASE/test/$sid" > "$T/loaded.html"
    grep -q 'Role &lt;img src=x onerror=alert(2)&gt;' "$T/loaded.html"
    grep -q 'Goal &lt;/dd&gt;&lt;b&gt;bold&lt;/b&gt;' "$T/loaded.html"
    grep -q 'Loaded &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;\|Loaded &lt;script&gt;alert(1)&lt;/script&gt; &amp; "q"' "$T/loaded.html"
    ! grep -q '<script>alert\|<img src=x\|<b>bold' "$T/loaded.html"
    get "$BASE/projects" | grep -q "href=\"/projects/$pid\""
}

# Pause, a message and Resume through the console's forms; the trace tree; 409 once finished
t_console_control() {
    refresh_csrf
    out=$(post "/projects/$PID/runs" "input=pause from the page" permission=safe model=p-pause)
    run=${out##*/}
    [ "$(post "/runs/$run/pause")" = "303 /runs/$run" ]
    until_page "$BASE/runs/$run" 'badge st-paused" data-run-state>paused' 10
    grep -q "action=\"/runs/$run/resume\"" "$T/page.html"
    grep -q "action=\"/runs/$run/stop\"" "$T/page.html"
    grep -q "action=\"/runs/$run/messages\"" "$T/page.html"
    grep -q 'class="trace-tree"' "$T/page.html"
    grep -q 'class="ev-kind">paused<' "$T/page.html"
    # while it runs, the Total row is the sum of the agents' rows (the run's own totals come at
    # the end)
    "$PY" - "$T/page.html" << 'PY'
import re, sys
h = open(sys.argv[1]).read()
body = h[h.index('<table class="table usage"'):h.index('</table>', h.index('<table class="table usage"'))]
rows = re.findall(r'<tr><td><code>[^<]*</code></td><td class="num">(\d+)</td><td class="num">(\d+)</td>', body)
total = re.search(r'<th scope="row">Total</th><td class="num">(\d+)</td><td class="num">(\d+)</td>', body)
assert rows and total, body
assert [sum(int(r[i]) for r in rows) for i in (0, 1)] == [int(total.group(1)), int(total.group(2))], (rows, total.groups())
print("usage while paused:", rows, total.groups())
PY
    [ "$(post "/runs/$run/messages" "content=   ")" = "400 " ]
    [ "$(post "/runs/$run/messages" "content=Mind the <bananas>.")" = "303 /runs/$run" ]
    [ "$(post "/runs/$run/resume")" = "303 /runs/$run" ]
    until_page "$BASE/runs/$run" 'badge st-done" data-run-state>done' 15
    grep -q 'class="badge">from user</span>' "$T/page.html"
    grep -q 'Mind the &lt;bananas&gt;.' "$T/page.html"
    grep -q 'class="ev-kind">resumed<' "$T/page.html"
    # the trace: the run, a span per task, LLM calls with durations and tokens, the message
    "$PY" - "$T/page.html" << 'PY'
import re, sys
h = open(sys.argv[1]).read()
t = h[h.index('class="trace-tree"'):h.index('id="log-h"')]
assert t.count('class="tr-span"') == 2, t
assert re.search(r'<code>researcher</code> · research_task</span> <span class="tr-off muted">\+[0-9.]+s</span> <span class="tr-dur">[0-9.]+ m?s</span>', t), t
assert len(re.findall(r'class="tr-call tr-llm tr-ok"><span class="tr-label">LLM call</span> <span class="tr-off muted">\+[0-9.]+s</span> <span class="tr-dur">[0-9.]+ m?s</span> <span class="muted">[1-9][0-9]* tokens', t)) == 2, t
assert 'tr-call tr-user' in t and 'tr-open' not in t, t
PY
    [ "$(post "/runs/$run/messages" "content=too late")" = "409 " ]
    [ "$(post "/runs/$run/pause")" = "303 /runs/$run" ]
    # a chat turn's trace shows its tool call with a duration
    crun=$(db "SELECT min(id) FROM runs WHERE session_id = $(cat "$T/sid")")
    get "$BASE/runs/$crun" | grep -q 'class="tr-call tr-tool tr-ok"><span class="tr-label">tool <code>file_writer</code></span> <span class="tr-off muted">+[0-9.]*s</span> <span class="tr-dur">[0-9.]* m\?s</span>'
}

check "test page: rail of agents, no-provider notice, Settings link" t_no_provider
check "providers: add (key refused), edit, delete with confirmation, via the form" t_providers_form
check "no-JS chat turn: form post, 303, finished reply and tool card" t_chat_nojs
check "transcript.md and trace.json" t_exports
check "Load from file: a spec JSON becomes a project and a session; bad files create nothing" t_load_file
check "Ask mode: Approve form, the tool runs after approval" t_ask_approve
check "Stop form cancels a running turn; refresh while running; permission form" t_stop_form
check "run console: Run form, filters, stamps, usage, Stop form" t_run_console
check "run console: Pause, message and Resume forms; trace tree; 409 when finished" t_console_control
echo "t_pages_runs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
