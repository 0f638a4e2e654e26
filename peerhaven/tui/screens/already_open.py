"""Shown instead of the unlock screen when another app window holds this store."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from peerhaven.core.i18n import N_, _

#: F9 still works here: crisis lines never wait for the other window
HINT = N_("F9 crisis lines · Ctrl+Q quits")


class AlreadyOpenScreen(Screen[None]):
    """One sentence on what is happening and what to do; nothing here touches the store."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """A small centred card, like the unlock screen's."""
        with Center(), Vertical(id="unlock-card", classes="card"):
            yield Static(_("PeerHaven"), classes="title")
            yield Static(self.text, id="already-open", classes="lead")
            yield Static(_(HINT), classes="hint")
