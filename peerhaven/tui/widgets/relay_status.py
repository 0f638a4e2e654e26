"""Each relay's health from the ``relays`` table, in words (ready for live sync status)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from peerhaven.store.overview import RelayHealth

EMPTY = "No relays added. Everything you write stays on this device."


def describe(relay: RelayHealth) -> str:
    """One relay's state as a phrase: ``ok``, ``failing`` or ``never reached``."""
    if relay.failures and relay.last_error:
        times = "time" if relay.failures == 1 else "times"
        return f"failing ({relay.failures} {times}): {relay.last_error}"
    if relay.last_success:
        when = dt.datetime.fromtimestamp(relay.last_success).strftime("%d %b %H:%M")
        return f"ok, last reached {when}"
    return "never reached yet"


class RelayStatus(Static):
    """A line per relay: its address and its state in words."""

    DEFAULT_CSS = """
    RelayStatus {
        height: auto;
    }
    """

    def show(self, relays: Sequence[RelayHealth]) -> None:
        """Draw every relay, or the plain empty state."""
        if not relays:
            self.update(EMPTY)
            return
        text = Text()
        for i, relay in enumerate(relays):
            if i:
                text.append("\n")
            text.append(relay.url, style="bold")
            text.append(f"\n  {describe(relay)}")
        self.update(text)
