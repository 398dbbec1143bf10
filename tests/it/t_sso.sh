#!/bin/bash
# SPDX-License-Identifier: MIT
# t_sso.sh BINDIR - single sign-on on the running stack ($BASE, $DIR from run.sh) against
# tests/fakes/oidc_fake.py (OIDC discovery/authorize/token/JWKS with a real RSA key, and GitHub
# OAuth): full logins with curl following redirects, account creation and linking, refusals
# (tampered ID token, wrong audience, expired, replayed state, another browser, unknown
# provider), GitHub, and trusted proxy headers. The SSO sections are appended to the stack's
# config and agentgen-web is reloaded with SIGHUP; the config is restored at the end.
set -eu
BIN=$(cd "${1:-build/san}" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${BASE:?run from tests/it/run.sh}" "${DIR:?run from tests/it/run.sh}"
T=$(mktemp -d /tmp/agentgen-sso.XXXXXX)
FAKE_PID=""
CONF="$DIR/agentgen.conf"
cp "$CONF" "$T/agentgen.conf.orig"
SECRETS="$DIR/secrets.txt" # run.sh greps every log for each line of it at the end
touch "$SECRETS"
reload_web() { kill -HUP "$(cat "$DIR/web.pid")"; }
cleanup() {
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2> /dev/null || true; fi
    cp "$T/agentgen.conf.orig" "$CONF" && reload_web && sleep 0.5
    rm -rf "$T"
}
trap cleanup EXIT
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
db() { sqlite3 -cmd ".timeout 10000" "$DIR/agentgen.db" "$@"; }
pass=0
fail=0
check() {
    local name=$1 rc
    shift
    set +e
    ( set -e; [ -n "${TRACE:-}" ] && set -x; "$@" ) > "$T/last.out" 2>&1
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); echo "ok   $name"; else
        fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/     /' "$T/last.out" | tail -n 30
    fi
}

# ---- the provider stand-in, with a fresh RSA key and client secrets ----
openssl genrsa -out "$T/key.pem" 2048 2> /dev/null
OIDC_SECRET="oidc-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
BASIC_SECRET="basic-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
GH_SECRET="gh-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n%s\n%s\n' "$OIDC_SECRET" "$BASIC_SECRET" "$GH_SECRET" >> "$SECRETS"
# the corp provider reads its secret from a file; basic and github have it inline
printf '%s\n' "$OIDC_SECRET" > "$T/oidc_secret"
"$PY" "$TOP/tests/fakes/oidc_fake.py" --port 0 --key "$T/key.pem" --client-secret "$OIDC_SECRET" \
    --gh-client-secret "$GH_SECRET" --secrets "$T/issued" > "$T/fake.port" 2> "$T/fake.log" &
FAKE_PID=$!
for _ in $(seq 1 100); do [ -s "$T/fake.port" ] && break; sleep 0.05; done
FPORT=$(head -n 1 "$T/fake.port")
[ -n "$FPORT" ] || { echo "FAIL fake did not start"; cat "$T/fake.log"; exit 1; }
ISS="http://127.0.0.1:$FPORT"
control() { curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "$1" "$ISS/_control"; }

write_conf() { # TRUSTED-PROXY-ADDRESSES
    cp "$T/agentgen.conf.orig" "$CONF"
    cat >> "$CONF" << EOC

[oidc.corp]
issuer = $ISS
client_id = ag-client
client_secret = file:$T/oidc_secret
display_name = Corp SSO
default_role = editor

[oidc.basic]
issuer = $ISS
client_id = ag-client
client_secret = $OIDC_SECRET
token_auth = client_secret_basic

[github]
client_id = gh-client
client_secret = $GH_SECRET
authorize_url = $ISS/login/oauth/authorize
token_url = $ISS/login/oauth/access_token
api_url = $ISS

[proxy_auth]
enabled = on
header = X-Remote-User
trusted = $1
EOC
}
# wait_for CMD...: up to 10 s for a reload to show
wait_for() { for _ in $(seq 1 100); do if "$@"; then return 0; fi; sleep 0.1; done; return 1; }
login_has_corp() { curl -s "$BASE/login" | grep -q 'Sign in with Corp SSO'; }
write_conf "10.9.9.9 192.0.2.0/24"
reload_web
wait_for login_has_corp || { echo "FAIL the reloaded config did not show up"; tail "$DIR/web.log"; exit 1; }

