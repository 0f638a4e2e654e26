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

    def __init__(self, author: str, *, title: str = "", body: str = "") -> None:
        super().__init__()
        self.author = author
        #: a private message's report says its own words (who reads it, what it reveals)
        self.private = bool(title)
        self.title_text = title or _("Report this post by {author}").format(author=author)
        self.body = body or _(
            "Only this community's moderators can read your reason: it is sealed to "
            "them. Relays and other members see only that a report was made, and the "
            "author is not told who made it."
        )

    def compose(self) -> ComposeResult:
        """Who reads a report, what the author learns, then the reason."""
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="title")
            yield Static(self.body, classes="body")
            yield Input(id="reason", max_length=MAX_REASON, placeholder=_("why, in a few words"))
            yield Static("", id="report-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Send report"), id="send", variant="primary")

    def _reason_needed(self) -> str:
        """Why a reason is asked for, in the words of what is reported."""
        if self.private:
            return _(
                "Say briefly why you are reporting this message; only those it goes to read it."
            )
        return _("Say briefly why you are reporting this post; only moderators read it.")

    @on(Input.Submitted)
    @on(Button.Pressed, "#send")
    def send(self) -> None:
        """A reason is needed: moderators act on it."""
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#report-message", Static).update(self._reason_needed())
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Report nothing."""
        self.dismiss(None)
