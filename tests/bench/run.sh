#!/bin/bash
# bench/run.sh BINDIR - throughput and latency through nginx, measured in one run and printed
# as ratios against nginx serving a static file of the same size (DESIGN.md §8: >= 0.5).
# wrk, 32 connections, 2 threads, DURATION seconds per target (default 5).
set -eu
BIN=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
BIN=$(cd "$BIN" && pwd)
DUR=${DURATION:-5}
DIR=$(mktemp -d /tmp/agentgen-bench.XXXXXX)
PORT=$((40000 + $$ % 10000))
BASE="http://127.0.0.1:$PORT"
SB="static/.bench-$$"
cleanup() { sh tools/devstack.sh stop "$DIR" > /dev/null 2>&1 || true; rm -rf "$DIR" "$SB"; }
trap cleanup EXIT
sh tools/devstack.sh start "$DIR" "$PORT" "$BIN" > /dev/null
mkdir -p "$SB"

# one wrk run -> "rps p99ms"
measure() { # URL [COOKIE]
    wrk -t2 -c32 -d"${DUR}s" --latency ${2:+-H "Cookie: $2"} "$1" 2> /dev/null | awk '
        /Requests\/sec:/ { rps = $2 }
        /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
                   else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
                   p99 = v }
        /Non-2xx/ { bad = $NF }
        END { printf "%.0f %.2f %s\n", rps, p99, bad + 0 }'
}

report() { # NAME PATH [COOKIE]
    local name=$1 path=$2 cookie=${3:-}
    curl -fsS ${cookie:+-H "Cookie: $cookie"} "$BASE$path" > "$SB/$name.body"
    local size
    size=$(stat -c %s "$SB/$name.body")
    read -r rps p99 bad <<< "$(measure "$BASE$path" "$cookie")"
    read -r srps sp99 _ <<< "$(measure "$BASE/static/.bench-$$/$name.body")"
    printf '%-14s %6d B  app %8s rps  p99 %6s ms  | nginx static %8s rps  p99 %6s ms | ratio %.2f %s\n' \
        "$path" "$size" "$rps" "$p99" "$srps" "$sp99" "$(echo "$rps / $srps" | bc -l)" \
        "$([ "$bad" != 0 ] && echo "(non-2xx: $bad)")"
}

echo "bench: wrk -t2 -c32 -d${DUR}s through nginx on 127.0.0.1 ($(nproc) cores); target ratio >= 0.5, p99 < 10 ms"
AGENTGEN_SHARE_DIR="$TOP" "$BIN/agentgen" bench-generate -n "${GEN_N:-200}"
report healthz /healthz
# pages need a signed-in user: a session cookie from the real login form
J="$DIR/bench-jar"
pw="bench-run-pass-$$-$RANDOM$RANDOM"
echo "$pw" | AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" user add "benchrun$$" --role admin --password-stdin > /dev/null
csrf=$(curl -fsS -c "$J" -b "$J" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -fsS -c "$J" -b "$J" -H "Origin: $BASE" -o /dev/null --data-urlencode "_csrf=$csrf" \
    --data-urlencode "name=benchrun$$" --data-urlencode "password=$pw" "$BASE/login"
session="ag_session=$(awk '$6 == "ag_session" { print $7 }' "$J")"
report about /about "$session"
for t in tests/bench/b_*.sh; do
    [ -f "$t" ] && BASE="$BASE" BIN="$BIN" DIR="$DIR" bash "$t"
done
# resident memory of the stack at rest after the load
rss() { ps -o rss= -p "$1" 2> /dev/null | awk '{ s += $1 } END { printf "%.1f", s / 1024 }'; }
web_master=$(cat "$DIR/web.pid")
workers=$(pgrep -P "$web_master" | tr '\n' ',' | sed 's/,$//')
max_worker=$(for p in ${workers//,/ }; do ps -o rss= -p "$p"; done | sort -n | tail -1)
total=$(ps -o rss= -p "$web_master,$workers,$(cat "$DIR/stream.pid"),$(cat "$DIR/runner.pid")" | awk '{ s += $1 } END { printf "%.1f", s / 1024 }')
printf 'memory: largest web worker %.1f MiB (target < 16), web+stream+runner %s MiB (target < 64)\n' \
    "$(echo "${max_worker:-0} / 1024" | bc -l)" "$total"
