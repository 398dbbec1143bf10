"""Graph state and node functions (stdlib only, so they test without LangGraph).

Pattern: <?cs var:pydoc(project.pattern) ?>. Each task is one node; a node reads the outputs of
the tasks it depends on from the state and writes its own "<task>_output" key.
"""

from typing import TypedDict

from . import llm, loop, plan
from .tools import TOOLS


class State(TypedDict, total=False):
    """The typed state shared by all nodes."""

    request: str
    next: str<?cs each:t = tasks ?>
    <?cs var:ident(t.id) ?>_output: str<?cs /each ?>


def output_key(task_id: str) -> str:
    return task_id + "_output"


def make_node(task: dict):
    """Build the node function of one task."""

    def node(state: State) -> dict:
        results = {dep: state.get(output_key(dep), "") for dep in task["deps"]}
        prompt = plan.task_prompt(task, results)
        if state.get("request"):
            prompt = "Request: " + state["request"] + "\n\n" + prompt
        system = plan.system_prompt(task["agent"])
        if plan.PATTERN == "react":
            agent_tools = {name: TOOLS[name] for name in plan.AGENTS[task["agent"]]["tools"]}
            answer = loop.run(prompt, system, agent_tools)["answer"]
        else:
            answer = llm.complete(prompt, system=system)
        return {output_key(task["id"]): answer}

    node.__name__ = task["id"]
    return node


def supervisor(state: State) -> dict:
    """Route to the first task whose dependencies are done, or finish."""
    for task in plan.TASKS:
        ready = all(output_key(dep) in state for dep in task["deps"])
        if output_key(task["id"]) not in state and ready:
            return {"next": task["id"]}
    return {"next": "done"}
