"""The ReAct loop with a scripted fake model: final answers, tool calls, the step limit."""

from <?cs var:ident(project.slug) ?> import llm, loop


def _script(monkeypatch, replies):
    replies = list(replies)
    prompts = []

    def complete(prompt: str, system: str = "") -> str:
        prompts.append(prompt)
        return replies.pop(0) if replies else "Action: echo[again]"

    monkeypatch.setattr(llm, "complete", complete)
    return prompts


def test_final_answer_first_step(monkeypatch):
    _script(monkeypatch, ["Thought: easy\nFinal Answer: 42"])
    result = loop.run("goal", "system", {})
    assert result["answer"] == "42" and result["steps"] == 1


def test_tool_call_is_observed(monkeypatch):
    prompts = _script(monkeypatch, ["Action: echo[hello]", "Final Answer: done"])
    result = loop.run("goal", "system", {"echo": lambda text: "echo:" + text})
    assert result["answer"] == "done" and result["steps"] == 2
    assert "Observation: echo:hello" in prompts[1]


def test_unknown_tool_and_step_limit(monkeypatch):
    _script(monkeypatch, ["Action: nope[x]"])
    result = loop.run("goal", "system", {"echo": str}, max_steps=3)
    assert result["steps"] == 3 and result["answer"].startswith("Stopped")
    assert "Unknown tool: nope" in result["transcript"][0]
