#!/bin/bash
# SPDX-License-Identifier: MIT
# t_runs.sh BINDIR - agent runs and chat turns on the running stack ($BASE, $DIR from run.sh):
# tests/fakes/llm_fake.py as the provider, the runner executing, agentgen-stream streaming
# through nginx. Token streaming, tool call with the real file_writer fed back, Ask mode,
# Stop within 1 s, Last-Event-ID resume with no loss or duplicates, runner kill -9 recovery.
set -eu
BIN=$(cd "${1:-build/san}" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${BASE:?run from tests/it/run.sh}" "${DIR:?run from tests/it/run.sh}"
AUTH=${AUTH_HEADER:-X-None: 1}
T=$(mktemp -d /tmp/agentgen-runs.XXXXXX)
FAKE_PID=""
cleanup() {
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2> /dev/null || true; fi
    rm -rf "$T"
}
trap cleanup EXIT
J='Content-Type: application/json'
PY=/usr/bin/python3 # not a pyenv shim: its start-up second would distort the timings
[ -x "$PY" ] || PY=python3
# sqlite3 with a busy timeout: the runner and workers write while tests read and poke
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
pass=0
fail=0
check() {
    local name=$1 rc
    shift
    set +e
    ( set -e; "$@" ) > "$T/last.out" 2>&1
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); echo "ok   $name"; else
        fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/     /' "$T/last.out" | tail -n 30
    fi
}

cat > "$T/script.json" << 'EOF'
{"models": {
  "m-stream": [{"text": "Streaming tokens one by one through nginx to the browser.", "chunk": 4, "delay_ms": 60}],
  "m-tool": [{"tool_calls": [{"id": "call_w1", "name": "file_writer",
                              "arguments": "{\"path\": \"out/report.md\", \"content\": \"# Report\\nwritten by the agent\"}"}]},
             {"echo_tool": true}],
  "m-ask": [{"tool_calls": [{"id": "call_a1", "name": "file_writer",
                             "arguments": "{\"path\": \"ask.txt\", \"content\": \"approved write\"}"}]},
            {"echo_tool": true}],
  "m-safe": [{"tool_calls": [{"id": "call_s1", "name": "file_writer",
                              "arguments": "{\"path\": \"nope.txt\", \"content\": \"x\"}"}]},
             {"echo_tool": true}],
  "m-ask2": [{"tool_calls": [{"id": "call_c1", "name": "file_writer",
                              "arguments": "{\"path\": \"c.txt\", \"content\": \"later\"}"}]},
             {"echo_tool": true}],
  "m-pause": [{"text": "one step of the run, streamed slowly enough to be paused by a test", "chunk": 6, "delay_ms": 150}],
  "m-slow": [{"text": "slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow", "chunk": 2, "delay_ms": 150}]
}}
EOF
"$PY" "$TOP/tests/fakes/llm_fake.py" --port 0 --script "$T/script.json" \
    --record "$T/rec.jsonl" --device-token "" > "$T/fake.port" 2> "$T/fake.log" &
FAKE_PID=$!
for _ in $(seq 1 100); do [ -s "$T/fake.port" ] && break; sleep 0.05; done
FPORT=$(head -n 1 "$T/fake.port")

# provider (through the admin API: the key reference is an env: name, never a key) + project
curl -fsS -H "$AUTH" -H "$J" -d "{\"kind\":\"openai\",\"name\":\"fake\",\"baseUrl\":\"http://127.0.0.1:$FPORT/v1\",\"defaultModel\":\"m-stream\",\"apiKeyRef\":\"\",\"isDefault\":true}" \
    "$BASE/api/providers" > "$T/prov.json"
