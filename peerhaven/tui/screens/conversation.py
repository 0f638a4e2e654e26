"""One private conversation: the messages in the order they were written, and a composer.

The messages are ``store.dm.messages`` (the order each sender wrote them, so
messages delivered out of order are shown in order): who wrote each, when, and
for your own whether it is still in the outbox ("not sent yet"), taken by a relay
("sent") or refused (the relay's reason). A message behind a content warning is
folded until ``Ctrl+O``. Opening the conversation counts its messages read.

The composer is the post composer's machinery, not a copy (``ChatScreen`` on
``CheckedSendingScreen``): the oversharing guard and then the crisis offer run
before anything leaves, and the preview (``Ctrl+R``) is ``compose.folded_preview``.
Sending seals and queues the message in one transaction (``sync.dm.send_message``),
then the app sends it at once and says how it went; offline, it waits in the outbox like a
post.

Also here: reporting a message (the reporter's choice; it reveals exactly that
message and who sent it to those named in the dialog), the per-conversation
"seen" choice (off unless chosen here), and blocking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.core.persona import pseudonym
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.chat import ChatScreen

if TYPE_CHECKING:
    from peerhaven.core.event import Event
    from peerhaven.store import Store
    from peerhaven.store.dm import ConversationRow
    from peerhaven.store.dm import Message as DirectMessage
    from peerhaven.tui.syncing import SyncState


def delivery_words(message: DirectMessage) -> str:
    """Your own message's state, true to the outbox: not sent yet, sent, or the refusal."""
    if not message.outgoing:
        return ""
    return plain(message.delivery) if message.delivery else _("sent")


def message_label(message: DirectMessage, opened: bool) -> Text:
    """Who wrote it and when (and, for yours, its state), then its words or its fold."""
    text = Text()
    who = _("You") if message.outgoing else message.author_name
    stamp = localized.when(message.sent_at, localized.DAY_TIME)
    text.append(who, style="bold")
    text.append(f" · {stamp}", style="dim")
    state = delivery_words(message)
    if state:
        text.append(f" · {state}", style="bold" if message.delivery else "dim")
    text.append("\n")
    if message.cw and not opened:
        text.append(
            _("▸ Folded: content warning “{label}”. Ctrl+O opens it.").format(
                label=plain(message.cw)
            ),
            style="italic",
        )
    else:
        if message.cw:
            text.append(_("[cw: {label}] ").format(label=plain(message.cw)), style="bold")
        text.append(plain(message.text, multiline=True))
    return text


def seen_words(seen: bool) -> str:
    """The "seen" choice in words: what the other persona learns about your reading."""
    if seen:
        return _("They are told when you have read their messages (Ctrl+Y stops it).")
    return _("They are not told when you read (Ctrl+Y would tell them).")


