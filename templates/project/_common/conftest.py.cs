"""Shared fixtures: the LLM is replaced by a fake so every test runs offline."""

import pytest

from <?cs var:ident(project.slug) ?> import llm


@pytest.fixture
def fake_llm(monkeypatch):
    """Replace llm.complete; returns the list of prompts it received."""
    prompts = []

    def complete(prompt: str, system: str = "") -> str:
        prompts.append(prompt)
        return f"Final Answer: fake reply {len(prompts)}"

    monkeypatch.setattr(llm, "complete", complete)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    return prompts
