"""Proof of work: a relay under a flood can ask each event to carry a little cost.

The ``["nonce", N, DIFFICULTY]`` tag changes the id until it has DIFFICULTY
leading zero bits. Minting serialises the event once and only re-hashes the
bytes around the nonce, so difficulty 16 takes well under a second.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence

from peerhaven.core.canonical import canonical_bytes

_MARKER = "\u0000peerhaven-nonce\u0000"


def leading_zero_bits(event_id: str) -> int:
    """Leading zero bits of a 64-hex id (256 for an all-zero id)."""
    value = int(event_id, 16)
    return 256 - value.bit_length()


MAX_DIFFICULTY = 256


def parse_difficulty(text: str) -> int | None:
    """A nonce tag's DIFFICULTY: ASCII digits worth 0 to 256, else ``None``.

    Leading zeros are dropped and the length checked before ``int()``, which
    refuses strings of more than 4,300 digits with a ``ValueError``.
    """
    digits = text.lstrip("0") or "0"
    if not text.isascii() or not text.isdigit() or len(digits) > 3:
        return None
    value = int(digits)
    return value if value <= MAX_DIFFICULTY else None


def claimed_difficulty(tags: Sequence[Sequence[str]]) -> int:
    """The difficulty a ``nonce`` tag commits to, or 0 without a well-formed one."""
    for tag in tags:
        if len(tag) >= 3 and tag[0] == "nonce":
            claim = parse_difficulty(tag[2])
            if claim is not None:
                return claim
    return 0


def pow_bits(event_id: str, tags: Sequence[Sequence[str]]) -> int:
    """The work an event proves: its leading zero bits, capped by what its nonce tag claims.

    Capping by the claim follows the usual rule that an id which is lucky
    without committing to a target does not count as work.
    """
    return min(leading_zero_bits(event_id), claimed_difficulty(tags))


def mint(
    pubkey: str,
    created_at: int,
    kind: str,
    community: str,
    tags: Sequence[Sequence[str]],
    content: str,
    difficulty: int,
) -> tuple[tuple[tuple[str, ...], ...], str]:
    """Find a nonce so the id has ``difficulty`` leading zero bits; return (tags, id)."""
    base = [tuple(tag) for tag in tags if tag[0] != "nonce"]
    trial = [*base, ("nonce", _MARKER, str(difficulty))]
    data = canonical_bytes(pubkey, created_at, kind, community, trial, content)
    marker = canonical_bytes("", 0, "", "", [], _MARKER)[len('[1,"",0,"","",[],') : -1]
    if data.count(marker) != 1:
        raise ValueError("The event text contains the internal nonce marker.")
    prefix, _, suffix = data.partition(marker)
    head = hashlib.sha256(prefix)
    threshold = 1 << (256 - difficulty)
    for nonce in itertools.count():
        digest = head.copy()
        digest.update(b'"%d"' % nonce)
        digest.update(suffix)
        value = digest.digest()
        if int.from_bytes(value, "big") < threshold:
            return (*base, ("nonce", str(nonce), str(difficulty))), value.hex()
    raise AssertionError("unreachable")