SPEC='{"spec_version":1,"name":"Runs test","slug":"runs_test","description":"Report on a topic","framework":"crewai","hyperscaler":null,"model":"gpt-5.1","pattern":"supervisor","memory":false,"permission":"safe","tools":[{"id":"file_writer"}],"agents":[{"id":"researcher","role":"Researcher","goal":"Find facts","backstory":"Careful.","model":null,"tools":[]},{"id":"writer","role":"Writer","goal":"Write it up","backstory":"Clear.","model":null,"tools":["file_writer"]}],"tasks":[{"id":"research_task","description":"Research the topic","expected_output":"Facts","agent":"researcher","depends_on":[]},{"id":"writing_task","description":"Write the report","expected_output":"Markdown","agent":"writer","depends_on":["research_task"]}]}'
PID=$(db "INSERT INTO projects (name, slug, idea, framework, pattern, model, spec_json) VALUES ('Runs test', 'runs_test', 'Report', 'crewai', 'supervisor', 'm-stream', '$SPEC') RETURNING id")

api() { curl -fsS -H "$AUTH" -H "$J" "$@"; }
jget() { "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(eval("d" + sys.argv[1]))' "$1"; }
# sse URL [HEADER] -> writes "<t> <id> <type> <data>" lines to stdout until the stream ends
sse() {
    "$PY" - "$@" << 'PY'
import sys, time, urllib.request, os
url = sys.argv[1]; hdrs = {}
auth = os.environ["AUTH"].split(": ", 1); hdrs[auth[0]] = auth[1]
if len(sys.argv) > 2: hdrs["Last-Event-ID"] = sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 0
t0 = time.monotonic(); n = 0
with urllib.request.urlopen(urllib.request.Request(url, headers=hdrs), timeout=30) as r:
    assert r.headers["Content-Type"].startswith("text/event-stream"), r.headers["Content-Type"]
    ev = {}
    for line in r:
        line = line.decode().rstrip("\n")
        if line.startswith("id: "): ev["id"] = line[4:]
        elif line.startswith("event: "): ev["type"] = line[7:]
        elif line.startswith("data: "): ev["data"] = line[6:]
        elif line == "" and ev:
            print("%.3f %s %s %s" % (time.monotonic() - t0, ev.get("id"), ev.get("type"), ev.get("data")), flush=True)
            ev = {}; n += 1
            if limit and n >= limit: os._exit(0)  # drop the connection mid-stream
PY
}
export AUTH
wait_state() { # RUN STATE... : waits up to 15 s for the run to reach one of the states
    local run=$1; shift
    for _ in $(seq 1 150); do
        st=$(api "$BASE/api/runs/$run" | jget '["state"]')
        for want in "$@"; do [ "$st" = "$want" ] && return 0; done
        sleep 0.1
    done
    echo "run $run is $st, wanted $*"; return 1
}

t_supervisor_stream() {
    api -d '{"input":"about SSE","permission":"safe"}' -o "$T/r1.json" -w '%{http_code}\n' "$BASE/api/projects/$PID/runs" | grep -qx 202
    run=$(jget '["runId"]' < "$T/r1.json")
    jget '["stream"]' < "$T/r1.json" | grep -qx "/api/runs/$run/stream"
    sse "$BASE/api/runs/$run/stream" > "$T/s1.txt"
    cat "$T/s1.txt" | cut -c1-150
    tail -n 1 "$T/s1.txt" | grep -q ' run.done {"runId":'"$run"',"ok":true'
    # tokens arrive spread out (the fake sends a chunk every 60 ms), not in one burst
    "$PY" - "$T/s1.txt" << 'PY'
import sys, json
rows = [l.split(" ", 3) for l in open(sys.argv[1])]
toks = [float(r[0]) for r in rows if r[2] == "run.event" and json.loads(r[3])["event"]["kind"] == "token"]
assert len(toks) >= 20, len(toks)
span = toks[-1] - toks[0]
print("tokens:", len(toks), "span %.2fs" % span)
assert span > 0.5, span
ids = [int(r[1]) for r in rows]
assert ids == list(range(1, len(ids) + 1)), ids
msgs = [json.loads(r[3])["event"] for r in rows if r[2] == "run.event" and json.loads(r[3])["event"]["kind"] == "message"]
assert [m["agent"] for m in msgs] == ["researcher", "writer"], msgs
assert all(m["tokens"] > 0 for m in msgs), msgs
PY
    # the second task got the first one's output as context (the fake records requests)
    "$PY" - "$T/rec.jsonl" << 'PY'
import json, sys
chats = [json.loads(l) for l in open(sys.argv[1]) if "chat/completions" in l]
last = chats[-1]["body"]["messages"]
assert last[0]["role"] == "system" and "You are Writer" in last[0]["content"], last[0]
assert "Context from task research_task" in last[1]["content"], last[1]
PY
    api "$BASE/api/runs/$run" | tee /dev/stderr | "$PY" -c 'import json,sys; d=json.load(sys.stdin); assert d["state"]=="done" and d["tokensIn"]>0 and len(d["agents"])==2, d'
    db "SELECT count(*) FROM history WHERE kind = 'run' AND project_id = $PID" | grep -qx 1
}

t_chat_tool() {
    api -d "{\"projectId\":$PID,\"agentId\":\"writer\",\"permission\":\"dev\"}" -o "$T/c.json" "$BASE/api/chat/sessions"
    sid=$(jget '["sessionId"]' < "$T/c.json")
    db "UPDATE chat_sessions SET model = 'm-tool' WHERE id = $sid"
    api -d '{"text":"write the report"}' -o "$T/m.json" "$BASE/api/chat/sessions/$sid/messages"
    run=$(jget '["runId"]' < "$T/m.json")
    sse "$BASE/api/runs/$run/stream" > "$T/s2.txt"
    grep -q '"kind":"tool.invoke".*"tool":"file_writer"' "$T/s2.txt"
    grep -q '"kind":"tool.result"' "$T/s2.txt"
    tail -n 1 "$T/s2.txt" | grep -q '"ok":true'
    # the real tool wrote the file, downloadable; its result was fed back to the LLM
    [ "$(curl -fsS -H "$AUTH" "$BASE/api/runs/$run/files/out/report.md")" = "$(printf '# Report\nwritten by the agent')" ]
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$BASE/api/runs/$run/files/../../agentgen.db")" = 404 ]
    tail -n 1 "$T/rec.jsonl" | "$PY" -c 'import json,sys; m=json.load(sys.stdin)["body"]["messages"]; assert m[-1]["role"]=="tool" and m[-1]["tool_call_id"]=="call_w1" and "report.md" in m[-1]["content"], m[-1]'
    grep -q '"text":"tool said: ' "$T/s2.txt"
    echo "$sid" > "$T/sid"
}

