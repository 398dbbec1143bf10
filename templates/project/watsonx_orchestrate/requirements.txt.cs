# <?cs var:ident(project.slug) ?>: the watsonx Orchestrate ADK (the orchestrate CLI). The tools use only the stdlib.
ibm-watsonx-orchestrate==2.19.1
