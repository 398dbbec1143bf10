#!/bin/bash
# SPDX-License-Identifier: MIT
# Acceptance test of the .deb on THIS machine: installs it with apt-get, checks the user, the
# directories, the migrated database and the nginx site, starts the three services the way their
# systemd units would (socket activation, user agentgen), browses /about and /healthz through the
# system nginx on port 80, then purges the package and checks that nothing is left behind.
#
# Needs root and changes the system (packages, users, nginx sites): not part of `make test`.
#   sudo bash tests/it/deb.sh [path/to/agent-generator_*.deb]      (default: newest in dist/)
# If agent-generator is already installed, the script stops unless FORCE=1 (it would purge it,
# database included). The install-to-/about time must stay under 30 s (DESIGN.md section 8).
set -eu

cd "$(dirname "$0")/../.."
LIMIT_S=30
DATA=/var/lib/agent-generator
RUN=/run/agent-generator
BASE=http://127.0.0.1
PIDS=()
STARTED_NGINX=0
LOG=$(mktemp -d)

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
now() { date +%s.%N; }

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [ "$STARTED_NGINX" = 1 ] && [ -s /run/nginx.pid ]; then
        nginx -s quit 2>/dev/null || true
    fi
    rm -rf "$LOG"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || fail "run as root (installs and purges a package)"
