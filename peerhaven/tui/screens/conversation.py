"""One private conversation: the messages in the order they were written, and a composer.

The messages are ``store.dm.messages`` (the order each sender wrote them, so
messages delivered out of order are shown in order): who wrote each, when, and
for your own whether it is still in the outbox ("not sent yet"), taken by a relay
("sent") or refused (the relay's reason). A message behind a content warning is
folded until ``Ctrl+O``. Opening the conversation counts its messages read.

The composer is the post composer's machinery, not a copy: ``CheckedSendingScreen``
runs the oversharing guard and then the crisis offer before anything leaves, the
preview (``Ctrl+R``) is ``compose.folded_preview``, and words not yet sent are
autosaved like a post's. Sending seals and queues the message in one transaction
(``sync.dm``), then the app sends it at once and says how it went; offline, it
waits in the outbox like a post.

Also here: reporting a message (the reporter's choice; it reveals exactly that
message and who sent it to those named in the dialog), the per-conversation
"seen" choice (off unless chosen here), and blocking.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from peerhaven.core.i18n import _
from peerhaven.core.inert import has_visible_text
from peerhaven.core.persona import pseudonym
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.checked_send import CheckedSendingScreen

if TYPE_CHECKING:
    from peerhaven.core.event import Event
    from peerhaven.store import Store
    from peerhaven.store.dm import ConversationRow
    from peerhaven.store.dm import Message as DirectMessage
    from peerhaven.store.drafts import Draft
    from peerhaven.tui.screens.autosave import DraftWriter
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
    stamp = dt.datetime.fromtimestamp(message.sent_at).strftime("%-d %b %H:%M")
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


class ConversationScreen(CheckedSendingScreen):
    """The messages with one persona, and the composer under them."""

    PLACE = "conversation"
    SUB_TITLE = _("A conversation")
    BINDINGS = bindings_for("conversation")
    AUTO_FOCUS = "#conversation-text"
    WHAT = "message"

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

    class SendFailed(Message):
        """Nothing was sent (the app already said why); the words stay."""

    def __init__(self, persona: str, peer: str, *, community: str = "") -> None:
        super().__init__()
        #: your persona in the conversation, and the other persona (public keys)
        self.persona = persona
        self.peer = peer
        #: where you met, for a first message (a conversation keeps its own afterwards)
        self.community = community
        self.row: ConversationRow | None = None
        self.messages: dict[str, DirectMessage] = {}
        #: messages whose fold the member opened
        self.opened: set[str] = set()
        self.draft: Draft | None = None
        self._saved_note = ""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Who you talk with, the messages, the composer, the state line, the keys."""
        yield Header()
        yield Static("", id="conversation-who")
        yield OptionList(id="conversation-messages")
        yield TextArea(id="conversation-text", soft_wrap=True)
        with VerticalScroll(id="conversation-preview"):
            yield Static("", id="conversation-preview-text")
        with Horizontal(id="conversation-cw-row"):
            yield Static(_("Content warning"), classes="label")
            yield Input(
                placeholder=_("a label they see before the words (e.g. grief)"),
                id="conversation-cw",
            )
        yield Static("", id="conversation-status")
        yield Footer()

    def on_mount(self) -> None:
        """Title the boxes, show who this is with, load, and follow arrivals."""
        self.query_one("#conversation-messages").border_title = _("Messages, oldest first")
        self.query_one("#conversation-text").border_title = _("Your message")
        self.query_one("#conversation-preview").border_title = _(
            "Preview: as {peer} will see it"
        ).format(peer=pseudonym(self.peer))
        self.query_one("#conversation-preview").display = False
        self._show_who()
        self._show_status(_("Only you and {peer} can read this.").format(peer=pseudonym(self.peer)))
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
        self.query_one("#conversation-who", Static).update(line)

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="conversation-load", exit_on_error=False)
    def load(self) -> None:
        """The messages, then count them read (they are on screen now)."""
        from peerhaven.store.dm import conversations, mark_read, messages

        persona, peer = self.persona, self.peer

        def read(store: Store) -> tuple[ConversationRow | None, list[DirectMessage]]:
            rows = [r for r in conversations(store) if r.persona == persona and r.peer == peer]
            if not rows:
                return None, []  # nothing written yet: the first message starts it
            found = messages(store, persona, peer)
            mark_read(store, persona, peer)
            return rows[0], found

        row, found = self.peerhaven.store_call(read)
        self.post_message(self.Loaded(row, found))

    def on_conversation_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, staying on the highlighted message, else on the newest."""
        self.row = message.row
        self._show_who()
        listing = self.query_one("#conversation-messages", OptionList)
        before = listing.highlighted
        kept = listing.get_option_at_index(before).id if before is not None else None
        at_end = before is None or before >= listing.option_count - 1
        listing.clear_options()
        self.messages = {m.event_id: m for m in message.messages}
        for item in message.messages:
            listing.add_option(Option(message_label(item, item.event_id in self.opened), item.event_id))
        if not self.messages:
            listing.add_option(
                Option(
                    _(
                        "Nothing written yet. Your first message reaches {peer} as a request, "
                        "which they can accept or decline."
                    ).format(peer=pseudonym(self.peer)),
                    disabled=True,
                )
            )
            return
        if kept in self.messages and not at_end:
            listing.highlighted = listing.get_option_index(kept)
        else:
            listing.highlighted = listing.option_count - 1

    def _highlighted(self) -> DirectMessage | None:
        """The message highlighted in the list."""
        listing = self.query_one("#conversation-messages", OptionList)
        if listing.highlighted is None:
            return None
        return self.messages.get(listing.get_option_at_index(listing.highlighted).id or "")

    def action_unfold(self) -> None:
        """Open the highlighted message's fold, or fold it again."""
        item = self._highlighted()
        if item is None or not item.cw:
            return
        self.opened.symmetric_difference_update({item.event_id})
        listing = self.query_one("#conversation-messages", OptionList)
        listing.replace_option_prompt(
            item.event_id, message_label(item, item.event_id in self.opened)
        )

    # -- the composer ----------------------------------------------------------------------

    def _text(self) -> str:
        return self.query_one("#conversation-text", TextArea).text

    def _label(self) -> str | None:
        label = self.query_one("#conversation-cw", Input).value.strip()
        return label or None

    def _show_status(self, note: str) -> None:
        """The count, then the last note (saved, sent, or who can read this)."""
        self._saved_note = note
        count = len(self._text())
        words = _("{count} characters").format(count=f"{count:,}") if count else ""
        self.query_one("#conversation-status", Static).update(
            f"{words} · {note}" if words else note
        )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Count, mark unsaved work, and keep the preview current."""
        self.generation += 1
        self._show_status(self._saved_note)
        if self.query_one("#conversation-preview").display:
            self._show_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The warning is part of what is saved and previewed."""
        if event.input.id == "conversation-cw":
            self.on_text_area_changed(None)  # type: ignore[arg-type]

    def writing_area(self) -> TextArea:
        """The composer, where the guard's "Edit it" selects the finding."""
        return self.query_one("#conversation-text", TextArea)

    def before_editing(self) -> None:
        """Leave the preview, so the words are there to edit."""
        if self.query_one("#conversation-preview").display:
            self.action_toggle_preview()

    def action_toggle_preview(self) -> None:
        """Show the message as they will see it, or go back to writing."""
        preview = self.query_one("#conversation-preview")
        area = self.writing_area()
        preview.display = not preview.display
        area.display = not preview.display
        if preview.display:
            self._show_preview()
        else:
            area.focus()

    def _show_preview(self) -> None:
        from peerhaven.tui.screens.compose import folded_preview

        heading = _("{persona} · to {peer} · now").format(
            persona=pseudonym(self.persona), peer=pseudonym(self.peer)
        )
        label = self._label()
        self.query_one("#conversation-preview-text", Static).update(
            folded_preview(heading, self._text(), [label] if label else [])
        )

    def action_send(self) -> None:
        """Check the words (guard, then crisis offer), then send them."""
        text = self._text()
        if not has_visible_text(text):
            self.notify(_("A message needs some words."), title=_("Not sent"), severity="warning")
            return
        self.start_check(text)

    def send_checked(self, text: str) -> None:
        """Seal and queue exactly the words that were checked."""
        self._send(text, self._label())

    @work(thread=True, exclusive=True, group="conversation-send", exit_on_error=False)
    def _send(self, text: str, label: str | None) -> None:
        """Fetch their keys if this starts the conversation, seal, save, queue; then the
        draft of these words is erased."""
        from peerhaven.sync.dm import send_message

        try:
            sent = send_message(
                self.peerhaven.store_call,
                self.persona,
                self.peer,
                text,
                cw=label,
                community=self.community,
            )
        except Exception:
            self.post_message(self.SendFailed())
            raise
        finally:
            self.checking = False
        self.post_message(self.Sent(sent.event))

    def on_conversation_screen_sent(self, message: Sent) -> None:
        """Empty the composer, show the message ("not sent yet"), and send it at once."""
        area = self.writing_area()
        area.load_text("")
        self.query_one("#conversation-cw", Input).value = ""
        if self.query_one("#conversation-preview").display:
            self.action_toggle_preview()
        self.saved_generation = self.generation
        self._show_status(_("Saved on this device; sending…"))
        self.services.send_now(
            [message.event],
            _("Message to {peer}").format(peer=pseudonym(self.peer)),
            done=_("Saved on this device."),
        )
        self.load()

    def on_conversation_screen_send_failed(self) -> None:
        """The words stay where they were."""
        self.writing_area().focus()

    # -- drafts ------------------------------------------------------------------------------

    def keeps_drafts(self) -> bool:
        """Direct messages are not kept as drafts (see ``draft_writer``)."""
        return False

    def draft_writer(self) -> DraftWriter:
        """Never called while ``keeps_drafts`` is False."""

        def write(store: Store) -> Draft | None:
            return None

        return write

    def draft_saved(self, draft: Draft | None, closing: bool) -> None:
        """Close when asked."""
        if closing:
            self.dismiss()

    def action_close(self) -> None:
        """Back to the list."""
        self.dismiss()

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

        events = self.peerhaven.store_call(report_message, item.id, reason)
        self.services.send_now(events, _("Report"), done=_("Saved on this device."))

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