# sso JAR PROVIDER [NEXT] -> "status final-url" after following every redirect (and curl's
# exit code when a transfer failed, so a failing check says which)
sso() {
    curl -s -L -c "$1" -b "$1" -o "$T/page.html" -D "$T/hdrs" -w '%{http_code} %{url_effective}' \
        "$BASE/auth/sso/$2${3:+?next=$3}" || echo " curl exit $?"
}
me() { curl -s -b "$1" "$BASE/api/auth/me"; }
jar_secrets() { awk '$6 ~ /^ag_/ { print $7 }' "$1" >> "$SECRETS"; }
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

t_login_page() {
    curl -s "$BASE/login" > "$T/login.html"
    grep -q 'href="/auth/sso/corp"' "$T/login.html" && grep -q 'Sign in with GitHub' "$T/login.html" &&
    curl -s "$BASE/login?next=/about" | grep -q 'href="/auth/sso/corp?next=%2Fabout"'
}
t_oidc_full() {
    out=$(sso "$T/a.jar" corp /about); echo "$out"
    [ "$out" = "200 $BASE/about" ] && jar_secrets "$T/a.jar"
    grep -i '^Set-Cookie: ag_session=' "$T/hdrs" | grep -q 'HttpOnly; SameSite=Lax'
    me "$T/a.jar" > "$T/me.json"; cat "$T/me.json"
    [ "$(field name < "$T/me.json")" = ada ] && [ "$(field role < "$T/me.json")" = editor ]
    [ "$(db "SELECT u.name || ' ' || u.email FROM identities i JOIN users u ON u.id = i.user_id WHERE i.provider = '$ISS' AND i.subject = 'oidc-user-1'")" = "ada ada@example.com" ]
    [ "$(db "SELECT password_hash IS NULL FROM users WHERE name = 'ada'")" = 1 ]
    db "SELECT target FROM audit_log WHERE action = 'sso.login.ok'" | grep -qx 'provider=corp'
}
t_oidc_second_login() {
    id1=$(db "SELECT id FROM users WHERE name = 'ada'")
    [ "$(sso "$T/b.jar" corp)" = "200 $BASE/" ] && jar_secrets "$T/b.jar"
    [ "$(me "$T/b.jar" | field id)" = "$id1" ]
    # client_secret_basic: same issuer and subject, the same account
    [ "$(sso "$T/b2.jar" basic)" = "200 $BASE/" ] && jar_secrets "$T/b2.jar"
    [ "$(me "$T/b2.jar" | field id)" = "$id1" ]
    [ "$(db "SELECT count(*) FROM users WHERE email = 'ada@example.com'")" = 1 ]
    [ "$(db "SELECT count(*) FROM identities WHERE subject = 'oidc-user-1'")" = 1 ]
}
t_oidc_link_by_email() {
    echo "grace-local-Passw0rd-$$" | AGENTGEN_CONFIG="$CONF" "$BIN/agentgen" user add grace --role viewer --password-stdin > /dev/null
    db "UPDATE users SET email = 'grace@example.com' WHERE name = 'grace'"
    control '{"user": {"sub": "oidc-user-2", "email": "grace@example.com", "email_verified": true}}'
    [ "$(sso "$T/c.jar" corp)" = "200 $BASE/" ] && jar_secrets "$T/c.jar"
    me "$T/c.jar" > "$T/me.json"; cat "$T/me.json"
    [ "$(field name < "$T/me.json")" = grace ] && [ "$(field role < "$T/me.json")" = viewer ]
    # an unverified address links nothing: a new account
    control '{"user": {"sub": "oidc-user-3", "email": "grace@example.com", "email_verified": false}}'
    [ "$(sso "$T/d.jar" corp)" = "200 $BASE/" ] && jar_secrets "$T/d.jar"
    name=$(me "$T/d.jar" | field name); echo "unverified: $name"
    [ "$name" != grace ] && [ "$(db "SELECT count(*) FROM users WHERE name = 'grace'")" = 1 ]
    control '{"user": {"sub": "oidc-user-1", "email": "ada@example.com", "email_verified": true}}'
}
refused() { # MODE REASON
    control "{\"next\": \"$1\"}"
    out=$(sso "$T/r-$1.jar" corp); echo "$1: $out"
    jar_secrets "$T/r-$1.jar"
    [ "$out" = "200 $BASE/login?sso=token" ] && grep -q 'could not be verified' "$T/page.html" &&
    ! grep -qi '^Set-Cookie: ag_session=[^;]' "$T/hdrs" &&
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/r-$1.jar" "$BASE/api/auth/me")" = 401 ] &&
    db "SELECT target FROM audit_log WHERE action = 'sso.login.fail'" | grep -qx "provider=corp reason=$2"
}
t_refuse_tampered() { refused tampered "bad signature"; }
t_refuse_wrong_aud() { refused wrong_aud "wrong audience"; }
t_refuse_expired() { refused expired "expired"; }
t_refuse_nonce_iss() { refused bad_nonce "nonce mismatch" && refused wrong_iss "wrong issuer"; }
fake_stat() { curl -fsS "$ISS/_stats" | field "$1"; }
t_refuse_unknown_kid() {
    # a key id the JWKS lacks: the set is fetched once more (key rotation), then refused. The
    # worker that answers may not have the set cached yet (then it fetches twice).
    before=$(fake_stat jwks)
    refused unknown_kid "unknown signing key"
    after=$(fake_stat jwks); echo "jwks fetches: $before -> $after"
    [ "$after" -gt "$before" ] && [ "$after" -le $((before + 2)) ]
}
t_metadata_cached() {
    # discovery is cached per worker process (SSO_META_TTL): far fewer fetches than logins
    workers=$(pgrep -P "$(cat "$DIR/web.pid")" | wc -l)
    d=$(fake_stat discovery) a=$(fake_stat authorize)
    echo "workers=$workers logins=$a discovery fetches=$d"
    [ "$a" -ge 10 ] && [ "$d" -le $((2 * workers)) ]
}
# by hand: start, let the provider approve, and keep the callback URL
callback_url() { # JAR -> the callback URL with code and state
    loc=$(curl -s -o /dev/null -c "$1" -b "$1" -w '%{redirect_url}' "$BASE/auth/sso/corp")
    curl -s -o /dev/null -w '%{redirect_url}' "$loc"
}
t_refuse_replayed_state() {
    cb=$(callback_url "$T/e.jar"); echo "$cb" | grep -q "^$BASE/auth/sso/corp/callback?code=.*&state="
    cp "$T/e.jar" "$T/e2.jar"
    [ "$(curl -s -o /dev/null -c "$T/e.jar" -b "$T/e.jar" -w '%{http_code} %{redirect_url}' "$cb")" = "303 $BASE/" ]
    jar_secrets "$T/e.jar"
    # the same browser (its pre-session cookie) replays the callback: refused
    out=$(curl -s -o /dev/null -D "$T/h2" -b "$T/e2.jar" -w '%{http_code} %{redirect_url}' "$cb"); echo "replay: $out"
    [ "$out" = "303 $BASE/login?sso=state" ] && ! grep -qi '^Set-Cookie: ag_session=' "$T/h2"
    curl -s "$BASE/login?sso=state" | grep -q 'already used or has expired'
    db "SELECT target FROM audit_log WHERE action = 'sso.login.fail'" | grep -q 'already used'
    # a callback carried to another browser is refused too (login CSRF)
    cb=$(callback_url "$T/f.jar")
    out=$(curl -s -o /dev/null -c "$T/g.jar" -b "$T/g.jar" -w '%{http_code} %{redirect_url}' "$cb"); echo "other browser: $out"
    [ "$out" = "303 $BASE/login?sso=browser" ]
    jar_secrets "$T/f.jar"; jar_secrets "$T/g.jar"
}
t_unknown_provider() {
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/auth/sso/nope")" = 404 ] &&
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/auth/sso/nope/callback?code=x&state=y")" = 404 ]
}
t_api_json() {
    # DESIGN §4 for shells: start answers JSON and sets the pre-session cookie; the provider's
    # redirect (code, state) handed to the JSON callback signs in and answers the user
    curl -s -c "$T/j.jar" -b "$T/j.jar" -D "$T/jh" "$BASE/api/auth/oidc/corp/start?next=/projects" > "$T/start.json"
    cat "$T/start.json"; echo
    grep -qi '^Content-Type: application/json' "$T/jh" && grep -qi '^Cache-Control: no-store' "$T/jh"
    grep -q 'ag_pre' "$T/j.jar"
    [ "$(field redirectUri < "$T/start.json")" = "$BASE/auth/sso/corp/callback" ]
    [ "$(field next < "$T/start.json")" = /projects ]
    authz=$(field authorizeUrl < "$T/start.json")
    case "$authz" in "$ISS"/*state=*) ;; *) echo "authorizeUrl: $authz"; return 1 ;; esac
    cb=$(curl -s -o /dev/null -w '%{redirect_url}' "$authz")
    case "$cb" in "$BASE/auth/sso/corp/callback?"*) ;; *) echo "provider sent to $cb"; return 1 ;; esac
    api_cb="$BASE/api/auth/oidc/corp/callback?${cb#*\?}"
    code=$(curl -s -o "$T/cb.json" -D "$T/cbh" -c "$T/j.jar" -b "$T/j.jar" -w '%{http_code}' "$api_cb")
    cat "$T/cb.json"; echo
    jar_secrets "$T/j.jar"
    [ "$code" = 200 ] && [ "$(field name < "$T/cb.json")" = ada ] && [ "$(field auth < "$T/cb.json")" = session ]
    grep -i '^Set-Cookie: ag_session=' "$T/cbh" | grep -q 'HttpOnly; SameSite=Lax'
    [ "$(me "$T/j.jar" | field name)" = ada ]
    # signed in: another start is a conflict, not a second login
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/j.jar" "$BASE/api/auth/oidc/corp/start")" = 409 ]
    # the same callback again, from the same cookies minus the session: refused as JSON
    grep -v ag_session "$T/j.jar" > "$T/j2.jar"
    code=$(curl -s -o "$T/replay.json" -b "$T/j2.jar" -w '%{http_code}' "$api_cb"); cat "$T/replay.json"; echo
    [ "$code" = 403 ] && grep -q '"message":"This sign-in link was already used' "$T/replay.json"
    # a refused ID token: 403 with the message, no session, an audit row
    control '{"next": "tampered"}'
    curl -s -c "$T/k.jar" -b "$T/k.jar" "$BASE/api/auth/oidc/corp/start" > "$T/start2.json"
    cb=$(curl -s -o /dev/null -w '%{redirect_url}' "$(field authorizeUrl < "$T/start2.json")")
    code=$(curl -s -o "$T/bad.json" -D "$T/badh" -c "$T/k.jar" -b "$T/k.jar" -w '%{http_code}' \
        "$BASE/api/auth/oidc/corp/callback?${cb#*\?}")
    jar_secrets "$T/k.jar"; cat "$T/bad.json"; echo
    [ "$code" = 403 ] && grep -q 'could not be verified' "$T/bad.json" && ! grep -qi '^Set-Cookie: ag_session=[^;]' "$T/badh"
    [ "$(db "SELECT count(*) FROM audit_log WHERE action = 'sso.login.fail' AND status = 403 AND target = 'provider=corp reason=bad signature'")" -ge 1 ]
    # unknown provider: JSON 404; no access-log line carries the code
    [ "$(curl -s -o "$T/nf.json" -w '%{http_code}' "$BASE/api/auth/oidc/nope/start")" = 404 ] && grep -q '"error"' "$T/nf.json"
    ! grep -rq 'oidc/corp/callback' "$DIR"/*access*.log 2> /dev/null
}
t_github() {
    out=$(sso "$T/gh.jar" github /projects); echo "$out"; cat "$T/hdrs"
    [ "$out" = "200 $BASE/projects" ] && jar_secrets "$T/gh.jar"
    me "$T/gh.jar" > "$T/me.json"; cat "$T/me.json"
    [ "$(field name < "$T/me.json")" = octo ] && [ "$(field role < "$T/me.json")" = viewer ]
    [ "$(db "SELECT email FROM identities WHERE provider = 'github' AND subject = '4242'")" = octo@example.com ]
    [ "$(db "SELECT email FROM users WHERE name = 'octo'")" = octo@example.com ]
    db "SELECT target FROM audit_log WHERE action = 'sso.login.ok'" | grep -qx 'provider=github'
}
t_proxy_header() {
    # trusted = 10.9.9.9 and 192.0.2.0/24: the header from 127.0.0.1 is ignored
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Remote-User: kerb.alice' "$BASE/api/auth/me")" = 401 ]
    [ "$(db "SELECT count(*) FROM identities WHERE provider = 'proxy'")" = 0 ]
    write_conf "10.0.0.0/8 127.0.0.1"
    reload_web
    proxied() { curl -s -c "$T/p.jar" -b "$T/p.jar" -H 'X-Remote-User: kerb.alice' "$BASE/api/auth/me" | grep -q '"name":"kerb.alice"'; }
    wait_for proxied
    jar_secrets "$T/p.jar"
    # the cookie is reused: one session however many requests
    curl -s -c "$T/p.jar" -b "$T/p.jar" -H 'X-Remote-User: kerb.alice' "$BASE/api/auth/me" | grep -q '"role":"viewer"'
    uid=$(db "SELECT user_id FROM identities WHERE provider = 'proxy' AND subject = 'kerb.alice'")
    [ "$(db "SELECT count(*) FROM sessions WHERE user_id = $uid")" = 1 ]
    # another user behind the same browser: the header wins
    curl -s -c "$T/p.jar" -b "$T/p.jar" -H 'X-Remote-User: kerb.bob' "$BASE/api/auth/me" | grep -q '"name":"kerb.bob"'
    jar_secrets "$T/p.jar"
    # without the header nothing changes for anonymous callers
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/auth/me")" = 401 ]
}

t_bad_reload() {
    printf '\n[oidc.bad]\nissuer = http://idp.example.com\nclient_id = a\nclient_secret = b\n' >> "$CONF"
    reload_web
    refused_logged() { grep -q 'reload refused, keeping the running config: config \[oidc.bad\]: issuer must be an https URL' "$DIR/web.log"; }
    wait_for refused_logged && login_has_corp
    kill -0 "$(cat "$DIR/web.pid")"
}

check "login page lists the configured providers" t_login_page
check "OIDC login end to end: session, account with the default role, identity" t_oidc_full
check "second login (post and basic client auth) reuses the account" t_oidc_second_login
check "linking by verified e-mail only" t_oidc_link_by_email
check "tampered ID token refused" t_refuse_tampered
check "wrong audience refused" t_refuse_wrong_aud
check "expired ID token refused" t_refuse_expired
check "wrong nonce and wrong issuer refused" t_refuse_nonce_iss
check "unknown signing key: one JWKS refetch, then refused" t_refuse_unknown_kid
check "replayed state and a callback in another browser refused" t_refuse_replayed_state
check "unknown provider: 404" t_unknown_provider
check "JSON start and callback for shells (DESIGN §4)" t_api_json
check "GitHub OAuth login end to end" t_github
check "discovery document cached per worker" t_metadata_cached
check "proxy header honoured only from trusted addresses" t_proxy_header
check "a bad section on reload keeps the running config" t_bad_reload

cat "$T/issued" >> "$SECRETS" 2> /dev/null || true
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
