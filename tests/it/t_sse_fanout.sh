#!/bin/bash
# SPDX-License-Identifier: MIT
# t_sse_fanout.sh BINDIR - the stream responder's fan-out through nginx (issue 6): 100
# subscribers of one run each get every event exactly once and in order (sse-load checks the
# ids are contiguous from 1 and the bench counters i = 1..K), while events are written the
# runner's way (agentgen bench-events); then subscribers that join while events are being
# written (the replay/live hand-over); and the checker itself refuses a stream with a gap.
set -eu
BIN=$(cd "${1:-build/san}" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${BASE:?run from tests/it/run.sh}" "${DIR:?run from tests/it/run.sh}"
AUTH=${AUTH_HEADER:-X-None: 1}
PORT=${BASE##*:}
T=$(mktemp -d /tmp/agentgen-fanout.XXXXXX)
LOAD_PID=""
cleanup() {
    if [ -n "$LOAD_PID" ]; then kill "$LOAD_PID" 2> /dev/null || true; fi
    rm -rf "$T"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
export AGENTGEN_CONFIG="$DIR/agentgen.conf"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$T/out" ] && sed 's/^/     /' "$T/out"; return 0; }

LOAD="$BIN/sse-load"
if [ ! -x "$LOAD" ]; then
    LOAD="$T/sse-load"
    cc -std=c11 -D_GNU_SOURCE -O2 -o "$LOAD" "$TOP/tests/bench/sse_load.c"
fi

pid=$(curl -fsS -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"idea":"Watch a folder and summarise new files","framework":"langgraph","pattern":"supervisor"}' \
    "$BASE/api/projects" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
new_run() { db "INSERT INTO runs (project_id, state, input) VALUES ($pid, 'running', 'fan-out test') RETURNING id"; }
waitfile() { # FILE TENTHS
    local i=0
    while [ ! -e "$1" ] && [ $i -lt "$2" ] && kill -0 "$LOAD_PID" 2> /dev/null; do
        sleep 0.1
        i=$((i + 1))
    done
    [ -e "$1" ]
}

# 1. 100 subscribers connected first, then 40 events and run.done
run=$(new_run)
"$BIN/agentgen" bench-events --run "$run" --hello
"$LOAD" -p "$PORT" -u "/api/runs/$run/stream" -n 100 -k 40 -H "$AUTH" -r "$T/ready" -t 60 > "$T/out" 2>&1 &
LOAD_PID=$!
if waitfile "$T/ready" 300; then
    "$BIN/agentgen" bench-events --run "$run" -n 40 --gap-ms 5 --done
else
    "$BIN/agentgen" bench-events --run "$run" --done
fi
rc=0
wait "$LOAD_PID" || rc=$?
LOAD_PID=""
if [ "$rc" = 0 ] && grep -q 'ready=100 events=4000 expected=4000 done=100 dups=0 gaps=0 bad=0' "$T/out"; then
    ok "100 subscribers got all 40 events and run.done, once each, in order"
else
    bad "fan-out to 100 subscribers (rc $rc)"
fi

# 2. 60 subscribers joining while 60 events are written: each replays what it missed, then
#    goes live, with nothing lost or doubled at the hand-over
run=$(new_run)
"$BIN/agentgen" bench-events --run "$run" --hello
"$BIN/agentgen" bench-events --run "$run" -n 60 --gap-ms 15 --done &
WPID=$!
"$LOAD" -p "$PORT" -u "/api/runs/$run/stream" -n 60 -k 60 -H "$AUTH" -t 60 > "$T/out" 2>&1 || true
wait "$WPID"
if grep -q 'events=3600 expected=3600 done=60 dups=0 gaps=0 bad=0 connect_fail=0 incomplete=0' "$T/out"; then
    ok "60 subscribers joining mid-stream got every event once, in order"
else
    bad "subscribers joining mid-stream"
fi

# 3. the checker can fail: a stream whose seq jumps (1, 2, 4) is reported as a gap
run=$(new_run)
db "INSERT INTO events (stream, seq, type, data) VALUES
    ('run:$run', 1, 'run.event', '{}'), ('run:$run', 2, 'run.event', '{}'),
    ('run:$run', 4, 'run.done', '{}')"
rc=0
"$LOAD" -p "$PORT" -u "/api/runs/$run/stream" -n 2 -k 0 -H "$AUTH" -t 20 > "$T/out" 2>&1 || rc=$?
if [ "$rc" != 0 ] && grep -q 'gaps=2' "$T/out"; then
    ok "sse-load reports a missing event"
else
    bad "sse-load missed a gap (rc $rc)"
fi

echo "t_sse_fanout: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
