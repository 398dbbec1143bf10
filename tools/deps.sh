#!/bin/sh
# deps.sh run|test - install the Debian packages `make run` or `make test` needs, only when one
# is missing (apt-get; through sudo when not root). Prints what it installs.
set -eu
RUN_PKGS="make gcc pkg-config libfcgi-dev clearsilver-dev libjson-c-dev libcurl4-openssl-dev
libssl-dev libsqlite3-dev zlib1g-dev sqlite3 curl ca-certificates poppler-utils"
TEST_PKGS="check libsubunit-dev python3 openssl python3-yaml python3-pytest pyflakes3 wrk bc
poppler-utils chromium"
# the browser test (tests/browser) runs on node; any node >= 18 already on the machine will do
command -v node > /dev/null 2>&1 || TEST_PKGS="$TEST_PKGS nodejs npm"
case "${1:-run}" in
run) want="$RUN_PKGS" ;;
test) want="$RUN_PKGS $TEST_PKGS" ;;
*) echo "usage: deps.sh run|test" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# any nginx flavour will do
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
