# Tasks of the crew, in execution order: one entry per @task method in crew.py (same names).
# context lists the tasks whose output this task receives.
<?cs each:t = tasks ?>
<?cs var:yaml(t.id) ?>:
  description: <?cs var:yaml(t.description) ?>
  expected_output: <?cs var:yaml(t.expected_output) ?>
  agent: <?cs var:yaml(t.agent) ?>
<?cs if:subcount(t.deps) > 0 ?>  context:<?cs each:d = t.deps ?>
    - <?cs var:yaml(d.id) ?><?cs /each ?>
<?cs /if ?><?cs /each ?>
