"""Unlock: the passphrase field, a calm message when it is wrong, and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from peerhaven.core.i18n import N_, _
from peerhaven.tui.messages import StoreOpened
from peerhaven.tui.syncing import open_sync_connection

if TYPE_CHECKING:
    from peerhaven.tui.app import PeerHavenApp

#: who locked the store: nobody yet (the app just started), the idle timer, or the person
LockedBy = Literal["start", "idle", "hand"]

#: the first line says what is true about why the store is locked
LEAD: dict[LockedBy, str] = {
    "start": N_("Your store is locked."),
    "idle": N_("Locked after a quiet while. Your place is kept."),
    "hand": N_("Locked. Your place is kept."),
}

#: F9 works here too: crisis lines must never wait for a passphrase
HINT = N_("Enter unlocks · F9 crisis lines · Ctrl+Q quits")


class UnlockScreen(Screen[None]):
    """Shown at start and after an auto-lock; covers everything until the store opens."""

    AUTO_FOCUS = "#passphrase"

    class Failed(Message):
        """Unlocking did not work; ``text`` is the store error's own sentence."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def __init__(self, path: Path, *, locked_by: LockedBy = "start") -> None:
        super().__init__()
        self.path = path
        self.locked_by = locked_by

    def compose(self) -> ComposeResult:
        """A small centred card: what this is, the field, room for a message."""
        with Center(), Vertical(id="unlock-card", classes="card"):
            yield Static(_("PeerHaven"), classes="title")
            yield Static(_(LEAD[self.locked_by]), classes="lead")
            yield Static(_("Passphrase"), classes="label")
            yield Input(password=True, id="passphrase", placeholder=_("type your passphrase"))
            yield Static("", id="unlock-message", classes="message")
            yield Static(_(HINT), classes="hint")

    @on(Input.Submitted, "#passphrase")
    def submit(self, event: Input.Submitted) -> None:
        """Start unlocking in a worker; the key derivation takes ~85 ms."""
        if not event.value:
            self.say(_("Type your passphrase, then press Enter."))
            return
        event.input.disabled = True
        self.say(_("Unlocking…"))
        self.unlock(event.value)

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=False)
    def unlock(self, passphrase: str) -> None:
        """Open the store off the UI thread and hand it to the app."""
        from peerhaven.core.errors import PeerHavenError
        from peerhaven.store import open_store
        from peerhaven.store.settings import all_settings

        try:
            store = open_store(self.path, passphrase)
            settings = all_settings(store)
        except PeerHavenError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(StoreOpened(store, settings))
        app = cast("PeerHavenApp", self.app)
        open_sync_connection(app, self.path, passphrase, app.first_screen_ready)

    def on_unlock_screen_failed(self, message: Failed) -> None:
        """Say what happened, clear the field, and let the person try again."""
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self.say(message.text)

    def say(self, text: str) -> None:
        """One line under the field."""
        self.query_one("#unlock-message", Static).update(text)
