# <?cs var:ident(project.slug) ?>: pinned runtime dependencies (tools and the LLM helper use the stdlib).
langgraph==1.2.22
