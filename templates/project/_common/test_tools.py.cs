<?cs include:"_common/macros.cs" ?>"""Offline tests of the built-in tools (stdlib only, no network: urlopen is faked)."""

import io
<?cs if:has_tool.web_search ?>import json
<?cs /if ?><?cs if:has_tool.file_writer ?>import os
<?cs /if ?><?cs if:has_tool.sql_query ?>import sqlite3
<?cs /if ?><?cs if:has_tool.web_search || has_tool.http_client ?>import urllib.request
<?cs /if ?><?cs if:has_tool.pdf_reader ?>import zlib

import pytest
<?cs /if ?><?cs each:t = tools ?>
from <?cs call:tools_pkg() ?>.<?cs var:ident(t.id) ?> import <?cs var:ident(t.id) ?><?cs /each ?>


class _Response(io.BytesIO):
    status = 200

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_tools_are_callable():
    for fn in [<?cs each:t = tools ?><?cs var:ident(t.id) ?>, <?cs /each ?>]:
        assert callable(fn)
<?cs if:has_tool.web_search ?>

def test_web_search_needs_endpoint(monkeypatch):
    monkeypatch.delenv("SEARXNG_URL", raising=False)
    assert web_search("x").startswith("Error")


def test_web_search_parses_results(monkeypatch):
    def fake_urlopen(request, timeout):
        assert "format=json" in request.full_url and timeout > 0
        data = {"results": [{"title": "T", "url": "http://u", "content": "C"}]}
        return _Response(json.dumps(data).encode())

    monkeypatch.setenv("SEARXNG_URL", "http://search.invalid")
    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    assert web_search("q") == "- T <http://u>: C"
<?cs /if ?><?cs if:has_tool.http_client ?>

def test_http_client_refuses_other_schemes():
    assert http_client("GET", "file:///etc/passwd").startswith("Error")
    assert http_client("TRACE", "http://example.invalid").startswith("Error")


def test_http_client_uses_timeout(monkeypatch):
    def fake_urlopen(request, timeout):
        assert timeout > 0 and request.get_method() == "POST"
        return _Response(b"ok")

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    monkeypatch.setenv("HTTP_ALLOWED_HOSTS", "api.example.invalid")
    assert http_client("POST", "https://api.example.invalid/x", body="{}") == "HTTP 200\nok"
    assert http_client("GET", "https://other.invalid/").startswith("Error")
<?cs /if ?><?cs if:has_tool.sql_query ?>

def test_sql_query_is_read_only(tmp_path, monkeypatch):
    db = tmp_path / "t.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    conn.execute("INSERT INTO t VALUES (1, 'x')")
    conn.commit()
    conn.close()
    monkeypatch.setenv("SQL_DATABASE_PATH", str(db))
    assert sql_query("SELECT a, b FROM t WHERE a = ?", "[1]").splitlines()[-1] == "1 | x"
    for bad in ("DELETE FROM t", "DROP TABLE t", "INSERT INTO t VALUES (2, 'y')",
                "ATTACH DATABASE ':memory:' AS m", "PRAGMA writable_schema = 1"):
        assert sql_query(bad).startswith("Error"), bad
    assert sqlite3.connect(db).execute("SELECT count(*) FROM t").fetchone() == (1,)
<?cs /if ?><?cs if:has_tool.file_writer ?>

def test_file_writer_stays_in_folder(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setenv("OUTPUT_DIR", str(out))
    assert file_writer("a/b.txt", "hi").startswith("Wrote")
    assert (out / "a" / "b.txt").read_text(encoding="utf-8") == "hi"
    assert file_writer("../escape.txt", "x").startswith("Error")
    assert file_writer(str(tmp_path / "abs.txt"), "x").startswith("Error")
    os.symlink(tmp_path, out / "link")
    assert file_writer("link/evil.txt", "x").startswith("Error")
    assert not (tmp_path / "evil.txt").exists()
<?cs /if ?><?cs if:has_tool.pdf_reader ?>

def _pdf(content: bytes, compress: bool) -> bytes:
    body = zlib.compress(content) if compress else content
    return b"%PDF-1.4\n1 0 obj\n<< >>\nstream\n" + body + b"\nendstream\nendobj\n%%EOF\n"


@pytest.mark.parametrize("compress", [False, True])
def test_pdf_reader_extracts_text(tmp_path, monkeypatch, compress):
    monkeypatch.setenv("PDF_DIR", str(tmp_path))
    (tmp_path / "a.pdf").write_bytes(_pdf(b"BT /F1 12 Tf (Hello \\(PDF\\)) Tj ET", compress))
    assert pdf_reader("a.pdf") == "Hello (PDF)"
    assert pdf_reader("../a.pdf").startswith("Error")
    assert pdf_reader("missing.pdf").startswith("Error")
<?cs /if ?><?cs if:has_tool.vector_search ?>

def test_vector_search_ranks_matches(tmp_path, monkeypatch):
    from <?cs call:tools_pkg() ?>.vector_search import add_documents

    monkeypatch.setenv("VECTOR_DB_PATH", str(tmp_path / "idx.sqlite"))
    add_documents({"a": "apples and pears", "b": "the quick brown fox", "c": "fox fox fox"})
    result = vector_search('fox "OR 1=1', k=2)
    assert result.splitlines()[0].startswith("1. [c]")
    assert vector_search("zebra") == "No matching documents."
    assert vector_search("!!!").startswith("Error")
<?cs /if ?>
