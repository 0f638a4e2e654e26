"""Message requests: first messages from personas you have not accepted, oldest first.

Consent comes first (issue 15): until you accept, a request is all that shows of
someone's messages, and only here. Each says who asks (the pseudonym), the
community where you met as the sender named it, whether they share a community
you joined, and the first lines, folded behind the sender's content warning when
one was set (``o`` opens it). ``a`` accepts (the conversation opens), ``x``
declines (the words are deleted; the sender is not told), ``B`` declines and
blocks after a confirmation. Every answer is ``store.dm``'s, as ``peerhaven
requests`` gives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.core.persona import pseudonym
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.base import PlaceScreen
from peerhaven.tui.screens.messages import conversation_id

if TYPE_CHECKING:
    from peerhaven.store.dm import Request
    from peerhaven.tui.syncing import SyncState


def request_label(request: Request) -> Text:
    """Who asks, where you met, how many messages wait, and since when."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(request.peer_name, style="bold")
    if request.community:
        text.append(" · " + _("met in {community}").format(community=plain(request.community)))
    count = ngettext("{count} message", "{count} messages", request.count)
    text.append(" · " + count.format(count=request.count))
    text.append(" · " + localized.when(request.first_at, localized.DAY_TIME))
    return text


def request_detail(request: Request, opened: bool) -> Text:
    """The request in full: who, where, what sharing a community means, the first lines."""
    text = Text()
    text.append(
        _("{sender} would like to talk privately with {persona}.").format(
            sender=request.peer_name, persona=pseudonym(request.persona)
        ),
        style="bold",
    )
    text.append("\n")
    if request.community:
        text.append(
            _("They say you met in {community}.").format(community=plain(request.community)) + " "
        )
    if request.shares_community:
        text.append(_("They post in a community you joined."))
    else:
        text.append(_("Nothing of theirs is on this device from a community you joined."))
    text.append("\n\n")
    if request.cw and not opened:
        text.append(
            _("▸ Folded: content warning “{label}”. o opens it.").format(label=plain(request.cw)),
            style="italic",
        )
    else:
        if request.cw:
            text.append(_("[cw: {label}] ").format(label=plain(request.cw)), style="bold")
        text.append(plain(request.opening, multiline=True))
    text.append("\n\n")
    text.append(
        _(
            "a accepts: the conversation opens and you can answer. x declines: the words are "
            "deleted and they are not told. B declines and blocks them."
        ),
        style="dim",
    )
    return text


class RequestsScreen(PlaceScreen):
    """The requests, the highlighted one in full below, and the three answers."""

    PLACE = "requests"
    SUB_TITLE = N_("Message requests")
    BINDINGS = bindings_for("requests")
    AUTO_FOCUS = "#requests"

    class Loaded(Message):
        """The requests arrived from the store."""

        def __init__(self, requests: list[Request]) -> None:
            self.requests = requests
            super().__init__()

    class Answered(Message):
        """A request was accepted, declined, or declined and blocked."""

        def __init__(self, request: Request, answer: str) -> None:
            self.request = request
            self.answer = answer
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.requests: dict[str, Request] = {}
        #: requests whose folded opening the member chose to read
        self.opened: set[str] = set()

    def compose(self) -> ComposeResult:
        """The list above, the highlighted request below."""
        yield Header()
        yield OptionList(id="requests")
        yield Static("", id="request-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Name the panes, load, and follow syncs (a request can arrive while you look)."""
        self.query_one("#requests").border_title = _("Waiting for your answer, oldest first")
        self.query_one("#request-detail").border_title = _("The request")
        self.load()
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """A new request may have landed."""
        if state.landed:
            self.load()

    @work(thread=True, exclusive=True, group="requests", exit_on_error=False)
    def load(self) -> None:
        """Read the requests off the UI thread."""
        from peerhaven.store.dm import requests

        self.post_message(self.Loaded(self.peerhaven.store_call(requests)))

    def on_requests_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, staying on the highlighted request while it is there."""
        listing = self.query_one("#requests", OptionList)
        before = listing.highlighted
        kept = listing.get_option_at_index(before).id if before is not None else None
        listing.clear_options()
        self.requests = {conversation_id(r.persona, r.peer): r for r in message.requests}
        for key, request in self.requests.items():
            listing.add_option(Option(request_label(request), id=key))
        if not self.requests:
            listing.add_option(Option(_("No requests are waiting."), disabled=True))
        if kept in self.requests:
            listing.highlighted = listing.get_option_index(kept)
        elif self.requests:
            listing.highlighted = 0
        self._show_detail()

    def _current(self) -> tuple[str, Request] | None:
        """The highlighted request and its row id."""
        listing = self.query_one("#requests", OptionList)
        if listing.highlighted is None:
            return None
        key = listing.get_option_at_index(listing.highlighted).id or ""
        request = self.requests.get(key)
        return (key, request) if request is not None else None

    @on(OptionList.OptionHighlighted, "#requests")
    def _show_detail(self) -> None:
        """The highlighted request in full."""
        detail = self.query_one("#request-detail", Static)
        current = self._current()
        if current is None:
            detail.update(
                _(
                    "When someone writes to you for the first time, their message waits here "
                    "until you accept it. Settings says who may ask."
                )
            )
            return
        key, request = current
        detail.update(request_detail(request, key in self.opened))

    @on(OptionList.OptionSelected, "#requests")
    def action_unfold(self) -> None:
        """Open the folded opening, or fold it again (Enter does the same)."""
        current = self._current()
        if current is None:
            return
        key, _request = current
        self.opened.symmetric_difference_update({key})
        self._show_detail()

    def action_accept(self) -> None:
        """Accept at once: it can be undone by blocking, and nothing is sent by accepting."""
        current = self._current()
        if current is not None:
            self.answer(current[1], "accept")

    def action_decline(self) -> None:
        """Decline at once: the sender is not told and may ask again later."""
        current = self._current()
        if current is not None:
            self.answer(current[1], "decline")

    def action_decline_and_block(self) -> None:
        """Ask first: blocking stops everything from this persona, everywhere on this device."""
        current = self._current()
        if current is None:
            return
        request = current[1]
        from peerhaven.tui.modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self.answer(request, "block")

        self.app.push_screen(
            ConfirmModal(
                _("Decline and block {sender}?").format(sender=request.peer_name),
                _(
                    "Their request is deleted, and nothing more from {sender} reaches you: no "
                    "messages, no requests, and their posts are hidden in every community. "
                    "They are not told. Safety and filters (F8) can lift the block."
                ).format(sender=request.peer_name),
                _("Decline and block"),
                cancel_label=_("Not now"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="requests-answer", exit_on_error=False)
    def answer(self, request: Request, answer: str) -> None:
        """Record the answer, then reload the list."""
        from peerhaven.store.dm import accept_request, decline_request

        if answer == "accept":
            self.peerhaven.store_call(accept_request, request.persona, request.peer)
        else:
            self.peerhaven.store_call(
                decline_request, request.persona, request.peer, and_block=answer == "block"
            )
        self.post_message(self.Answered(request, answer))

    def on_requests_screen_answered(self, message: Answered) -> None:
        """Say what happened; an accepted request opens as a conversation."""
        name = message.request.peer_name
        if message.answer == "accept":
            from peerhaven.tui.screens.conversation import ConversationScreen

            self.notify(_("You accepted {sender}'s request.").format(sender=name))
            self.app.push_screen(ConversationScreen(message.request.persona, message.request.peer))
        elif message.answer == "block":
            self.notify(_("Declined; {sender} is blocked.").format(sender=name))
        else:
            self.notify(_("Declined; the request is deleted."))
        self.load()
