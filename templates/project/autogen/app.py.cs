"""AutoGen AgentChat team: one AssistantAgent per agent of the plan, in a
<?cs if:project.pattern == "supervisor" ?>SelectorGroupChat (a model picks who speaks next)<?cs else ?>RoundRobinGroupChat<?cs /if ?>. The run stops when an agent says
TERMINATE or after MAX_MESSAGES messages."""

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import MaxMessageTermination, TextMentionTermination
from autogen_agentchat.teams import RoundRobinGroupChat, SelectorGroupChat
from autogen_ext.models.openai import OpenAIChatCompletionClient

from . import llm, plan
from .tools import TOOLS

MAX_MESSAGES = 4 * len(plan.TASKS) + 4


def build_model_client() -> OpenAIChatCompletionClient:
    """The model endpoint from the environment (see llm.py)."""
    s = llm.settings()
    return OpenAIChatCompletionClient(
        model=s.model,
        base_url=s.base_url,
        api_key=s.api_key or "not-needed",
        timeout=s.timeout,
        model_info={
            "vision": False,
            "function_calling": True,
            "json_output": False,
            "structured_output": False,
            "family": "unknown",
        },
    )


def build_team(model_client):
    agents = [
        AssistantAgent(
            name=agent_id,
            model_client=model_client,
            description=spec["role"],
            system_message=plan.system_prompt(agent_id) + "\nSay TERMINATE when the work is done.",
            tools=[TOOLS[name] for name in spec["tools"]],
        )
        for agent_id, spec in plan.AGENTS.items()
    ]
    done = TextMentionTermination("TERMINATE") | MaxMessageTermination(MAX_MESSAGES)
    if plan.PATTERN == "supervisor" and len(agents) > 1:
        return SelectorGroupChat(agents, model_client=model_client, termination_condition=done)
    return RoundRobinGroupChat(agents, termination_condition=done)


async def run(model_client=None) -> str:
    """Run the team on the whole request; returns the last message."""
    team = build_team(model_client or build_model_client())
    result = await team.run(task=plan.request_message())
    return str(result.messages[-1].content) if result.messages else ""
