"""A gentle offer of crisis lines before a post that sounds like a crisis goes out.

Shown to the author alone. It never blocks: "Post it" publishes exactly what was
written. Nothing about it is sent, reported or logged; the only thing that can be
stored is the author's own choice not to be offered this again (``crisis_prompt``),
which the compose screen writes, since dialogs never touch the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Static

from peerhaven.core.i18n import N_, _
from peerhaven.safety.crisis import format_resources, resources_for
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.widgets.marked_checkbox import MarkedCheckbox

NO_COUNTRY = N_(
    "Choose your country in the crisis lines screen (F9) to see its lines first; "
    "the directories below list services in most countries."
)


@dataclass(frozen=True, slots=True)
class CrisisChoice:
    """What the author chose: publish now or keep editing, and whether to be asked again."""

    post: bool
    stop_offering: bool


class CrisisOfferModal(ModalScreen[CrisisChoice]):
    """Kind words, the lines for the author's country and the community's own, two choices."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#post"

    def __init__(
        self,
        country: str | None,
        community_lines: list[dict[str, Any]] | None = None,
        *,
        what: str = "post",
    ) -> None:
        super().__init__()
        self.country = country
        self.community_lines = community_lines
        self.what = what

    def compose(self) -> ComposeResult:
        """The words first, then the lines, then the checkbox and the choices."""
        with Vertical(classes="dialog wide", id="crisis-offer"):
            yield Static(self._title(), classes="title")
            yield Static(self._kind_words(), classes="body")
            with VerticalScroll(id="crisis-offer-scroll"):
                yield Static(
                    format_resources(
                        resources_for(self.country, self.community_lines), _(NO_COUNTRY)
                    ),
                    id="crisis-offer-lines",
                )
            with Horizontal(classes="buttons"):
                yield MarkedCheckbox(_("Don't offer this again"), id="stop-offering")
                yield Button(_("Keep editing"), id="keep-editing")
                label = self._send_label()
                yield Button(label, id="post", variant="primary")

    def _kind_words(self) -> str:
        """One whole sentence per kind of text: a word such as "post" filled into a
        translated sentence would stay English (and take the wrong gender) in Spanish or German."""
        if self.what == "profile":
            return _(
                "It sounds like things may be very hard right now. If it helps, people are "
                "there to talk to at any hour. Your profile is yours to share either way. Only "
                "you see this; nothing about it is sent or kept."
            )
        if self.what == "message":
            return _(
                "It sounds like things may be very hard right now. If it helps, people are "
                "there to talk to at any hour. Your message is yours to send either way. Only "
                "you see this; nothing about it is sent or kept."
            )
        return _(
            "It sounds like things may be very hard right now. If it helps, people are "
            "there to talk to at any hour. Your post is yours to share either way. Only "
            "you see this; nothing about it is sent or kept."
        )

    def _title(self) -> str:
        if self.what == "profile":
            return _("Before you save it")
        if self.what == "message":
            return _("Before you send it")
        return _("Before you post")

    def _send_label(self) -> str:
        if self.what == "profile":
            return _("Save it")
        if self.what == "message":
            return _("Send it")
        return _("Post it")

    def _choice(self, post: bool) -> CrisisChoice:
        return CrisisChoice(post, self.query_one("#stop-offering", Checkbox).value)

    @on(Button.Pressed, "#post")
    def post(self) -> None:
        """Publish exactly what was written."""
        self.dismiss(self._choice(True))

    @on(Button.Pressed, "#keep-editing")
    def action_cancel(self) -> None:
        """Back to the words; the draft is kept."""
        self.dismiss(self._choice(False))