t_safe_refuses() {
    api -d "{\"projectId\":$PID,\"agentId\":\"writer\",\"permission\":\"safe\"}" -o "$T/c.json" "$BASE/api/chat/sessions"
    sid=$(jget '["sessionId"]' < "$T/c.json")
    db "UPDATE chat_sessions SET model = 'm-safe' WHERE id = $sid"
    api -d '{"text":"try to write"}' -o "$T/m.json" "$BASE/api/chat/sessions/$sid/messages"
    run=$(jget '["runId"]' < "$T/m.json")
    sse "$BASE/api/runs/$run/stream" > "$T/s3.txt"
    grep -q '"kind":"error".*"tool":"file_writer".*Safe mode' "$T/s3.txt"
    [ ! -e "$DIR/runs/$run/nope.txt" ]
}

t_ask_mode() {
    api -d "{\"projectId\":$PID,\"agentId\":\"writer\",\"permission\":\"ask\"}" -o "$T/c.json" "$BASE/api/chat/sessions"
    sid=$(jget '["sessionId"]' < "$T/c.json")
    db "UPDATE chat_sessions SET model = 'm-ask' WHERE id = $sid"
    api -d '{"text":"write after asking"}' -o "$T/m.json" "$BASE/api/chat/sessions/$sid/messages"
    run=$(jget '["runId"]' < "$T/m.json")
    wait_state "$run" waiting
    sleep 0.5
    [ "$(api "$BASE/api/runs/$run" | jget '["state"]')" = waiting ]
    [ ! -e "$DIR/runs/$run/ask.txt" ]
    api "$BASE/api/runs/$run/events" | grep -q '"kind":"tool.approval"'
    api -d '{"approve":true}' "$BASE/api/chat/sessions/$sid/approvals/call_a1" | grep -q '"state":"approved"'
    wait_state "$run" done
    [ "$(cat "$DIR/runs/$run/ask.txt")" = "approved write" ]
}

