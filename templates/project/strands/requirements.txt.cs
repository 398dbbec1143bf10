# <?cs var:ident(project.slug) ?>: pinned runtime dependencies (tools and the LLM helper use the stdlib).
strands-agents[openai]==1.62.0
