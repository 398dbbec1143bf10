"""OpenAI-compatible chat completion helper for <?cs var:pydoc(project.name) ?> (stdlib only).

Everything comes from the environment: OPENAI_BASE_URL (any OpenAI-compatible endpoint:
OpenAI, Azure, OllaBridge, Ollama, vLLM, a watsonx gateway...), OPENAI_API_KEY, MODEL and
LLM_TIMEOUT. No key is ever stored in the code. Tests replace ``complete`` with a fake.
"""

import json
import os
import urllib.request
from dataclasses import dataclass

DEFAULT_MODEL = <?cs var:py(project.model) ?>
DEFAULT_BASE_URL = "http://localhost:11434/v1"


@dataclass(frozen=True)
class Settings:
    base_url: str
    api_key: str
    model: str
    timeout: float


def settings() -> Settings:
    """Read the model endpoint from the environment."""
    base_url = os.environ.get("OPENAI_BASE_URL", "").strip() or DEFAULT_BASE_URL
    try:
        timeout = float(os.environ.get("LLM_TIMEOUT", "") or 60)
    except ValueError:
        timeout = 60.0
    return Settings(
        base_url=base_url.rstrip("/"),
        api_key=os.environ.get("OPENAI_API_KEY", ""),
        model=os.environ.get("MODEL", "").strip() or DEFAULT_MODEL,
        timeout=timeout,
    )


def complete(prompt: str, system: str = "") -> str:
    """Send one chat completion request and return the reply text."""
    s = settings()
    messages = []
    if system:
        messages.append({"role": "system", "content": system})
    messages.append({"role": "user", "content": prompt})
    body = json.dumps({"model": s.model, "messages": messages, "temperature": 0.2})
    headers = {"Content-Type": "application/json"}
    if s.api_key:
        headers["Authorization"] = "Bearer " + s.api_key
    request = urllib.request.Request(
        s.base_url + "/chat/completions", data=body.encode("utf-8"), headers=headers, method="POST"
    )
    with urllib.request.urlopen(request, timeout=s.timeout) as response:
        data = json.loads(response.read().decode("utf-8"))
    return str(data["choices"][0]["message"]["content"]).strip()
