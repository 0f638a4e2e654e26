"""The canonical bytes of an event: the one thing both sides must agree on to the byte.

The contract fixes them as Python's compact ``json.dumps`` with non-ASCII kept,
so we use exactly that call rather than a hand-written serializer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

PROTOCOL_VERSION = 1

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_bytes(
    pubkey: str,
    created_at: int,
    kind: str,
    community: str,
    tags: Sequence[Sequence[str]],
    content: str,
) -> bytes:
    """UTF-8 bytes of ``[1, pubkey, created_at, kind, community, tags, content]``.

    Raises ``UnicodeEncodeError`` for text that is not valid Unicode (a lone
    surrogate), which callers turn into a ``malformed`` refusal.
    """
    value = [PROTOCOL_VERSION, pubkey, created_at, kind, community, tags, content]
    return _dumps(value).encode("utf-8")


def event_id(
    pubkey: str,
    created_at: int,
    kind: str,
    community: str,
    tags: Sequence[Sequence[str]],
    content: str,
) -> str:
    """SHA-256 of the canonical bytes, as 64 lowercase hex characters."""
    data = canonical_bytes(pubkey, created_at, kind, community, tags, content)
    return hashlib.sha256(data).hexdigest()
