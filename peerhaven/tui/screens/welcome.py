"""Meet your persona: the name others will see, and what it does not reveal."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from peerhaven.core.i18n import N_, _

#: what a persona is, said once at the start (joining asks which one to use)
PERSONA_EXPLAINED = N_(
    "This is your first persona: a pseudonym with its own key, made on this device. It is "
    "all that people in a community see of you. When you join a community, PeerHaven makes "
    "a new persona for it unless you choose one you have, so relays cannot link your "
    "communities. Settings lists your personas."
)


class WelcomeScreen(Screen[None]):
    """Shown once, right after the store is created."""

    AUTO_FOCUS = "#continue"

    def __init__(self, pseudonym: str) -> None:
        super().__init__()
        self.pseudonym = pseudonym

    def compose(self) -> ComposeResult:
        """The pseudonym in bold, two sentences, one button."""
        with Center(), Vertical(id="welcome-card", classes="card"):
            yield Static(_("Your store is ready."), classes="lead")
            yield Static(
                _("You are [b]{pseudonym}[/b]. Nobody here sees your name.").format(
                    pseudonym=self.pseudonym
                ),
                id="persona-line",
                classes="title",
            )
            yield Static(_(PERSONA_EXPLAINED), id="persona-explained", classes="body")
            yield Button(_("Continue"), id="continue", variant="primary")

    @on(Button.Pressed, "#continue")
    def next(self) -> None:
        """On to the short tour."""
        from peerhaven.tui.screens.tour import TourScreen

        self.app.switch_screen(TourScreen())
