"""An explicit ReAct loop: reason (ask the model), act (call one tool), observe (feed the tool's
result back), until the model gives a final answer or MAX_STEPS is reached."""

import re

from . import llm

MAX_STEPS = 6
FORMAT = (
    "To use a tool, answer with exactly one line 'Action: <tool>[<input>]' and stop. "
    "When you know the answer, write 'Final Answer: <answer>'."
)
_ACTION = re.compile(r"^\s*Action:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\[(.*)\]\s*$", re.M)
_FINAL = re.compile(r"Final Answer:\s*(.*)", re.S)


def _act(tools: dict, name: str, argument: str) -> str:
    tool = tools.get(name)
    if tool is None:
        return f"Unknown tool: {name}. Available: {', '.join(sorted(tools)) or 'none'}"
    try:
        return str(tool(argument))
    except Exception as exc:  # a failing tool is an observation, not a crash
        return f"Error: {type(exc).__name__}: {exc}"


def run(goal: str, system: str, tools: dict, max_steps: int = MAX_STEPS) -> dict:
    """Run the loop for one goal; returns {"answer", "steps", "transcript"}."""
    transcript = []
    header = f"{goal}\n\nTools: {', '.join(sorted(tools)) or 'none'}\n{FORMAT}"
    for step in range(1, max_steps + 1):
        reply = llm.complete("\n\n".join([header] + transcript), system=system)  # reason
        final = _FINAL.search(reply)
        if final:
            return {"answer": final.group(1).strip(), "steps": step, "transcript": transcript}
        action = _ACTION.search(reply)
        if action is None:
            return {"answer": reply.strip(), "steps": step, "transcript": transcript}
        observation = _act(tools, action.group(1), action.group(2).strip())  # act
        transcript.append(f"{reply.strip()}\nObservation: {observation[:4000]}")  # observe
    return {"answer": "Stopped: step limit reached", "steps": max_steps, "transcript": transcript}
