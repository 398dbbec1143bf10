<?cs with:a = agents[item.index] ?># watsonx Orchestrate native agent: orchestrate agents import -f agents/<?cs var:ident(a.id) ?>.yaml
spec_version: v1
kind: native
name: <?cs var:yaml(a.id) ?>
description: <?cs var:yaml(a.role) ?>
llm: <?cs if:project.model == "granite-3.1-70b" ?>"watsonx/ibm/granite-3-8b-instruct"<?cs else ?>"watsonx/meta-llama/llama-3-3-70b-instruct"<?cs /if ?>
style: default
instructions: <?cs var:yaml("You are " + a.role + ". Goal: " + a.goal + " Background: " + a.backstory) ?>
<?cs if:item.index == 0 && project.pattern == "supervisor" && subcount(agents) > 1 ?>collaborators:<?cs each:o = agents ?><?cs if:name(o) != item.index ?>
  - <?cs var:yaml(o.id) ?><?cs /if ?><?cs /each ?>
<?cs else ?>collaborators: []
<?cs /if ?><?cs if:subcount(a.tools) > 0 ?>tools:<?cs each:t = a.tools ?>
  - <?cs var:yaml(t.id) ?><?cs /each ?>
<?cs else ?>tools: []
<?cs /if ?>
# Tasks this agent handles (for reference):<?cs each:t = tasks ?><?cs if:t.agent == a.id ?>
#   - <?cs var:ident(t.id) ?><?cs /if ?><?cs /each ?>
<?cs /with ?>
