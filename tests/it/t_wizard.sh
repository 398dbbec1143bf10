#!/bin/bash
# Issue 4 acceptance 1, 3, 4 without JavaScript: sign in, describe -> framework -> tools ->
# review -> generate through form posts only; the zip holds exactly the files the preview
# lists; a hostile idea shows as text everywhere; an incompatible choice is refused (422 with
# the reason) even when the form is forced.
set -eu
: "${BASE:?run me from tests/it/run.sh}"
BIN=$1
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
J="$W/cookies"
fail() { echo "FAIL: $*"; exit 1; }
page() { curl -s -c "$J" -b "$J" -H "Origin: $BASE" "$@"; }
tok() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

pw="wizard-test-pass-$$-$RANDOM"
echo "$pw" | AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" user add "wiz$$" --role editor --password-stdin > /dev/null
csrf=$(page "$BASE/login" | tok)
[ "$(page -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" --data-urlencode "name=wiz$$" --data-urlencode "password=$pw" "$BASE/login")" = 303 ] || fail login

idea='Watch <script>alert(1)</script> "rival" prices \ {{x}} <?cs var:y ?> 日本語 🚀 and email a weekly summary'
csrf=$(page "$BASE/generate" | tok)
loc=$(page -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$csrf" --data-urlencode "idea=$idea" "$BASE/generate")
d=${loc##*d=}
[ -n "$d" ] || fail "no draft id"
page "$BASE/generate/framework?d=$d" > "$W/fw.html"
grep -q 'name="framework" value="strands"' "$W/fw.html" || fail "framework cards"
# incompatible: strands + react
page -o /dev/null --data-urlencode "_csrf=$csrf" -d framework=strands -d pattern=react "$BASE/generate/framework?d=$d"
page "$BASE/generate/review?d=$d" > "$W/review-bad.html"
grep -q 'class="badge err">err' "$W/review-bad.html" || fail "err row not shown"
grep -q 'disabled aria-disabled="true"' "$W/review-bad.html" || fail "Generate not disabled"
code=$(page -o "$W/refused.html" -w '%{http_code}' --data-urlencode "_csrf=$csrf" "$BASE/generate/create?d=$d")
[ "$code" = 422 ] || fail "forced create gave $code"
grep -q 'Not generated' "$W/refused.html" && grep -q 'ReAct: unsupported' "$W/refused.html" || fail "refusal reason"
# fix it, pick tools, review, generate
page -o /dev/null --data-urlencode "_csrf=$csrf" -d framework=langgraph -d pattern=supervisor -d hyperscaler=azure "$BASE/generate/framework?d=$d"
page -o /dev/null --data-urlencode "_csrf=$csrf" -d tool=web_search -d tool=file_writer "$BASE/generate/tools?d=$d"
page "$BASE/generate/review?d=$d" > "$W/review.html"
grep -q '<script>alert' "$W/review.html" && fail "raw script tag in review page"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$W/review.html" || fail "idea not shown escaped"
grep -o 'data-preview="[^"]*"' "$W/review.html" | sed 's/data-preview="//;s/"$//' | sort > "$W/preview-files"
[ -s "$W/preview-files" ] || fail "no file tree"
loc=$(page -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$csrf" "$BASE/generate/create?d=$d")
id=${loc##*/projects/}
[ -n "$id" ] && [ "$id" -gt 0 ] || fail "create did not redirect to a project ($loc)"
page "$BASE/projects/$id" > "$W/show.html"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$W/show.html" || fail "project page escaping"
grep -q '<script>alert' "$W/show.html" && fail "raw script on project page"
page "$BASE/history" | grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' || fail "history escaping"
page "$BASE/projects?q=rival" | grep -q "/projects/$id\"" || fail "search"
page -o "$W/p.zip" "$BASE/projects/$id/archive.zip"
/usr/bin/python3 - "$W/p.zip" "$W/preview-files" <<'PY' || fail "zip differs from preview"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
names = sorted(n.split("/", 1)[1] for n in z.namelist())
want = sorted(open(sys.argv[2]).read().split())
assert names == want, (names[:5], want[:5])
PY
# rename, delete with confirmation
page -o /dev/null --data-urlencode "_csrf=$csrf" -d name=Renamed "$BASE/projects/$id/rename"
page "$BASE/projects/$id" | grep -q '<h1>Renamed</h1>' || fail rename
[ "$(page -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" "$BASE/projects/$id/delete")" = 200 ] || fail "delete without confirm must ask"
[ "$(page -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" -d confirm=1 "$BASE/projects/$id/delete")" = 303 ] || fail delete
[ "$(page -o /dev/null -w '%{http_code}' "$BASE/projects/$id")" = 404 ] || fail "deleted project still shown"
# a post without the CSRF token changes nothing
[ "$(page -o /dev/null -w '%{http_code}' --data-urlencode "idea=x" "$BASE/generate")" = 403 ] || fail "CSRF"
echo "wizard ok"
