"""Saving a draft as it is written: every few seconds, on close, on lock and on quit.

The draft editor and the composer both keep a person's words this way, so a
crash loses at most a few seconds. Edits bump ``generation``; a save records
the generation it included, so an edit made while a save runs stays unsaved
(and the next tick saves it). One write function serves the timer's worker and
the app's lock-or-quit save alike, so both write exactly the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.message import Message

from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store import Store
    from peerhaven.store.drafts import Draft

#: one draft write, run under the app's store lock; None when there was nothing to keep
DraftWriter = Callable[["Store"], "Draft | None"]


class AutosavingScreen(PlaceScreen):
    """A place whose words are saved as a draft while they are written."""

    AUTOSAVE_SECONDS: ClassVar[float] = 3.0

    class Saved(Message):
        """A draft save finished (``draft`` is None when there was nothing worth keeping);
        ``generation`` says which edit it included."""

        def __init__(self, draft: Draft | None, generation: int, closing: bool) -> None:
            self.draft = draft
            self.generation = generation
            self.closing = closing
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0  # bumped on every edit
        self.saved_generation = 0
        self.saving = False

    def on_mount(self) -> None:
        """Start the autosave timer."""
        self.set_interval(self.AUTOSAVE_SECONDS, self.autosave)

    # -- what a screen tells the mechanism -------------------------------------------------

    def draft_writer(self) -> DraftWriter:
        """The write of what is on screen now (the words, and whatever goes with them)."""
        raise NotImplementedError

    def keeps_drafts(self) -> bool:
        """Whether unsaved words may be saved now (the composer: loaded and not published)."""
        return True

    def draft_saved(self, draft: Draft | None, closing: bool) -> None:
        """A save finished; say so, and close when it was the last one."""
        raise NotImplementedError

    # -- the mechanism -----------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Edits not yet in the store."""
        return self.generation != self.saved_generation

    def pending_save(self) -> DraftWriter | None:
        """For lock and quit: a save the app runs before closing the store."""
        if not self.dirty or not self.keeps_drafts():
            return None
        self.saved_generation = self.generation
        return self.draft_writer()

    def autosave(self) -> None:
        """Timer tick: save if something changed, no save is running, and the screen keeps
        drafts now (an edit of a post never does, whatever its words)."""
        if self.dirty and not self.saving and not self.peerhaven.locked and self.keeps_drafts():
            self.save(closing=False)

    def save(self, *, closing: bool) -> None:
        """Start a save of what is on screen now."""
        self.saving = True
        self._save(self.draft_writer(), self.generation, closing)

    @work(thread=True, exclusive=True, group="draft-save", exit_on_error=False)
    def _save(self, write: DraftWriter, generation: int, closing: bool) -> None:
        """Write the draft; the first save creates it."""
        try:
            saved = self.peerhaven.store_call(write)
        finally:
            self.saving = False
        self.post_message(self.Saved(saved, generation, closing))

    def on_autosaving_screen_saved(self, message: Saved) -> None:
        """Remember what is saved, then let the screen say so (and close if asked)."""
        self.saved_generation = max(self.saved_generation, message.generation)
        self.draft_saved(message.draft, message.closing)
