"""Every key, generated from ``bindings.KEYS`` and grouped by where it applies."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import KEYS, PLACES, bindings_for


def bindings_table() -> Table:
    """A two-column table per place: key, then what it does."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for place, title in PLACES.items():
        specs = [spec for spec in KEYS if spec.where == place]
        if not specs:
            continue
        if table.row_count:
            table.add_row("", "")
        table.add_row("", Text(_(title), style="bold underline"))
        for spec in specs:
            table.add_row(Text(spec.key_display, style="bold"), spec.long)
    return table


class HelpScreen(ModalScreen[None]):
    """A scrollable list of every binding (F1 or ? opens it); Esc closes it."""

    BINDINGS = bindings_for("help")

    def compose(self) -> ComposeResult:
        """Title, the table, and how to leave."""
        with Vertical(classes="dialog wide", id="help"):
            yield Static(_("Help: every key"), classes="title")
            with VerticalScroll():
                yield Static(bindings_table(), id="help-table")
            yield Static(
                _("Esc closes · Ctrl+P finds any action or setting by name"), classes="hint"
            )

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss()
