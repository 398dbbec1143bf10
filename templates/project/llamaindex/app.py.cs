"""LlamaIndex AgentWorkflow: one <?cs if:project.pattern == "react" ?>ReActAgent<?cs else ?>FunctionAgent<?cs /if ?> per agent of the plan; the first agent is the
root and every agent can hand off to the others."""

from llama_index.core.agent.workflow import AgentWorkflow, FunctionAgent, ReActAgent
from llama_index.core.tools import FunctionTool
from llama_index.llms.openai_like import OpenAILike

from . import llm, plan
from .tools import TOOLS


def build_llm() -> OpenAILike:
    """The model endpoint from the environment (see llm.py)."""
    s = llm.settings()
    return OpenAILike(
        model=s.model,
        api_base=s.base_url,
        api_key=s.api_key or "not-needed",
        timeout=s.timeout,
        is_chat_model=True,
        is_function_calling_model=True,
    )


def build_workflow(model=None) -> AgentWorkflow:
    model = model or build_llm()
    kind = ReActAgent if plan.PATTERN == "react" else FunctionAgent
    ids = list(plan.AGENTS)
    agents = [
        kind(
            name=agent_id,
            description=plan.AGENTS[agent_id]["role"],
            system_prompt=plan.system_prompt(agent_id),
            llm=model,
            tools=[FunctionTool.from_defaults(fn=TOOLS[name]) for name in plan.AGENTS[agent_id]["tools"]],
            can_handoff_to=[other for other in ids if other != agent_id],
        )
        for agent_id in ids
    ]
    return AgentWorkflow(agents=agents, root_agent=ids[0])


async def run(model=None) -> str:
    """Run the workflow on the whole request; returns the final response text."""
    handler = build_workflow(model).run(user_msg=plan.request_message())
    return str(await handler)
