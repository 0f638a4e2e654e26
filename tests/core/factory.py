"""Small builders that keep the core tests short: fixed keys, a fixed clock, refusals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from peerhaven.core import DEFAULT_LIMITS, Event, InvalidEvent, Keypair, Limits, Reason, validate
from peerhaven.core.builders import sign_event

#: a fixed clock, so no test depends on when it runs
NOW = 1_700_000_000
KEYS = Keypair.from_secret(bytes([7]) * 32)
OTHER = Keypair.from_secret(bytes([9]) * 32)
SLUG = "peer-support"
#: a well-formed id that belongs to no event
SOME_ID = "ab" * 32


def signed(
    kind: str = "post",
    community: str = SLUG,
    content: str = "hello",
    tags: Sequence[Sequence[str]] = (),
    *,
    created_at: int = NOW,
    keys: Keypair = KEYS,
) -> Event:
    """A correctly signed event with whatever fields a test needs (valid or not)."""
    return sign_event(keys, kind, community, content, tags, created_at=created_at)


def wire(**overrides: Any) -> dict[str, Any]:
    """The wire form of a valid post, with fields replaced (not re-signed)."""
    obj = signed().to_wire()
    obj.update(overrides)
    return obj


def refused(
    event: Event | object,
    reason: Reason,
    match: str,
    *,
    now: int = NOW,
    limits: Limits = DEFAULT_LIMITS,
) -> InvalidEvent:
    """Assert the event (or decoded JSON) is refused for ``reason`` with a readable message."""
    with pytest.raises(InvalidEvent, match=match) as info:
        parsed = event if isinstance(event, Event) else Event.from_wire(event)
        validate(parsed, now=now, limits=limits)
    assert info.value.reason is reason, f"refused for {info.value.reason}, not {reason}"
    message = str(info.value)
    assert message[0].isupper() and message.endswith("."), message
    assert info.value.detail == message
    return info.value
