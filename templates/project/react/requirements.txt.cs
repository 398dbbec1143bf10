# <?cs var:ident(project.slug) ?>: the ReAct agent uses only the Python standard library.
# Tests: pip install pytest==9.2.0
