"""Edit a persona's profile: one line about yourself, published under the pseudonym."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for

#: the longest bio the editor takes; relays refuse far longer content anyway
MAX_BIO = 280


class ProfileModal(ModalScreen[str | None]):
    """Dismisses with the new bio (empty clears it), or ``None`` when cancelled."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#bio"

    def __init__(self, pseudonym: str, bio: str) -> None:
        super().__init__()
        self.pseudonym = pseudonym
        self.bio = bio

    def compose(self) -> ComposeResult:
        """Who it is for and where it goes, the line itself, the buttons."""
        with Vertical(classes="dialog", id="profile"):
            yield Static(
                _("Profile of {pseudonym}").format(pseudonym=self.pseudonym), classes="title"
            )
            yield Static(
                _(
                    "A few words about this persona, published under its pseudonym to every "
                    "relay you use for anyone there to read. They cannot be recalled from "
                    "devices that synced them, so leave out names, places and contact details. "
                    "Empty clears it."
                ),
                classes="body",
            )
            yield Input(
                self.bio,
                id="bio",
                placeholder=_("e.g. Two years into recovery, here to listen"),
                max_length=MAX_BIO,
            )
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Save"), id="save", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Hand back the words; the settings screen checks and publishes them."""
        self.dismiss(self.query_one("#bio", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Change nothing."""
        self.dismiss(None)
