"""The team runs with a replayed model (needs autogen-agentchat and autogen-ext)."""

import asyncio

import pytest

pytest.importorskip("autogen_agentchat", reason="autogen-agentchat is not installed")
replay = pytest.importorskip("autogen_ext.models.replay", reason="autogen-ext is not installed")


def test_team_runs_offline():
    from <?cs var:ident(project.slug) ?> import app

    client = replay.ReplayChatCompletionClient(["Working on it.", "All done. TERMINATE"] * 8)
    answer = asyncio.run(app.run(client))
    assert isinstance(answer, str)
