"""Edit one draft with autosave: every few seconds while typing, on close, on lock and quit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Static, TextArea

from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store import Store
    from peerhaven.store.drafts import Draft


class DraftEditorScreen(PlaceScreen):
    """A text area and a line saying when it was last saved."""

    PLACE = "draft"
    SUB_TITLE = "Draft"
    BINDINGS = bindings_for("draft")
    AUTO_FOCUS = "#draft-text"
    AUTOSAVE_SECONDS: ClassVar[float] = 3.0

    class Loaded(Message):
        """The draft to edit arrived."""

        def __init__(self, draft: Draft) -> None:
            self.draft = draft
            super().__init__()

    class Saved(Message):
        """A save finished; ``generation`` says which edit it included."""

        def __init__(self, draft: Draft, generation: int, closing: bool) -> None:
            self.draft = draft
            self.generation = generation
            self.closing = closing
            super().__init__()

    def __init__(self, draft_id: int | None) -> None:
        super().__init__()
        self.draft_id = draft_id
        self.draft: Draft | None = None
        self.generation = 0  # bumped on every edit
        self.saved_generation = 0
        self.saving = False
        self.loaded = draft_id is None

    def compose(self) -> ComposeResult:
        """Header, the text, the save status, the keys."""
        yield Header()
        yield TextArea(id="draft-text", soft_wrap=True, disabled=self.draft_id is not None)
        yield Static("New draft. Saved automatically as you write.", id="draft-status")
        yield Footer()

    def on_mount(self) -> None:
        """Load the draft, then start the autosave timer."""
        self.query_one("#draft-text").border_title = "Draft"
        if self.draft_id is not None:
            self.load(self.draft_id)
        self.set_interval(self.AUTOSAVE_SECONDS, self.autosave)

    @work(thread=True, exclusive=True, group="draft-load", exit_on_error=False)
    def load(self, draft_id: int) -> None:
        """Read the draft off the UI thread."""
        from peerhaven.store.drafts import get_draft

        self.post_message(self.Loaded(self.peerhaven.store_call(get_draft, draft_id)))

    def on_draft_editor_screen_loaded(self, message: Loaded) -> None:
        """Put the text in and let the person type."""
        self.draft = message.draft
        area = self.query_one("#draft-text", TextArea)
        area.load_text(message.draft.content)
        area.disabled = False
        area.focus()
        self.loaded = True
        self._status(message.draft.updated_at, "Last saved")

    @on(TextArea.Changed, "#draft-text")
    def edited(self) -> None:
        """Mark unsaved work (loading the text also sends Changed; that is not an edit)."""
        if self.loaded and self.query_one("#draft-text", TextArea).text != self._saved_text():
            self.generation += 1

    def _saved_text(self) -> str:
        """The text as last saved (empty for a new draft)."""
        return self.draft.content if self.draft else ""

    @property
    def dirty(self) -> bool:
        """Edits not yet in the store."""
        return self.generation != self.saved_generation

    def pending_save(self) -> Callable[[Store], object] | None:
        """For lock and quit: a save the app runs before closing the store."""
        if not self.dirty:
            return None
        from peerhaven.store.drafts import save_draft

        text, draft = self.query_one("#draft-text", TextArea).text, self.draft
        self.saved_generation = self.generation

        def save(store: Store) -> None:
            """Runs in the app's worker; remembers a new draft's id for the next save."""
            if draft is None:
                saved = save_draft(store, text)
            else:
                saved = save_draft(
                    store, text, draft_id=draft.id, community=draft.community,
                    reply_to=draft.reply_to, cw=draft.cw,
                )  # fmt: skip
            self.draft, self.draft_id = saved, saved.id

        return save

    def autosave(self) -> None:
        """Timer tick: save if something changed and no save is running."""
        if self.dirty and not self.saving and not self.peerhaven.locked:
            self.save(closing=False)

    def save(self, *, closing: bool) -> None:
        """Start a save of the current text."""
        self.saving = True
        self._save(self.query_one("#draft-text", TextArea).text, self.generation, closing)

    @work(thread=True, exclusive=True, group="draft-save", exit_on_error=False)
    def _save(self, text: str, generation: int, closing: bool) -> None:
        """Write the draft; the first save creates it."""
        from peerhaven.store.drafts import save_draft

        try:
            draft = self.draft
            if draft is None:
                saved = self.peerhaven.store_call(save_draft, text)
            else:
                saved = self.peerhaven.store_call(
                    save_draft, text, draft_id=draft.id, community=draft.community,
                    reply_to=draft.reply_to, cw=draft.cw,
                )  # fmt: skip
        finally:
            self.saving = False
        self.post_message(self.Saved(saved, generation, closing))

    def on_draft_editor_screen_saved(self, message: Saved) -> None:
        """Remember what is saved; close if that save was the last one."""
        self.draft = message.draft
        self.draft_id = message.draft.id
        self.saved_generation = max(self.saved_generation, message.generation)
        self._status(message.draft.updated_at, "Saved")
        if message.closing:
            self.dismiss()

    def _status(self, when: int, verb: str) -> None:
        """Say when the draft was last saved."""
        clock = dt.datetime.fromtimestamp(when).strftime("%H:%M:%S")
        self.query_one("#draft-status", Static).update(
            f"{verb} at {clock} · saved automatically every few seconds and when you leave"
        )

    def action_save_now(self) -> None:
        """Save without waiting for the timer."""
        if self.dirty and not self.saving:
            self.save(closing=False)

    def action_close(self) -> None:
        """Save what is unsaved, then go back to the list."""
        if self.dirty:
            self.save(closing=True)
        else:
            self.dismiss()
