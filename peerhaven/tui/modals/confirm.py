"""Ask before something that cannot be undone; the answer is True or False."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for


class ConfirmModal(ModalScreen[bool]):
    """A question, what it means, and two buttons; Esc means no."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#cancel"

    def __init__(
        self,
        title: str,
        body: str,
        confirm_label: str,
        *,
        cancel_label: str = "",
        destructive: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label
        # "Keep it" unless the question asks for other words (read in the member's language)
        self.cancel_label = cancel_label or _("Keep it")
        #: a red button for what cannot be undone; an ordinary one for a plain choice
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        """The question first, then the consequences, then the choice (No focused)."""
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="title")
            yield Static(self.body, classes="body")
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label, id="cancel")
                yield Button(
                    self.confirm_label,
                    id="confirm",
                    variant="error" if self.destructive else "primary",
                )

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        """The person chose to go ahead."""
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Nothing happens; the item stays."""
        self.dismiss(False)
