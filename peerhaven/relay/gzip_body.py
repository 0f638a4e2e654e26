"""Reading a request body within a size limit, gzip-compressed or not.

The limit holds before anything is parsed: a declared ``Content-Length`` over
it is refused at once, a body streamed without one is counted as it arrives,
and a gzip body is inflated in bounded steps, so a small zip bomb is refused
after inflating one byte past the limit, never all of it.
"""

from __future__ import annotations

import zlib

from starlette.requests import Request

from peerhaven.relay.errors import RequestRefused

_CHUNK = 64 * 1024


def _too_large(limit: int) -> RequestRefused:
    return RequestRefused(413, "too-large", f"The request body exceeds {limit} bytes.")


async def read_body(request: Request, limit: int) -> bytes:
    """The body as the client meant it (inflated when gzip), refusing more than ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise RequestRefused(400, "malformed", "The Content-Length header is not a number.")
        if int(declared) > limit:
            raise _too_large(limit)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip", ""):
        raise RequestRefused(
            400, "malformed", "Only gzip request bodies are accepted (Content-Encoding)."
        )
    chunks: list[bytes] = []
    size = 0
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
    inflated = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        if inflater is None:
            chunks.append(chunk)
            continue
        data = chunk
        while data:
            try:
                out = inflater.decompress(data, limit + 1 - inflated)
            except zlib.error as exc:
                raise RequestRefused(400, "malformed", "The gzip body is corrupt.") from exc
            inflated += len(out)
            if inflated > limit:
                raise _too_large(limit)
            chunks.append(out)
            data = inflater.unconsumed_tail
    if inflater is not None:
        try:
            tail = inflater.flush()
        except zlib.error as exc:
            raise RequestRefused(400, "malformed", "The gzip body is corrupt.") from exc
        if inflated + len(tail) > limit:
            raise _too_large(limit)
        chunks.append(tail)
        if not inflater.eof:
            raise RequestRefused(400, "malformed", "The gzip body is truncated.")
    return b"".join(chunks)
