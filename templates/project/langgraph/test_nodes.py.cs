"""Nodes and the supervisor's routing, offline with the fake model (no LangGraph needed)."""

from <?cs var:ident(project.slug) ?> import nodes, plan


def test_nodes_run_in_plan_order(fake_llm):
    state = {"request": "test"}
    for _ in range(len(plan.TASKS)):
        step = nodes.supervisor(state)["next"]
        assert step != "done"
        task = next(t for t in plan.TASKS if t["id"] == step)
        state.update(nodes.make_node(task)(state))
    assert nodes.supervisor(state) == {"next": "done"}
    assert all(nodes.output_key(t["id"]) in state for t in plan.TASKS)
