"""Entry point: run the crew once.

kickoff() gets no inputs on purpose: the task texts come from the idea and may contain braces,
which CrewAI would otherwise treat as {placeholders}.
"""

from .crew import ProjectCrew


def run() -> str:
    return str(ProjectCrew().crew().kickoff())


def main() -> None:
    print(run())


if __name__ == "__main__":
    main()
