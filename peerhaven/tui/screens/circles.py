"""Circles: the small private groups on this device, and starting or joining one.

The list is ``store.circles.list_circles`` (what ``peerhaven circle list`` shows):
each circle with its state in words (a member, the owner, waiting for the owner's
device, refused, removed, left), its members and its new posts. ``n`` starts a
circle, ``j`` joins one with an invite code; both are ``store.circle_actions``,
and what they queue is sent at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.circles import CircleRow
    from peerhaven.tui.modals.circle_forms import NewCircle
    from peerhaven.tui.syncing import SyncState


def circle_name(row: CircleRow) -> str:
    """The circle's name, inert; a circle still waiting for its welcome has none yet."""
    return (
        plain(row.name) if row.name else _("a circle of {owner}").format(owner=row.owner_pseudonym)
    )


def circle_label(row: CircleRow) -> Text:
    """Name, members, new posts, then the state in words."""
    from peerhaven.store.circle_actions import members_sentence

    text = Text(no_wrap=True, overflow="ellipsis")
    new = row.unread > 0
    text.append("● " if new else "  ", style="bold" if new else "")
    text.append(circle_name(row), style="bold")
    if row.state == "member":
        text.append(" · " + members_sentence(row.members))
    if new:
        text.append(
            " · " + ngettext("{count} new", "{count} new", row.unread).format(count=row.unread),
            style="bold",
        )
    text.append("\n    ")
    text.append(row.state_words(), style="dim")
    return text


class CirclesScreen(PlaceScreen):
    """The circles; Enter opens one, n starts one, j joins one."""

    PLACE = "circles"
    SUB_TITLE = N_("Circles")
    BINDINGS = bindings_for("circles")
    AUTO_FOCUS = "#circles-list"

    class Loaded(Message):
        """The circles arrived from the store."""

        def __init__(self, rows: list[CircleRow]) -> None:
            self.rows = rows
            super().__init__()

    class Done(Message):
        """A circle was started or a join was asked for; ``said`` is the sentence."""

        def __init__(self, row: CircleRow, said: str) -> None:
            self.row = row
            self.said = said
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, CircleRow] = {}

    def compose(self) -> ComposeResult:
        """A sentence, the list, the keys."""
        yield Header()
        yield Static("", id="circles-summary")
        yield OptionList(id="circles-list")
        yield Footer()

    def on_mount(self) -> None:
        """Name the list, load, and follow syncs (a welcome or a post may land)."""
        self.query_one("#circles-list").border_title = _("Your circles")
        self.load()
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """Something landed: reload in place."""
        if state.landed or not state.running:
            self.load()

    def on_screen_resume(self) -> None:
        """Back from a circle: its posts are read now."""
        self.load()

    @work(thread=True, exclusive=True, group="circles", exit_on_error=False)
    def load(self) -> None:
        """Read the list off the UI thread."""
        from peerhaven.store.circles import list_circles

        self.post_message(self.Loaded(self.peerhaven.store_call(list_circles)))

    def on_circles_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, staying on the highlighted circle."""
        listing = self.query_one("#circles-list", OptionList)
        before = listing.highlighted
        kept = listing.get_option_at_index(before).id if before is not None else None
        listing.clear_options()
        self.rows = {row.id: row for row in message.rows}
        for row in message.rows:
            listing.add_option(Option(circle_label(row), id=row.id))
        summary = self.query_one("#circles-summary", Static)
        if not self.rows:
            summary.update(
                _(
                    "You are in no circle yet. n starts one (you invite people with one-time "
                    "codes); j joins one with a code someone gave you."
                )
            )
            return
        summary.update(
            _("Only a circle's members can read it; relays keep sealed copies they cannot open.")
        )
        if kept in self.rows:
            listing.highlighted = listing.get_option_index(kept)
        else:
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#circles-list")
    def open_circle(self, event: OptionList.OptionSelected) -> None:
        """Open the circle's posts."""
        row = self.rows.get(event.option.id or "")
        if row is None:
            return
        from peerhaven.tui.screens.circle import CircleScreen

        self.app.push_screen(CircleScreen(row.id))

    def action_new_circle(self) -> None:
        """Ask for a name and rules, then start it."""
        from peerhaven.tui.modals.circle_forms import NewCircleModal

        def answered(form: NewCircle | None) -> None:
            if form is not None:
                self._create(form)

        self.app.push_screen(NewCircleModal(), answered)

    @work(thread=True, exclusive=True, group="circles-change", exit_on_error=False)
    def _create(self, form: NewCircle) -> None:
        from peerhaven.store.circle_actions import create_circle

        row = self.peerhaven.store_call(create_circle, form.name, rules=form.rules)
        said = _("{circle} is started; open it and press i to invite someone.").format(
            circle=plain(row.name)
        )
        self.post_message(self.Done(row, said))

    def action_join_circle(self) -> None:
        """Ask for the code, then ask the owner's device to let you in."""
        from peerhaven.tui.modals.circle_forms import JoinCircleModal

        def answered(code: str | None) -> None:
            if code:
                self._join(code)

        self.app.push_screen(JoinCircleModal(), answered)

    @work(thread=True, exclusive=True, group="circles-change", exit_on_error=False)
    def _join(self, code: str) -> None:
        from peerhaven.store.circle_actions import join_circle

        row = self.peerhaven.store_call(join_circle, code)
        said = _(
            "Your request to join is on its way; the circle opens once the owner's device "
            "answers (on its next sync)."
        )
        self.post_message(self.Done(row, said))

    def on_circles_screen_done(self, message: Done) -> None:
        """Say what happened, send what was queued, and show the circle in the list."""
        self.notify(message.said, timeout=8)
        self.services.request_sync()
        self.load()
