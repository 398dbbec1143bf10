"""The flow runs every step in dependency order (needs crewai; tasks are faked, no LLM call)."""

import pytest

pytest.importorskip("crewai", reason="crewai is not installed (pip install -r requirements.txt)")


def test_flow_runs_all_steps_in_order(monkeypatch):
    from <?cs var:ident(project.slug) ?> import flow, main, plan

    order = []

    def fake_run_task(task_id: str, results: dict) -> str:
        task = next(t for t in plan.TASKS if t["id"] == task_id)
        assert all(dep in results for dep in task["deps"])
        order.append(task_id)
        return "done " + task_id

    monkeypatch.setattr(flow, "run_task", fake_run_task)
    results = main.run()
    assert sorted(order) == sorted(t["id"] for t in plan.TASKS)
    assert set(results) == {t["id"] for t in plan.TASKS}
