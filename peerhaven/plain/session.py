"""One plain-mode session: the open store, the console, and the words shared by every place.

Places (``home``, ``feed``, ``journal`` …) are functions that take the session,
say where the member is, ask, and call a headless use case; they return to the
place before when the member types ``b``. Others' words are always made inert
here before they are read out, so nothing a post holds can move a cursor or
colour a screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from peerhaven.core.i18n import _
from peerhaven.core.inert import inert, inert_line
from peerhaven.plain.console import Console

if TYPE_CHECKING:
    from peerhaven.store import Store
    from peerhaven.sync.send import Delivery


@dataclass
class Session:
    """What every place needs: the store, the console, and the member's settings."""

    store: Store
    console: Console
    settings: dict[str, Any] = field(default_factory=dict)

    def reload_settings(self) -> None:
        """Read the settings again after one changed (a place may act on it at once)."""
        from peerhaven.store.settings import all_settings

        self.settings = all_settings(self.store)

    @property
    def proxy(self) -> str | None:
        """Where every network request goes (Tor, a SOCKS tunnel), or None."""
        value = self.settings.get("proxy")
        return str(value) if value else None

    def send(self, *events: Any) -> str:
        """Send what was just signed at once; the relays' answer, in the CLI's and app's words."""
        from peerhaven.sync.send import send_events

        delivery: Delivery = send_events(self.store, list(events), self.proxy)
        return delivery.sentence()

    def crisis_text(self, slug: str | None = None) -> str:
        """The crisis lines for the member's country (and a community's own), as plain lines."""
        return crisis_text(self.settings.get("country"), self.store, slug)


def crisis_text(country: str | None, store: Store | None = None, slug: str | None = None) -> str:
    """The lines ``!`` reads out; before unlocking there is no store and no country yet."""
    from peerhaven.safety.crisis import format_resources, resources_for

    extra = None
    if store is not None and slug:
        from peerhaven.store.communities import community_crisis_lines

        extra = community_crisis_lines(store, slug)
    hint = _("Settings at home can choose your country, to list its lines first.")
    # a community's own lines are its owner's words: made inert like any other
    return inert(format_resources(resources_for(country, extra), hint))


def when(timestamp: int) -> str:
    """A local date and time, written out the same way everywhere in plain mode."""
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def others(text: str) -> str:
    """Someone else's words, made inert (control characters become visible symbols)."""
    return inert(text)


def others_line(text: str) -> str:
    """Someone else's words on one line (a name, a label), made inert."""
    return inert_line(text)
