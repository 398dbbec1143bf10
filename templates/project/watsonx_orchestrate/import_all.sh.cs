#!/bin/sh
# Import the tools, then the agents (collaborators before the agent that calls them) into the
# active watsonx Orchestrate environment (see README.md).
set -eu
cd "$(dirname "$0")"
<?cs each:t = tools ?>orchestrate tools import -k python -f tools/<?cs var:ident(t.id) ?>.py
<?cs /each ?><?cs each:a = agents ?><?cs if:name(a) != 0 ?>orchestrate agents import -f agents/<?cs var:ident(a.id) ?>.yaml
<?cs /if ?><?cs /each ?>orchestrate agents import -f agents/<?cs var:ident(agents.0.id) ?>.yaml