# runner_threads > 1: a run waiting for an approval holds one job thread, not the runner
t_concurrent() {
    api -d "{\"projectId\":$PID,\"agentId\":\"writer\",\"permission\":\"ask\"}" -o "$T/c.json" "$BASE/api/chat/sessions"
    sid=$(jget '["sessionId"]' < "$T/c.json")
    db "UPDATE chat_sessions SET model = 'm-ask2' WHERE id = $sid"
    api -d '{"text":"wait for me"}' -o "$T/m.json" "$BASE/api/chat/sessions/$sid/messages"
    first=$(jget '["runId"]' < "$T/m.json")
    wait_state "$first" waiting
    api -d '{"input":"meanwhile","model":"m-stream"}' -o "$T/r.json" "$BASE/api/projects/$PID/runs"
    second=$(jget '["runId"]' < "$T/r.json")
    wait_state "$second" done
    [ "$(api "$BASE/api/runs/$first" | jget '["state"]')" = waiting ]
    api -d '{"approve":true}' "$BASE/api/runs/$first/approvals/call_c1" | grep -q '"state":"approved"'
    wait_state "$first" done
    [ "$(cat "$DIR/runs/$first/c.txt")" = later ]
}

# the run id without starting python: the Pause that follows must come quickly
run_id() { sed -n 's/.*"runId":\([0-9]*\).*/\1/p' "$1"; }
n_events() { api "$BASE/api/runs/$1/events" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["events"]))'; }

# Pause holds the run between steps (no new events, state paused); a message sent meanwhile is
# logged and reaches the next LLM request as a user message; Resume runs it to the end.
t_pause_inject() {
    api -d '{"input":"pause me","model":"m-pause"}' -o "$T/r.json" "$BASE/api/projects/$PID/runs"
    run=$(run_id "$T/r.json")
    api -X POST "$BASE/api/runs/$run/pause" | grep -q '"state":"pausing"'
    wait_state "$run" paused
    n1=$(n_events "$run")
    sleep 1.5
    [ "$(n_events "$run")" = "$n1" ]
    [ "$(api "$BASE/api/runs/$run" | jget '["state"]')" = paused ]
    api "$BASE/api/runs/$run/events" | grep -q '"type":"run.paused","data":{"runId":'"$run"',"state":"paused"'
    code=$(curl -s -o "$T/msg.json" -w '%{http_code}' -H "$AUTH" -H "$J" -d '{"content":"Please mention bananas."}' "$BASE/api/runs/$run/messages")
    [ "$code" = 202 ] && grep -q '"state":"queued"' "$T/msg.json"
    # bad messages: empty, blank, too long, not JSON text
    for body in '{"content":""}' '{"content":"   "}' '{"content":42}' '{}'; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -H "$J" -d "$body" "$BASE/api/runs/$run/messages")" = 400 ]
    done
    big=$("$PY" -c 'import json; print(json.dumps({"content": "x" * 8001}))')
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -H "$J" -d "$big" "$BASE/api/runs/$run/messages")" = 400 ]
    api -X POST "$BASE/api/runs/$run/resume" | grep -q '"state":"resuming"'
    wait_state "$run" done
    api "$BASE/api/runs/$run/events" > "$T/ev.json"
    "$PY" - "$T/ev.json" "$T/rec.jsonl" << 'PY'
