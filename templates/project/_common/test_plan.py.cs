"""The generated plan is consistent: agents exist, dependencies point backwards, tools exist."""

from <?cs var:ident(project.slug) ?> import plan
from <?cs var:ident(project.slug) ?>.tools import TOOLS


def test_tasks_reference_known_agents_and_earlier_tasks():
    seen = set()
    for task in plan.TASKS:
        assert task["agent"] in plan.AGENTS
        assert all(dep in seen for dep in task["deps"])
        seen.add(task["id"])
    assert plan.TASKS, "at least one task"


def test_agent_tools_exist():
    for agent in plan.AGENTS.values():
        assert all(name in TOOLS for name in agent["tools"])


def test_prompts_include_dependencies():
    results = {t["id"]: "R-" + t["id"] for t in plan.TASKS}
    for task in plan.TASKS:
        prompt = plan.task_prompt(task, results)
        assert all("R-" + dep in prompt for dep in task["deps"])
        assert plan.system_prompt(task["agent"])
