"""Where a draft goes: a new post in a community you post in, or a reply to a post there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for

if TYPE_CHECKING:
    from peerhaven.store.compose import Destination


def destination_label(destination: Destination) -> Text:
    """ "New post in Grief support", or "  ↳ Reply to uma… · how it begins"."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if destination.reply_to is None:
        text.append(_("New post in "))
        text.append(destination.community_name, style="bold")
    else:
        text.append(_("  ↳ Reply to "))
        text.append(destination.author, style="bold")
        text.append(f" · {destination.opening}")
    return text


class DraftDestinationModal(ModalScreen["Destination | None"]):
    """Dismisses with the chosen destination, or ``None`` when cancelled.

    The words are not published here: the composer opens with the draft, so the
    same checks and the same crisis offer run before anything leaves.
    """

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#destinations"

    def __init__(self, destinations: list[Destination]) -> None:
        super().__init__()
        self.destinations = destinations

    def compose(self) -> ComposeResult:
        """What choosing does, then the places, then the buttons."""
        with Vertical(classes="dialog wide"):
            yield Static(_("Where should this draft go?"), classes="title")
            yield Static(
                _(
                    "Choose a community for a new post, or a recent post to reply to. The "
                    "draft then opens in the composer, where you can read it once more; "
                    "nothing is published until you press Ctrl+S there."
                ),
                classes="body",
            )
            options = OptionList(id="destinations")
            if self.destinations:
                options.add_options(
                    Option(destination_label(d), id=str(index))
                    for index, d in enumerate(self.destinations)
                )
            else:
                options.add_option(
                    Option(
                        _("You have not joined a community to post in yet: F7 browses them."),
                        disabled=True,
                    )
                )
            if self.destinations:
                options.highlighted = 0
            yield options
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Open in the composer"), id="choose", variant="primary")

    @on(OptionList.OptionSelected, "#destinations")
    @on(Button.Pressed, "#choose")
    def choose(self) -> None:
        """Hand back the highlighted place."""
        index = self.query_one("#destinations", OptionList).highlighted
        if index is not None and index < len(self.destinations):
            self.dismiss(self.destinations[index])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Go back to the drafts, the draft unchanged."""
        self.dismiss(None)
