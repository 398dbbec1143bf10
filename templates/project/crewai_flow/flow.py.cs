"""The CrewAI Flow: one step per task. A task without dependencies is a @start() step; a task
with dependencies @listen()s to them (and_() when there are several), so the chain is correct
for any number of tasks."""

from crewai import LLM, Agent, Crew, Task
<?cs set:multi = 0 ?><?cs set:anydeps = 0 ?><?cs each:t = tasks ?><?cs if:subcount(t.deps) > 1 ?><?cs set:multi = 1 ?><?cs /if ?><?cs if:subcount(t.deps) > 0 ?><?cs set:anydeps = 1 ?><?cs /if ?><?cs /each ?>from crewai.flow.flow import Flow, <?cs if:multi ?>and_, <?cs /if ?><?cs if:anydeps ?>listen, <?cs /if ?>start
from pydantic import BaseModel, Field

from . import llm, plan
from .tools.crewai_adapter import crewai_tools


class FlowState(BaseModel):
    request: str = plan.IDEA
    results: dict[str, str] = Field(default_factory=dict)


def build_llm() -> LLM:
    s = llm.settings()
    return LLM(model="openai/" + s.model, base_url=s.base_url, api_key=s.api_key or "not-needed",
               timeout=s.timeout)


def run_task(task_id: str, results: dict) -> str:
    """Run one task with a one-agent crew; returns its output text."""
    task = next(t for t in plan.TASKS if t["id"] == task_id)
    spec = plan.AGENTS[task["agent"]]
    agent = Agent(role=spec["role"], goal=spec["goal"], backstory=spec["backstory"],
                  llm=build_llm(), tools=crewai_tools(spec["tools"]), verbose=False)
    job = Task(description=plan.task_prompt(task, results),
               expected_output=task["expected_output"], agent=agent)
    return str(Crew(agents=[agent], tasks=[job]).kickoff())


class ProjectFlow(Flow[FlowState]):
    """<?cs var:pydoc(project.name) ?>"""
<?cs each:t = tasks ?>
<?cs if:subcount(t.deps) == 0 ?>    @start()
<?cs elif:subcount(t.deps) == 1 ?>    @listen(<?cs each:d = t.deps ?>step_<?cs var:ident(d.id) ?><?cs /each ?>)
<?cs else ?>    @listen(and_(<?cs each:d = t.deps ?>step_<?cs var:ident(d.id) ?><?cs if:!last(d) ?>, <?cs /if ?><?cs /each ?>))
<?cs /if ?>    def step_<?cs var:ident(t.id) ?>(self) -> str:
        self.state.results[<?cs var:py(t.id) ?>] = run_task(<?cs var:py(t.id) ?>, self.state.results)
        return self.state.results[<?cs var:py(t.id) ?>]
<?cs /each ?>
