"""End to end with the fake model: every task runs and earlier answers reach later prompts."""

from <?cs var:ident(project.slug) ?> import main, plan


def test_run_all_tasks_offline(fake_llm):
    results = main.run()
    assert list(results) == [task["id"] for task in plan.TASKS]
    assert all(answer.startswith("fake reply") for answer in results.values())
    assert len(fake_llm) == len(plan.TASKS)
