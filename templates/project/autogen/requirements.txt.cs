# <?cs var:ident(project.slug) ?>: pinned runtime dependencies (tools and the LLM helper use the stdlib).
autogen-agentchat==0.7.5
autogen-ext[openai]==0.7.5
