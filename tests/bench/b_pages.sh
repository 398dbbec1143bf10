#!/bin/bash
# b_pages.sh - issue 4 acceptance 5: the wizard review page and the project list (first page of
# 1,000 projects) through nginx, signed in. Run by tests/bench/run.sh with $BASE, $BIN and $DIR
# of the running stack; prints report lines in run.sh's format (rps, p99, ratio against nginx
# serving a static file of the same size).
set -eu
: "${BASE:?run me from tests/bench/run.sh}" "${BIN:?}" "${DIR:?}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DUR=${DURATION:-5}
W=$(mktemp -d)
SB="$TOP/static/.bench-pages-$$"
trap 'rm -rf "$W" "$SB"' EXIT
mkdir -p "$SB"
J="$W/jar"
page() { curl -fsS -c "$J" -b "$J" -H "Origin: $BASE" "$@"; }
# sqlite3 with a busy timeout: the runner and workers write too
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
tok() { grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }

# a signed-in editor
pw="bench-pages-pass-$$-$RANDOM$RANDOM"
echo "$pw" | AGENTGEN_CONFIG="$DIR/agentgen.conf" "$BIN/agentgen" user add "bench$$" --role editor --password-stdin > /dev/null
csrf=$(page "$BASE/login" | tok)
page -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "name=bench$$" --data-urlencode "password=$pw" "$BASE/login"
cookie="ag_session=$(awk '$6 == "ag_session" { print $7 }' "$J")"
csrf=$(page "$BASE/generate" | tok)

# a draft ready for review
loc=$(page -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$csrf" \
    --data-urlencode "idea=Research competitors every Monday and email the team a summary of pricing changes" "$BASE/generate")
d=${loc##*d=}
page -o /dev/null --data-urlencode "_csrf=$csrf" -d framework=langgraph -d pattern=supervisor "$BASE/generate/framework?d=$d"
page -o /dev/null --data-urlencode "_csrf=$csrf" -d tool=web_search -d tool=file_writer "$BASE/generate/tools?d=$d"

# 1,000 projects: a few generated through the API, the rest copies of them (files too), in one
# transaction
for fw in langgraph crewai autogen strands; do
    page -o /dev/null -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
        -d "{\"idea\":\"Read incoming invoices, extract totals and flag anomalies ($fw)\",\"framework\":\"$fw\",\"pattern\":\"supervisor\"}" \
        "$BASE/api/projects"
done
have=$(db "SELECT count(*) FROM projects")
base=$(db "SELECT max(id) FROM projects")
db <<SQL
.bail on
.timeout 10000
BEGIN;
CREATE TEMP TABLE src AS
    SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM (SELECT * FROM projects ORDER BY id DESC LIMIT 4);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO projects (id, name, slug, idea, framework, pattern, model, hyperscaler, spec_json, n_files,
                      n_bytes, owner_id, created_at, updated_at)
SELECT $base + 1 + n.i * 4 + src.k, src.name || ' ' || (n.i + 1), src.slug, src.idea, src.framework, src.pattern,
       src.model, src.hyperscaler, src.spec_json, src.n_files, src.n_bytes, src.owner_id,
       src.created_at - (n.i + 1) * 60, src.updated_at - (n.i + 1) * 60
FROM n, src WHERE n.i * 4 + src.k < 1000 - $have;
INSERT INTO project_files (project_id, path, mode, content)
SELECT p.id, f.path, f.mode, f.content
FROM projects p JOIN src ON src.k = (p.id - $base - 1) % 4 JOIN project_files f ON f.project_id = src.id
WHERE p.id > $base;
COMMIT;
SQL
n=$(db "SELECT count(*) FROM projects")
nf=$(db "SELECT count(*) FROM project_files")
echo "pages: $n projects, $nf files in the DB; signed in as an editor"

# the same measurement as run.sh's report(), with the session cookie
measure() { # URL [wrk args]
    wrk -t2 -c32 -d"${DUR}s" --latency "$@" 2> /dev/null | awk '
        /Requests\/sec:/ { rps = $2 }
        /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
                   else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
                   p99 = v }
        /Non-2xx/ { bad = $NF }
        END { printf "%.0f %.2f %s\n", rps, p99, bad + 0 }'
}
report() { # NAME PATH
    local name=$1 path=$2
    curl -fsS -H "Cookie: $cookie" "$BASE$path" > "$SB/$name.body"
    local size
    size=$(stat -c %s "$SB/$name.body")
    read -r rps p99 bad <<< "$(measure "$BASE$path" -H "Cookie: $cookie")"
    read -r srps sp99 _ <<< "$(measure "$BASE/static/.bench-pages-$$/$name.body")"
    printf '%-14s %6d B  app %8s rps  p99 %6s ms  | nginx static %8s rps  p99 %6s ms | ratio %.2f %s\n' \
        "$path" "$size" "$rps" "$p99" "$srps" "$sp99" "$(echo "$rps / $srps" | bc -l)" \
        "$([ "$bad" != 0 ] && echo "(non-2xx: $bad)")"
}
report review "/generate/review?d=$d"
grep -q 'class="primary">Generate project' "$SB/review.body" || { echo "review page not rendered as expected"; exit 1; }
report projects /projects
grep -q "$n projects" "$SB/projects.body" || { echo "project list does not show $n projects"; exit 1; }
