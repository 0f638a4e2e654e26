"""Messages: private conversations newest first, the requests waiting, the way to circles.

The list is ``store.dm.conversations`` (the same rows as ``peerhaven dm``): each
conversation says who it is with, which of your personas speaks there, where you
met, how many of its messages are new, and the last message (folded behind its
content warning). Its first row is the requests entry, with how many wait
(``store.dm.requests``): nothing a stranger sends shows anywhere else before you
accept it. A sync or a live arrival that landed something reloads the list in
place, keeping the highlighted row.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.dm import ConversationRow
    from peerhaven.tui.syncing import SyncState

#: the option id of the requests entry (conversation ids are "persona:peer")
REQUESTS_ROW = "requests"


def when(timestamp: int, *, today: dt.date | None = None) -> str:
    """A time for a list: the hour today, the day otherwise."""
    moment = dt.datetime.fromtimestamp(timestamp)
    if moment.date() == (today or dt.date.today()):
        return localized.when(timestamp, localized.CLOCK)
    return localized.when(timestamp, localized.DAY)


def requests_label(waiting: int) -> Text:
    """The first row: how many requests wait, and what a request is."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if waiting:
        count = ngettext("Requests: {count} waiting", "Requests: {count} waiting", waiting)
        text.append("● " + count.format(count=waiting), style="bold")
    else:
        text.append("  " + _("Requests: none waiting"))
    text.append("\n    " + _("first messages from people you have not accepted yet"), style="dim")
    return text


def folded_line(cw: str) -> str:
    """What a list says instead of words behind a content warning."""
    return _("Content warning: {label}; open the conversation to read it").format(label=plain(cw))


def conversation_label(row: ConversationRow) -> Text:
    """Who, as whom, where you met, new messages, and the last message on one line."""
    text = Text(no_wrap=True, overflow="ellipsis")
    new = row.unread > 0
    text.append("● " if new else "  ", style="bold" if new else "")
    text.append(when(row.last_at) + "  ", style="dim")
    text.append(row.peer_name, style="bold")
    text.append(" · " + _("as {persona}").format(persona=row.persona_name))
    if row.community:
        text.append(" · " + _("met in {community}").format(community=plain(row.community)))
    if new:
        text.append(
            " · " + ngettext("{count} new", "{count} new", row.unread).format(count=row.unread),
            style="bold",
        )
    text.append("\n    ")
    if row.last_text is None:
        text.append(_("No messages yet"), style="italic")
    else:
        if row.last_outgoing:
            text.append(_("you: "), style="dim")
        if row.last_cw:
            text.append(folded_line(row.last_cw), style="italic")
        else:
            text.append(plain(row.last_text.replace("\n", " ")))
    return text


def conversation_id(persona: str, peer: str) -> str:
    """A list row's id for one conversation."""
    return f"{persona}:{peer}"


class MessagesScreen(PlaceScreen):
    """Conversations newest first, requests on top; Enter opens one."""

    PLACE = "messages"
    SUB_TITLE = N_("Messages")
    BINDINGS = bindings_for("messages")
    AUTO_FOCUS = "#conversations"

    class Loaded(Message):
        """The conversations and the number of requests arrived from the store."""

        def __init__(self, rows: list[ConversationRow], waiting: int) -> None:
            self.rows = rows
            self.waiting = waiting
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, ConversationRow] = {}

    def compose(self) -> ComposeResult:
        """What this place is, the list, the keys."""
        yield Header()
        yield Static(_("Loading…"), id="messages-summary")
        yield OptionList(id="conversations")
        yield Footer()

    def on_mount(self) -> None:
        """Name the list and follow syncs (live arrivals land through them too)."""
        self.query_one("#conversations").border_title = _("Conversations, newest first")
        self.query_one("#conversations").border_subtitle = _("Enter opens · c circles")
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """A sync or a live stream stored something: it may be a message or a request."""
        if state.landed:
            self.load()

    def on_screen_resume(self) -> None:
        """Back from a conversation (read now) or the requests (answered): count again."""
        self.load()

    @work(thread=True, exclusive=True, group="messages", exit_on_error=False)
    def load(self) -> None:
        """Read the list off the UI thread."""
        from peerhaven.store.dm import conversations, requests

        rows = self.peerhaven.store_call(conversations)
        waiting = len(self.peerhaven.store_call(requests))
        self.post_message(self.Loaded(rows, waiting))

    def on_messages_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, staying on the row that was highlighted."""
        listing = self.query_one("#conversations", OptionList)
        before = listing.highlighted
        kept = listing.get_option_at_index(before).id if before is not None else None
        listing.clear_options()
        listing.add_option(Option(requests_label(message.waiting), id=REQUESTS_ROW))
        self.rows = {conversation_id(row.persona, row.peer): row for row in message.rows}
        for key, row in self.rows.items():
            listing.add_option(Option(conversation_label(row), id=key))
        self.query_one("#messages-summary", Static).update(self._summary(message))
        if kept is not None and (kept in self.rows or kept == REQUESTS_ROW):
            listing.highlighted = listing.get_option_index(kept)
        else:
            listing.highlighted = 1 if self.rows else 0

    def _summary(self, message: Loaded) -> str:
        """One sentence over the list: what is new, or how a conversation starts."""
        if not message.rows and message.waiting:
            return ngettext(
                "No conversations yet; a request waits for your answer (r shows it).",
                "No conversations yet; {count} requests wait for your answer (r shows them).",
                message.waiting,
            ).format(count=message.waiting)
        if not message.rows:
            return _(
                "No conversations yet. To write to someone privately, open a post of theirs "
                "and press w; they see a request until they accept."
            )
        unread = sum(row.unread for row in message.rows)
        if unread:
            return ngettext(
                "● {count} new message. Only you and the other persona can read these.",
                "● {count} new messages. Only you and the other persona can read these.",
                unread,
            ).format(count=unread)
        return _("Nothing new. Only you and the other persona can read these conversations.")

    @on(OptionList.OptionSelected, "#conversations")
    def open_row(self, event: OptionList.OptionSelected) -> None:
        """Enter on the requests row opens them; on a conversation, the conversation."""
        if event.option.id == REQUESTS_ROW:
            self.action_requests()
            return
        row = self.rows.get(event.option.id or "")
        if row is not None:
            from peerhaven.tui.screens.conversation import ConversationScreen

            self.app.push_screen(ConversationScreen(row.persona, row.peer))

    def action_requests(self) -> None:
        """The requests waiting for an answer."""
        from peerhaven.tui.screens.requests import RequestsScreen

        self.app.push_screen(RequestsScreen())

    def action_circles(self) -> None:
        """The circles you belong to."""
        from peerhaven.tui.screens.circles import CirclesScreen

        self.app.push_screen(CirclesScreen())
