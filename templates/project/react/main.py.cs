"""Entry point: run every task of the plan with the ReAct loop, in dependency order.

Each task is handled by its agent (system prompt = role, goal, backstory) with that agent's
tools; the answers of the tasks it depends on are part of its prompt.
"""

import json

from . import loop, plan
from .tools import TOOLS


def run_task(task: dict, results: dict) -> dict:
    """Run one task; returns the loop result (answer, steps, transcript)."""
    agent_tools = {name: TOOLS[name] for name in plan.AGENTS[task["agent"]]["tools"]}
    return loop.run(plan.task_prompt(task, results), plan.system_prompt(task["agent"]), agent_tools)


def run() -> dict:
    """Run all tasks; returns {task id: answer}."""
    results = {}
    for task in plan.TASKS:
        results[task["id"]] = run_task(task, results)["answer"]
    return results


def main() -> None:
    print(json.dumps(run(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
