"""The YAML config is consistent (runs without CrewAI; needs PyYAML)."""

from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")

CONFIG = Path(__file__).resolve().parent.parent / "src" / <?cs var:py(project.slug) ?> / "config"


def _load(name: str) -> dict:
    return yaml.safe_load((CONFIG / name).read_text(encoding="utf-8"))


def test_tasks_reference_agents_and_earlier_tasks():
    agents, tasks = _load("agents.yaml"), _load("tasks.yaml")
    seen = set()
    for task_id, task in tasks.items():
        assert task["agent"] in agents
        assert all(dep in seen for dep in task.get("context", []))
        seen.add(task_id)
    for agent in agents.values():
        assert agent["role"] and "goal" in agent and "backstory" in agent
