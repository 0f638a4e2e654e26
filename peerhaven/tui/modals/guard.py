"""The oversharing guard's question: these look like personal details; edit, or publish anyway?

Each finding is shown in place, underlined AND bracketed with its kind named
(``[phone: 07700 900123]``), so it reads the same without colour; a list below
says in words what was found. The answer is ``"edit"`` or ``"publish"``; Esc means
edit, so nothing leaves the device by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from peerhaven.core.i18n import _
from peerhaven.safety.findings import Finding, describe
from peerhaven.tui.bindings import bindings_for

GuardChoice = Literal["edit", "publish"]

#: how each finding looks in place: never colour alone
HIGHLIGHT = "bold underline reverse"


def highlighted(text: str, findings: Sequence[Finding]) -> Text:
    """The text with every finding underlined and bracketed, its kind named inside."""
    out = Text()
    at = 0
    for finding in findings:
        out.append(text[at : finding.start])
        out.append(f"[{finding.kind}: ", style="bold")
        out.append(text[finding.start : finding.end], style=HIGHLIGHT)
        out.append("]", style="bold")
        at = finding.end
    out.append(text[at:])
    return out


def found_list(text: str, findings: Sequence[Finding]) -> str:
    """One line per finding: what it seems to be and on which line of the text."""
    lines = []
    for number, finding in enumerate(findings, start=1):
        line = text.count("\n", 0, finding.start) + 1
        lines.append(
            _("{number}. {capitalize}, on line {line}").format(
                number=number, capitalize=finding.label.capitalize(), line=line
            )
        )
    return "\n".join(lines)


class GuardModal(ModalScreen[GuardChoice]):
    """The text with its personal details marked, what they are, and the two choices."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#edit"

    def __init__(self, text: str, findings: Sequence[Finding], *, what: str = "post") -> None:
        super().__init__()
        self.text = text
        self.findings = tuple(findings)
        self.what = what

    def compose(self) -> ComposeResult:
        """Why we ask, the marked text, the list, then Edit (focused) and Publish anyway."""
        with Vertical(classes="dialog wide", id="guard"):
            yield Static(_("Before this leaves your device"), classes="title")
            yield Static(
                f"{describe(self.findings)} {self._who_reads()}",
                classes="body",
                id="guard-summary",
            )
            with VerticalScroll(id="guard-scroll"):
                yield Static(highlighted(self.text, self.findings), id="guard-text")
            yield Static(found_list(self.text, self.findings), id="guard-list")
            with Horizontal(classes="buttons"):
                yield Button(_("Edit it"), id="edit", variant="primary")
                yield Button(self._anyway(), id="publish")
            yield Static(
                _("Found on this device only; nothing was sent. Esc goes back to editing."),
                classes="hint",
            )

    def _anyway(self) -> str:
        """The button that sends it as it is."""
        from peerhaven.core.i18n import _

        return _("Publish anyway") if self.what in ("post", "profile") else _("Send anyway")

    def _who_reads(self) -> str:
        """Who could read it once it leaves, for a post, a private message or a circle post."""
        from peerhaven.core.i18n import _

        if self.what == "message":
            return _(
                "The person you write to could keep it, and a sent message cannot be "
                "recalled from their device."
            )
        if self.what == "circle post":
            return _(
                "Every member of the circle could read and keep it, and a sent post cannot "
                "be recalled from their devices."
            )
        if self.what == "profile":
            return _(
                "Anyone in the community could read it, and a published profile cannot be "
                "recalled from devices that synced it."
            )
        return _(
            "Anyone in the community could read it, and a published post cannot be "
            "recalled from devices that synced it."
        )

    def on_mount(self) -> None:
        """Title the marked text."""
        self.query_one("#guard-scroll").border_title = _("Marked: [kind: detail]")

    @on(Button.Pressed, "#edit")
    def action_cancel(self) -> None:
        """Back to the editor, at the first finding."""
        self.dismiss("edit")

    @on(Button.Pressed, "#publish")
    def publish(self) -> None:
        """The author looked and chose to publish it as it is."""
        self.dismiss("publish")
