# Environment of <?cs var:ident(project.slug) ?>: every variable the code reads. Copy to .env and fill in.
<?cs if:project.framework != "watsonx_orchestrate" ?>
# Model endpoint (any OpenAI-compatible API: OpenAI, Azure OpenAI, OllaBridge, Ollama, vLLM, ...)
OPENAI_BASE_URL=
OPENAI_API_KEY=
MODEL=
LLM_TIMEOUT=
<?cs else ?>
# watsonx Orchestrate environment used by the orchestrate CLI (orchestrate env add / activate)
WO_INSTANCE=
WO_API_KEY=
<?cs /if ?><?cs if:has_tool.web_search ?>
# web_search: a SearxNG-compatible endpoint with the JSON format enabled
SEARXNG_URL=
SEARCH_TIMEOUT=
<?cs /if ?><?cs if:has_tool.http_client ?>
# http_client
HTTP_TIMEOUT=
HTTP_ALLOWED_HOSTS=
<?cs /if ?><?cs if:has_tool.sql_query ?>
# sql_query (opened read-only)
SQL_DATABASE_PATH=
<?cs /if ?><?cs if:has_tool.file_writer ?>
# file_writer (files are written inside this folder only)
OUTPUT_DIR=
<?cs /if ?><?cs if:has_tool.pdf_reader ?>
# pdf_reader (PDFs are read from inside this folder only)
PDF_DIR=
<?cs /if ?><?cs if:has_tool.vector_search ?>
# vector_search (SQLite FTS5 index file)
VECTOR_DB_PATH=
<?cs /if ?>
