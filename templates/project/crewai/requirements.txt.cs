# <?cs var:ident(project.slug) ?>: pinned runtime dependencies (tools and the LLM helper use the stdlib).
crewai==1.15.30
PyYAML==6.0.3
