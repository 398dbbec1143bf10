"""Python tools for watsonx Orchestrate: one self-contained file per tool (stdlib only)."""
