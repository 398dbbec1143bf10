#!/bin/bash
# Issue 4 acceptance 2: the main journey in headless Chromium (Debian's /usr/bin/chromium, driven
# by playwright-core from tests/browser) with JavaScript on, at 1440x900 and 390x844. Screenshots
# land in tests/browser/out/. Run by tests/it/run.sh with the bin dir as $1 and the stack in
# $BASE / $DIR.
set -eu
: "${BASE:?run me from tests/it/run.sh}"
BIN=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
command -v node > /dev/null || { echo "node is missing (make deps-test)"; exit 1; }
[ -x /usr/bin/chromium ] || { echo "/usr/bin/chromium is missing (make deps-test)"; exit 1; }
if [ ! -d "$TOP/tests/browser/node_modules/playwright-core" ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$TOP/tests/browser" --no-audit --no-fund --loglevel=error > /dev/null
fi
user="browser$$"
pw="browser-test-pass-$$-$RANDOM$RANDOM"
echo "$pw" | AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" user add "$user" --role editor --password-stdin > /dev/null
# the password goes to the child's environment only
rc=0
BASE="$BASE" AG_USER="$user" AG_PASSWORD="$pw" node "$TOP/tests/browser/journey.mjs" || rc=1
# issue 6 acceptance 3: the Test surface (tool card, Stop) and the Run console
bash "$TOP/tests/browser/chat.sh" "$BIN" || rc=1
# issue 6: Run console run control (trace tree, Pause, a message, Resume)
bash "$TOP/tests/browser/runs.sh" "$BIN" || rc=1
exit $rc
