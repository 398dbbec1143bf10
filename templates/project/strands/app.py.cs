"""Strands Agents: one Agent per agent of the plan, tools wrapped with @tool.
<?cs if:project.pattern == "supervisor" ?>Supervisor pattern: the specialists are exposed as tools of a supervisor agent ("agents as
tools"), which decides whom to ask.<?cs else ?>ReAct pattern: each task runs on its agent's own reason-act loop, in dependency order.<?cs /if ?>
"""

from strands import Agent, tool
from strands.models.openai import OpenAIModel

from . import llm, plan
from .tools import TOOLS


def build_model() -> OpenAIModel:
    """The model endpoint from the environment (see llm.py)."""
    s = llm.settings()
    return OpenAIModel(
        client_args={"api_key": s.api_key or "not-needed", "base_url": s.base_url,
                     "timeout": s.timeout},
        model_id=s.model,
        params={"temperature": 0.2},
    )


def build_agent(agent_id: str, model) -> Agent:
    spec = plan.AGENTS[agent_id]
    return Agent(
        name=agent_id,
        model=model,
        system_prompt=plan.system_prompt(agent_id),
        tools=[tool(TOOLS[name]) for name in spec["tools"]],
        callback_handler=None,
    )


def specialist_tool(agent_id: str, model):
    """Wrap one agent as a tool the supervisor can call."""
    specialist = build_agent(agent_id, model)

    def ask(request: str) -> str:
        return str(specialist(request))

    ask.__name__ = agent_id
    ask.__doc__ = "Ask the " + plan.AGENTS[agent_id]["role"] + ". Goal: " + plan.AGENTS[agent_id]["goal"]
    return tool(ask)


def build_supervisor(model) -> Agent:
    return Agent(
        name="supervisor",
        model=model,
        system_prompt="You coordinate specialists. Delegate each task to the right one, then combine their answers.",
        tools=[specialist_tool(agent_id, model) for agent_id in plan.AGENTS],
        callback_handler=None,
    )


def run(model=None) -> dict:
    """Run the project; returns {task id: answer} (or {"answer": ...} for the supervisor)."""
    model = model or build_model()
    if plan.PATTERN == "supervisor":
        return {"answer": str(build_supervisor(model)(plan.request_message()))}
    results = {}
    for task in plan.TASKS:
        results[task["id"]] = str(build_agent(task["agent"], model)(plan.task_prompt(task, results)))
    return results
