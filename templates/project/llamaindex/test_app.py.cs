"""The workflow assembles (needs llama-index-core and llama-index-llms-openai-like; no model call)."""

import pytest

pytest.importorskip("llama_index.core", reason="llama-index-core is not installed")
pytest.importorskip("llama_index.llms.openai_like", reason="llama-index-llms-openai-like is not installed")


def test_workflow_builds(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    from <?cs var:ident(project.slug) ?> import app

    assert app.build_workflow() is not None
