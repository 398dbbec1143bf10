#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""searx_fake.py - a loopback stand-in for a SearxNG JSON endpoint (and a few plain HTTP routes
the http_client tests use). Python stdlib only.

  python3 tests/fakes/searx_fake.py [--host 127.0.0.1] [--port 0]

Prints the chosen port on the first line of stdout, then serves until killed.
Routes: GET /search?q=..&format=json (SearxNG shape), GET /hello (text), GET /redirect?to=URL
(302), GET /big?n=N (N bytes), POST /echo (JSON of method and body), GET /notjson.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output quiet
        pass

    def reply(self, status, ctype, body, extra=None):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        u = urlparse(self.path)
        qs = parse_qs(u.query)
        if u.path == "/search":
            if qs.get("format") != ["json"]:
                return self.reply(403, "text/plain", "format=json required")
            q = qs.get("q", [""])[0]
            results = [{"title": "Result %d for %s" % (i, q),
                        "url": "https://example.org/%d" % i,
                        "content": "Snippet %d about %s" % (i, q),
                        "engine": "fake"} for i in range(1, 8)]
            return self.reply(200, "application/json",
                              json.dumps({"query": q, "number_of_results": len(results),
                                          "results": results}))
        if u.path == "/hello":
            return self.reply(200, "text/plain; charset=utf-8", "hello from fake")
        if u.path == "/redirect":
            return self.reply(302, "text/plain", "moved", {"Location": qs.get("to", ["/"])[0]})
        if u.path == "/big":
            return self.reply(200, "text/plain", b"x" * int(qs.get("n", ["0"])[0]))
        if u.path == "/notjson":
            return self.reply(200, "text/html", "<html>nope</html>")
        return self.reply(404, "text/plain", "not found")

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n).decode("utf-8", "replace")
        if urlparse(self.path).path == "/echo":
            return self.reply(200, "application/json",
                              json.dumps({"method": "POST", "body": body,
                                          "x_test": self.headers.get("X-Test", "")}))
        return self.reply(404, "text/plain", "not found")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients hang up on purpose (size caps); no tracebacks in test output


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    a = ap.parse_args()
    srv = Server((a.host, a.port), Handler)
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
