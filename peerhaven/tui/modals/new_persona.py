"""Make another persona; the only question is an optional private label."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for


class NewPersonaModal(ModalScreen[str | None]):
    """Dismisses with the label (possibly empty), or ``None`` when cancelled."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#label"

    def compose(self) -> ComposeResult:
        """Explain what a persona is, ask for a label, offer the buttons."""
        with Vertical(classes="dialog"):
            yield Static(_("New persona"), classes="title")
            yield Static(
                _(
                    "A persona is a new key with its own pseudonym. Nobody can link it to your "
                    "other personas. The label is a private note for you and is never published."
                ),
                classes="body",
            )
            yield Input(id="label", placeholder=_("label, e.g. for the grief group (optional)"))
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Create"), id="create", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        """Hand back the label; the settings screen creates the persona."""
        self.dismiss(self.query_one("#label", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Make nothing."""
        self.dismiss(None)
