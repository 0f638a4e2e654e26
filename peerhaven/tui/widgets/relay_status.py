"""Each relay's health from the ``relays`` table, in words, with the running sync's live
state over it ("syncing… 340 new so far") while a sync is under way, and what its live
stream does now ("live: new posts arrive as they are written", "polling…")."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.core.sentences import clause
from peerhaven.tui.others_text import plain
from peerhaven.tui.syncing import RelayLive, StreamState, describe_live, describe_stream

if TYPE_CHECKING:
    from peerhaven.store.overview import RelayHealth

EMPTY = N_("No relays added. Everything you write stays on this device.")
#: seconds between redraws of the relay lines (their waits are named to the minute)
REDRAW_EVERY = 20.0


def describe(relay: RelayHealth, now: int | None = None) -> str:
    """One relay's state as a phrase: ``ok``, ``failing`` (and until when it waits) or
    ``never reached``. A wait that has ended says so rather than naming a past time."""
    if relay.failures and relay.last_error:
        times = "time" if relay.failures == 1 else "times"
        text = f"failing ({relay.failures} {times}): {plain(clause(relay.last_error))}"
        if relay.next_attempt and relay.next_attempt > (int(time.time()) if now is None else now):
            until = localized.when(relay.next_attempt, localized.CLOCK)
            text += _("; waiting until {until} before trying again").format(until=until)
        elif relay.next_attempt:
            text += _("; trying again at the next sync")
        return text
    if relay.last_success:
        when = localized.when(relay.last_success, localized.DAY_TIME)
        return _("ok, last reached {when}").format(when=when)
    return _("never reached yet")


class RelayStatus(Static):
    """A line per relay: its address and its state in words."""

    DEFAULT_CSS = """
    RelayStatus {
        height: auto;
    }
    """

    #: what was last drawn, redrawn as time passes so a wait that ended never shows its time
    _shown: (
        tuple[
            Sequence[RelayHealth],
            Mapping[str, RelayLive] | None,
            Mapping[str, StreamState] | None,
        ]
        | None
    ) = None

    def on_mount(self) -> None:
        """Redraw now and then: "waiting until 21:05" must not stay up at 21:30."""
        self.set_interval(REDRAW_EVERY, self._redraw)

    def _redraw(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(
        self,
        relays: Sequence[RelayHealth],
        live: Mapping[str, RelayLive] | None = None,
        streams: Mapping[str, StreamState] | None = None,
    ) -> None:
        """Draw every relay, or the plain empty state; ``live`` is the sync's state per url,
        ``streams`` each live stream's."""
        self._shown = (relays, live, streams)
        if not relays:
            self.update(_(EMPTY))
            return
        text = Text()
        for i, relay in enumerate(relays):
            if i:
                text.append("\n")
            text.append(relay.url, style="bold")
            now = (live or {}).get(relay.url)
            words = describe_live(now) if now is not None else None
            if words is not None and now is not None and now.phase == "syncing":
                text.append(f"\n  {plain(words)}")
            else:
                text.append(f"\n  {describe(relay)}")
                if words:
                    text.append(f"\n  {plain(words)}")
            stream = (streams or {}).get(relay.url)
            said = describe_stream(stream, relay.url) if stream is not None else None
            if said:
                text.append(f"\n  {plain(said)}")
        self.update(text)