DEB=${1:-$(ls -t dist/agent-generator_*_amd64.deb 2>/dev/null | head -n 1)}
[ -n "$DEB" ] && [ -f "$DEB" ] || fail "no .deb: run 'make deb' first or pass its path"
case "$DEB" in /*) ;; *) DEB=./$DEB ;; esac

state=$(dpkg-query -W -f='${db:Status-Status}' agent-generator 2>/dev/null || true)
if [ -n "$state" ] && [ "$state" != not-installed ]; then
    [ "${FORCE:-0}" = 1 ] || fail "agent-generator is already installed; FORCE=1 purges it first"
    apt-get purge -y -q agent-generator >"$LOG/prepurge" 2>&1 || { cat "$LOG/prepurge"; fail "pre-purge"; }
fi

# nginx must be installed and running before the package arrives, as on a real server.
if ! command -v nginx >/dev/null 2>&1; then
    apt-get install -y -q nginx >"$LOG/nginx-install" 2>&1 || { cat "$LOG/nginx-install"; fail "install nginx"; }
fi
nginx_running() { [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; }
if ! nginx_running; then
    nginx || fail "cannot start the system nginx"
    STARTED_NGINX=1
fi
default_was_enabled=0
if [ -L /etc/nginx/sites-enabled/default ]; then default_was_enabled=1; fi

# ---- install ----------------------------------------------------------------------------------
t0=$(now)
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$DEB" >"$LOG/install" 2>&1; then
    cat "$LOG/install"
    fail "apt-get install $DEB"
fi
t_installed=$(now)
grep '^agent-generator:' "$LOG/install" || true

# ---- what the postinst must have done -----------------------------------------------------------
getent passwd agentgen >/dev/null || fail "no user agentgen"
getent group agentgen >/dev/null || fail "no group agentgen"
[ "$(getent passwd agentgen | cut -d: -f6)" = "$DATA" ] || fail "agentgen's home is not $DATA"
[ "$(stat -c '%a %U %G' "$DATA")" = "750 agentgen agentgen" ] ||
    fail "$DATA is $(stat -c '%a %U %G' "$DATA"), want 750 agentgen agentgen"
[ -s "$DATA/agentgen.db" ] || fail "no migrated database $DATA/agentgen.db"
[ "$(stat -c %U "$DATA/agentgen.db")" = agentgen ] || fail "database not owned by agentgen"
if command -v sqlite3 >/dev/null 2>&1; then
    v=$(sqlite3 -cmd ".timeout 10000" "$DATA/agentgen.db" 'PRAGMA user_version')
    [ "$v" -ge 1 ] || fail "database user_version is $v: not migrated"
    ok "database migrated (user_version $v)"
fi
[ "$(stat -c '%a %U %G' /etc/agent-generator/agentgen.conf)" = "640 root agentgen" ] ||
    fail "/etc/agent-generator/agentgen.conf is not 640 root:agentgen"
[ "$(readlink /etc/nginx/sites-enabled/agent-generator)" = /etc/nginx/sites-available/agent-generator ] ||
    fail "nginx site not enabled"
nginx -t -q || fail "nginx -t with the site enabled"
for u in agent-generator-web.socket agent-generator-web.service agent-generator-stream.socket \
    agent-generator-stream.service agent-generator-runner.service agent-generator.target; do
    [ -f "/lib/systemd/system/$u" ] || fail "unit $u not installed"
done
# deb-systemd-helper enables units even without a running systemd
[ -L /etc/systemd/system/sockets.target.wants/agent-generator-web.socket ] || fail "web socket not enabled"
[ -L /etc/systemd/system/multi-user.target.wants/agent-generator-runner.service ] ||
    fail "runner service not enabled"
ok "user, data directory, database, config, nginx site and units are in place"

# ---- start the stack the way the units do ------------------------------------------------------
ENV=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
AS=(setpriv --reuid=agentgen --regid=agentgen --init-groups --)
if [ -d /run/systemd/system ]; then
    # a real systemd: the postinst has started everything
    for u in agent-generator-web.service agent-generator-stream.service agent-generator-runner.service; do
        systemctl is-active -q "$u" || { systemctl status --no-pager "$u" || true; fail "$u is not active"; }
    done
else
    # No systemd here: emulate it. The .socket units (ListenStream, SocketUser=agentgen,
    # SocketGroup=www-data, SocketMode=0660) become systemd-socket-activate plus chown/chmod;
    # User=agentgen becomes setpriv, which execs in place so LISTEN_PID stays right.
    # The sockets' directory is created as systemd does it (root, DirectoryMode=0755).
    install -d -m 0755 "$RUN"
    start_activated() { # name socket program
        rm -f "$2"
        (umask 0027; exec "${ENV[@]}" systemd-socket-activate -l "$2" "${AS[@]}" "$3" \
            >"$LOG/$1.log" 2>&1) &
        PIDS+=($!)
        for _ in $(seq 100); do [ -S "$2" ] && break; sleep 0.05; done
        [ -S "$2" ] || { cat "$LOG/$1.log"; fail "$1: no socket $2"; }
        chown agentgen:www-data "$2"
        chmod 0660 "$2"
    }
    # ExecStartPre of the web unit
    (cd / && exec "${ENV[@]}" "${AS[@]}" /usr/bin/agentgen migrate) >"$LOG/migrate.log" 2>&1 ||
        { cat "$LOG/migrate.log"; fail "agentgen migrate as agentgen"; }
    start_activated web "$RUN/web.sock" /usr/bin/agentgen-web
    start_activated stream "$RUN/stream.sock" /usr/bin/agentgen-stream
    (umask 0027; cd / && exec "${ENV[@]}" "${AS[@]}" /usr/bin/agentgen-runner \
        >"$LOG/runner.log" 2>&1) &
    PIDS+=($!)
fi

# ---- browse through the system nginx --------------------------------------------------------------
code=000
for _ in $(seq 200); do
    code=$(curl -s -o "$LOG/login" -D "$LOG/login.h" -w '%{http_code}' "$BASE/login" || true)
    [ "$code" = 200 ] || [ "$code" = 303 ] && break
    sleep 0.1
done
t_about=$(now)
if [ "$code" != 200 ] && [ "$code" != 303 ]; then
    for f in web stream runner; do [ -f "$LOG/$f.log" ] && { echo "--- $f"; tail -n 20 "$LOG/$f.log"; }; done
    tail -n 5 /var/log/nginx/error.log 2>/dev/null || true
    fail "GET /login answered $code"
fi
# a fresh install has no admin yet: the sign-in page sends people to the first-run setup
if [ "$code" = 303 ]; then
    grep -qi '^Location: /setup' "$LOG/login.h" || fail "/login redirected elsewhere than /setup"
    curl -s "$BASE/setup" | grep -q 'name="token"' || fail "/setup shows no setup-token form"
    ok "first run: /login leads to /setup, which asks for the setup token"
else
    grep -q 'name="password"' "$LOG/login" || fail "/login shows no sign-in form"
fi
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/about")" = 303 ] || fail "/about must ask for sign-in"

# sign in as an admin made with the CLI, then the about page shows the version
pw="deb-test-password-$$-$RANDOM"
echo "$pw" | (cd / && "${ENV[@]}" "${AS[@]}" /usr/bin/agentgen user add debadmin --role admin --password-stdin) > /dev/null ||
    fail "agentgen user add"
jar="$LOG/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -c "$jar" -b "$jar" -H "Origin: $BASE" -o /dev/null --data-urlencode "_csrf=$csrf" \
    --data-urlencode "name=debadmin" --data-urlencode "password=$pw" "$BASE/login"
curl -s "$BASE/login" | grep -q 'name="password"' || fail "/login shows no sign-in form once an admin exists"
ok "the sign-in page answers 200 through nginx"
code=$(curl -s -b "$jar" -o "$LOG/about" -w '%{http_code}' "$BASE/about")
[ "$code" = 200 ] || fail "GET /about signed in answered $code"
grep -q '0\.1\.0' "$LOG/about" || fail "/about does not show the version"
ok "/about answers 200 through nginx once signed in"

body=$(curl -sf "$BASE/healthz") || fail "GET /healthz"
echo "$body" | grep -q '"status" *: *"ok"' || fail "/healthz said: $body"
ok "/healthz: $body"

code=$(head -c 10485760 /dev/zero | curl -s -o /dev/null -w '%{http_code}' \
    -H 'Content-Type: application/octet-stream' --data-binary @- "$BASE/api/plan" || true)
[ "$code" = 413 ] || fail "a 10 MB body got $code, want 413 from nginx"
ok "10 MB body refused with 413"

hdrs=$(curl -s -D - -o /dev/null "$BASE/login")
if echo "$hdrs" | grep -qi '^server: nginx/'; then fail "nginx version leaks in Server:"; fi
ok "server_tokens off"

css=$(cd /usr/share/agent-generator/static && find . -type f -name '*.css' | head -n 1)
if [ -n "$css" ]; then
    hdrs=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$BASE/static/${css#./}")
    echo "$hdrs" | grep -qi '^etag:' || fail "no ETag on /static/${css#./}"
    echo "$hdrs" | grep -qi '^cache-control:' || fail "no Cache-Control on /static/${css#./}"
    ok "static file served with ETag and Cache-Control"
fi

# SSE through the stream socket: headers must arrive, unbuffered, as text/event-stream.
curl -s -N --max-time 5 -D "$LOG/ping.h" -o "$LOG/ping" "$BASE/api/streams/ping" || true
grep -qi '^content-type: text/event-stream' "$LOG/ping.h" || fail "/api/streams/ping is not SSE"
grep -q '^data:' "$LOG/ping" || fail "/api/streams/ping sent no event"
ok "/api/streams/ping streams events through nginx"

# ---- stop, purge ------------------------------------------------------------------------------------
for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
PIDS=()
rm -rf "$RUN"

apt-get purge -y -q agent-generator >"$LOG/purge" 2>&1 || { cat "$LOG/purge"; fail "apt-get purge"; }
if getent passwd agentgen >/dev/null; then fail "user agentgen left after purge"; fi
if getent group agentgen >/dev/null; then fail "group agentgen left after purge"; fi
for p in "$DATA" /etc/agent-generator /etc/nginx/sites-enabled/agent-generator \
    /etc/nginx/sites-available/agent-generator /usr/share/agent-generator /usr/bin/agentgen \
    /lib/systemd/system/agent-generator-web.service \
    /etc/systemd/system/sockets.target.wants/agent-generator-web.socket; do
    if [ -e "$p" ] || [ -L "$p" ]; then fail "$p left after purge"; fi
done
if [ "$default_was_enabled" = 1 ] && [ ! -L /etc/nginx/sites-enabled/default ]; then
    fail "nginx's default site was not re-enabled on purge"
fi
nginx -t -q || fail "nginx -t after purge"
ok "purge removed the user, data, configuration, site and units"

awk -v t0="$t0" -v ti="$t_installed" -v ta="$t_about" -v lim="$LIMIT_S" 'BEGIN {
    printf "deb: apt-get install took %.2f s; fresh install to a working sign-in page: %.2f s (limit %d s)\n",
        ti - t0, ta - t0, lim
    exit !(ta - t0 < lim)
}' || fail "install to the sign-in page took over ${LIMIT_S} s"
echo "deb: 1 passed, 0 failed"
