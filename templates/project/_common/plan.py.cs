"""The agents and tasks of this project as plain data, generated from the idea.

Task order is a valid execution order: every dependency comes before the task that needs it.
"""

PROJECT_NAME = <?cs var:py(project.name) ?>
IDEA = <?cs var:py(project.description) ?>
PATTERN = <?cs var:py(project.pattern) ?>

AGENTS = {<?cs each:a = agents ?>
    <?cs var:py(a.id) ?>: {
        "role": <?cs var:py(a.role) ?>,
        "goal": <?cs var:py(a.goal) ?>,
        "backstory": <?cs var:py(a.backstory) ?>,
        "model": <?cs var:py(a.model) ?>,
        "tools": [<?cs each:t = a.tools ?><?cs var:py(t.id) ?><?cs if:!last(t) ?>, <?cs /if ?><?cs /each ?>],
    },<?cs /each ?>
}

TASKS = [<?cs each:t = tasks ?>
    {
        "id": <?cs var:py(t.id) ?>,
        "description": <?cs var:py(t.description) ?>,
        "expected_output": <?cs var:py(t.expected_output) ?>,
        "agent": <?cs var:py(t.agent) ?>,
        "deps": [<?cs each:d = t.deps ?><?cs var:py(d.id) ?><?cs if:!last(d) ?>, <?cs /if ?><?cs /each ?>],
    },<?cs /each ?>
]


def system_prompt(agent_id: str) -> str:
    """The system prompt of one agent: its role, goal and backstory."""
    agent = AGENTS[agent_id]
    return (
        f"You are {agent['role']}. Your goal: {agent['goal']}\n"
        f"Background: {agent['backstory']}"
    )


def task_prompt(task: dict, results: dict) -> str:
    """The user prompt of one task, with the outputs of the tasks it depends on."""
    parts = [task["description"], "Expected output: " + task["expected_output"]]
    for dep in task["deps"]:
        parts.append(f"Result of {dep}:\n{results.get(dep, '')}")
    return "\n\n".join(parts)


def request_message() -> str:
    """One message that states the whole job: the idea and the tasks in order."""
    lines = [IDEA, "", "Tasks, in order:"]
    for number, task in enumerate(TASKS, 1):
        lines.append(f"{number}. [{task['agent']}] {task['description']}")
        lines.append(f"   Expected output: {task['expected_output']}")
    return "\n".join(lines)
