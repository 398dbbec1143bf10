#!/bin/bash
# generate_corpus.sh - issue 3 acceptance 1 and 2: every framework x every idea in
# tests/ideas.txt generates; every .py compiles and is pyflakes-clean, every YAML/TOML parses,
# two runs give identical trees and zips, zips pass `zipfile -t`, and for a few ideas per
# framework the generated project's own tests pass offline (skips only via importorskip).
# usage: bash tests/it/generate_corpus.sh build/agentgen
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 path/to/agentgen" >&2
    exit 2
fi
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export AGENTGEN_SHARE_DIR=${AGENTGEN_SHARE_DIR:-$ROOT}
export PYTHONDONTWRITEBYTECODE=1
PY=/usr/bin/python3 # Debian's python (python3-yaml, python3-pytest); not a pyenv one on PATH
FRAMEWORKS="crewai crewai_flow langgraph react watsonx_orchestrate autogen strands llamaindex"
PYTEST_IDEAS="0 11 20 43" # plain, quotes, Japanese, 10 kB
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0

fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

mapfile -t IDEAS <"$ROOT/tests/ideas.txt"
echo "corpus: ${#IDEAS[@]} ideas x 8 frameworks"
start=$(date +%s)
mkdir -p "$TMP/zip"
for fw in $FRAMEWORKS; do
    for i in "${!IDEAS[@]}"; do
        idea=${IDEAS[$i]//\\n/$'\n'}
        for run in a b; do
            if ! "$BIN" generate "$idea" -f "$fw" -o "$TMP/$run/$fw/$i" >/dev/null 2>"$TMP/err"; then
                fail "$fw idea $i (-o, run $run): $(head -c 400 "$TMP/err")"
            fi
            if ! "$BIN" generate "$idea" -f "$fw" --zip "$TMP/zip/$fw-$i-$run.zip" >/dev/null 2>"$TMP/err"; then
                fail "$fw idea $i (--zip, run $run): $(head -c 400 "$TMP/err")"
            fi
        done
        if ! cmp -s "$TMP/zip/$fw-$i-a.zip" "$TMP/zip/$fw-$i-b.zip"; then
            fail "$fw idea $i: zips differ between runs"
        fi
    done 2>&1
done
# Invalid UTF-8 is refused cleanly (exit 2, nothing written), never half-generated.
bad_idea=$(printf 'Invalid UTF-8 \xff\xfe overlong \xc0\xaf surrogate \xed\xa0\x80')
set +e
"$BIN" generate "$bad_idea" -f react -o "$TMP/bad" >/dev/null 2>&1
rc=$?
set -e
if [ "$rc" -ne 2 ] || [ -e "$TMP/bad" ]; then
    fail "invalid UTF-8 idea: exit $rc (want 2, no output)"
fi
# -o never writes through a symlink planted in the output folder.
mkdir -p "$TMP/trap/out" "$TMP/trap/elsewhere"
ln -s "$TMP/trap/elsewhere" "$TMP/trap/out/src"
if "$BIN" generate "hello" -f react -o "$TMP/trap/out" >/dev/null 2>&1; then
    fail "-o followed a symlink"
fi
if [ -n "$(ls -A "$TMP/trap/elsewhere")" ]; then
    fail "-o wrote outside its folder"
fi
echo "generated in $(($(date +%s) - start)) s"

if ! diff -r "$TMP/a" "$TMP/b" >"$TMP/diff"; then
    fail "trees differ between runs: $(head -c 800 "$TMP/diff")"
fi

# One python process checks every file (py_compile, YAML, TOML, zip integrity).
if ! "$PY" - "$TMP/a" "$TMP/zip" <<'PYEOF'; then
import os, py_compile, sys, tempfile, tomllib, zipfile
import yaml
tree, zips = sys.argv[1], sys.argv[2]
bad = 0
counts = {"py": 0, "yaml": 0, "toml": 0, "zip": 0}
cfile = os.path.join(tempfile.mkdtemp(), "x.pyc")
for base, _, names in os.walk(tree):
    for name in names:
        path = os.path.join(base, name)
        try:
            if name.endswith(".py"):
                py_compile.compile(path, cfile=cfile, doraise=True)
                counts["py"] += 1
            elif name.endswith((".yaml", ".yml")):
                with open(path, encoding="utf-8") as f:
                    yaml.safe_load(f)
                counts["yaml"] += 1
            elif name.endswith(".toml"):
                with open(path, "rb") as f:
                    tomllib.load(f)
                counts["toml"] += 1
        except Exception as exc:
            bad += 1
            print(f"FAIL: {path}: {exc}", file=sys.stderr)
for name in sorted(os.listdir(zips)):
    with zipfile.ZipFile(os.path.join(zips, name)) as z:
        if z.testzip() is not None:
            bad += 1
            print(f"FAIL: {name}: bad zip member", file=sys.stderr)
    counts["zip"] += 1
print("checked", ", ".join(f"{v} {k}" for k, v in counts.items()))
sys.exit(1 if bad else 0)
PYEOF
    fail "python checks"
fi
first_zip=$(ls "$TMP/zip" | head -n 1)
"$PY" -m zipfile -t "$TMP/zip/$first_zip" >/dev/null || fail "python3 -m zipfile -t $first_zip"

for fw in $FRAMEWORKS; do
    if ! pyflakes3 "$TMP/a/$fw" >"$TMP/flakes" 2>&1; then
        fail "pyflakes3 $fw: $(head -c 2000 "$TMP/flakes")"
    fi
done

# The generated projects' own tests, offline with the fake LLM.
passed=0
for fw in $FRAMEWORKS; do
    for i in $PYTEST_IDEAS; do
        dir="$TMP/a/$fw/$i"
        if ! (cd "$dir" && "$PY" -m pytest -q -rs -p no:cacheprovider >"$TMP/pytest" 2>&1); then
            fail "pytest $fw idea $i: $(tail -n 30 "$TMP/pytest")"
        elif grep '^SKIPPED' "$TMP/pytest" | grep -v 'is not installed' >/dev/null; then
            fail "pytest $fw idea $i: a skip without an importorskip reason"
        else
            passed=$((passed + 1))
        fi
    done
    echo "pytest $fw: $(tail -n 1 "$TMP/pytest")"
done

# Both patterns with all six tools (every tool's code and tests), where the pair is supported;
# an unsupported pair must exit 3 with the diagnostics.
for fw in $FRAMEWORKS; do
    for pattern in supervisor react; do
        dir="$TMP/pat/$fw-$pattern"
        set +e
        "$BIN" generate "Research the market with web search and SQL, then write a report" \
            -f "$fw" --pattern "$pattern" \
            --tools web_search,pdf_reader,http_client,sql_query,file_writer,vector_search \
            -o "$dir" >/dev/null 2>"$TMP/err"
        rc=$?
        set -e
        if [ "$rc" -eq 3 ] && grep -q '^diagnose: ' "$TMP/err"; then
            continue
        fi
        if [ "$rc" -ne 0 ]; then
            fail "$fw --pattern $pattern: exit $rc $(head -c 300 "$TMP/err")"
            continue
        fi
        pyflakes3 "$dir" >"$TMP/flakes" 2>&1 || fail "pyflakes3 $fw $pattern: $(head -c 1000 "$TMP/flakes")"
        if (cd "$dir" && "$PY" -m pytest -q -rs -p no:cacheprovider >"$TMP/pytest" 2>&1); then
            passed=$((passed + 1))
        else
            fail "pytest $fw $pattern: $(tail -n 30 "$TMP/pytest")"
        fi
    done
done

echo "generated projects tested: $passed"
echo "total $(($(date +%s) - start)) s"
if [ "$fails" -ne 0 ]; then
    echo "$fails failed" >&2
    exit 1
fi
echo "corpus ok"
