#!/bin/bash
# run.sh BINDIR - integration tests against the real stack on loopback: nginx + agentgen-web +
# agentgen-stream + agentgen-runner with a temporary database. Prints "N passed, N failed".
set -u
BIN=${1:-build/san}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
BIN=$(cd "$BIN" && pwd)
DIR=$(mktemp -d /tmp/agentgen-it.XXXXXX)
PORT=$((20000 + $$ % 20000))
BASE="http://127.0.0.1:$PORT"
export ASAN_OPTIONS=detect_leaks=0 # leaks are checked by the unit run; here we want the stack up
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # NAME COMMAND...
    local name=$1
    shift
    if "$@" > "$DIR/last.out" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/     /' "$DIR/last.out" | head -20; fi
}
cleanup() {
    sh tools/devstack.sh stop "$DIR" > /dev/null 2>&1
    if [ "$fail" -ne 0 ]; then
        for f in "$DIR"/*.log; do echo "--- $f"; tail -n 20 "$f"; done
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT

if ! sh tools/devstack.sh start "$DIR" "$PORT" "$BIN"; then
    bad "stack starts"
    echo "0 passed, 1 failed"
    exit 1
fi
ok "stack starts (nginx + web + stream + runner on 127.0.0.1:$PORT)"

status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
hdrs() { curl -s -D - -o /dev/null "$@"; }

t_health() {
    body=$(curl -fsS "$BASE/healthz") && echo "$body" | grep -q '^{"status":"ok",' &&
    [ "$(status "$BASE/livez")" = 200 ] && [ "$(status "$BASE/readyz")" = 200 ] &&
    curl -fsS "$BASE/readyz" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["schema"] == d["schema_expected"] > 0, d'
}
t_404_405() {
    [ "$(status "$BASE/no/such/page")" = 404 ] &&
    curl -s "$BASE/api/nope" | grep -q '"code":"not_found"' &&
    [ "$(status -X POST "$BASE/about")" = 405 ] &&
    hdrs -X POST "$BASE/about" | grep -qi '^Allow: GET'
}
t_about() {
    page=$(curl -fsS "$BASE/about") &&
    for c in SQLite json-c libcurl OpenSSL ClearSilver nginx; do
        echo "$page" | grep -q "<td>$c</td>" || { echo "missing $c"; return 1; }
    done &&
    echo "$page" | grep -q "<code>$(sqlite3 --version | cut -d' ' -f1)</code>" &&
    ! echo "$page" | grep -q '<code>unknown</code>'
}
t_headers() {
    h=$(hdrs "$BASE/about") &&
    echo "$h" | grep -qi "^Content-Security-Policy: default-src 'self'; script-src 'self'" &&
    echo "$h" | grep -qi "frame-ancestors 'none'" &&
    echo "$h" | grep -qi '^X-Content-Type-Options: nosniff' &&
    echo "$h" | grep -qi '^Referrer-Policy: same-origin' &&
    echo "$h" | grep -qiE '^X-Request-Id: [0-9a-f]{16,32}'
}
t_413() {
    head -c 10485760 /dev/zero > "$DIR/10m"
    [ "$(status -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$DIR/10m" "$BASE/about")" = 413 ]
}
t_static() {
    h=$(hdrs "$BASE/static/css/app.css") &&
    echo "$h" | grep -q '^HTTP/1.1 200' && echo "$h" | grep -qi '^ETag: ' &&
    echo "$h" | grep -qi '^Cache-Control: ' &&
    etag=$(echo "$h" | grep -i '^ETag: ' | cut -d' ' -f2 | tr -d '\r') &&
    [ "$(status -H "If-None-Match: $etag" "$BASE/static/css/app.css")" = 304 ] &&
    curl -s -H 'Accept-Encoding: gzip' -D - -o /dev/null "$BASE/static/css/app.css" | grep -qi '^Content-Encoding: gzip'
}
# SSE through nginx: the five ping events (200 ms apart at the source) must arrive spread out,
# not in one burst when the stream ends.
t_sse() {
    python3 - "$BASE/api/streams/ping" <<'PY'
import sys, time, urllib.request
t0 = time.monotonic(); stamps = []
with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
    assert r.headers["Content-Type"].startswith("text/event-stream"), r.headers["Content-Type"]
    for line in r:
        if line.startswith(b"id: "):
            stamps.append(time.monotonic() - t0)
print("arrivals (s):", ["%.3f" % s for s in stamps])
assert len(stamps) == 5, stamps
gaps = [b - a for a, b in zip(stamps, stamps[1:])]
assert all(g > 0.1 for g in gaps), gaps
PY
}
# kill -9 one web worker while requests flow: the master replaces it, later requests succeed.
t_worker_restart() {
    master=$(cat "$DIR/web.pid")
    before=$(pgrep -P "$master" | sort | tr '\n' ' ')
    victim=$(pgrep -P "$master" | head -n 1)
    [ -n "$victim" ] || { echo "no workers"; return 1; }
    (for i in $(seq 1 200); do curl -s -o /dev/null "$BASE/healthz"; done) &
    loader=$!
    sleep 0.2
    kill -9 "$victim"
    wait $loader
    sleep 0.3
    after=$(pgrep -P "$master" | sort | tr '\n' ' ')
    echo "workers before: $before after: $after"
    [ "$(echo "$before" | wc -w)" = "$(echo "$after" | wc -w)" ] || return 1
    echo "$after" | grep -qw "$victim" && return 1
    for i in $(seq 1 50); do
        [ "$(status "$BASE/healthz")" = 200 ] || { echo "request $i failed"; return 1; }
    done
}
t_runner_alive() {
    kill -0 "$(cat "$DIR/runner.pid")" && grep -q 'm=runner ready' "$DIR/runner.log" &&
    kill -0 "$(cat "$DIR/stream.pid")" && grep -q 'm=stream ready' "$DIR/stream.log"
}
t_cli() {
    AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" version | grep -q '^agentgen 0\.' &&
    AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" doctor | tee /dev/stderr | grep -q '^ok    database' &&
    AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" migrate | grep -q '(0 applied)'
}

check "healthz/livez/readyz answer JSON through nginx" t_health
check "404 and 405 (HTML and JSON)" t_404_405
check "about page shows real component versions" t_about
check "security headers on every response" t_headers
check "10 MB body refused with 413" t_413
check "static files with ETag, 304 and gzip" t_static
check "SSE events arrive one by one through nginx" t_sse
check "kill -9 of a web worker: replaced, requests succeed" t_worker_restart
check "runner and stream responder are up" t_runner_alive
check "agentgen version/doctor/migrate" t_cli


# extra scripts get the bin dir as $1 and the running stack in $BASE / $DIR
export BASE DIR
for t in tests/it/t_*.sh; do
    [ -f "$t" ] || continue
    check "$(basename "$t")" bash "$t" "$BIN"
done

# graceful stop: SIGTERM ends every process
t_stop() {
    sh tools/devstack.sh stop "$DIR" && sleep 0.2 &&
    ! pgrep -f "$BIN/agentgen-web" > /dev/null && ! pgrep -f "$BIN/agentgen-runner" > /dev/null
}
check "SIGTERM stops the stack cleanly" t_stop

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
