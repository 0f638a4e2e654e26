"""Meet your persona: the name others will see, and what it does not reveal."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static


class WelcomeScreen(Screen[None]):
    """Shown once, right after the store is created."""

    AUTO_FOCUS = "#continue"

    def __init__(self, pseudonym: str) -> None:
        super().__init__()
        self.pseudonym = pseudonym

    def compose(self) -> ComposeResult:
        """The pseudonym in bold, two sentences, one button."""
        with Center(), Vertical(id="welcome-card", classes="card"):
            yield Static("Your store is ready.", classes="lead")
            yield Static(
                f"You are [b]{self.pseudonym}[/b]. Nobody here sees your name.",
                id="persona-line",
                classes="title",
            )
            yield Static(
                "This name comes from a key made on this device. You can make other "
                "personas in Settings, for example one per community.",
                classes="body",
            )
            yield Button("Continue", id="continue", variant="primary")

    @on(Button.Pressed, "#continue")
    def next(self) -> None:
        """On to the short tour."""
        from peerhaven.tui.screens.tour import TourScreen

        self.app.switch_screen(TourScreen())
