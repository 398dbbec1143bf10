"""The crew: agents and tasks come from config/agents.yaml and config/tasks.yaml (@CrewBase).

Process: <?cs if:project.pattern == "supervisor" ?>hierarchical (a manager LLM delegates to the agents)<?cs else ?>sequential<?cs /if ?>.
"""

from crewai import LLM, Agent, Crew, Process, Task
from crewai.project import CrewBase, agent, crew, task

from . import llm
from .tools.crewai_adapter import crewai_tools


def build_llm() -> LLM:
    """The model endpoint from the environment (see llm.py)."""
    s = llm.settings()
    return LLM(model="openai/" + s.model, base_url=s.base_url, api_key=s.api_key or "not-needed",
               timeout=s.timeout)


@CrewBase
class ProjectCrew:
    """<?cs var:pydoc(project.name) ?>"""

    agents_config = "config/agents.yaml"
    tasks_config = "config/tasks.yaml"
<?cs each:a = agents ?>
    @agent
    def <?cs var:ident(a.id) ?>(self) -> Agent:
        return Agent(
            config=self.agents_config[<?cs var:py(a.id) ?>],
            llm=build_llm(),
            tools=crewai_tools([<?cs each:x = a.tools ?><?cs var:py(x.id) ?><?cs if:!last(x) ?>, <?cs /if ?><?cs /each ?>]),
            allow_delegation=False,
            verbose=False,
        )
<?cs /each ?><?cs each:t = tasks ?>
    @task
    def <?cs var:ident(t.id) ?>(self) -> Task:
        return Task(config=self.tasks_config[<?cs var:py(t.id) ?>])
<?cs /each ?>
    @crew
    def crew(self) -> Crew:
        return Crew(
            agents=self.agents,
            tasks=self.tasks,
<?cs if:project.pattern == "supervisor" ?>            process=Process.hierarchical,
            manager_llm=build_llm(),
<?cs else ?>            process=Process.sequential,
<?cs /if ?>            verbose=True,
        )