import json, sys
ev = json.load(open(sys.argv[1]))["events"]
types = [e["type"] for e in ev]
assert types.index("run.paused") < types.index("run.resumed") < types.index("run.done"), types
msgs = [e["data"]["event"] for e in ev if e["type"] == "run.event" and e["data"]["event"].get("from") == "user"]
assert len(msgs) == 1 and msgs[0]["kind"] == "message" and msgs[0]["text"] == "Please mention bananas.", msgs
# the next LLM request carried it as the last user message
reqs = [json.loads(l)["body"] for l in open(sys.argv[2]) if "chat/completions" in l]
reqs = [b for b in reqs if b.get("model") == "m-pause"]
hit = [b for b in reqs if b["messages"][-1] == {"role": "user", "content": "Please mention bananas."}]
assert len(hit) == 1, [b["messages"][-1] for b in reqs]
PY
    # a finished run refuses messages and Pause with 409
    [ "$(curl -s -o "$T/e.json" -w '%{http_code}' -H "$AUTH" -H "$J" -d '{"content":"too late"}' "$BASE/api/runs/$run/messages")" = 409 ]
    grep -q '"error":{"code":' "$T/e.json"
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -X POST "$BASE/api/runs/$run/pause")" = 409 ]
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -X POST "$BASE/api/runs/999999/pause")" = 404 ]
    [ "$(db "SELECT count(*) FROM run_inbox WHERE run_id = $run AND taken_at IS NULL")" = 0 ]
}

t_pause_cancel() {
    api -d '{"input":"pause then stop","model":"m-pause"}' -o "$T/r.json" "$BASE/api/projects/$PID/runs"
    run=$(run_id "$T/r.json")
    api -X POST "$BASE/api/runs/$run/pause" > /dev/null
    wait_state "$run" paused
    t0=$(date +%s%N)
    api -X POST "$BASE/api/runs/$run/stop" | grep -q '"state":"stopping"'
    for _ in $(seq 1 300); do
        [ "$(db "SELECT state FROM runs WHERE id = $run")" = cancelled ] && break
        sleep 0.01
    done
    ms=$((($(date +%s%N) - t0) / 1000000))
    echo "cancelled while paused after $ms ms"
    [ "$ms" -lt 1000 ]
    [ "$(db "SELECT paused FROM runs WHERE id = $run")" = 0 ]
}

t_stop() {
    api -d '{"input":"slow","model":"m-slow"}' -o "$T/r.json" "$BASE/api/projects/$PID/runs"
    run=$(jget '["runId"]' < "$T/r.json")
    wait_state "$run" running
    sleep 0.5
    t0=$(date +%s%N)
    api -X POST "$BASE/api/runs/$run/stop" | grep -q '"state":"stopping"'
    for _ in $(seq 1 300); do
        [ "$(db "SELECT state FROM runs WHERE id = $run")" = cancelled ] && break
        sleep 0.01
    done
    ms=$((($(date +%s%N) - t0) / 1000000))
    echo "cancelled after $ms ms"
    [ "$ms" -lt 1000 ]
    api "$BASE/api/runs/$run/events" | "$PY" -c 'import json,sys; e=json.load(sys.stdin)["events"]; assert e[-1]["type"]=="run.done" and e[-1]["data"]["state"]=="cancelled", e[-1]'
}

t_resume() {
    api -d '{"input":"resume","model":"m-slow"}' -o "$T/r.json" "$BASE/api/projects/$PID/runs"
    run=$(jget '["runId"]' < "$T/r.json")
    sse "$BASE/api/runs/$run/stream" "" 8 > "$T/a.txt" || true
    last=$(tail -n 1 "$T/a.txt" | cut -d' ' -f2)
    sleep 0.4
    sse "$BASE/api/runs/$run/stream" "$last" > "$T/b.txt"
    "$PY" - "$T/a.txt" "$T/b.txt" << 'PY'
import sys
a = [int(l.split()[1]) for l in open(sys.argv[1])]
b = [int(l.split()[1]) for l in open(sys.argv[2])]
print("first connection", a[0], "..", a[-1], "second", b[0], "..", b[-1])
assert len(a) == 8 and a + b == list(range(1, len(a) + len(b) + 1)), (a, b)
PY
    tail -n 1 "$T/b.txt" | grep -q ' run.done '
}

