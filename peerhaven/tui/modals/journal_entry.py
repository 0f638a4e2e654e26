"""Write or edit a journal entry: text, a mood from 1 to 10, tags, and the day it is about
(today unless the person is catching up on another day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import bindings_for


@dataclass(frozen=True, slots=True)
class EntryInput:
    """What the person typed; the journal screen saves it."""

    content: str
    mood: int
    tags: tuple[str, ...]
    #: the moment the entry is about; None keeps it (now for a new entry, as it was for an
    #: edited one)
    created_at: int | None = None


def when_text(timestamp: int) -> str:
    """An entry's date as the When field shows it, in a form ``entry_time`` reads back."""
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags separated by commas or spaces, with or without ``#``."""
    return tuple(part for part in text.replace(",", " ").split() if part.strip("#"))


class JournalEntryModal(ModalScreen[EntryInput | None]):
    """The entry editor; dismisses with the input, or ``None`` when cancelled."""

    BINDINGS = bindings_for("entry")
    AUTO_FOCUS = "#entry-text"

    def __init__(
        self,
        *,
        content: str = "",
        mood: int | None = None,
        tags: tuple[str, ...] = (),
        known_tags: tuple[str, ...] = (),
        created_at: int | None = None,
    ) -> None:
        super().__init__()
        self.known_tags = known_tags
        self.editing = mood is not None
        self.content = content
        self.mood = mood
        self.tags = tags
        #: the When field as it opened: unchanged, the date stays exactly as it was
        self.when = when_text(created_at) if created_at is not None else ""

    def compose(self) -> ComposeResult:
        """Text area, then mood and tags on one row, then the buttons."""
        with Vertical(classes="dialog wide"):
            title = _("Edit entry") if self.editing else _("New entry")
            yield Static(
                _("{title} · stays on this device, never shared").format(title=title),
                classes="title",
            )
            yield TextArea(self.content, id="entry-text", soft_wrap=True)
            with Horizontal(classes="fields"):
                yield Static(_("Mood"), classes="label")
                yield Input(
                    str(self.mood) if self.mood is not None else "",
                    id="mood",
                    type="integer",
                    max_length=2,
                    placeholder="1–10",
                )
                # the scale on its own line part, never inside a placeholder it outgrows
                yield Static(_("1 very low · 10 very good"), id="mood-scale", classes="label")
            with Horizontal(classes="fields"):
                yield Static(_("Tags"), classes="label")
                yield Input(" ".join(self.tags), id="tags", placeholder=_("sleep, walk"))
                yield Static(_("When"), classes="label")
                yield Input(self.when, id="when", placeholder=_("today, yesterday, 2026-03-14"))
            if self.known_tags:
                used = ", ".join(self.known_tags[:8])
                yield Static(
                    _("Tags used before: {used}").format(used=used), id="known-tags", classes="hint"
                )
            yield Static("", id="entry-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(_("Save (Ctrl+S)"), id="save", variant="primary")

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check the mood is on the scale, then hand the entry back."""
        from peerhaven.core.inputs import InputRefused, Whole
        from peerhaven.store.errors import BadInput
        from peerhaven.store.journal import MOOD_MAX, MOOD_MIN, entry_time

        try:  # the CLI's own check ("²" passes isdigit() and breaks int())
            mood = Whole(MOOD_MIN, MOOD_MAX)(self.query_one("#mood", Input).value)
        except InputRefused:
            self.query_one("#entry-message", Static).update(
                _("Mood is a whole number from 1 (very low) to 10 (very good).")
            )
            self.query_one("#mood", Input).focus()
            return
        when = self.query_one("#when", Input).value.strip()
        try:
            created_at = None if when == self.when else entry_time(when)
        except BadInput as exc:
            self.query_one("#entry-message", Static).update(str(exc))
            self.query_one("#when", Input).focus()
            return
        self.dismiss(
            EntryInput(
                content=self.query_one("#entry-text", TextArea).text,
                mood=mood,
                tags=parse_tags(self.query_one("#tags", Input).value),
                created_at=created_at,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
