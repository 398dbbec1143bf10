"""web_search: query a SearxNG-compatible JSON search endpoint (SEARXNG_URL). Stdlib only."""

import json
import os
import urllib.error
import urllib.parse
import urllib.request
<?cs include:"_common/tools/_watsonx_header.cs" ?>

def _timeout() -> float:
    try:
        return float(os.environ.get("SEARCH_TIMEOUT", "") or 15)
    except ValueError:
        return 15.0


<?cs include:"_common/tools/_watsonx_deco.cs" ?>def web_search(query: str, max_results: int = 5) -> str:
    """Search the web and return the top results as "- title <url>: snippet" lines."""
    base = os.environ.get("SEARXNG_URL", "").strip().rstrip("/")
    if not base:
        return "Error: SEARXNG_URL is not set; web search is unavailable."
    url = base + "/search?" + urllib.parse.urlencode({"q": query, "format": "json"})
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=_timeout()) as response:
            data = json.loads(response.read(2_000_000).decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"Error: search failed: {exc}"
    limit = max(1, min(int(max_results), 10))
    lines = []
    for item in (data.get("results") or [])[:limit]:
        title = str(item.get("title", "")).strip()
        link = str(item.get("url", "")).strip()
        snippet = str(item.get("content", "")).strip()
        lines.append(f"- {title} <{link}>: {snippet}")
    return "\n".join(lines) if lines else "No results."
