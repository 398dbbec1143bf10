#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks the two nginx configs: the locations of nginx/dev.conf.in (placeholders filled with the
# production paths) are byte-identical to those of nginx/agent-generator.conf, and both configs
# pass `nginx -t`. No root needed; writes only to a temporary directory.
set -eu
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

locations() { sed -n '/# >>> agentgen locations/,/# <<< agentgen locations/p' "$1" | sed '1d;$d'; }

locations nginx/agent-generator.conf >"$tmp/prod.loc"
sed -e 's|@STATIC@|/usr/share/agent-generator/static|g' \
    -e 's|@WEBSOCK@|/run/agent-generator/web.sock|g' \
    -e 's|@STREAMSOCK@|/run/agent-generator/stream.sock|g' nginx/dev.conf.in >"$tmp/dev.prod"
locations "$tmp/dev.prod" >"$tmp/dev.loc"
if [ ! -s "$tmp/prod.loc" ]; then
    echo "FAIL: no agentgen locations block in nginx/agent-generator.conf"; exit 1
fi
if ! diff -u "$tmp/prod.loc" "$tmp/dev.loc"; then
    echo "FAIL: locations differ between nginx/agent-generator.conf and nginx/dev.conf.in"; exit 1
fi
if grep -n '@[A-Z_]*@' "$tmp/dev.loc"; then
    echo "FAIL: unknown placeholder left in the locations"; exit 1
fi
echo "ok: production and dev locations are identical"

# the sign-in callbacks carry a one-time code in the query string: their location writes
# neither an access log line nor an error log line (nginx's error lines quote the request)
sso=$(sed -n '/location ~ \^\/(auth\/sso|api\/auth\/oidc)\/ {/,/}/p' "$tmp/prod.loc")
if [ -z "$sso" ] || ! echo "$sso" | grep -q 'access_log off;' || ! echo "$sso" | grep -q 'error_log /dev/null;'; then
    echo "FAIL: the single sign-on location must set access_log off and error_log /dev/null"; exit 1
fi
echo "ok: the single sign-on location logs nothing"

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "skip: nginx not installed, configs not syntax-checked"; exit 0
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# dev config, filled the way the dev script fills it
sed -e "s|@PORT@|18083|g" -e "s|@RUNDIR@|$tmp|g" -e "s|@PREFIX_TMP@|$tmp|g" \
    -e "s|@STATIC@|$PWD/static|g" -e "s|@WEBSOCK@|$tmp/web.sock|g" \
    -e "s|@STREAMSOCK@|$tmp/stream.sock|g" nginx/dev.conf.in >"$tmp/nginx.conf"
"$NGINX" -t -q -e stderr -p "$tmp" -c "$tmp/nginx.conf"
echo "ok: dev config passes nginx -t"

# production site inside a minimal main config (the real one is /etc/nginx/nginx.conf)
cat >"$tmp/prod.conf" <<CONF
error_log stderr;
pid $tmp/prod.pid;
events {}
http {
	include /etc/nginx/mime.types;
	client_body_temp_path $tmp/cb; fastcgi_temp_path $tmp/fc; proxy_temp_path $tmp/px;
	uwsgi_temp_path $tmp/uw; scgi_temp_path $tmp/sc;
	access_log off;
	include $tmp/site.conf;
}
CONF
# nginx -t binds the listen sockets: move port 80 to loopback high ports so no root is needed
sed -e 's|listen 80;|listen 127.0.0.1:18081;|' -e 's|listen \[::\]:80;|listen 127.0.0.1:18082;|' \
    nginx/agent-generator.conf >"$tmp/site.conf"
"$NGINX" -t -q -e stderr -p "$tmp" -c "$tmp/prod.conf"
echo "ok: production site passes nginx -t"
