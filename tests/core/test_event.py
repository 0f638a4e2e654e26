"""``Event``: parsing the wire form, its round trip, and the tag accessors."""

from __future__ import annotations

import pytest

from peerhaven.core import Event
from tests.core.factory import signed


@pytest.mark.parametrize("value", ["\u00b2", "\u0663\u0660", "12a", "", "-5", " 7"])
def test_expires_at_treats_unparseable_values_as_absent(value: str) -> None:
    # from_wire checks shape only, so expires_at meets unvalidated tags and must not raise.
    event = Event.from_wire(signed(tags=[("expires", value)]).to_wire())
    assert event.expires_at is None


def test_expires_at_reads_a_unix_time() -> None:
    assert signed(tags=[("expires", "1700000600")]).expires_at == 1_700_000_600
