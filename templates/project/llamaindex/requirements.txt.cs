# <?cs var:ident(project.slug) ?>: pinned runtime dependencies (tools and the LLM helper use the stdlib).
llama-index-core==0.14.25
llama-index-llms-openai-like==0.8.1
