"""The agents assemble (needs strands-agents with the openai extra; no model call is made)."""

import pytest

pytest.importorskip("strands", reason="strands-agents is not installed")
pytest.importorskip("strands.models.openai", reason="strands-agents[openai] is not installed")


def test_agents_build(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    from <?cs var:ident(project.slug) ?> import app, plan

    model = app.build_model()
    for agent_id in plan.AGENTS:
        assert app.build_agent(agent_id, model) is not None
    assert app.build_supervisor(model) is not None