t_runner_killed() {
    api -d '{"input":"killed","model":"m-slow"}' -o "$T/r.json" "$BASE/api/projects/$PID/runs"
    run=$(jget '["runId"]' < "$T/r.json")
    wait_state "$run" running
    sleep 0.5
    kill -9 "$(cat "$DIR/runner.pid")"
    sleep 0.2
    AGENTGEN_CONFIG=$DIR/agentgen.conf "$BIN/agentgen-runner" 2>> "$DIR/runner.log" &
    echo $! > "$DIR/runner.pid"
    for _ in $(seq 1 300); do
        st=$(api "$BASE/api/runs/$run" | jget '["state"]')
        case $st in done | failed) break ;; esac
        sleep 0.1
    done
    echo "after restart: $st"
    case $st in done | failed) ;; *) return 1 ;; esac
    api "$BASE/api/runs/$run/events" | grep -q 'previous attempt was interrupted'
    api "$BASE/api/runs/$run/events" | "$PY" -c 'import json,sys; e=json.load(sys.stdin)["events"]; assert e[-1]["type"]=="run.done", e[-1]; assert [x["seq"] for x in e] == list(range(1, len(e)+1))'
}

# SIGTERM: the runner stops claiming, hands its running job back (never left "running") and
# exits; a new runner takes the run again (still paused), and Resume finishes it.
t_runner_sigterm() {
    api -d '{"input":"sigterm","model":"m-pause"}' -o "$T/r.json" "$BASE/api/projects/$PID/runs"
    run=$(run_id "$T/r.json")
    api -X POST "$BASE/api/runs/$run/pause" > /dev/null
    wait_state "$run" paused
    pid=$(cat "$DIR/runner.pid")
    t0=$(date +%s%N)
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    ! kill -0 "$pid" 2> /dev/null
    echo "runner exited $((($(date +%s%N) - t0) / 1000000)) ms after SIGTERM"
    [ "$(db "SELECT state || ' ' || paused FROM runs WHERE id = $run")" = "queued 0" ]
    [ "$(db "SELECT state || ' ' || (lease_until IS NULL) FROM jobs WHERE id = (SELECT job_id FROM runs WHERE id = $run)")" = "queued 1" ]
    api "$BASE/api/runs/$run/events" | grep -q 'the runner is stopping'
    AGENTGEN_CONFIG=$DIR/agentgen.conf "$BIN/agentgen-runner" 2>> "$DIR/runner.log" &
    echo $! > "$DIR/runner.pid"
    wait_state "$run" paused
    api -X POST "$BASE/api/runs/$run/resume" > /dev/null
    wait_state "$run" done
    api "$BASE/api/runs/$run/events" | "$PY" -c 'import json,sys; e=json.load(sys.stdin)["events"]; assert e[-1]["type"]=="run.done" and e[-1]["data"]["ok"], e[-1]; assert [x["seq"] for x in e] == list(range(1, len(e)+1))'
}

t_stream_auth() {
    run=$(db "SELECT max(id) FROM runs")
    if [ "$AUTH" != "X-None: 1" ]; then
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/runs/$run/stream")" = 401 ]
    fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$BASE/api/runs/999999/stream")" = 404 ]
}

check "supervisor run streams tokens through nginx; context passed; accounting" t_supervisor_stream
check "chat turn: real file_writer call, result fed back, file downloadable" t_chat_tool
check "Safe mode refuses a write tool with an error event" t_safe_refuses
check "Ask mode waits for approval, then runs the tool" t_ask_mode
check "a run waiting in Ask mode does not block a second run" t_concurrent
check "Pause holds the run; a sent message reaches the next LLM call; Resume; 409 when finished" t_pause_inject
check "Stop while paused cancels within 1 s" t_pause_cancel
check "Stop cancels a running run within 1 s" t_stop
check "disconnect + Last-Event-ID: every event exactly once" t_resume
check "runner killed mid-run: reclaimed, clear event, never stuck running" t_runner_killed
check "SIGTERM: running job released, not left running; a new runner finishes it" t_runner_sigterm
check "stream: 401 without credentials, 404 for unknown runs" t_stream_auth
echo "t_runs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
