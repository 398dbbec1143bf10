"""The agent YAML files are import-ready: required keys, and every tool has its file."""

from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")

ROOT = Path(__file__).resolve().parent.parent


def test_agent_files_are_valid():
    files = sorted((ROOT / "agents").glob("*.yaml"))
    assert files
    names = set()
    for path in files:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert spec["spec_version"] == "v1" and spec["kind"] == "native"
        assert spec["name"] == path.stem and spec["llm"] and spec["instructions"]
        for tool_name in spec["tools"]:
            assert (ROOT / "tools" / (tool_name + ".py")).is_file()
        names.add(spec["name"])
    for path in files:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(spec["collaborators"]) <= names
