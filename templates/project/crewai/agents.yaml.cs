# Agents of the crew: one entry per @agent method in crew.py (same names).
<?cs each:a = agents ?>
<?cs var:yaml(a.id) ?>:
  role: <?cs var:yaml(a.role) ?>
  goal: <?cs var:yaml(a.goal) ?>
  backstory: <?cs var:yaml(a.backstory) ?>
<?cs /each ?>
