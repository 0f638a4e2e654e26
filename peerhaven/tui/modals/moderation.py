"""Ask a moderator to confirm an action and give the reason the public log will show.

Dismisses with the reason (possibly empty) to go ahead, or ``None`` to cancel.
The reason is public: the dialog says so, because a moderator must never paste a
report's sealed reason into it by mistake.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for

MAX_REASON = 200


class ModerationModal(ModalScreen[str | None]):
    """What the action does, an optional public reason, and two buttons; Esc means no."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#reason"

    def __init__(self, title: str, body: str, confirm_label: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        """The question, its consequences, the reason box, then the choice."""
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="title")
            yield Static(self.body, classes="body")
            yield Static(
                _(
                    "Reason (optional; every member reads it in the moderation log, so never "
                    "copy a report's words here):"
                ),
                classes="label",
            )
            yield Input(
                id="reason", placeholder=_("e.g. Rule 1: be kind"), max_length=MAX_REASON
            )  # fmt: skip
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(self.confirm_label, id="confirm", variant="error")

    @on(Button.Pressed, "#confirm")
    @on(Input.Submitted, "#reason")
    def confirm(self) -> None:
        """Go ahead with the reason as typed (spaces trimmed)."""
        self.dismiss(self.query_one("#reason", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Nothing is signed or sent."""
        self.dismiss(None)
