"""First run: choose a passphrase, knowing what it protects and that it cannot be recovered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from peerhaven.core.i18n import N_, _
from peerhaven.tui.messages import StoreOpened
from peerhaven.tui.syncing import open_sync_connection
from peerhaven.tui.widgets.strength_meter import StrengthMeter

if TYPE_CHECKING:
    from peerhaven.tui.app import PeerHavenApp

EXPLANATION = N_(
    "Everything PeerHaven keeps (your journal, drafts, communities and the keys of your "
    "personas) is encrypted on this device with this passphrase. There is no account and "
    "no reset: if the passphrase is lost, nobody can recover what it protects."
)


class FirstRunScreen(Screen[None]):
    """Passphrase, strength, confirmation; then the store and a first persona are created."""

    AUTO_FOCUS = "#new"

    class Failed(Message):
        """Creating the store did not work; ``text`` is the error's sentence."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        """Explanation, two fields with a meter between, a message line and one button."""
        with Center(), VerticalScroll(id="first-run-card", classes="card"):
            yield Static(_("Welcome to PeerHaven"), classes="title")
            yield Static(_(EXPLANATION), classes="body")
            yield Input(password=True, id="new", placeholder=_("choose a passphrase"))
            yield StrengthMeter(id="strength")
            yield Input(password=True, id="again", placeholder=_("type it again"))
            yield Static("", id="first-run-message", classes="message")
            yield Button(_("Create my store"), id="create", variant="primary")

    @on(Input.Changed, "#new")
    def show_strength(self, event: Input.Changed) -> None:
        """Live feedback as each character is typed (assessing is pure and fast)."""
        from peerhaven.store.passphrase_policy import assess

        self.query_one(StrengthMeter).show(assess(event.value) if event.value else None)

    @on(Input.Submitted, "#new")
    def next_field(self) -> None:
        """Enter in the first field moves on to the confirmation."""
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        """Refuse a guessable or mismatched passphrase with the reason; else create the store."""
        from peerhaven.store.errors import BadInput
        from peerhaven.store.passphrase_policy import require_acceptable

        new = self.query_one("#new", Input).value
        again = self.query_one("#again", Input)
        try:
            require_acceptable(new)
        except BadInput as exc:
            self.say(str(exc))
            self.query_one("#new", Input).focus()
            return
        if new != again.value:
            self.say(_("The two passphrases differ; type it again in the second field."))
            again.value = ""
            again.focus()
            return
        self.query_one("#create", Button).disabled = True
        self.say(_("Creating your encrypted store…"))
        self.create_store(new)

    @work(thread=True, exclusive=True, group="create", exit_on_error=False)
    def create_store(self, passphrase: str) -> None:
        """Create the store and a first persona off the UI thread."""
        from peerhaven.core.errors import PeerHavenError
        from peerhaven.store import create_store
        from peerhaven.store.personas import create_persona
        from peerhaven.store.settings import all_settings

        try:
            store = create_store(self.path, passphrase)
            persona = create_persona(store)
            settings = all_settings(store)
        except PeerHavenError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(StoreOpened(store, settings, first_run=True, pseudonym=persona.pseudonym))
        app = cast("PeerHavenApp", self.app)
        open_sync_connection(app, self.path, passphrase, app.first_screen_ready)

    def on_first_run_screen_failed(self, message: Failed) -> None:
        """Show the store's sentence and let the person try again."""
        self.query_one("#create", Button).disabled = False
        self.say(message.text)

    def say(self, text: str) -> None:
        """One message line under the fields."""
        self.query_one("#first-run-message", Static).update(text)
