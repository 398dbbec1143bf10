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
# philosophy filter (server-side, a GET form): all 8 cards visible, then only the 3 "graph" ones
shown() { grep -o '<label class="card pick[^>]*data-philosophy[^>]*>' "$1" | grep -c -v ' hidden'; }
[ "$(shown "$W/fw.html")" = 8 ] || fail "all frameworks should show without a filter"
page "$BASE/generate/framework?d=$d&philosophy=graph" > "$W/fw-graph.html"
[ "$(shown "$W/fw-graph.html")" = 3 ] || fail "graph filter shows $(shown "$W/fw-graph.html") cards"
for f in langgraph crewai_flow llamaindex; do
    tr '\n' ' ' < "$W/fw-graph.html" | grep -o "<label class=\"card pick[^>]*>[[:space:]]*<input type=\"radio\" name=\"framework\" value=\"$f\"" \
        | grep -q -v ' hidden' || fail "graph filter hides $f"
done
grep -q 'name="philosophy" value="graph" checked' "$W/fw-graph.html" || fail "filter radio not kept"
# the draft's crewai is filtered out: the first visible card is picked instead
grep -q 'value="langgraph" checked' "$W/fw-graph.html" || fail "first visible framework not picked"
[ "$(page "$BASE/generate/framework?d=$d&philosophy=bogus" | shown /dev/stdin)" = 8 ] || fail "unknown philosophy must filter nothing"
# recent ideas: this user's ideas, newest first, each a link that refills the form
csrf=$(page "$BASE/generate" | tok)
loc2=$(page -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$csrf" --data-urlencode "idea=Summarise support tickets nightly" "$BASE/generate")
page "$BASE/generate" > "$W/describe.html"
grep -q 'Your recent ideas' "$W/describe.html" || fail "no recent ideas"
grep -o 'class="recent-idea"[^>]*><span class="clamp">[^<]*' "$W/describe.html" | head -1 | grep -q 'Summarise support tickets nightly' || fail "newest idea not first"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &quot;rival&quot;' "$W/describe.html" || fail "older idea missing or not escaped"
grep -q '<script>alert' "$W/describe.html" && fail "raw script in recent ideas"
page "$BASE/generate?recent=1" | grep -A1 '<textarea id="idea"' | grep -q '&lt;script&gt;alert(1)' || fail "recent=1 does not fill the idea"
page "$BASE/generate?recent=0&d=${loc2##*d=}" | grep -A1 '<textarea id="idea"' | grep -q 'Summarise support tickets nightly' || fail "recent=0 does not fill the idea"
page "$BASE/generate?recent=9" | grep -A1 '<textarea id="idea"' | grep -q 'Summarise' && fail "out-of-range recent filled something"
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
# the review is cached per draft content: any change of the draft shows at once
page -o /dev/null --data-urlencode "_csrf=$csrf" -d tool=web_search "$BASE/generate/tools?d=$d"
for i in 1 2; do page "$BASE/generate/review?d=$d" | grep -q '<span class="badge">web_search</span>' || fail "review $i"; done
page "$BASE/generate/review?d=$d" | grep -q '<span class="badge">file_writer</span>' && fail "tool not chosen shown"
page -o /dev/null --data-urlencode "_csrf=$csrf" -d tool=web_search -d tool=file_writer -d memory=1 "$BASE/generate/tools?d=$d"
page "$BASE/generate/review?d=$d" | grep -q '<span class="badge">file_writer</span>' || fail "stale review after a draft change"
# agents: the planned ones are listed on the Tools step, editable through plain form posts
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
page "$BASE/generate/tools?d=$d" > "$W/tools.html"
names() { grep -o 'name="agent_name" value="[^"]*"' "$1" | sed 's/.*value="//;s/"$//' | tr '\n' ' '; }
[ "$(names "$W/tools.html")" = "engineer writer " ] || fail "planned agents: $(names "$W/tools.html")"
agents_post() { page -o "$W/agents.out" -w '%{http_code}' --data-urlencode "_csrf=$csrf" "$@" "$BASE/generate/agents?d=$d"; }
before=$(db "SELECT agents FROM drafts WHERE id = '$d'")
bad() { # expected-message, post args...
    msg=$1; shift
    code=$(agents_post "$@")
    [ "$code" = 400 ] || fail "bad agent edit ($msg) gave $code"
    grep -q "$msg" "$W/agents.out" || fail "no clear error for: $msg"
    grep -q '<script>alert(3)' "$W/agents.out" && fail "hostile name echoed raw"
    [ "$(db "SELECT agents FROM drafts WHERE id = '$d'")" = "$before" ] || fail "bad edit ($msg) changed the draft"
}
row() { echo "-d agent_from=$1 --data-urlencode agent_name=$2 --data-urlencode agent_role=$3"; }
bad 'Keep at least one agent' -d agent_from=0 -d agent_name=engineer -d agent_role=Engineer -d remove=0
seven=""; for i in 0 1 2 3 4 5 6; do seven="$seven -d agent_from=-1 -d agent_name=a$i -d agent_role=R$i"; done
# shellcheck disable=SC2086
bad 'At most 6 agents' $seven
bad 'Every agent needs a name' -d agent_from=0 -d agent_name= -d agent_role=Engineer
long=$(head -c 10240 /dev/zero | tr '\0' x)
bad 'Agent names are lower-case' -d agent_from=0 --data-urlencode "agent_name=$long" -d agent_role=Engineer
bad 'Agent names are lower-case' -d agent_from=0 --data-urlencode "agent_name=<script>alert(3)</script>" -d agent_role=Engineer
bad 'Two agents have the same name' -d agent_from=0 -d agent_name=engineer -d agent_role=A -d agent_from=1 -d agent_name=engineer -d agent_role=B
bad 'Every agent needs a role' -d agent_from=0 -d agent_name=engineer --data-urlencode "agent_role=   "
# a refused edit keeps what was typed in the form (the planned agents would lose it)
bad 'Every agent needs a name' -d agent_from=0 -d agent_name= -d agent_role="Lead engineer typed" \
    -d agent_from=1 -d agent_name=copy_writer -d agent_role=Writer
grep -q 'name="agent_role" value="Lead engineer typed"' "$W/agents.out" || fail "refused edit lost the typed role"
[ "$(names "$W/agents.out")" = " copy_writer " ] || fail "refused edit shows: $(names "$W/agents.out")"
bad 'Every agent needs a name' -d agent_from=0 -d agent_name=engineer -d agent_role=Engineer \
    -d add=1 -d new_name= -d new_role="Typed newcomer"
grep -q 'value="Typed newcomer"' "$W/agents.out" || fail "refused add lost the typed role"
# rename the first (with a hostile role), remove the second, add one: its tasks go to the first
code=$(agents_post -d agent_from=0 --data-urlencode "agent_name=Market Scout" --data-urlencode "agent_role=Price <b>watcher</b> <script>alert(4)</script>" \
    -d agent_from=1 -d agent_name=writer -d agent_role=Writer -d remove=1 \
    -d add=1 --data-urlencode "new_name=fact_checker" --data-urlencode "new_role=Fact checker")
[ "$code" = 303 ] || fail "agent edit gave $code: $(grep -o 'role="alert">[^<]*' "$W/agents.out")"
page "$BASE/generate/tools?d=$d" > "$W/tools2.html"
[ "$(names "$W/tools2.html")" = "market_scout fact_checker " ] || fail "edited agents after reload: $(names "$W/tools2.html")"
grep -q '<script>alert(4)' "$W/tools2.html" && fail "raw role on the tools page"
page "$BASE/generate/review?d=$d" > "$W/review.html"
grep -q '<code>market_scout</code>' "$W/review.html" && grep -q '<code>fact_checker</code>' "$W/review.html" || fail "review misses the edited agents"
grep -q '<code>writer</code>' "$W/review.html" && fail "removed agent still on the review page"
grep -q 'Price &lt;b&gt;watcher&lt;/b&gt; &lt;script&gt;alert(4)' "$W/review.html" || fail "role not shown escaped"
grep -q '<script>alert(4)' "$W/review.html" && fail "raw role on the review page"
grep -q 'fact_checker_task' "$W/review.html" || fail "new agent has no task"
# a bad edit of the stored agents also changes nothing
before=$(db "SELECT agents FROM drafts WHERE id = '$d'")
bad 'Agent names are lower-case' -d agent_from=0 -d agent_name=class -d agent_role=X -d agent_from=-1 -d agent_name=fact_checker -d agent_role=Y
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
# the list counts all projects, and only the matching ones when filtered
page "$BASE/projects" | grep -q ">$(db "SELECT count(*) FROM projects") projects<" || fail "list total"
[ "$(page "$BASE/projects?q=rival" | grep -o '>[0-9]* projects<')" = ">$(db "SELECT count(*) FROM projects WHERE instr(lower(name), 'rival') > 0 OR instr(lower(idea), 'rival') > 0") projects<" ] || fail "filtered total"
# the API list still returns the whole idea (the page clips it)
page "$BASE/api/projects?q=rival" | /usr/bin/python3 -c 'import json, sys; i = json.load(sys.stdin)["items"][0]["idea"]; assert i.endswith("weekly summary"), i' || fail "API idea clipped"
page -o "$W/p.zip" "$BASE/projects/$id/archive.zip"
/usr/bin/python3 - "$W/p.zip" "$W/preview-files" <<'PY' || fail "zip differs from preview"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
names = sorted(n.split("/", 1)[1] for n in z.namelist())
want = sorted(open(sys.argv[2]).read().split())
assert names == want, (names[:5], want[:5])
# the edited agents are the project's agents, the removed one is gone, and the code compiles
text = {n: z.read(n).decode() for n in z.namelist()}
allt = "\n".join(text.values())
assert "market_scout" in allt and "fact_checker" in allt, "edited agents missing from the zip"
assert "writing_task" in allt and "Price <b>watcher</b>" in allt, "the removed agent's task or the new role is missing"
for n, v in text.items():
    if n.endswith(".py"):
        compile(v, n, "exec")
PY
# Regenerate with changes starts from what the project was made with: its choices, tools,
# memory and edited agents (not the planner's agents again)
loc=$(page -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$csrf" "$BASE/projects/$id/regenerate")
d2=${loc##*d=}
case "$loc" in */generate/framework\?d=*) ;; *) fail "regenerate went to $loc" ;; esac
[ "$d2" != "$d" ] || fail "regenerate reused the old draft"
page "$BASE/generate/framework?d=$d2" | grep -q 'value="langgraph" checked' || fail "regenerate lost the framework"
page "$BASE/generate/tools?d=$d2" > "$W/regen-tools.html"
[ "$(names "$W/regen-tools.html")" = "market_scout fact_checker " ] || fail "regenerate lost the agent edits: $(names "$W/regen-tools.html")"
for t in web_search file_writer; do grep -q "value=\"$t\" checked" "$W/regen-tools.html" || fail "regenerate lost tool $t"; done
grep -q 'name="memory" value="1" checked' "$W/regen-tools.html" || fail "regenerate lost memory"
loc=$(page -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$csrf" "$BASE/generate/create?d=$d2")
[ "${loc##*/projects/}" = "$id" ] || fail "regenerate made another project ($loc)"
page -o "$W/p2.zip" "$BASE/projects/$id/archive.zip"
/usr/bin/python3 - "$W/p.zip" "$W/p2.zip" <<'PY' || fail "regenerated project differs"
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
assert sorted(a.namelist()) == sorted(b.namelist())
assert all(a.read(n) == b.read(n) for n in a.namelist()), "same choices, different files"
PY
[ "$(db "SELECT count(*) FROM history WHERE kind = 'regenerate' AND project_id = $id")" = 1 ] || fail "no regenerate history row"
# rename, delete with confirmation
page -o /dev/null --data-urlencode "_csrf=$csrf" -d name=Renamed "$BASE/projects/$id/rename"
page "$BASE/projects/$id" | grep -q '<h1>Renamed</h1>' || fail rename
[ "$(page -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" "$BASE/projects/$id/delete")" = 200 ] || fail "delete without confirm must ask"
[ "$(page -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" -d confirm=1 "$BASE/projects/$id/delete")" = 303 ] || fail delete
[ "$(page -o /dev/null -w '%{http_code}' "$BASE/projects/$id")" = 404 ] || fail "deleted project still shown"
# a post without the CSRF token changes nothing
[ "$(page -o /dev/null -w '%{http_code}' --data-urlencode "idea=x" "$BASE/generate")" = 403 ] || fail "CSRF"
echo "wizard ok"
