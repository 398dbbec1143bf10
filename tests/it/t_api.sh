#!/bin/bash
# JSON API of the generator on the running stack: catalogue, diagnose, plan, projects CRUD,
# files, zip; an incompatible combination is refused with 422 and writes nothing.
set -eu
: "${BASE:?run me from tests/it/run.sh}"
J='Content-Type: application/json'
fail() { echo "FAIL: $*"; exit 1; }
code() { curl -s -o /tmp/ag-api.$$ -w '%{http_code}' "$@"; }
trap 'rm -f /tmp/ag-api.$$ /tmp/ag-api.$$.zip' EXIT
AUTH=${AUTH_HEADER:-X-None: 1}

[ "$(code -H "$AUTH" "$BASE/api/compatibility")" = 200 ] || fail "catalogue"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["frameworks"])==8, d.keys()' /tmp/ag-api.$$
[ "$(code -H "$AUTH" -H "$J" -d '{"framework":"langgraph","hyperscaler":"azure","pattern":"supervisor","model":"gpt-5.1"}' "$BASE/api/compatibility/diagnose")" = 200 ] || fail diagnose
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d["diagnostics"]; assert len(r)==8 and all(x["severity"]=="ok" for x in r), r' /tmp/ag-api.$$
[ "$(code -H "$AUTH" -H "$J" -d '{"idea":"Summarise support tickets and draft replies","framework":"crewai"}' "$BASE/api/plan")" = 200 ] || fail plan
before=$(curl -s -H "$AUTH" "$BASE/api/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$(code -H "$AUTH" -H "$J" -d '{"idea":"x","framework":"strands","pattern":"react"}' "$BASE/api/projects")" = 422 ] || fail "strands+react not refused"
grep -q '"code":"incompatible"' /tmp/ag-api.$$ || fail "422 body"
[ "$(code -H "$AUTH" -H "$J" -d '{"idea":' "$BASE/api/projects")" = 400 ] || fail "bad JSON"
[ "$(code -H "$AUTH" -H "$J" -d '{"idea":"ok","framework":"nope"}' "$BASE/api/projects")" = 400 ] || fail "unknown framework"
after=$(curl -s -H "$AUTH" "$BASE/api/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$before" = "$after" ] || fail "a refused request changed the project count"
idea='Track <script>alert(1)</script> "quotes" \\ and ünïcödé 🚀 prices, then email a summary'
body=$(python3 -c 'import json,sys; print(json.dumps({"idea":sys.argv[1],"framework":"langgraph"}))' "$idea")
[ "$(code -H "$AUTH" -H "$J" -d "$body" "$BASE/api/projects")" = 201 ] || { cat /tmp/ag-api.$$; fail create; }
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' /tmp/ag-api.$$)
[ "$(code -H "$AUTH" "$BASE/api/projects/$id")" = 200 ] || fail show
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["idea"]==sys.argv[2], d["idea"]' /tmp/ag-api.$$ "$idea"
[ "$(code -H "$AUTH" "$BASE/api/projects/$id/files")" = 200 ] || fail files
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' /tmp/ag-api.$$)
[ "$(code -H "$AUTH" "$BASE/api/projects/$id/files/README.md")" = 200 ] || fail "file"
[ "$(code -H "$AUTH" "$BASE/api/projects/$id/files/no/such")" = 404 ] || fail "missing file"
curl -s -H "$AUTH" -o /tmp/ag-api.$$.zip "$BASE/api/projects/$id/archive.zip"
m=$(python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))' /tmp/ag-api.$$.zip)
[ "$n" = "$m" ] || fail "zip has $m files, list has $n"
[ "$(code -H "$AUTH" -X PATCH -H "$J" -d '{"name":"Renamed"}' "$BASE/api/projects/$id")" = 200 ] || fail rename
grep -q '"name":"Renamed"' /tmp/ag-api.$$ || fail "rename body"
[ "$(code -H "$AUTH" -X DELETE "$BASE/api/projects/$id")" = 204 ] || fail delete
[ "$(code -H "$AUTH" "$BASE/api/projects/$id")" = 404 ] || fail "deleted project still there"
echo "api ok"
