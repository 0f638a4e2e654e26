"""JSON answers, gzip when the client accepts it, and the one error shape.

Bodies are built as bytes by the handlers (pages are joined from stored JSON,
never re-encoded), so this module only decides on compression and headers.
"""

from __future__ import annotations

import json
from typing import Any

from isal import isal_zlib
from starlette.requests import Request
from starlette.responses import Response

from peerhaven.relay.errors import RequestRefused

JSON = "application/json"
#: smaller bodies gain too little from gzip to pay for it
GZIP_MIN_BYTES = 1024
GZIP_LEVEL = 1
#: window bits asking for a gzip container (header and CRC trailer)
GZIP_WBITS = 31


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON."""
    return _compact(value).encode()


def accepts_gzip(request: Request) -> bool:
    """Whether the client said it reads gzip."""
    return "gzip" in request.headers.get("accept-encoding", "").lower()


def compress(body: bytes) -> bytes:
    """Gzip at ISA-L's level 1, which every page a reader misses in the cache pays for.

    Measured on a page of 50 events (26 KB of mostly hex JSON): 35 µs and 39% of
    the size, where zlib's level 1 took 135 µs for 43%; compression had been the
    largest single cost of serving an uncached page. ISA-L writes the gzip
    container in the same pass (mtime 0, so the bytes are stable) and any gzip
    reader inflates it.
    """
    return isal_zlib.compress(body, GZIP_LEVEL, GZIP_WBITS)


def inflate(body: bytes) -> bytes:
    """The plain bytes of a ``compress`` result."""
    return isal_zlib.decompress(body, GZIP_WBITS)


def json_response(
    request: Request,
    body: bytes,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """A JSON response, compressed when that pays and the client accepts it."""
    out = dict(headers or {})
    if len(body) >= GZIP_MIN_BYTES:
        out["vary"] = "Accept-Encoding"
        if accepts_gzip(request):
            out["content-encoding"] = "gzip"
            body = compress(body)
    return Response(body, status_code=status, headers=out, media_type=JSON)


def gzip_response(body: bytes, *, headers: dict[str, str]) -> Response:
    """A JSON response whose body is already gzip-compressed (for a client that accepts it)."""
    out = {**headers, "vary": "Accept-Encoding", "content-encoding": "gzip"}
    return Response(body, headers=out, media_type=JSON)


def error_body(code: str, detail: str, **extra: Any) -> bytes:
    """``{"error": CODE, "detail": sentence}`` plus any extra fields."""
    return dumps({"error": code, "detail": detail, **extra})


def refused(request: Request, exc: RequestRefused) -> Response:
    """The response for a refused request."""
    headers = {}
    if exc.retry_after is not None:
        headers["retry-after"] = str(exc.retry_after)
    return json_response(
        request, error_body(exc.code, exc.detail), status=exc.status, headers=headers
    )
