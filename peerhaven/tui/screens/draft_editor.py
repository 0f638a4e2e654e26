"""Edit one draft with autosave: every few seconds while typing, on close, on lock and quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Static, TextArea

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.screens.autosave import AutosavingScreen

if TYPE_CHECKING:
    from peerhaven.store import Store
    from peerhaven.store.drafts import Draft
    from peerhaven.tui.screens.autosave import DraftWriter


class DraftEditorScreen(AutosavingScreen):
    """A text area and a line saying when it was last saved."""

    PLACE = "draft"
    SUB_TITLE = N_("Draft")
    BINDINGS = bindings_for("draft")
    AUTO_FOCUS = "#draft-text"

    class Loaded(Message):
        """The draft to edit arrived."""

        def __init__(self, draft: Draft) -> None:
            self.draft = draft
            super().__init__()

    def __init__(self, draft_id: int | None) -> None:
        super().__init__()
        self.draft_id = draft_id
        self.draft: Draft | None = None
        self.loaded = draft_id is None

    def compose(self) -> ComposeResult:
        """Header, the text, the save status, the keys."""
        yield Header()
        yield TextArea(id="draft-text", soft_wrap=True, disabled=self.draft_id is not None)
        yield Static(_("New draft. Saved automatically as you write."), id="draft-status")
        yield Footer()

    def on_mount(self) -> None:
        """Load the draft (the autosave timer starts in ``AutosavingScreen``)."""
        self.query_one("#draft-text").border_title = _("Draft")
        if self.draft_id is not None:
            self.load(self.draft_id)

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
        self._status(message.draft.updated_at, _("Last saved"))

    @on(TextArea.Changed, "#draft-text")
    def edited(self) -> None:
        """Mark unsaved work (loading the text also sends Changed; that is not an edit)."""
        if self.loaded and self.query_one("#draft-text", TextArea).text != self._saved_text():
            self.generation += 1

    def _saved_text(self) -> str:
        """The text as last saved (empty for a new draft)."""
        return self.draft.content if self.draft else ""

    def draft_writer(self) -> DraftWriter:
        """Write the text on screen; the first write creates the draft."""
        from peerhaven.store.drafts import save_draft

        text = self.query_one("#draft-text", TextArea).text

        def write(store: Store) -> Draft:
            """Runs under the app's store lock; remembers a new draft's id for the next save."""
            draft = self.draft
            if draft is None:
                saved = save_draft(store, text)
            else:
                saved = save_draft(
                    store, text, draft_id=draft.id, community=draft.community,
                    reply_to=draft.reply_to, cw=draft.cw,
                )  # fmt: skip
            self.draft, self.draft_id = saved, saved.id
            return saved

        return write

    def draft_saved(self, draft: Draft | None, closing: bool) -> None:
        """Say when it was saved; close if that save was the last one."""
        if draft is not None:
            self._status(draft.updated_at, _("Saved"))
        if closing:
            self.dismiss()

    def _status(self, when: int, verb: str) -> None:
        """Say when the draft was last saved."""
        clock = localized.when(when, localized.CLOCK_SECONDS)
        self.query_one("#draft-status", Static).update(
            _(
                "{verb} at {clock} · saved automatically every few seconds and when you leave"
            ).format(verb=verb, clock=clock)
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
