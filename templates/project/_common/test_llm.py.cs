"""The LLM helper reads its endpoint from the environment and talks OpenAI-compatible JSON.
No network: urlopen is replaced by a fake."""

import io
import json

from <?cs var:ident(project.slug) ?> import llm


class _Response(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_settings_from_env(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://example.invalid/v1/")
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    monkeypatch.setenv("MODEL", "m")
    s = llm.settings()
    assert (s.base_url, s.api_key, s.model) == ("http://example.invalid/v1", "k", "m")


def test_default_model(monkeypatch):
    monkeypatch.delenv("MODEL", raising=False)
    assert llm.settings().model == llm.DEFAULT_MODEL


def test_complete_posts_chat_request(monkeypatch):
    seen = {}

    def fake_urlopen(request, timeout):
        seen["url"] = request.full_url
        seen["auth"] = request.get_header("Authorization")
        seen["body"] = json.loads(request.data.decode("utf-8"))
        seen["timeout"] = timeout
        reply = {"choices": [{"message": {"content": " hello "}}]}
        return _Response(json.dumps(reply).encode("utf-8"))

    monkeypatch.setenv("OPENAI_BASE_URL", "http://example.invalid/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "secret")
    monkeypatch.setattr(llm.urllib.request, "urlopen", fake_urlopen)
    assert llm.complete("hi", system="be brief") == "hello"
    assert seen["url"] == "http://example.invalid/v1/chat/completions"
    assert seen["auth"] == "Bearer secret"
    assert seen["body"]["messages"][-1] == {"role": "user", "content": "hi"}
    assert seen["timeout"] > 0
