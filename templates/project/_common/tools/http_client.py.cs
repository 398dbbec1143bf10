"""http_client: bounded HTTP requests (http/https only, timeout, size cap, optional host
allow-list in HTTP_ALLOWED_HOSTS). Stdlib only."""

import json
import os
import urllib.error
import urllib.parse
import urllib.request
<?cs include:"_common/tools/_watsonx_header.cs" ?>
ALLOWED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")
MAX_BYTES = 100_000


def _timeout() -> float:
    try:
        return float(os.environ.get("HTTP_TIMEOUT", "") or 20)
    except ValueError:
        return 20.0


def _host_allowed(host: str) -> bool:
    allowed = [h.strip().lower() for h in os.environ.get("HTTP_ALLOWED_HOSTS", "").split(",")]
    allowed = [h for h in allowed if h]
    return not allowed or host.lower() in allowed


<?cs include:"_common/tools/_watsonx_deco.cs" ?>def http_client(method: str, url: str, body: str = "", headers: str = "") -> str:
    """Send an HTTP request; headers is a JSON object string. Returns "HTTP <status>" and the body."""
    method = method.strip().upper()
    if method not in ALLOWED_METHODS:
        return f"Error: method must be one of {', '.join(ALLOWED_METHODS)}"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Error: only absolute http:// or https:// URLs are allowed"
    if not _host_allowed(parts.hostname):
        return f"Error: host {parts.hostname} is not in HTTP_ALLOWED_HOSTS"
    try:
        extra = json.loads(headers) if headers.strip() else {}
    except ValueError:
        return "Error: headers must be a JSON object"
    if not isinstance(extra, dict):
        return "Error: headers must be a JSON object"
    data = body.encode("utf-8") if body else None
    request = urllib.request.Request(
        url, data=data, headers={str(k): str(v) for k, v in extra.items()}, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=_timeout()) as response:
            status = response.status
            payload = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}\n{exc.reason}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"Error: request failed: {exc}"
    text = payload[:MAX_BYTES].decode("utf-8", "replace")
    if len(payload) > MAX_BYTES:
        text += "\n[truncated]"
    return f"HTTP {status}\n{text}"
