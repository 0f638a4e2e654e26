"""Join as…: a new persona (the default, and why) or one you already have."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import _
from peerhaven.store.join_persona import PersonaChoice
from peerhaven.tui.bindings import bindings_for


def choice_label(choice: PersonaChoice) -> Text:
    """What the choice is in bold, the why (or where it is used) under it."""
    text = Text()
    text.append(choice.words, style="bold")
    text.append(f"\n  {choice.detail}", style="dim")
    return text


class JoinPersonaModal(ModalScreen[PersonaChoice | None]):
    """Dismisses with the chosen persona, or ``None`` when cancelled (nothing is joined)."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#join-as"

    def __init__(self, name: str, choices: list[PersonaChoice]) -> None:
        super().__init__()
        self.community = name
        self.choices = choices

    def compose(self) -> ComposeResult:
        """The question, the choices (the default highlighted), the buttons."""
        with Vertical(classes="dialog"):
            yield Static(
                _("Join {community} as…").format(community=self.community), classes="title"
            )
            yield Static(
                _("A persona is a pseudonym with its own key; it is all others see of you."),
                classes="body",
            )
            yield OptionList(
                *(Option(choice_label(c), id=str(i)) for i, c in enumerate(self.choices)),
                id="join-as",
            )
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Join"), id="join", variant="primary")

    def on_mount(self) -> None:
        """The default (first) is highlighted, so Enter takes it."""
        self.query_one("#join-as", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#join-as")
    @on(Button.Pressed, "#join")
    def choose(self) -> None:
        """Hand back the highlighted choice; the browse screen joins."""
        index = self.query_one("#join-as", OptionList).highlighted
        self.dismiss(self.choices[index or 0])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Join nothing."""
        self.dismiss(None)
