"""The crew assembles from the YAML config (needs the crewai package; no LLM call is made)."""

import pytest

pytest.importorskip("crewai", reason="crewai is not installed (pip install -r requirements.txt)")


def test_crew_builds(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    from <?cs var:ident(project.slug) ?>.crew import ProjectCrew

    crew = ProjectCrew().crew()
    assert len(crew.agents) == int(<?cs var:py(project.n_agents) ?>)
    assert len(crew.tasks) == int(<?cs var:py(project.n_tasks) ?>)
