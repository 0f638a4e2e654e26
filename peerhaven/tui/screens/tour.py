"""A short, skippable tour: privacy, the journal, communities, getting help now, and a way
to try communities on this device before choosing anyone's relay."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Static

from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for

PANES: tuple[tuple[str, str], ...] = (
    (
        N_("Private by default"),
        N_(
            "Everything lives in one encrypted file on this device. PeerHaven has no account, "
            "no analytics and no logs of what you write. The app locks itself after a quiet "
            "while; Ctrl+L locks it at once."
        ),
    ),
    (
        N_("Your journal"),
        N_(
            "The journal never leaves this device. Write as much or as little as you like, "
            "give each entry a mood from 1 to 10, and see how your mood moves over weeks "
            "and months."
        ),
    ),
    (
        N_("Communities"),
        N_(
            "Communities are small groups of people going through something similar. You "
            "take part under a pseudonym, and you can use a different persona in each. "
            "Peer support complements professional help; it does not replace it."
        ),
    ),
    (
        N_("If you need help now"),
        N_(
            "PeerHaven is not an emergency service. If you are in danger or thinking about "
            "harming yourself, please contact your local emergency number or a crisis line "
            "now. F9 shows crisis lines from any screen, even before unlocking."
        ),
    ),
    (
        N_("Try it on this device"),
        N_(
            "You are offline: nothing leaves this device until you add a relay, and everything "
            "but communities works without one. To see how communities feel first, start a "
            "local relay. It runs only on this device, with a few sample communities, and "
            "stops when you quit. You can add a real relay in Settings at any time."
        ),
    ),
)


class TourScreen(Screen[None]):
    """Five panes; Esc skips straight to home; the last one offers the local relay."""

    BINDINGS = bindings_for("tour")
    AUTO_FOCUS = "#next"

    pane: reactive[int] = reactive(0)
    """Which pane is showing (0-based)."""

    def compose(self) -> ComposeResult:
        """A card with the pane's title and text, where we are, and the buttons."""
        with Center(), Vertical(id="tour-card", classes="card"):
            yield Static("", id="tour-title", classes="title")
            yield Static("", id="tour-body", classes="body")
            yield Static("", id="tour-step", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(_("Skip tour"), id="skip")
                yield Button(_("Back"), id="previous")
                yield Button(_("Start a local relay"), id="local-relay")
                yield Button(_("Next"), id="next", variant="primary")

    def watch_pane(self, pane: int) -> None:
        """Draw the current pane and label the last button for what it does."""
        title, body = (_(words) for words in PANES[pane])
        self.query_one("#tour-title", Static).update(title)
        self.query_one("#tour-body", Static).update(body)
        self.query_one("#tour-step", Static).update(
            _("{number} of {total} · ← → move · Esc skips").format(
                number=pane + 1, total=len(PANES)
            )
        )
        last = pane == len(PANES) - 1
        self.query_one("#previous", Button).disabled = pane == 0
        self.query_one("#local-relay", Button).display = last
        self.query_one("#skip", Button).display = not last  # nothing left to skip
        self.query_one("#next", Button).label = _("Not now") if last else _("Next")

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        """The next pane, or home after the last."""
        if self.pane == len(PANES) - 1:
            self.action_skip()
        else:
            self.pane += 1

    @on(Button.Pressed, "#previous")
    def action_previous(self) -> None:
        """Back one pane."""
        self.pane = max(0, self.pane - 1)

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        """Straight to home; the tour is not shown again."""
        from peerhaven.tui.screens.home import HomeScreen

        self.app.switch_screen(HomeScreen())

    @on(Button.Pressed, "#local-relay")
    def start_local_relay(self) -> None:
        """Home, where the offline panel shows the relay starting."""
        from peerhaven.tui.screens.home import HomeScreen

        self.app.switch_screen(HomeScreen(start_local_relay=True))