class ConversationScreen(ChatScreen):
    """The messages with one persona, and the composer under them."""

    PLACE = "conversation"
    SUB_TITLE = N_("A conversation")
    BINDINGS = bindings_for("conversation")
    AUTO_FOCUS = "#chat-text"
    WHAT = "message"
    ITEMS_TITLE = N_("Messages, oldest first")
    TEXT_TITLE = N_("Your message (Ctrl+S sends)")

    class Loaded(Message):
        """The conversation and its messages arrived (and were counted read)."""

        def __init__(self, row: ConversationRow | None, messages: list[DirectMessage]) -> None:
            self.row = row
            self.messages = messages
            super().__init__()

    class Sent(Message):
        """The message is sealed, saved and in the outbox."""

        def __init__(self, event: Event) -> None:
            self.event = event
            super().__init__()

    def __init__(self, persona: str, peer: str, *, community: str = "") -> None:
        super().__init__()
        #: your persona in the conversation, and the other persona (public keys)
        self.persona = persona
        self.peer = peer
        #: where you met, for a first message (a conversation keeps its own afterwards)
        self.community = community
        self.row: ConversationRow | None = None
        self.messages: dict[str, DirectMessage] = {}

    def on_mount(self) -> None:
        """Show who this is with, load, and follow arrivals."""
        super().on_mount()
        self._show_who()
        self.show_status(_("Only you and {peer} can read this.").format(peer=pseudonym(self.peer)))
        self.load()
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """A message may have arrived, or one of yours may have been sent: show it in place."""
        if state.landed or not state.running:
            self.load()

    def _show_who(self) -> None:
        """With whom, as whom, where you met, and what "seen" tells them."""
        line = Text()
        line.append(pseudonym(self.peer), style="bold")
        line.append(" · " + _("you write as {persona}").format(persona=pseudonym(self.persona)))
        community = self.row.community if self.row is not None else self.community
        if community:
            line.append(" · " + _("met in {community}").format(community=plain(community)))
        line.append("\n")
        line.append(seen_words(self.row.seen if self.row is not None else False), style="dim")
        self.query_one("#chat-who", Static).update(line)

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="conversation-load", exit_on_error=False)
    def load(self) -> None:
        """The messages, then count them read (they are on screen now)."""
        from peerhaven.store.dm import conversations, mark_read, messages

        persona, peer = self.persona, self.peer

        def read(
            store: Store,
        ) -> tuple[ConversationRow | None, list[DirectMessage], Event | None]:
            rows = [r for r in conversations(store) if r.persona == persona and r.peer == peer]
            if not rows:
                return None, [], None  # nothing written yet: the first message starts it
            found = messages(store, persona, peer)
            return rows[0], found, mark_read(store, persona, peer)

        row, found, receipt = self.peerhaven.store_call(read)
        self.post_message(self.Loaded(row, found))
        if receipt is not None:  # the member chose "seen" here: it leaves now, not next sync
            self.peerhaven.send_now([receipt], _("Seen"))

    def on_conversation_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, staying on the highlighted message, else on the newest."""
        self.row = message.row
        self._show_who()
        self.messages = {m.event_id: m for m in message.messages}
        empty = _(
            "Nothing written yet. Your first message reaches {peer} as a request, which "
            "they can accept or decline."
        ).format(peer=pseudonym(self.peer))
        self.fill(list(self.messages), empty)

    def item_label(self, item_id: str) -> Text:
        """A message with its author, time and state."""
        return message_label(self.messages[item_id], item_id in self.opened)

    def item_cw(self, item_id: str) -> str | None:
        """The message's content warning."""
        found = self.messages.get(item_id)
        return found.cw if found is not None else None

    def _highlighted(self) -> DirectMessage | None:
        """The message highlighted in the list."""
        return self.messages.get(self.highlighted_id() or "")

    # -- sending -----------------------------------------------------------------------------

    def preview_heading(self) -> str:
        """You, to them, now."""
        return _("{persona} · to {peer} · now").format(
            persona=pseudonym(self.persona), peer=pseudonym(self.peer)
        )

    def seal(self, text: str, label: str | None) -> None:
        """Send in a worker."""
        self._send(text, label)

    @work(thread=True, exclusive=True, group="conversation-send", exit_on_error=False)
    def _send(self, text: str, label: str | None) -> None:
        """A first message fetches their keys from a relay (outside the store's lock);
        then seal, save and queue in one transaction (``sync.dm.send_message``, the CLI's
        ``send_dm`` for the app). The app sends it at once on its own connection."""
        from peerhaven.store.settings import get_setting
        from peerhaven.sync.dm import send_message

        try:
            proxy = self.peerhaven.store_call(get_setting, "proxy")
            sent = send_message(
                self.peerhaven.store_call,
                self.persona,
                self.peer,
                text,
                cw=label,
                community=self.community,
                proxy=proxy if isinstance(proxy, str) and proxy else None,
            )
        finally:
            self.checking = False
        self.post_message(self.Sent(sent.event))

    def on_conversation_screen_sent(self, message: Sent) -> None:
        """Empty the composer, show the message ("not sent yet"), and send it at once."""
        self.after_sending()
        self.show_status(_("Only you and {peer} can read this.").format(peer=pseudonym(self.peer)))
        self.services.send_now(
            [message.event],
            _("Message to {peer}").format(peer=pseudonym(self.peer)),
            done=_("Saved on this device."),
        )
        self.load()

    # -- seen, report, block -----------------------------------------------------------------

    def action_toggle_seen(self) -> None:
        """Turn "seen" on or off for this conversation only."""
        if self.row is None:
            self.notify(_("Seen can be chosen once the conversation has started."))
            return
        self._set_seen(not self.row.seen)

    @work(thread=True, exclusive=True, group="conversation-seen", exit_on_error=False)
    def _set_seen(self, on: bool) -> None:
        from peerhaven.store.dm import set_seen

        self.peerhaven.store_call(set_seen, self.persona, self.peer, on)
        self.app.call_from_thread(self.notify, seen_words(on))
        self.load()

    def action_report(self) -> None:
        """Report the highlighted message of theirs, after saying what that reveals."""
        item = self._highlighted()
        if item is None or item.outgoing:
            self.notify(
                _("Highlight one of their messages to report it (Tab moves to the list)."),
                severity="warning",
            )
            return
        if not item.reportable:
            self.notify(
                _("This message cannot be reported: this device did not keep its proof."),
                severity="warning",
            )
            return
        from peerhaven.tui.modals.report import ReportModal

        where = plain(item.community) if item.community else ""
        whom = (
            _("the moderators of {community}").format(community=where)
            if where
            else _("the moderators of the community where you met")
        )
        body = _(
            "A report reveals exactly this message, and that {author} sent it, to {whom}, who "
            "can check that {author} really wrote it. Nothing else of this conversation is "
            "revealed, relays learn nothing, and {author} is not told who reported it."
        ).format(author=item.author_name, whom=whom)

        def answered(reason: str | None) -> None:
            if reason:
                self._report(item, reason)

        self.app.push_screen(
            ReportModal(
                item.author_name,
                title=_("Report this message from {author}").format(author=item.author_name),
                body=body,
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="conversation-report", exit_on_error=False)
    def _report(self, item: DirectMessage, reason: str) -> None:
        """Seal the report to the moderators and send it at once."""
        from peerhaven.store.dm_report import report_message

        event = self.peerhaven.store_call(report_message, item.id, reason)
        self.services.send_now([event], _("Report"), done=_("Saved on this device."))

    def action_block(self) -> None:
        """Block the other persona, after saying what that does."""
        from peerhaven.tui.modals.confirm import ConfirmModal

        name = pseudonym(self.peer)

        def answered(yes: bool | None) -> None:
            if yes:
                self._block()

        self.app.push_screen(
            ConfirmModal(
                _("Block {peer}?").format(peer=name),
                _(
                    "Nothing more from {peer} reaches you: no messages, no requests, and "
                    "their posts are hidden in every community. They are not told. Safety and "
                    "filters (F8) can lift the block."
                ).format(peer=name),
                _("Block"),
                cancel_label=_("Not now"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="conversation-block", exit_on_error=False)
    def _block(self) -> None:
        from peerhaven.store.filter_prefs import block

        self.peerhaven.store_call(block, self.peer, note=_("blocked in a conversation"))
        self.app.call_from_thread(self._blocked)

    def _blocked(self) -> None:
        self.notify(_("{peer} is blocked.").format(peer=pseudonym(self.peer)))
        self.dismiss()
