"""file_writer: write UTF-8 text files inside OUTPUT_DIR only. Paths are resolved (symlinks
followed) and must stay inside the folder; the final open refuses symlinks."""

import os
from pathlib import Path
<?cs include:"_common/tools/_watsonx_header.cs" ?>
MAX_CHARS = 1_000_000


def _base() -> Path:
    base = Path(os.environ.get("OUTPUT_DIR", "").strip() or "output").resolve()
    base.mkdir(parents=True, exist_ok=True)
    return base


<?cs include:"_common/tools/_watsonx_deco.cs" ?>def file_writer(filename: str, content: str) -> str:
    """Write content to filename (relative to OUTPUT_DIR); returns what was written or an error."""
    relative = Path(filename)
    if not filename.strip() or relative.is_absolute() or ".." in relative.parts:
        return "Error: filename must be a relative path inside the output folder"
    if len(content) > MAX_CHARS:
        return "Error: content is too large"
    base = _base()
    target = (base / relative).resolve()
    if target == base or not target.is_relative_to(base):
        return "Error: path escapes the output folder"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.parent.resolve().is_relative_to(base):
        return "Error: path escapes the output folder"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags, 0o644)
    except OSError as exc:
        return f"Error: {exc.strerror}"
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    return f"Wrote {len(content)} characters to {target.relative_to(base)}"
