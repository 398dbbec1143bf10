#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""llm_fake.py - loopback stand-in for LLM providers (Python 3 stdlib only).

Speaks, on one port:
  POST /v1/chat/completions                       OpenAI-compatible (and OllaBridge), bearer auth
  POST /openai/deployments/<dep>/chat/completions Azure OpenAI (api-key header, ?api-version=)
  POST /identity/token                            IBM IAM API-key exchange (form-encoded)
  POST /ml/v1/text/chat_stream?version=           watsonx.ai chat stream (IAM bearer)
  POST /device/pair-simple                        OllaBridge pairing {"code"} -> {"device_token"}
  GET  /v1/models                                 OllaBridge / OpenAI model list (bearer)
  GET  /_stats                                    counters {"iam", "chat", "pair"}

Replies come from a script (--script FILE, JSON): {"models": {"<model>": [turn, ...]},
"default": [turn, ...]}. The n-th chat request for a model plays its n-th turn (the last one
repeats). A turn is one of
  {"text": "...", "chunk": 4, "delay_ms": 20, "crlf": false}    streamed content
  {"tool_calls": [{"id", "name", "arguments"}], "delay_ms": 10}  streamed tool-call deltas
  {"echo_tool": true}        replies "tool said: <content of the last tool message>"
  {"status": 429, "retry_after": 1, "message": "..."}             an error reply
  {"stall_ms": 10000}        headers, then silence (cancel tests)
  {"cut_after": 3, "text": "..."}  drops the connection after 3 chunks, without [DONE]
