"""The dialogs of circles: start one, join one with a code, and an invite code shown once."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from peerhaven.core import localized
from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for


@dataclass(frozen=True, slots=True)
class NewCircle:
    """A circle's name and its rules, as typed."""

    name: str
    rules: str


class NewCircleModal(ModalScreen[NewCircle | None]):
    """Name and rules; the circles screen creates it (the store checks both)."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#circle-name"

    def compose(self) -> ComposeResult:
        """What a circle is, then its name and rules."""
        with Vertical(classes="dialog"):
            yield Static(_("Start a circle"), classes="title")
            yield Static(
                _(
                    "A circle is a small private group: only its members can read what is "
                    "posted there, and relays keep only sealed copies. You own it: you invite "
                    "people with one-time codes and can remove them."
                ),
                classes="body",
            )
            yield Input(id="circle-name", placeholder=_("name, e.g. a year into recovery"))
            yield Input(id="circle-rules", placeholder=_("rules in a line (optional)"))
            yield Static("", id="circle-form-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Start it"), id="create", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        """A name is needed; the rules may stay empty."""
        name = self.query_one("#circle-name", Input).value.strip()
        if not name:
            self.query_one("#circle-form-message", Static).update(_("A circle needs a name."))
            return
        self.dismiss(NewCircle(name, self.query_one("#circle-rules", Input).value.strip()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Start nothing."""
        self.dismiss(None)


class JoinCircleModal(ModalScreen[str | None]):
    """Dismisses with the code as pasted, or ``None``."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#circle-code"

    def compose(self) -> ComposeResult:
        """What happens with the code, then the field."""
        with Vertical(classes="dialog"):
            yield Static(_("Join a circle"), classes="title")
            yield Static(
                _(
                    "Paste the invite code the circle's owner gave you. Your request goes to "
                    "the owner's device, which lets you in on its next sync; each code works "
                    "once, until it expires."
                ),
                classes="body",
            )
            yield Input(id="circle-code", placeholder=_("the invite code"))
            yield Static("", id="circle-form-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Ask to join"), id="join", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#join")
    def join(self) -> None:
        """A code is needed."""
        code = self.query_one("#circle-code", Input).value.strip()
        if not code:
            self.query_one("#circle-form-message", Static).update(
                _("Paste the code you were given.")
            )
            return
        self.dismiss(code)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Join nothing."""
        self.dismiss(None)


class InviteCodeModal(ModalScreen[None]):
    """The new code, once, with how to pass it on; Copy puts it on the clipboard."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#copy"

    def __init__(self, circle_name: str, code: str, expires_at: int) -> None:
        super().__init__()
        self.circle_name = circle_name
        self.code = code
        self.expires_at = expires_at

    def compose(self) -> ComposeResult:
        """How to pass it on, the code, when it expires."""
        until = localized.when(self.expires_at, localized.DAY_TIME)
        with Vertical(classes="dialog wide"):
            yield Static(
                _("An invite to {circle}").format(circle=self.circle_name), classes="title"
            )
            yield Static(
                _(
                    "Give this code to one person yourself, in a way only they see (in person, "
                    "or a private message elsewhere): whoever holds it can ask to join. It works "
                    "once, until {until}, and is not shown again."
                ).format(until=until),
                classes="body",
            )
            # all of it on screen (folded over lines), so it can be read out or selected
            yield Static(Text(self.code, overflow="fold"), id="invite-code")
            with Horizontal(classes="buttons"):
                yield Button(_("Copy"), id="copy", variant="primary")
                yield Button(_("Done"), id="done")

    @on(Button.Pressed, "#copy")
    def copy(self) -> None:
        """Put the code on the terminal's clipboard (where the terminal allows it)."""
        self.app.copy_to_clipboard(self.code)
        self.notify(_("Copied. If your terminal does not allow it, select the code instead."))

    @on(Button.Pressed, "#done")
    def action_cancel(self) -> None:
        """Close; the code is not shown again."""
        self.dismiss(None)
