"""pdf_reader: extract the text of simple PDF files under PDF_DIR (stdlib only: Flate streams and
Tj/TJ text operators). For complex PDFs (fonts with custom encodings) use pypdf instead."""

import os
import re
import zlib
from pathlib import Path
<?cs include:"_common/tools/_watsonx_header.cs" ?>
MAX_BYTES = 50_000_000
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_TEXT = re.compile(rb"\((?:\\.|[^\\)])*\)\s*(?:Tj|')|\[(?:\\.|[^\]])*\]\s*TJ", re.S)
_STRING = re.compile(rb"\(((?:\\.|[^\\)])*)\)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    def repl(match):
        token = match.group(1)
        if token[:1].isdigit():
            return bytes([int(token, 8) & 0xFF])
        return _ESCAPES.get(token, token)

    return re.sub(rb"\\([0-7]{1,3}|.)", repl, raw, flags=re.S)


def _texts(stream: bytes) -> list:
    out = []
    for op in _TEXT.finditer(stream):
        parts = [_unescape(s) for s in _STRING.findall(op.group(0))]
        out.append(b"".join(parts).decode("latin-1"))
    return out


<?cs include:"_common/tools/_watsonx_deco.cs" ?>def pdf_reader(path: str, max_chars: int = 20000) -> str:
    """Return the text of the PDF at path (relative to PDF_DIR), at most max_chars characters."""
    base = Path(os.environ.get("PDF_DIR", "").strip() or "data").resolve()
    target = (base / path).resolve()
    if not target.is_relative_to(base):
        return "Error: the file must be inside PDF_DIR"
    if not target.is_file():
        return f"Error: no such file: {path}"
    if target.stat().st_size > MAX_BYTES:
        return "Error: the file is too large"
    data = target.read_bytes()
    if not data.startswith(b"%PDF"):
        return "Error: not a PDF file"
    lines = []
    for match in _STREAM.finditer(data):
        stream = match.group(1)
        try:
            stream = zlib.decompress(stream)
        except zlib.error:
            pass
        lines.extend(_texts(stream))
    text = "\n".join(line for line in lines if line.strip())
    return text[: max(1, int(max_chars))] if text else "No extractable text."
