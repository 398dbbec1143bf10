"""The compiled graph end to end with the fake model (needs the langgraph package)."""

import pytest

pytest.importorskip("langgraph", reason="langgraph is not installed (pip install -r requirements.txt)")


def test_graph_runs_every_task(fake_llm):
    from <?cs var:ident(project.slug) ?> import main, nodes, plan

    state = main.run("test")
    assert all(nodes.output_key(t["id"]) in state for t in plan.TASKS)
