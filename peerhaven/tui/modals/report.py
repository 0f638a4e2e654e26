"""Report a post: ask for the reason and say plainly who will read it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for

#: the store refuses longer reasons; the field stops there too
MAX_REASON = 1000


class ReportModal(ModalScreen[str | None]):
    """Dismisses with the reason, or ``None`` when cancelled; the screen sends the report."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#reason"

    def __init__(self, author: str) -> None:
        super().__init__()
        self.author = author

    def compose(self) -> ComposeResult:
        """Who reads a report, what the author learns, then the reason."""
        with Vertical(classes="dialog"):
            yield Static(
                _("Report this post by {author}").format(author=self.author), classes="title"
            )
            yield Static(
                _(
                    "Only this community's moderators can read your reason: it is sealed to "
                    "them. Relays and other members see only that a report was made, and the "
                    "author is not told who made it."
                ),
                classes="body",
            )
            yield Input(id="reason", max_length=MAX_REASON, placeholder=_("why, in a few words"))
            yield Static("", id="report-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Send report"), id="send", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#send")
    def send(self) -> None:
        """A reason is needed: moderators act on it."""
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#report-message", Static).update(
                _("Say briefly why you are reporting this post; only moderators read it.")
            )
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Report nothing."""
        self.dismiss(None)
