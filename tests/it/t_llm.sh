#!/bin/bash
# SPDX-License-Identifier: MIT
# t_llm.sh BINDIR - cgi/llm against tests/fakes/llm_fake.py on loopback, through the hidden
# `agentgen llm-chat` / `agentgen ollabridge-pair` drivers: streaming, tool calls fed back,
# retries, cancel, watsonx IAM caching, Azure, OllaBridge pairing, and that the key never leaks.
set -eu
BIN=$(cd "${1:-build/san}" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DIR=$(mktemp -d /tmp/agentgen-llm.XXXXXX)
KEY="sk-test-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DEVTOK="devtok-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export KEY DEVTOK
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp,print_suppressions=0"
AG="$BIN/agentgen"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
pass=0
fail=0
FAKE_PID=""

cleanup() {
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2> /dev/null || true; fi
    rm -rf "$DIR"
}
trap cleanup EXIT

cat > "$DIR/script.json" << 'EOF'
{"models": {
  "text": [{"text": "Hello there, streaming world! \u00fcn\u00efc\u00f8d\u00e9 \u2713", "chunk": 3, "delay_ms": 25}],
  "tools": [{"tool_calls": [{"id": "call_1", "name": "get_weather",
                             "arguments": "{\"city\": \"Paris\", \"unit\": \"celsius\"}"},
                            {"id": "call_2", "name": "clock", "arguments": "{}"}]},
            {"echo_tool": true}],
  "flaky": [{"status": 429, "retry_after": 1, "message": "Rate limit reached"}, {"text": "after retry"}],
  "broken": [{"status": 500, "message": "upstream exploded"}],
  "slow": [{"text": "slow slow slow slow slow slow slow slow slow slow", "chunk": 2, "delay_ms": 300}],
  "stall": [{"stall_ms": 20000}],
  "cut": [{"text": "abcdefghijklmnop", "chunk": 2, "cut_after": 3}],
  "crlf": [{"text": "carriage returns", "chunk": 5, "crlf": true}],
  "gpt-4o": [{"text": "priced reply", "chunk": 6}]
}}
EOF
cat > "$DIR/tools.json" << 'EOF'
[{"name": "get_weather", "description": "Current weather for a city",
  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
 {"type": "function", "function": {"name": "clock", "description": "The time", "parameters": {"type": "object"}}}]
EOF

"$PY" "$TOP/tests/fakes/llm_fake.py" --port 0 --script "$DIR/script.json" --record "$DIR/rec.jsonl" \
    --key "$KEY" --device-token "$DEVTOK" > "$DIR/fake.port" 2> "$DIR/fake.log" &
FAKE_PID=$!
for _ in $(seq 1 100); do
    [ -s "$DIR/fake.port" ] && break
    sleep 0.05
done
PORT=$(head -n 1 "$DIR/fake.port")
[ -n "$PORT" ] || { echo "FAIL fake did not start"; cat "$DIR/fake.log"; exit 1; }
ROOT="http://127.0.0.1:$PORT"
V1="$ROOT/v1"

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
# check NAME FUNCTION: runs FUNCTION in a subshell with errexit really on (it is ignored inside
# an `if` condition), so any failing step fails the check.
check() {
    local name=$1 rc
    shift
    set +e
    ( set -e; "$@" ) > "$DIR/last.out" 2>&1
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then ok "$name"; else
        bad "$name"
        sed 's/^/     /' "$DIR/last.out" | tail -n 30
    fi
}
# absent PATTERN FILE...: fails when a fixed string occurs in any file
absent() {
    local pat=$1
    shift
    if grep -l -F -- "$pat" "$@"; then echo "found where it must not be"; return 1; fi
}
# chat OUT ARGS... : runs the driver, stdout to OUT.out, stderr to OUT.err, exit code to OUT.rc
chat() {
    local out=$1
    shift
    set +e
    "$AG" llm-chat "$@" > "$DIR/$out.out" 2> "$DIR/$out.err"
    echo $? > "$DIR/$out.rc"
    set -e
}
# js OUT EXPR : evaluates a Python expression over r = the last JSON line of OUT.out
js() {
    "$PY" - "$DIR/$1.out" "$2" << 'PY'
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.startswith("{")]
r = json.loads(lines[-1]); first = json.loads(lines[0]); n = len(lines)
ok = eval(sys.argv[2])
if not ok:
    print("assertion failed:", sys.argv[2]); print(lines[-1]); sys.exit(1)
PY
}
rc_is() { [ "$(cat "$DIR/$1.rc")" = "$2" ] || { echo "exit $(cat "$DIR/$1.rc"), want $2"; cat "$DIR/$1.err"; return 1; }; }
stat_of() { curl -fsS "$ROOT/_stats" | "$PY" -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

t_stream() {
    chat stream --base-url "$V1" --kind openai --model text --key-env KEY --stamp
    rc_is stream 0
    js stream 'r["ok"] and r["content"].startswith("Hello there") and r["finish_reason"] == "stop"'
    js stream 'r["usage"]["completion_tokens"] > 0 and r["usage"]["prompt_tokens"] > 0'
    head -c 12 "$DIR/stream.out" | grep -q '^Hello there'
    # tokens arrive one by one: at least 10 of them spread over more than 150 ms
    "$PY" - "$DIR/stream.err" << 'PY'
import re, sys
ms = [float(m) for m in re.findall(r"^token ms=([0-9.]+)", open(sys.argv[1]).read(), re.M)]
print("token arrivals (ms):", ms)
assert len(ms) >= 10, ms
assert ms[-1] - ms[0] > 150, ms
assert all(b - a > 5 for a, b in zip(ms, ms[1:])), ms
PY
}

t_tools() {
    chat tools --base-url "$V1" --kind openai --model tools --key-env KEY \
        --tools-json "$DIR/tools.json" --tool-result '{"temp": 21}'
    rc_is tools 0
    js tools 'first["finish_reason"] == "tool_calls" and len(first["tool_calls"]) == 2'
    js tools 'first["tool_calls"][0] == {"id": "call_1", "name": "get_weather", "arguments": "{\"city\": \"Paris\", \"unit\": \"celsius\"}"}'
    js tools 'first["tool_calls"][1]["name"] == "clock" and first["tool_calls"][1]["arguments"] == "{}"'
    js tools 'r["content"] == "tool said: {\"temp\": 21}" and n == 2'
    # the fake saw the tools offered and, on the second turn, both results fed back
    "$PY" - "$DIR/rec.jsonl" << 'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1]) if '"model": "tools"' in l]
assert len(reqs) == 2, len(reqs)
first, second = reqs[0]["body"], reqs[1]["body"]
assert [t["function"]["name"] for t in first["tools"]] == ["get_weather", "clock"]
assert first["tools"][0]["function"]["parameters"]["required"] == ["city"]
msgs = second["messages"]
asst = [m for m in msgs if m["role"] == "assistant"][0]
assert [c["id"] for c in asst["tool_calls"]] == ["call_1", "call_2"], asst
tools = [m for m in msgs if m["role"] == "tool"]
assert [(m["tool_call_id"], m["content"]) for m in tools] == [("call_1", '{"temp": 21}'), ("call_2", '{"temp": 21}')], tools
assert second["stream"] is True and second["stream_options"] == {"include_usage": True}
PY
}

t_retry_429() {
    chat flaky --base-url "$V1" --kind openai --model flaky --key-env KEY
    rc_is flaky 0
    js flaky 'r["ok"] and r["content"] == "after retry" and r["attempts"] == 2'
    js flaky 'r["elapsed_ms"] >= 950' # Retry-After: 1 was honoured
}

t_500_exhausts() {
    chat broken --base-url "$V1" --kind openai --model broken --key-env KEY --retries 2 \
        --retry-base-ms 50
    rc_is broken 1
    js broken 'not r["ok"] and r["attempts"] == 3 and r["http_status"] == 500'
    js broken 'r["error"] == "HTTP 500: upstream exploded"'
    grep -q 'provider error' "$DIR/broken.err"
}

t_cancel_flag() {
    local t0 t1
    t0=$(date +%s%N)
    chat cancel --base-url "$V1" --kind openai --model slow --key-env KEY --cancel-after-ms 400
    t1=$(date +%s%N)
    rc_is cancel 130
    js cancel 'r["cancelled"] and not r["ok"] and r["error"] == "cancelled"'
    echo "cancel after 400 ms: exit after $(((t1 - t0) / 1000000)) ms"
    [ $(((t1 - t0) / 1000000)) -lt 1400 ]
}

t_cancel_sigint_stalled() {
    local t0 t1 pid
    "$AG" llm-chat --base-url "$V1" --kind openai --model stall --key-env KEY \
        > "$DIR/sig.out" 2> "$DIR/sig.err" &
    pid=$!
    sleep 0.5
    t0=$(date +%s%N)
    kill -INT "$pid"
    set +e
    wait "$pid"
    echo $? > "$DIR/sig.rc"
    set -e
    t1=$(date +%s%N)
    rc_is sig 130
    js sig 'r["cancelled"]'
    echo "SIGINT to exit: $(((t1 - t0) / 1000000)) ms"
    [ $(((t1 - t0) / 1000000)) -lt 1000 ]
}

t_stream_cut() {
    chat cut --base-url "$V1" --kind openai --model cut --key-env KEY --retry-base-ms 50
    rc_is cut 1
    # tokens had been delivered, so no retry: one attempt, a clear reason
    js cut 'r["attempts"] == 1 and "ended before" in r["error"]'
}

t_crlf() {
    chat crlf --base-url "$V1" --kind openai --model crlf --key-env KEY
    rc_is crlf 0
    js crlf 'r["content"] == "carriage returns"'
}

t_watsonx_iam_once() {
    local before after
    before=$(stat_of iam)
    chat wx --base-url "$ROOT" --kind watsonx --model text --key-env KEY --project-id proj-1 \
        --iam-url "$ROOT/identity/token" --repeat 2
    rc_is wx 0
    after=$(stat_of iam)
    echo "IAM exchanges: $before -> $after"
    [ "$after" -eq $((before + 1)) ]
    js wx 'n == 2 and r["ok"] and r["content"].startswith("Hello there") and r["usage"]["prompt_tokens"] > 0'
    grep -c '"path": "/ml/v1/text/chat_stream", "auth_ok": true' "$DIR/rec.jsonl" | grep -q '^2$'
    # a wrong IBM key is refused by IAM: a clear error, no retries
    BADKEY=not-the-key chat wxbad --base-url "$ROOT" --kind watsonx --model text \
        --key-env BADKEY --project-id proj-1 --iam-url "$ROOT/identity/token"
    rc_is wxbad 1
    js wxbad '"Provided API key could not be found" in r["error"] and r["attempts"] == 1'
}

t_azure() {
    chat az --base-url "$ROOT" --kind azure --model text --key-env KEY --api-version 2024-10-21
    rc_is az 0
    js az 'r["ok"] and r["content"].startswith("Hello")'
    tail -n 1 "$DIR/rec.jsonl" | grep -q '"path": "/openai/deployments/text/chat/completions", "auth_ok": true'
}

t_cost() {
    chat cost --base-url "$V1" --kind openai --model gpt-4o --key-env KEY
    rc_is cost 0
    js cost 'abs(r["cost_usd"] - (r["usage"]["prompt_tokens"] * 2.5 + r["usage"]["completion_tokens"] * 10.0) / 1e6) < 1e-12 and r["cost_usd"] > 0'
}

t_bad_key_scrubbed() {
    WRONG="sk-wrong-$KEY" chat badkey --base-url "$V1" --kind openai --model text --key-env WRONG
    rc_is badkey 1
    js badkey 'r["http_status"] == 401 and r["attempts"] == 1 and r["error"] == "HTTP 401: Incorrect API key provided: ***"'
}

t_pair() {
    set +e
    "$AG" ollabridge-pair --base-url "$ROOT" --code GKEV-8985 --token-file "$DIR/device.token" \
        --verify > "$DIR/pair.out" 2> "$DIR/pair.err"
    local rc=$?
    set -e
    [ "$rc" -eq 0 ] || { cat "$DIR/pair.err"; return 1; }
    grep -q '"paired":true' "$DIR/pair.out"
    grep -q '"models":\["qwen2.5:1.5b"' "$DIR/pair.out"
    [ "$(cat "$DIR/device.token")" = "$DEVTOK" ]
    [ "$(stat -c %a "$DIR/device.token")" = 600 ]
    absent "$DEVTOK" "$DIR/pair.out" "$DIR/pair.err"
    grep -q '"path": "/device/pair-simple", "auth_ok": true, "body": {"code": "GKEV-8985"}' "$DIR/rec.jsonl"
    # the stored device token then works as the bearer of OllaBridge chat
    DT=$(cat "$DIR/device.token") chat ob --base-url "$ROOT" --kind ollabridge --model text --key-env DT
    rc_is ob 0
    js ob 'r["ok"] and r["content"].startswith("Hello")'
}

t_pair_bad_code() {
    local c
    for c in WRONG-0000 EXPIRED1; do
        set +e
        "$AG" ollabridge-pair --base-url "$ROOT" --code "$c" --token-file "$DIR/bad.token" \
            > "$DIR/pairbad.out" 2> "$DIR/pairbad.err"
        local rc=$?
        set -e
        [ "$rc" -eq 1 ] || { echo "exit $rc for $c"; return 1; }
        grep -q 'pairing code expired or unknown' "$DIR/pairbad.err"
        [ ! -e "$DIR/bad.token" ]
    done
}

t_key_never_printed() {
    absent "$KEY" "$DIR"/*.out "$DIR"/*.err
    absent "$DEVTOK" "$DIR"/*.out "$DIR"/*.err
}

check "tokens stream incrementally" t_stream
check "tool calls assembled from deltas and results fed back" t_tools
check "429 with Retry-After: retried, then success" t_retry_429
check "500 exhausts retries: clear error, exit 1" t_500_exhausts
check "--cancel-after-ms ends a slow stream within 1 s" t_cancel_flag
check "SIGINT aborts a stalled request within 1 s" t_cancel_sigint_stalled
check "stream cut after tokens: no retry, clear error" t_stream_cut
check "CRLF-framed stream" t_crlf
check "watsonx: one IAM exchange for two calls; bad key refused" t_watsonx_iam_once
check "Azure: api-key header and api-version" t_azure
check "cost from the catalogue price" t_cost
check "401 echoing the key: scrubbed, not retried" t_bad_key_scrubbed
check "OllaBridge pairing stores the device token; it works for chat" t_pair
check "OllaBridge bad or expired code: clear error, nothing stored" t_pair_bad_code
check "the API key and device token never appear in any output" t_key_never_printed

echo "t_llm: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
