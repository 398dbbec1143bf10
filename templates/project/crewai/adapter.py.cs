"""CrewAI wrappers around the stdlib tool functions."""

from crewai.tools import tool

from . import TOOLS


def crewai_tools(names: list) -> list:
    """The CrewAI tools for the given tool ids."""
    return [tool(name)(TOOLS[name]) for name in names]
