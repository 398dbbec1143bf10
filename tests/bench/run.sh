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
# memory of the stack at rest, per process. RSS counts every shared page (libc,
# libcrypto, libsqlite3, ... mapped by all 7 processes) once per process; PSS splits each shared
# page between the processes that map it, so the sum of PSS is what the stack occupies.
memline() { # LABEL
    local web_master workers pids
    web_master=$(cat "$DIR/web.pid")
    workers=$(pgrep -P "$web_master" | tr '\n' ' ')
    pids="$web_master $workers $(cat "$DIR/stream.pid") $(cat "$DIR/runner.pid")"
    for p in $pids; do
        awk -v p="$p" -v n="$(cat /proc/"$p"/comm)" '/^Rss:/ { r = $2 } /^Pss:/ { s = $2 }
            END { print p, n, r, s }' "/proc/$p/smaps_rollup"
    done | awk -v label="$1" -v master="$web_master" '
        { rss += $3; pss += $4; name = ($1 == master) ? "web-master" : $2
          sub(/^agentgen-/, "", name); if (name == "web") name = "worker"
          if ($2 == "agentgen-web" && $1 != master && $3 > maxw) maxw = $3
          list = list sprintf(" %s %.1f", name, $3 / 1024) }
        END { printf "memory %s: RSS MiB%s | largest web worker %.1f MiB (target < 16) %s\n", label, list,
                  maxw / 1024, maxw < 16384 ? "ok" : "MISSED"
              printf "whole stack %s: %.1f MiB (target < 64) %s  [sum of PSS; sum of RSS %.1f MiB counts shared libraries once per process]\n",
                  label, pss / 1024, pss < 65536 ? "ok" : "MISSED", rss / 1024 }'
}
sleep 1
memline idle

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
memline "idle after the load"
