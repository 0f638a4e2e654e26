"""Mute a thread or an author for a day, a week or for good: two questions, one dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for

Duration = Literal["day", "week", "forever"]
DURATIONS: tuple[tuple[Duration, str], ...] = (
    ("day", N_("For a day")),
    ("week", N_("For a week")),
    ("forever", N_("For good (until you unmute)")),
)


class Choice(RadioButton):
    """A radio button whose state is a shape too (● chosen, ○ not), not only a colour."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else "○"
        return super()._button


@dataclass(frozen=True, slots=True)
class MuteChoice:
    """What to mute and for how long; the screen calls ``filter_prefs.mute``."""

    kind: Literal["thread", "persona"]
    duration: Duration


class MuteModal(ModalScreen[MuteChoice | None]):
    """Dismisses with the choice, or ``None`` when cancelled.

    ``author`` is ``None`` when the post is your own (you cannot mute yourself),
    so only the thread is offered.
    """

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#what"

    def __init__(self, author: str | None) -> None:
        super().__init__()
        self.author = author

    def compose(self) -> ComposeResult:
        """What, for how long, and what muting means."""
        with Vertical(classes="dialog"):
            yield Static(_("Mute"), classes="title")
            yield Static(
                _("Muted posts are hidden on this device only; nobody is told."),
                classes="body",
            )
            yield Static(_("What to mute"), classes="label")
            with RadioSet(id="what"):
                yield Choice(_("This thread"), value=True, id="thread")
                if self.author is not None:
                    yield Choice(
                        _("Everything by {author}").format(author=self.author), id="persona"
                    )
            yield Static(_("For how long"), classes="label")
            with RadioSet(id="duration"):
                for index, (key, label) in enumerate(DURATIONS):
                    yield Choice(label, value=index == 0, id=key)
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Mute"), id="mute", variant="primary")

    @on(Button.Pressed, "#mute")
    def mute(self) -> None:
        """Hand back the two answers."""
        what = self.query_one("#what", RadioSet).pressed_button
        duration = self.query_one("#duration", RadioSet).pressed_button
        kind: Literal["thread", "persona"] = (
            "persona" if what is not None and what.id == "persona" else "thread"
        )
        chosen: Duration = next(
            (key for key, _ in DURATIONS if duration is not None and duration.id == key), "day"
        )
        self.dismiss(MuteChoice(kind, chosen))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Mute nothing."""
        self.dismiss(None)
