"""Drafts: unsent words, most recently edited first; open, start, publish or delete one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.compose import Destination
    from peerhaven.store.drafts import Draft


def draft_label(draft: Draft) -> Text:
    """When it was last edited, where it is meant to go, and its first line."""
    when = localized.when(draft.updated_at, localized.DAY_YEAR_TIME)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{when}  ", style="dim")
    if draft.community:
        text.append(f"{draft.community}  ", style="bold")
    first = draft.content.strip().splitlines()[0] if draft.content.strip() else "(empty)"
    text.append(first)
    text.truncate(200)
    return text


def editor_for(draft: Draft) -> Screen[None]:
    """A post or reply waiting to go to a community opens in the composer (with its
    warnings, the post it answers and the checks before publishing); a plain note in
    the plain draft editor."""
    if draft.community or draft.reply_to:
        from peerhaven.tui.screens.compose import ComposeScreen

        return ComposeScreen(draft.community or "", reply_to=draft.reply_to, draft_id=draft.id)
    from peerhaven.tui.screens.draft_editor import DraftEditorScreen

    return DraftEditorScreen(draft.id)


class DraftsScreen(PlaceScreen):
    """The list of drafts; the editor is its own screen."""

    PLACE = "drafts"
    SUB_TITLE = N_("Drafts")
    BINDINGS = bindings_for("drafts")
    AUTO_FOCUS = "#drafts"

    class Loaded(Message):
        """Every draft (drafts are few: they are what a person has not sent yet)."""

        def __init__(self, drafts: list[Draft]) -> None:
            self.drafts = drafts
            super().__init__()

    class Deleted(Message):
        """A draft was erased."""

    class Fetched(Message):
        """One draft to open, read by its number."""

        def __init__(self, draft: Draft) -> None:
            self.draft = draft
            super().__init__()

    class Destinations(Message):
        """Where the highlighted draft could go, read for the destination dialog."""

        def __init__(self, draft: Draft, destinations: list[Destination]) -> None:
            self.draft = draft
            self.destinations = destinations
            super().__init__()

    class Placed(Message):
        """The draft now says where it goes: open it in the composer."""

        def __init__(self, draft: Draft) -> None:
            self.draft = draft
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.drafts: list[Draft] = []

    def compose(self) -> ComposeResult:
        """A header, the list, the keys."""
        yield Header()
        yield OptionList(id="drafts")
        yield Footer()

    def on_mount(self) -> None:
        """Title the list."""
        self.query_one("#drafts").border_title = _("Drafts, most recently edited first")

    def on_screen_resume(self) -> None:
        """Reload whenever the editor closes or you come back."""
        self.load()

    @work(thread=True, exclusive=True, group="drafts", exit_on_error=False)
    def load(self) -> None:
        """Read the drafts off the UI thread."""
        from peerhaven.store.drafts import list_drafts

        self.post_message(self.Loaded(self.peerhaven.store_call(list_drafts)))

    def on_drafts_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, keeping the highlight where it was."""
        option_list = self.query_one("#drafts", OptionList)
        keep = option_list.highlighted
        self.drafts = message.drafts
        option_list.clear_options()
        option_list.add_options(Option(draft_label(d), id=str(d.id)) for d in self.drafts)
        if not self.drafts:
            option_list.add_option(Option(_("No drafts. Press n to start one."), disabled=True))
        else:
            option_list.highlighted = min(keep or 0, len(self.drafts) - 1)

    def _selected(self) -> Draft | None:
        """The highlighted draft, if any."""
        index = self.query_one("#drafts", OptionList).highlighted
        if index is None or index >= len(self.drafts):
            return None
        return self.drafts[index]

    def action_new_draft(self) -> None:
        """An empty editor; the draft is created on its first autosave."""
        from peerhaven.tui.screens.draft_editor import DraftEditorScreen

        self.app.push_screen(DraftEditorScreen(None))

    @on(OptionList.OptionSelected, "#drafts")
    def action_open_draft(self) -> None:
        """Open the highlighted draft."""
        draft = self._selected()
        if draft is not None:
            self.app.push_screen(editor_for(draft))

    def open_draft(self, draft_id: int) -> None:
        """Open one draft by its number (search results do this) in the right editor."""
        self.fetch(draft_id)

    @work(thread=True, exclusive=True, group="drafts-open", exit_on_error=False)
    def fetch(self, draft_id: int) -> None:
        """Read the draft to know where it belongs."""
        from peerhaven.store.drafts import get_draft

        self.post_message(self.Fetched(self.peerhaven.store_call(get_draft, draft_id)))

    def on_drafts_screen_fetched(self, message: Fetched) -> None:
        """Open it."""
        self.app.push_screen(editor_for(message.draft))

    def action_publish_draft(self) -> None:
        """Choose where the highlighted draft goes, then check and publish it in the composer."""
        draft = self._selected()
        if draft is not None:
            self.find_destinations(draft)

    @work(thread=True, exclusive=True, group="drafts-publish", exit_on_error=False)
    def find_destinations(self, draft: Draft) -> None:
        """Communities you post in and their recent threads, off the UI thread."""
        from peerhaven.store.compose import destinations

        self.post_message(self.Destinations(draft, self.peerhaven.store_call(destinations)))

    def on_drafts_screen_destinations(self, message: Destinations) -> None:
        """Ask where; a choice places the draft there."""
        from peerhaven.tui.modals.draft_destination import DraftDestinationModal

        draft = message.draft

        def answered(choice: Destination | None) -> None:
            if choice is not None:
                self.place(draft.id, choice.slug, choice.reply_to)

        self.app.push_screen(DraftDestinationModal(message.destinations), answered)

    @work(thread=True, exclusive=True, group="drafts-publish", exit_on_error=False)
    def place(self, draft_id: int, slug: str, reply_to: str | None) -> None:
        """Record where the draft goes (its words untouched)."""
        from peerhaven.store.compose import place_draft

        placed = self.peerhaven.store_call(place_draft, draft_id, slug, reply_to=reply_to)
        self.post_message(self.Placed(placed))

    def on_drafts_screen_placed(self, message: Placed) -> None:
        """The composer takes it from here: the guard, the crisis offer, then the outbox."""
        self.app.push_screen(editor_for(message.draft))

    def action_delete_draft(self) -> None:
        """Ask first; deleting erases the words for good."""
        draft = self._selected()
        if draft is None:
            return

        def answered(yes: bool | None) -> None:
            """Delete only after a clear yes."""
            if yes:
                self.delete(draft.id)

        self.app.push_screen(
            ConfirmModal(
                _("Delete this draft?"),
                _("Deleting is permanent: the draft is erased and cannot be recovered."),
                _("Delete for good"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="drafts-delete", exit_on_error=False)
    def delete(self, draft_id: int) -> None:
        """Erase the draft for real."""
        from peerhaven.store.drafts import delete_draft

        self.peerhaven.store_call(delete_draft, draft_id)
        self.post_message(self.Deleted())

    def on_drafts_screen_deleted(self) -> None:
        """Say so and reload."""
        self.notify(_("Draft deleted."), timeout=3)
        self.load()
