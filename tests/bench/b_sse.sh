#!/bin/bash
# b_sse.sh - issue 6 acceptance 4 (DESIGN.md §8): SSE_N (1,000) subscribers of one run stream
# held by agentgen-stream through nginx, and the delay from an event's write (agentgen
# bench-events: events_append + the runner's wake-up, stamped with CLOCK_REALTIME) to its receipt
# by every subscriber (sse-load, one epoll process). Targets: all N held, none lost, p99 <
# 100 ms. Also the responder's resident memory and threads idle, with N open, after the events.
# Run by tests/bench/run.sh with $BASE, $BIN and $DIR of the running stack.
set -eu
: "${BASE:?run me from tests/bench/run.sh}" "${BIN:?}" "${DIR:?}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
N=${SSE_N:-1000}
K=${SSE_K:-50}
GAP=${SSE_GAP_MS:-40}
PORT=${BASE##*:}
W=$(mktemp -d)
LOAD_PID=""
cleanup() {
    [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2> /dev/null || true
    rm -rf "$W"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" 2> /dev/null || ulimit -n 8192 2> /dev/null || true
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
export AGENTGEN_CONFIG="$DIR/agentgen.conf"

LOAD="$BIN/sse-load"
if [ ! -x "$LOAD" ]; then
    LOAD="$W/sse-load"
    cc -std=c11 -D_GNU_SOURCE -O2 -o "$LOAD" "$TOP/tests/bench/sse_load.c"
fi

# a signed-in user, a project through the API, and a run of it that no runner job drives: the
# events come from bench-events alone
J="$W/jar"
page() { curl -fsS -c "$J" -b "$J" -H "Origin: $BASE" "$@"; }
tok() { grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }
pw="bench-sse-pass-$$-$RANDOM$RANDOM"
echo "$pw" | "$BIN/agentgen" user add "benchsse$$" --role admin --password-stdin > /dev/null
csrf=$(page "$BASE/login" | tok)
page -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "name=benchsse$$" --data-urlencode "password=$pw" "$BASE/login"
cookie="ag_session=$(awk '$6 == "ag_session" { print $7 }' "$J")"
csrf=$(page "$BASE/generate" | tok)
pid=$(page -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d '{"idea":"Summarise the news every morning","framework":"langgraph","pattern":"supervisor"}' \
    "$BASE/api/projects" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
run=$(db "INSERT INTO runs (project_id, state, input) VALUES ($pid, 'running', 'sse bench') RETURNING id")
"$BIN/agentgen" bench-events --run "$run" --hello

spid=$(cat "$DIR/stream.pid")
mem() { ps -o rss=,nlwp= -p "$spid" | awk '{ printf "%.1f MiB %d threads", $1 / 1024, $2 }'; }
idle=$(mem)
ngx=$(pgrep -P "$(cat "$DIR/nginx.pid.fg")" | tr '\n' ' ')
ticks() { for q in "$@"; do awk '{ print $14 + $15 }' "/proc/$q/stat"; done | awk '{ s += $1 } END { print s }'; }

"$LOAD" -p "$PORT" -u "/api/runs/$run/stream" -n "$N" -k "$K" -H "Cookie: $cookie" \
    -r "$W/ready" -d "$W/delivered" -t 180 > "$W/result" 2> "$W/load.err" &
LOAD_PID=$!
waitfile() { # FILE SECONDS
    local i=0
    while [ ! -e "$1" ] && [ $i -lt $(($2 * 10)) ] && kill -0 "$LOAD_PID" 2> /dev/null; do
        sleep 0.1
        i=$((i + 1))
    done
    [ -e "$1" ]
}
held="" after="" cpu="?"
if waitfile "$W/ready" 120; then
    held=$(mem)
    s0=$(ticks "$spid") n0=$(ticks $ngx)
    "$BIN/agentgen" bench-events --run "$run" -n "$K" --gap-ms "$GAP"
    waitfile "$W/delivered" 60 || true
    after=$(mem)
    s1=$(ticks "$spid") n1=$(ticks $ngx)
    hz=$(getconf CLK_TCK)
    cpu=$(echo "scale=1; 1000 * ($s1 - $s0) / $hz / $K" | bc)/$(echo "scale=1; 1000 * ($n1 - $n0) / $hz / $K" | bc)
fi
"$BIN/agentgen" bench-events --run "$run" --done
rc=0
wait "$LOAD_PID" || rc=$?
LOAD_PID=""
r=$(cat "$W/result")
val() { printf '%s\n' "$r" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
p99=$(val p99_ms)
ok_n=$([ "$(val ready)" = "$N" ] && echo yes || echo NO)
ok_p=$(echo "$p99 < 100" | bc -l)
printf 'sse %5d subs  held %5s  events %6s/%-6s p50 %6s ms  p99 %6s ms  max %6s ms | stream idle %s, %s held, %s after %d events; CPU per event stream/nginx %s ms | load %s | targets: 1000 subs %s, p99 < 100 ms %s%s\n' \
    "$N" "$(val ready)" "$(val events)" "$(val expected)" "$(val p50_ms)" "$p99" "$(val max_ms)" \
    "$idle" "${held:-?}" "${after:-?}" "$K" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$([ "$N" -ge 1000 ] && [ "$ok_n" = yes ] && echo ok || echo MISSED)" \
    "$([ "$ok_p" = 1 ] && echo ok || echo MISSED)" \
    "$([ "$rc" != 0 ] && echo " (FAILED: $r $(cat "$W/load.err"))")"
[ "$rc" = 0 ]
