"""vector_search: local full-text retrieval over a SQLite FTS5 index (VECTOR_DB_PATH), ranked
with bm25. Stdlib only; add_documents() builds the index."""

import os
import re
import sqlite3
from pathlib import Path
<?cs include:"_common/tools/_watsonx_header.cs" ?>

def _connect() -> sqlite3.Connection:
    path = Path(os.environ.get("VECTOR_DB_PATH", "").strip() or "data/index.sqlite")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=5)
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(source, content)")
    return conn


def add_documents(documents: dict) -> int:
    """Index {source: text} pairs; returns how many were added."""
    conn = _connect()
    try:
        with conn:
            conn.executemany(
                "INSERT INTO docs (source, content) VALUES (?, ?)",
                [(str(k), str(v)) for k, v in documents.items()],
            )
    finally:
        conn.close()
    return len(documents)


<?cs include:"_common/tools/_watsonx_deco.cs" ?>def vector_search(query: str, k: int = 5) -> str:
    """Return the k indexed passages that best match query, best first."""
    words = re.findall(r"\w+", query)[:32]
    if not words:
        return "Error: the query has no searchable words"
    match = " OR ".join('"' + w + '"' for w in words)
    limit = max(1, min(int(k), 20))
    conn = _connect()
    try:
        rows = conn.execute(
            "SELECT source, snippet(docs, 1, '[', ']', '...', 16) FROM docs "
            "WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (match, limit),
        ).fetchall()
    except sqlite3.Error as exc:
        return f"Error: {exc}"
    finally:
        conn.close()
    if not rows:
        return "No matching documents."
    return "\n".join(f"{i}. [{source}] {text}" for i, (source, text) in enumerate(rows, 1))
