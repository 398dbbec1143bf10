"""sql_query: read-only SQL over the SQLite file in SQL_DATABASE_PATH. The database is opened
with mode=ro and an authorizer that allows only reads, so writes, ATTACH and PRAGMA fail."""

import json
import os
import sqlite3
from pathlib import Path
<?cs include:"_common/tools/_watsonx_header.cs" ?>
MAX_ROWS = 100
_ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION}


def _authorize(action, arg1, arg2, db_name, source):
    if action == sqlite3.SQLITE_FUNCTION and str(arg2).lower() == "load_extension":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK if action in _ALLOWED else sqlite3.SQLITE_DENY


<?cs include:"_common/tools/_watsonx_deco.cs" ?>def sql_query(query: str, params: str = "") -> str:
    """Run one read-only SQL query (params: JSON list); returns a table of at most 100 rows."""
    path = os.environ.get("SQL_DATABASE_PATH", "").strip()
    if not path:
        return "Error: SQL_DATABASE_PATH is not set"
    try:
        args = json.loads(params) if params.strip() else []
    except ValueError:
        return "Error: params must be a JSON list"
    if not isinstance(args, list):
        return "Error: params must be a JSON list"
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as exc:
        return f"Error: {exc}"
    try:
        conn.set_authorizer(_authorize)
        cursor = conn.execute(query, args)
        rows = cursor.fetchmany(MAX_ROWS + 1)
        columns = [d[0] for d in cursor.description or []]
    except sqlite3.Error as exc:
        return f"Error: {exc}"
    finally:
        conn.close()
    lines = [" | ".join(columns), "-" * max(3, len(" | ".join(columns)))]
    lines += [" | ".join(str(v) for v in row) for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        lines.append(f"[only the first {MAX_ROWS} rows]")
    return "\n".join(lines)
