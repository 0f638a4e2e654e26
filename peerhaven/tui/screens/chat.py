"""What a conversation and a circle share: a list of messages over a composer.

Both show what was written in the order it was written, each item folded behind
its content warning until opened, and under it a composer that is the post
composer's machinery (``CheckedSendingScreen``: the oversharing guard, then the
crisis offer; ``compose.folded_preview`` for the preview). This base holds the
layout and the composer once; ``ConversationScreen`` and ``CircleScreen`` say
what the items are, who reads them and how words are sealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from peerhaven.core.i18n import _
from peerhaven.core.inert import has_visible_text
from peerhaven.tui.screens.checked_send import CheckedSendingScreen

if TYPE_CHECKING:
    from peerhaven.store import Store
    from peerhaven.store.drafts import Draft
    from peerhaven.tui.screens.autosave import DraftWriter


class ChatScreen(CheckedSendingScreen):
    """Items above (``#chat-items``), the composer below (``#chat-text``, ``#chat-cw``)."""

    #: the list's title, and the composer's
    ITEMS_TITLE: ClassVar[str] = ""
    TEXT_TITLE: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        #: items whose fold the member opened (by item id)
        self.opened: set[str] = set()
        self._note = ""

    # -- what a screen tells the base ------------------------------------------------------

    def item_label(self, item_id: str) -> Text:
        """One item as the list shows it (folded unless its id is in ``opened``)."""
        raise NotImplementedError

    def item_cw(self, item_id: str) -> str | None:
        """The item's content warning, if it has one (only those fold)."""
        raise NotImplementedError

    def preview_heading(self) -> str:
        """The first line of the preview: who writes, to whom, now."""
        raise NotImplementedError

    def seal(self, text: str, label: str | None) -> None:
        """Seal and queue exactly ``text`` (in a worker), then call ``after_sending``."""
        raise NotImplementedError

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Who and where, the items, the composer (or its preview), a state line, the keys."""
        yield Header()
        yield Static("", id="chat-who")
        yield OptionList(id="chat-items")
        yield TextArea(id="chat-text", soft_wrap=True)
        with VerticalScroll(id="chat-preview"):
            yield Static("", id="chat-preview-text")
        with Horizontal(id="chat-cw-row"):
            yield Static(_("Content warning"), classes="label")
            yield Input(placeholder=_("a label shown before the words (e.g. grief)"), id="chat-cw")
        yield Static("", id="chat-status")
        yield Footer()

    def on_mount(self) -> None:
        """Title the boxes; the preview shows only when asked for."""
        self.query_one("#chat-items").border_title = _(self.ITEMS_TITLE)
        self.query_one("#chat-text").border_title = _(self.TEXT_TITLE)
        self.query_one("#chat-preview").border_title = _("Preview: as they will see it")
        self.query_one("#chat-preview").display = False

    # -- the list --------------------------------------------------------------------------

    def fill(self, ids: list[str], empty: str) -> None:
        """Show the items, staying on the highlighted one unless the newest was highlighted
        (then the newest stays in view as items arrive)."""
        listing = self.query_one("#chat-items", OptionList)
        before = listing.highlighted
        kept = listing.get_option_at_index(before).id if before is not None else None
        at_end = before is None or before >= listing.option_count - 1
        listing.clear_options()
        for item_id in ids:
            listing.add_option(Option(self.item_label(item_id), id=item_id))
        if not ids:
            listing.add_option(Option(empty, disabled=True))
            return
        if kept in ids and not at_end:
            listing.highlighted = listing.get_option_index(kept)
        else:
            listing.highlighted = listing.option_count - 1

    def highlighted_id(self) -> str | None:
        """The id of the highlighted item."""
        listing = self.query_one("#chat-items", OptionList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def action_unfold(self) -> None:
        """Open the highlighted item's fold, or fold it again."""
        item_id = self.highlighted_id()
        if item_id is None or not self.item_cw(item_id):
            return
        self.opened.symmetric_difference_update({item_id})
        self.query_one("#chat-items", OptionList).replace_option_prompt(
            item_id, self.item_label(item_id)
        )

    # -- the composer ----------------------------------------------------------------------

    def written(self) -> str:
        """The words in the composer."""
        return self.query_one("#chat-text", TextArea).text

    def label(self) -> str | None:
        """The content warning typed, if any."""
        return self.query_one("#chat-cw", Input).value.strip() or None

    def show_status(self, note: str) -> None:
        """The count, then the last note (who can read this, sent, saved)."""
        self._note = note
        count = len(self.written())
        words = _("{count} characters").format(count=f"{count:,}") if count else ""
        self.query_one("#chat-status", Static).update(f"{words} · {note}" if words else note)

    def on_text_area_changed(self) -> None:
        """Count, mark unsaved work, and keep the preview current."""
        self.generation += 1
        self.show_status(self._note)
        if self.query_one("#chat-preview").display:
            self._show_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The warning is part of what is previewed."""
        if event.input.id == "chat-cw":
            self.on_text_area_changed()

    def writing_area(self) -> TextArea:
        """The composer, where the guard's "Edit it" selects the finding."""
        return self.query_one("#chat-text", TextArea)

    def before_editing(self) -> None:
        """Leave the preview, so the words are there to edit."""
        if self.query_one("#chat-preview").display:
            self.action_toggle_preview()

    def action_toggle_preview(self) -> None:
        """Show the words as they will be read, or go back to writing."""
        preview = self.query_one("#chat-preview")
        area = self.writing_area()
        preview.display = not preview.display
        area.display = not preview.display
        if preview.display:
            self._show_preview()
        else:
            area.focus()

    def _show_preview(self) -> None:
        from peerhaven.tui.screens.compose import folded_preview

        label = self.label()
        self.query_one("#chat-preview-text", Static).update(
            folded_preview(self.preview_heading(), self.written(), [label] if label else [])
        )

    def action_send(self) -> None:
        """Check the words (guard, then crisis offer), then send them."""
        text = self.written()
        if not has_visible_text(text):
            self.notify(_("There are no words to send yet."), severity="warning")
            return
        self.start_check(text)

    def send_checked(self, text: str) -> None:
        """Seal and queue exactly the words that were checked."""
        self.seal(text, self.label())

    def after_sending(self) -> None:
        """Empty the composer (the words are sent or in the outbox now)."""
        self.checking = False
        self.writing_area().load_text("")
        self.query_one("#chat-cw", Input).value = ""
        if self.query_one("#chat-preview").display:
            self.action_toggle_preview()
        self.saved_generation = self.generation

    def action_close(self) -> None:
        """Back; words typed and not sent are not kept, so ask before dropping them."""
        if not self.written().strip():
            self.dismiss()
            return
        from peerhaven.tui.modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss()
            else:
                self.writing_area().focus()

        self.app.push_screen(
            ConfirmModal(
                _("Leave without sending?"),
                _("What you wrote here has not been sent, and it is not kept as a draft."),
                _("Leave it"),
                cancel_label=_("Keep writing"),
            ),
            answered,
        )

    # -- drafts ------------------------------------------------------------------------------

    def keeps_drafts(self) -> bool:
        """Private words are never written to the drafts list, which can publish to a
        community; what is typed stays in the composer while the app is open."""
        return False

    def draft_writer(self) -> DraftWriter:
        """Never called while ``keeps_drafts`` is False."""

        def write(store: Store) -> Draft | None:
            return None

        return write

    def draft_saved(self, draft: Draft | None, closing: bool) -> None:
        """Nothing is saved as a draft here (see ``keeps_drafts``)."""