Every request is appended to --record FILE as one JSON line {method, path, auth_ok, body}.
`--port 0` picks a free port; the port is the first line on stdout.
"""
import argparse
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"turns": {}, "iam": 0, "chat": 0, "pair": 0, "tokens": set()}
ARGS = None
SCRIPT = {"models": {}, "default": [{"text": "Hello from the fake."}]}


def record(entry):
    if not ARGS.record:
        return
    with LOCK, open(ARGS.record, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")


def next_turn(model):
    turns = SCRIPT["models"].get(model) or SCRIPT.get("default") or [{"text": "ok"}]
    with LOCK:
        n = STATE["turns"].get(model, 0)
        STATE["turns"][model] = n + 1
        STATE["chat"] += 1
    return turns[min(n, len(turns) - 1)]


def approx_tokens(messages):
    n = 0
    for m in messages or []:
        c = m.get("content")
        if isinstance(c, list):
            c = " ".join(p.get("text", "") for p in c if isinstance(p, dict))
        n += len(c or "") // 4 + 1
    return n


class Handler(BaseHTTPRequestHandler):
    server_version = "llm-fake/1"

    def log_message(self, fmt, *args):  # quiet unless asked
        if ARGS.verbose:
            sys.stderr.write("fake: " + (fmt % args) + "\n")

    # ---- plumbing -------------------------------------------------------------------------
    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def reply(self, status, obj, extra=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def sse_start(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(b": fake stream\n\n")
        self.wfile.flush()

    def send_raw(self, text, crlf=False):
        """Writes an event in two pieces split mid-line, so the client sees split chunks."""
        if crlf:
            text = text.replace("\n", "\r\n")
        raw = text.encode()
        cut = max(1, len(raw) // 2)
        self.wfile.write(raw[:cut])
        self.wfile.flush()
        time.sleep(0.002)
        self.wfile.write(raw[cut:])
        self.wfile.flush()

    # ---- routes ---------------------------------------------------------------------------
    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/_stats":
            with LOCK:
                self.reply(200, {"iam": STATE["iam"], "chat": STATE["chat"], "pair": STATE["pair"]})
        elif path == "/v1/models":
            if not self.bearer_ok():
                self.reply(401, {"detail": "missing or bad device token"})
            else:
                self.reply(200, {"object": "list", "data": [{"id": "qwen2.5:1.5b"}, {"id": "llama3"}]})
        else:
            self.reply(404, {"detail": "not found"})

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        raw = self.body()
        try:
            if url.path == "/identity/token":
                return self.iam(raw)
            if url.path == "/device/pair-simple":
                return self.pair(raw)
            req = json.loads(raw or b"{}")
            if url.path == "/v1/chat/completions":
                ok = self.bearer_ok()
                return self.chat(req, req.get("model"), ok, "openai", url.path)
            if url.path.startswith("/openai/deployments/") and url.path.endswith("/chat/completions"):
                dep = url.path.split("/")[3]
                ok = self.headers.get("api-key") == ARGS.key and "api-version" in query
                return self.chat(req, dep, ok, "openai", url.path)
            if url.path == "/ml/v1/text/chat_stream":
                auth = self.headers.get("Authorization", "")
                with LOCK:
                    ok = auth.startswith("Bearer ") and auth[7:] in STATE["tokens"]
                ok = ok and "version" in query and bool(req.get("project_id"))
                return self.chat(req, req.get("model_id"), ok, "watsonx", url.path)
            self.reply(404, {"error": {"message": "no such endpoint"}})
        except (BrokenPipeError, ConnectionResetError):
            pass

    def bearer_ok(self):
        auth = self.headers.get("Authorization", "")
        if not ARGS.key and not ARGS.device_token:
            return True
        return auth in ("Bearer %s" % ARGS.key, "Bearer %s" % ARGS.device_token)

    def iam(self, raw):
        form = urllib.parse.parse_qs(raw.decode())
        with LOCK:
            STATE["iam"] += 1
            n = STATE["iam"]
        ok = (form.get("grant_type") == ["urn:ibm:params:oauth:grant-type:apikey"]
              and form.get("apikey") == [ARGS.iam_key or ARGS.key])
        record({"method": "POST", "path": "/identity/token", "auth_ok": ok, "body": {}})
        if not ok:
            return self.reply(400, {"errorCode": "BXNIM0415E",
                                    "errorMessage": "Provided API key could not be found."})
        token = "wx-iam-token-%d" % n
        with LOCK:
            STATE["tokens"].add(token)
        self.reply(200, {"access_token": token, "refresh_token": "not_supported",
                         "token_type": "Bearer", "expires_in": ARGS.token_ttl,
                         "expiration": int(time.time()) + ARGS.token_ttl, "scope": "ibm openid"})

    def pair(self, raw):
        with LOCK:
            STATE["pair"] += 1
        try:
            code = json.loads(raw or b"{}").get("code")
        except ValueError:
            code = None
        record({"method": "POST", "path": "/device/pair-simple", "auth_ok": True,
                "body": {"code": code}})
        if code == ARGS.pair_code:
            return self.reply(200, {"status": "ok", "device_token": ARGS.device_token,
                                    "device_id": "dev-fake-1"})
        if code == "EXPIRED1":
            return self.reply(400, {"detail": "Pairing code expired"})
        self.reply(404, {"detail": "Unknown pairing code"})

    # ---- chat -----------------------------------------------------------------------------
    def chat(self, req, model, auth_ok, flavour, path):
        record({"method": "POST", "path": path, "auth_ok": auth_ok, "body": req})
        if not auth_ok:
            shown = self.headers.get("api-key") or self.headers.get("Authorization", "")[7:]
            return self.reply(401, {"error": {"message": "Incorrect API key provided: %s" % shown,
                                              "type": "invalid_request_error"}})
        turn = next_turn(model or "")
        if "status" in turn:
            extra = {"Retry-After": str(turn["retry_after"])} if "retry_after" in turn else {}
            return self.reply(turn["status"], {"error": {"message": turn.get("message", "scripted error"),
                                                         "type": "server_error"}}, extra)
        self.sse_start()
        if "stall_ms" in turn:
            time.sleep(turn["stall_ms"] / 1000.0)
            return
        usage = {"prompt_tokens": approx_tokens(req.get("messages")), "completion_tokens": 0,
                 "total_tokens": 0}
        if "tool_calls" in turn:
            finish = self.stream_tools(turn, flavour, model, usage)
        else:
            text = turn.get("text", "")
            if turn.get("echo_tool"):
                tool = [m for m in req.get("messages", []) if m.get("role") == "tool"]
                text = "tool said: " + (tool[-1].get("content", "") if tool else "(nothing)")
            finish = self.stream_text(turn, text, flavour, model, usage)
        if finish is None:
            return  # connection cut on purpose
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        want_usage = flavour == "watsonx" or (req.get("stream_options") or {}).get("include_usage")
        self.event(flavour, model, {"index": 0, "delta": {}, "finish_reason": finish},
                   usage if flavour == "watsonx" else None, turn)
        if want_usage and flavour != "watsonx":
            self.send_raw("data: %s\n\n" % json.dumps({"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                                                      "model": model, "choices": [], "usage": usage}))
        if flavour != "watsonx":  # watsonx ends the stream without a [DONE] sentinel
            self.send_raw("data: [DONE]\n\n", turn.get("crlf", False))

    def event(self, flavour, model, choice, usage, turn):
        chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                 "model": model, "choices": [choice]}
        if flavour == "watsonx":
            chunk = {"id": "chat-fake", "model_id": model, "model": model, "choices": [choice],
                     "created": int(time.time()), "created_at": "2025-01-01T00:00:00.000Z"}
            if usage:
                chunk["usage"] = usage
            with LOCK:
                STATE["wx_seq"] = STATE.get("wx_seq", 0) + 1
                seq = STATE["wx_seq"]
            self.send_raw("id: %d\nevent: message\ndata: %s\n\n" % (seq, json.dumps(chunk)),
                          turn.get("crlf", False))
        else:
            self.send_raw("data: %s\n\n" % json.dumps(chunk), turn.get("crlf", False))

    def stream_text(self, turn, text, flavour, model, usage):
        size = max(1, int(turn.get("chunk", 4)))
        delay = turn.get("delay_ms", 20) / 1000.0
        self.event(flavour, model, {"index": 0, "delta": {"role": "assistant", "content": ""},
                                    "finish_reason": None}, None, turn)
        pieces = [text[i:i + size] for i in range(0, len(text), size)]
        for n, piece in enumerate(pieces):
            if "cut_after" in turn and n >= turn["cut_after"]:
                return None
            time.sleep(delay)
            self.event(flavour, model, {"index": 0, "delta": {"content": piece}, "finish_reason": None},
                       None, turn)
            usage["completion_tokens"] += 1
        return "stop"

    def stream_tools(self, turn, flavour, model, usage):
        delay = turn.get("delay_ms", 10) / 1000.0
        for i, call in enumerate(turn["tool_calls"]):
            args = call.get("arguments", "{}")
            first = {"index": i, "id": call["id"], "type": "function",
                     "function": {"name": call["name"], "arguments": ""}}
            self.event(flavour, model, {"index": 0, "delta": {"role": "assistant", "content": None,
                                                              "tool_calls": [first]},
                                        "finish_reason": None}, None, turn)
            for k in range(0, len(args), 5):  # arguments split across chunks
                time.sleep(delay)
                part = {"index": i, "function": {"arguments": args[k:k + 5]}}
                self.event(flavour, model, {"index": 0, "delta": {"tool_calls": [part]},
                                            "finish_reason": None}, None, turn)
                usage["completion_tokens"] += 1
        return "tool_calls"


def main():
    global ARGS, SCRIPT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--script")
    ap.add_argument("--record")
    ap.add_argument("--key", default="", help="API key expected (bearer / api-key / IAM apikey)")
    ap.add_argument("--iam-key", default="", help="IAM API key (default: --key)")
    ap.add_argument("--token-ttl", type=int, default=3600)
    ap.add_argument("--pair-code", default="GKEV-8985")
    ap.add_argument("--device-token", default="dev-token-0123456789")
    ap.add_argument("--verbose", action="store_true")
    ARGS = ap.parse_args()
    if ARGS.script:
        with open(ARGS.script, encoding="utf-8") as f:
            SCRIPT = json.load(f)
        SCRIPT.setdefault("models", {})
    srv = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    srv.daemon_threads = True
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
