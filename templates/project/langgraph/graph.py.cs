"""The LangGraph StateGraph of this project (<?cs var:pydoc(project.pattern) ?> pattern)."""

from langgraph.graph import END, START, StateGraph

from . import plan
from .nodes import State, make_node, supervisor


def build_graph():
    """Build and compile the graph."""
    graph = StateGraph(State)
    for task in plan.TASKS:
        graph.add_node(task["id"], make_node(task))
    if plan.PATTERN == "supervisor":
        graph.add_node("supervisor", supervisor)
        graph.add_edge(START, "supervisor")
        routes = {task["id"]: task["id"] for task in plan.TASKS}
        routes["done"] = END
        graph.add_conditional_edges("supervisor", lambda state: state["next"], routes)
        for task in plan.TASKS:
            graph.add_edge(task["id"], "supervisor")
    else:
        needed = {dep for task in plan.TASKS for dep in task["deps"]}
        for task in plan.TASKS:
            if not task["deps"]:
                graph.add_edge(START, task["id"])
            elif len(task["deps"]) == 1:
                graph.add_edge(task["deps"][0], task["id"])
            else:
                graph.add_edge(list(task["deps"]), task["id"])
            if task["id"] not in needed:
                graph.add_edge(task["id"], END)
    return graph.compile()
