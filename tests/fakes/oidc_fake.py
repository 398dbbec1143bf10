#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""oidc_fake.py - loopback stand-in for an OpenID Connect provider and for GitHub OAuth
(Python 3 stdlib only; RSA signatures are made by the openssl command line tool with the key
the test generated: openssl genrsa -out KEY 2048).

Speaks, on one port (the issuer is http://127.0.0.1:PORT):
  GET  /.well-known/openid-configuration   discovery
  GET  /authorize                          auto-approves for the current user: 302 back to
                                           redirect_uri with code and state (checks client_id,
                                           response_type=code, scope openid, S256 challenge)
  POST /token                              code (single use) + PKCE verifier + client secret
                                           (client_secret_post or _basic) -> id_token (RS256)
  GET  /jwks                               the RSA public key (kid "k1")
  GET  /login/oauth/authorize              GitHub: 302 back with code and state
  POST /login/oauth/access_token           GitHub: JSON access token (200 {"error"} when bad)
  GET  /user, /user/emails                 GitHub: the user (bearer token)
  POST /_control                           JSON: {"user": {...}} sets the OIDC user (sub, email,
                                           email_verified) or {"github": {...}} the GitHub one
                                           (id, login, email, verified); {"next": MODE} spoils
                                           the next ID token: tampered | wrong_aud | expired |
                                           unknown_kid | bad_nonce | wrong_iss
  GET  /_stats                             counters
Every code, access token and ID token issued is appended to --secrets FILE (one a line), so
the test can check none of them reaches a log. `--port 0` picks a free port; it is the first
line on stdout.
"""
import argparse
import base64
import hashlib
import json
import secrets
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
ARGS = None
ISSUER = ""
STATE = {
    "codes": {}, "gh_codes": {}, "gh_tokens": {}, "next": None,
    "user": {"sub": "oidc-user-1", "email": "ada@example.com", "email_verified": True},
    "github": {"id": 4242, "login": "octoada", "email": "octo@example.com", "verified": True},
    "stats": {"authorize": 0, "token": 0, "jwks": 0, "discovery": 0, "gh_token": 0, "gh_user": 0},
}
JWK = {}


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def b64u_json(o):
    return b64u(json.dumps(o, separators=(",", ":")).encode())


def load_key(path):
    out = subprocess.run(["openssl", "rsa", "-in", path, "-noout", "-modulus"],
                         check=True, capture_output=True, text=True).stdout
    n = int(out.strip().split("=", 1)[1], 16)
    text = subprocess.run(["openssl", "rsa", "-in", path, "-noout", "-text"],
                          check=True, capture_output=True, text=True).stdout
    e = 65537
    for line in text.splitlines():
        if line.startswith("publicExponent:"):
            e = int(line.split()[1])
    nb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    eb = e.to_bytes((e.bit_length() + 7) // 8, "big")
    return {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "k1", "n": b64u(nb), "e": b64u(eb)}


def sign(signing_input):
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", ARGS.key],
                         input=signing_input.encode(), check=True, capture_output=True).stdout
    return b64u(sig)


def remember(*values):
    if ARGS.secrets:
        with open(ARGS.secrets, "a") as f:
            for v in values:
                f.write(v + "\n")


def id_token(entry, mode):
    now = int(time.time())
    user = entry["user"]
    claims = {"iss": ISSUER, "sub": user["sub"], "aud": ARGS.client_id, "exp": now + 300,
              "iat": now, "nonce": entry["nonce"], "email": user["email"],
              "email_verified": user["email_verified"], "name": "Test User"}
    header = {"alg": "RS256", "typ": "JWT", "kid": "k1"}
    if mode == "wrong_aud":
        claims["aud"] = "another-client"
    elif mode == "expired":
        claims["exp"], claims["iat"] = now - 3600, now - 7200
    elif mode == "unknown_kid":
        header["kid"] = "k-unknown"
    elif mode == "bad_nonce":
        claims["nonce"] = "not-the-nonce"
    elif mode == "wrong_iss":
        claims["iss"] = "http://127.0.0.1:1/evil"
    signing_input = b64u_json(header) + "." + b64u_json(claims)
    tok = signing_input + "." + sign(signing_input)
    if mode == "tampered":
        # the same signature over a payload that now names someone else
        forged = dict(claims, sub="someone-else", email="root@example.com")
        tok = b64u_json(header) + "." + b64u_json(forged) + "." + tok.rsplit(".", 1)[1]
    return tok


def pkce_ok(verifier, challenge):
    if not challenge:
        return True
    if not verifier:
        return False
    return b64u(hashlib.sha256(verifier.encode()).digest()) == challenge


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the query holds codes
        pass

    def reply(self, status, body=None, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, base, params):
        sep = "&" if "?" in base else "?"
        self.reply(302, None, {"Location": base + sep + urllib.parse.urlencode(params)})

    def form(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n).decode()
        if self.headers.get("Content-Type", "").startswith("application/json"):
            return json.loads(raw or "{}")
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}

    def bearer(self):
        h = self.headers.get("Authorization", "")
        return h[7:] if h.lower().startswith("bearer ") else ""

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        q = {k: v[0] for k, v in urllib.parse.parse_qs(u.query).items()}
        if u.path == "/.well-known/openid-configuration":
            STATE["stats"]["discovery"] += 1
            return self.reply(200, {
                "issuer": ISSUER, "authorization_endpoint": ISSUER + "/authorize",
                "token_endpoint": ISSUER + "/token", "jwks_uri": ISSUER + "/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"]})
        if u.path == "/jwks":
            STATE["stats"]["jwks"] += 1
            return self.reply(200, {"keys": [JWK]})
        if u.path == "/authorize":
            STATE["stats"]["authorize"] += 1
            if (q.get("client_id") != ARGS.client_id or q.get("response_type") != "code"
                    or "openid" not in q.get("scope", "").split()
                    or q.get("code_challenge_method") != "S256" or not q.get("code_challenge")
                    or not q.get("state") or not q.get("nonce") or not q.get("redirect_uri")):
                return self.reply(400, {"error": "invalid_request"})
            code = "oc_" + secrets.token_urlsafe(24)
            with LOCK:
                STATE["codes"][code] = {"redirect_uri": q["redirect_uri"], "nonce": q["nonce"],
                                        "challenge": q["code_challenge"],
                                        "user": dict(STATE["user"])}
            remember(code)
            return self.redirect(q["redirect_uri"], {"code": code, "state": q["state"]})
        if u.path == "/login/oauth/authorize":
            if q.get("client_id") != ARGS.gh_client_id or not q.get("state"):
                return self.reply(400, {"error": "invalid_request"})
            code = "gc_" + secrets.token_urlsafe(24)
            with LOCK:
                STATE["gh_codes"][code] = {"redirect_uri": q.get("redirect_uri", ""),
                                           "challenge": q.get("code_challenge", "")}
            remember(code)
            return self.redirect(q["redirect_uri"], {"code": code, "state": q["state"]})
        if u.path in ("/user", "/user/emails"):
            STATE["stats"]["gh_user"] += 1
            if self.bearer() not in STATE["gh_tokens"]:
                return self.reply(401, {"message": "Bad credentials"})
            g = STATE["github"]
            if u.path == "/user":
                return self.reply(200, {"id": g["id"], "login": g["login"], "name": "Octo Ada",
                                        "email": None})
            return self.reply(200, [
                {"email": "noreply-" + g["login"] + "@users.noreply.example", "primary": False,
                 "verified": True, "visibility": None},
                {"email": g["email"], "primary": True, "verified": g["verified"],
                 "visibility": "private"}])
        if u.path == "/_stats":
            return self.reply(200, STATE["stats"])
        return self.reply(404, {"error": "not_found"})

    def client_auth(self, f):
        h = self.headers.get("Authorization", "")
        if h.lower().startswith("basic "):
            ident, _, secret = base64.b64decode(h[6:]).decode().partition(":")
            return (urllib.parse.unquote_plus(ident) == ARGS.client_id
                    and urllib.parse.unquote_plus(secret) == ARGS.client_secret)
        return f.get("client_id") == ARGS.client_id and f.get("client_secret") == ARGS.client_secret

    def do_POST(self):
        u = urllib.parse.urlsplit(self.path)
        f = self.form()
        if u.path == "/_control":
            with LOCK:
                if "user" in f:
                    STATE["user"].update(f["user"])
                if "github" in f:
                    STATE["github"].update(f["github"])
                if "next" in f:
                    STATE["next"] = f["next"]
            return self.reply(200, {"ok": True})
        if u.path == "/token":
            STATE["stats"]["token"] += 1
            if not self.client_auth(f):
                return self.reply(401, {"error": "invalid_client"})
            with LOCK:
                entry = STATE["codes"].pop(f.get("code", ""), None)
                mode, STATE["next"] = STATE["next"], None
            if (f.get("grant_type") != "authorization_code" or not entry
                    or entry["redirect_uri"] != f.get("redirect_uri")
                    or not pkce_ok(f.get("code_verifier"), entry["challenge"])):
                return self.reply(400, {"error": "invalid_grant"})
            tok = id_token(entry, mode)
            access = "oat_" + secrets.token_urlsafe(24)
            remember(tok, access)
            return self.reply(200, {"access_token": access, "token_type": "Bearer",
                                    "expires_in": 300, "id_token": tok})
        if u.path == "/login/oauth/access_token":
            STATE["stats"]["gh_token"] += 1
            with LOCK:
                entry = STATE["gh_codes"].pop(f.get("code", ""), None)
            if (f.get("client_id") != ARGS.gh_client_id
                    or f.get("client_secret") != ARGS.gh_client_secret):
                return self.reply(200, {"error": "incorrect_client_credentials"})
            if (not entry or entry["redirect_uri"] != f.get("redirect_uri", "")
                    or not pkce_ok(f.get("code_verifier"), entry["challenge"])):
                return self.reply(200, {"error": "bad_verification_code"})
            access = "gho_" + secrets.token_urlsafe(24)
            with LOCK:
                STATE["gh_tokens"][access] = True
            remember(access)
            return self.reply(200, {"access_token": access, "token_type": "bearer",
                                    "scope": "read:user,user:email"})
        return self.reply(404, {"error": "not_found"})


def main():
    global ARGS, ISSUER, JWK
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--key", required=True)
    ap.add_argument("--client-id", default="ag-client")
    ap.add_argument("--client-secret", required=True)
    ap.add_argument("--gh-client-id", default="gh-client")
    ap.add_argument("--gh-client-secret", default="")
    ap.add_argument("--secrets", default="")
    ARGS = ap.parse_args()
    JWK = load_key(ARGS.key)
    srv = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    ISSUER = "http://127.0.0.1:%d" % srv.server_address[1]
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
