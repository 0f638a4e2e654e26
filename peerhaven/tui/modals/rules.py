"""A community's name, description and numbered rules; before joining, the member agrees.

Unlike the other dialogs this one reads the store itself (one worker, one read),
because every caller knows only the community's slug: browse before joining, the
feed's rules key afterwards. With ``confirm=True`` it answers True only for an
explicit "I agree to these rules"; Esc, "Not now" or a community that cannot be
shown all answer False, so nothing is ever joined by accident.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import markup, plain

if TYPE_CHECKING:
    from peerhaven.core.community import CommunityDefinition
    from peerhaven.tui.app import PeerHavenApp

NO_RULES = N_("This community has not written any rules. Be kind; the moderators decide.")


def rules_text(definition: CommunityDefinition) -> Text:
    """The description, then each rule numbered, wrapped to the dialog."""
    text = Text()
    if definition.description:
        text.append(plain(definition.description, multiline=True))
        text.append("\n\n")
    if definition.rules:
        text.append(_("Rules\n"), style="bold")
        for number, rule in enumerate(definition.rules, 1):
            if number > 1:
                text.append("\n")
            text.append(f"{number}. ", style="bold")
            text.append(plain(rule, multiline=True))
    else:
        text.append(_(NO_RULES))
    return text


class RulesModal(ModalScreen[bool]):
    """The rules, scrollable; with ``confirm`` an agree/decline choice, else a close key."""

    BINDINGS = bindings_for("rules")

    class Loaded(Message):
        """The definition arrived (or ``error`` says why it cannot be shown)."""

        def __init__(self, definition: CommunityDefinition | None, error: str = "") -> None:
            self.definition = definition
            self.error = error
            super().__init__()

    def __init__(self, slug: str, *, confirm: bool = False) -> None:
        super().__init__()
        self.slug = slug
        self.confirm = confirm
        self.definition: CommunityDefinition | None = None

    def compose(self) -> ComposeResult:
        """Title, the scrollable rules, then the choice (or how to close)."""
        with Vertical(classes="dialog wide", id="rules-dialog"):
            yield Static(self.slug, classes="title", id="rules-title")
            with VerticalScroll(id="rules-scroll"):
                yield Static(_("Loading the rules…"), id="rules-body")
            if self.confirm:
                yield Static(
                    _(
                        "Joining means agreeing to these rules. Moderators may hide posts that "
                        "break them."
                    ),
                    classes="hint",
                )
                with Horizontal(classes="buttons"):
                    yield Button(_("Not now"), id="decline")
                    yield Button(_("I agree to these rules"), id="agree", variant="primary")
            else:
                yield Static(_("Esc closes"), classes="hint")

    def on_mount(self) -> None:
        """Read the definition off the UI thread; focus stays off "agree" until it is read."""
        if self.confirm:
            self.query_one("#agree", Button).disabled = True
            self.query_one("#decline", Button).focus()
        else:
            self.query_one("#rules-scroll").focus()
        self.load()

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False)
    def load(self) -> None:
        """The definition kept on joining, else the newest offered."""
        from peerhaven.core.errors import PeerHavenError
        from peerhaven.store.communities import definition

        app = cast("PeerHavenApp", self.app)
        try:
            found = app.store_call(definition, self.slug)
        except PeerHavenError as exc:
            self.post_message(self.Loaded(None, str(exc)))
            return
        self.post_message(self.Loaded(found))

    def on_rules_modal_loaded(self, message: Loaded) -> None:
        """Show the rules; agreeing becomes possible only once they are on screen."""
        body = self.query_one("#rules-body", Static)
        if message.definition is None:
            body.update(markup(message.error, multiline=True))
            return
        self.definition = message.definition
        title = f"{markup(message.definition.name)} ({self.slug})"
        self.query_one("#rules-title", Static).update(title)
        body.update(rules_text(message.definition))
        if self.confirm:
            self.query_one("#agree", Button).disabled = False

    @on(Button.Pressed, "#agree")
    def agree(self) -> None:
        """The member read the rules and agrees."""
        self.dismiss(self.definition is not None)

    @on(Button.Pressed, "#decline")
    def decline(self) -> None:
        """Not now: nothing is joined."""
        self.dismiss(False)

    def action_close(self) -> None:
        """Esc: closing is never agreeing."""
        self.dismiss(False)
