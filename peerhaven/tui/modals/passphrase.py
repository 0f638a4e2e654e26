"""Change the passphrase: the current one, a new one with live strength, and again."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.widgets.strength_meter import StrengthMeter


class PassphraseModal(ModalScreen[tuple[str, str] | None]):
    """Dismisses with ``(current, new)`` once the new one is acceptable and confirmed."""

    BINDINGS = bindings_for("dialog")
    AUTO_FOCUS = "#current"

    def compose(self) -> ComposeResult:
        """Three fields, a meter under the new one, and the rule about recovery."""
        with Vertical(classes="dialog"):
            yield Static(_("Change passphrase"), classes="title")
            yield Static(
                _("The whole store is re-encrypted; a lost passphrase cannot be recovered."),
                classes="body",
            )
            yield Input(password=True, id="current", placeholder=_("current passphrase"))
            yield Input(password=True, id="new", placeholder=_("new passphrase"))
            yield StrengthMeter(id="new-strength")
            yield Input(password=True, id="again", placeholder=_("new passphrase again"))
            yield Static("", id="passphrase-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Change"), id="change", variant="primary")

    @on(Input.Changed, "#new")
    def show_strength(self, event: Input.Changed) -> None:
        """Live feedback while the new passphrase is typed."""
        from peerhaven.store.passphrase_policy import assess

        self.query_one(StrengthMeter).show(assess(event.value) if event.value else None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#change")
    def change(self) -> None:
        """Refuse weak or mismatched passphrases here; the screen does the re-keying."""
        from peerhaven.store.errors import BadInput
        from peerhaven.store.passphrase_policy import require_acceptable

        current = self.query_one("#current", Input).value
        new = self.query_one("#new", Input).value
        again = self.query_one("#again", Input).value
        message = self.query_one("#passphrase-message", Static)
        if not current:
            message.update(_("Type your current passphrase first."))
            return
        try:
            require_acceptable(new)
        except BadInput as exc:
            message.update(str(exc))
            return
        if new != again:
            message.update(_("The two new passphrases differ; type the new one again."))
            self.query_one("#again", Input).value = ""
            return
        self.dismiss((current, new))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Keep the current passphrase."""
        self.dismiss(None)
