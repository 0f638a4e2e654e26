"""One thread: the first post and its replies nested under their parents.

Every action works on the highlighted post: the four reactions on 1–4, reply,
open a content warning, report, mute (thread or author, for a day, a week or
for good), block, and withdraw your own post. Each is a store function (the
CLI has the same ones); the view reloads from the store afterwards, so what
you see is what was recorded. A reply that a relay's live stream brings while the
thread is open appears in place, the highlighted post kept on its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.others_text import markup, plain
from peerhaven.tui.screens.base import PlaceScreen
from peerhaven.tui.widgets.kept_place import refill_keeping_place
from peerhaven.tui.widgets.post_view import REACTION_WORDS, post_block

if TYPE_CHECKING:
    from peerhaven.store.feed import FeedInfo, Post
    from peerhaven.sync.live import Arrival
    from peerhaven.tui.modals.mute import MuteChoice

HINT = N_(
    "1 me too · 2 been there · 3 sending support · 4 thank you · r reply · o open a warning · "
    "! report · m mute · b block · e edit or x withdraw yours"
)
OBSERVER_HINT = N_(
    "Reading only: join the community to react, reply or report · o open a warning · "
    "m mute · b block"
)
WITHDRAW_BODY = N_(
    "It is erased from this device now, and relays erase it when they receive the "
    "deletion. Members who already have a copy keep it until their app syncs the "
    "deletion; a copy someone saved or photographed cannot be called back."
)


@dataclass(frozen=True, slots=True)
class Row:
    """A post as placed in the thread: how deep, and whom it answers."""

    post: Post
    depth: int
    parent_author: str | None


def flatten(root: Post) -> list[Row]:
    """Depth-first, replies under their parents in the order they were written.

    Whom a reply answers comes from the store (``Post.to``), not from where it
    is drawn: a reply to a post out of sight is drawn under the nearest post in
    sight but says "↳ to a persona you blocked", never another persona's name.
    """
    rows: list[Row] = []

    def walk(post: Post, depth: int) -> None:
        rows.append(Row(post, depth, post.to))
        for reply in post.replies:
            walk(reply, depth + 1)

    walk(root, 0)
    return rows


class ThreadScreen(PlaceScreen):
    """The thread around ``root_id`` (any post of it); ``focus`` is highlighted first."""

    PLACE = "thread"
    SUB_TITLE = N_("Thread")
    BINDINGS = bindings_for("thread")
    AUTO_FOCUS = "#posts"

    class Loaded(Message):
        """The thread (and its community's header facts) arrived."""

        def __init__(self, root: Post, info: FeedInfo | None) -> None:
            self.root = root
            self.info = info
            super().__init__()

    class Done(Message):
        """An action was recorded; say so and reload (or leave, for a muted thread).

        ``note`` is None for a signed action: the app's "Sending…" says it instead."""

        def __init__(self, note: str | None, *, leave: bool = False) -> None:
            self.note = note
            self.leave = leave
            super().__init__()

    def __init__(self, root_id: str, *, focus: str | None = None, unfold: bool = False) -> None:
        super().__init__()
        self.root_id = root_id
        self.focus_id = focus
        #: posts whose content warning the reader opened (folded again with o)
        self.opened: set[str] = {root_id} if unfold else set()
        self.rows: list[Row] = []
        self.info: FeedInfo | None = None
        self._resumed = False

    def compose(self) -> ComposeResult:
        """Where this thread lives, the posts, and the keys in words."""
        yield Header()
        yield Static(_("Loading the thread…"), id="thread-header")
        yield OptionList(id="posts")
        yield Static(_(HINT), id="thread-hint")
        yield Footer()

    def on_mount(self) -> None:
        """Name the list and start reading before the screen is first painted."""
        self.query_one("#posts").border_title = _("First post, then replies under what they answer")
        self.load()
        self.services.arrived.subscribe(self, self.arrived)

    def arrived(self, arrival: Arrival) -> None:
        """A live stream stored posts in this thread's community: read the thread again
        (a reply to it shows in place; anything else changes nothing on screen)."""
        if self.rows and arrival.community == self.rows[0].post.community:
            self.reload()

    def on_screen_resume(self) -> None:
        """After writing a reply (the first visit is loaded from ``on_mount``)."""
        if self._resumed:
            self.reload()
        self._resumed = True

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the thread again, keeping the highlighted post."""
        current = self._current()
        if current is not None:
            self.focus_id = current.id
        self.load()

    @work(thread=True, exclusive=True, group="thread-load", exit_on_error=False)
    def load(self) -> None:
        """The whole thread (replies nest under their parents) and the header facts."""
        from peerhaven.store.errors import NotFound
        from peerhaven.store.feed import feed_info, thread

        try:
            root = self.peerhaven.store_call(thread, self.root_id)
        except NotFound:  # gone from this device (retention, a purge): said once, then back
            self.app.call_from_thread(self._gone)
            return
        try:
            info = self.peerhaven.store_call(feed_info, root.community)
        except NotFound:
            info = None  # a community left since: still readable, not writable
        self.post_message(self.Loaded(root, info))

    def _gone(self) -> None:
        if self.app.screen is self and len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def on_thread_screen_loaded(self, message: Loaded) -> None:
        """Draw every post; keep the highlight where it was (or on the post asked for)."""
        self.info = message.info
        root = message.root
        if root.id != self.root_id and self.root_id in self.opened:
            self.opened.add(root.id)
        self.root_id = root.id
        self.rows = flatten(root)
        self.sub_title = plain(message.info.name) if message.info else root.community
        self.query_one("#thread-header", Static).update(self._header(root, message.info))
        observing = message.info is None or message.info.observer
        self.query_one("#thread-hint", Static).update(_(OBSERVER_HINT if observing else HINT))
        posts = self.query_one("#posts", OptionList)
        options: list[Option | None] = []
        for row in self.rows:
            if options:
                options.append(None)
            options.append(Option(self._prompt(row), id=row.post.id))
        target = self.focus_id or root.id
        refill_keeping_place(posts, lambda: posts.clear_options().add_options(options), target)
        if posts.highlighted is None:  # the post was muted or blocked away: start at the top
            posts.highlighted = 0

    def _header(self, root: Post, info: FeedInfo | None) -> Text:
        # what the feed's row counts too: replies in sight, not the withdrawn ones
        replies = sum(1 for row in self.rows[1:] if not row.post.deleted)
        text = Text()
        text.append(plain(info.name) if info else root.community, style="bold")
        text.append(_(" · thread by {plain} · ").format(plain=plain(root.author)))
        text.append(ngettext("{count} reply", "{count} replies", replies).format(count=replies))
        if info is not None:
            role = (
                _("reading only")
                if info.observer
                else _("you speak as {pseudonym}").format(pseudonym=info.pseudonym)
            )
            text.append(f" · {role}")
        return text

    def _prompt(self, row: Row) -> Padding:
        return post_block(
            row.post,
            row.depth,
            opened=row.post.id in self.opened,
            parent_author=row.parent_author,
        )

    def _current(self) -> Post | None:
        """The highlighted post."""
        posts = self.query_one("#posts", OptionList)
        if posts.highlighted is None or posts.option_count == 0:
            return None
        option_id = posts.get_option_at_index(posts.highlighted).id
        return next((row.post for row in self.rows if row.post.id == option_id), None)

    # -- reading ---------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#posts")
    def selected(self) -> None:
        """Enter (or a click) on a folded post opens it."""
        post = self._current()
        if post is not None and post.fold is not None:
            self.action_unfold()

    def action_unfold(self) -> None:
        """Open the highlighted post's content warning, or fold it again."""
        post = self._current()
        if post is None or post.fold is None:
            return
        self.opened.symmetric_difference_update({post.id})
        posts = self.query_one("#posts", OptionList)
        index = posts.get_option_index(post.id)
        row = next(row for row in self.rows if row.post.id == post.id)
        posts.replace_option_prompt_at_index(index, self._prompt(row))

    # -- acting on the highlighted post -----------------------------------------------------

    def _writable(self) -> Post | None:
        """The highlighted post, if this persona may act on it (observers only read)."""
        post = self._current()
        if post is None:
            return None
        if self.info is None or self.info.observer:
            name = markup(self.info.name) if self.info else post.community
            self.notify(
                _("You are reading {name} only; join it to react, reply or report.").format(
                    name=name
                )
            )
            return None
        if post.deleted:
            self.notify(_("That post was withdrawn by its author."))
            return None
        return post

    def action_react(self, which: str) -> None:
        """One of the four reactions on the highlighted post (each counts once per persona)."""
        post = self._writable()
        if post is None:
            return
        if which in post.my_reactions:
            self.notify(
                _("You already said “{reaction}” to this post.").format(
                    reaction=_(REACTION_WORDS[which])
                ),
                timeout=3,
            )
            return
        self.react(post.id, which)

    @work(thread=True, group="thread-act", exit_on_error=False)
    def react(self, event_id: str, which: str) -> None:
        """Sign, store and queue the reaction, then send it at once (the app says how)."""
        from peerhaven.store.publish import publish_reaction

        event = self.peerhaven.store_call(publish_reaction, event_id, which)
        self.services.send_now(
            [event],
            f"“{_(REACTION_WORDS[which])}”",
            done=_("Saved."),
        )
        self.post_message(self.Done(None))

    def action_reply(self) -> None:
        """Write a reply to the highlighted post."""
        post = self._writable()
        if post is not None:
            from peerhaven.tui.screens.compose import ComposeScreen

            self.app.push_screen(ComposeScreen(post.community, reply_to=post.id))

    def action_write_privately(self) -> None:
        """Open a conversation with the highlighted post's author, as your persona here
        (it reaches them as a request until they accept)."""
        from peerhaven.core.i18n import _

        post = self._writable()
        if post is None or self.info is None:
            return
        if post.mine:
            self.notify(_("That post is yours; w writes privately to someone else's."))
            return
        from peerhaven.tui.screens.conversation import ConversationScreen

        self.app.push_screen(
            ConversationScreen(self.info.persona, post.pubkey, community=self.info.slug)
        )

    def action_edit_post(self) -> None:
        """Edit your own highlighted post while its few minutes last."""
        from peerhaven.store.edits import still_editable
        from peerhaven.store.publish import edit_closed

        post = self._writable()
        if post is None:
            return
        if not post.mine:
            self.notify(_("You can only edit your own posts; r replies to this one."))
            return
        if not still_editable(post.created_at):
            self.notify(edit_closed())
            return
        from peerhaven.tui.screens.compose import ComposeScreen

        self.app.push_screen(ComposeScreen(post.community, edit_of=post.id))

    def action_report(self) -> None:
        """Ask for a reason, then send it sealed to the moderators."""
        from peerhaven.tui.modals.report import ReportModal

        post = self._writable()
        if post is None:
            return
        if post.mine:
            self.notify(_("That is your own post; x withdraws it."))
            return

        def answered(reason: str | None) -> None:
            if reason:
                self.report(post.id, reason)

        self.app.push_screen(ReportModal(post.author), answered)

    @work(thread=True, group="thread-act", exit_on_error=False)
    def report(self, event_id: str, reason: str) -> None:
        """Seal the reason to the moderators, queue the report and send it at once."""
        from peerhaven.store.reports import publish_report

        event = self.peerhaven.store_call(publish_report, event_id, reason)
        done = _("Only the community's moderators can read why.")
        self.services.send_now([event], _("Reported"), done=done)
        self.post_message(self.Done(None))

    def action_mute(self) -> None:
        """Mute the thread or the author, for a day, a week or for good."""
        from peerhaven.tui.modals.mute import MuteModal

        post = self._current()
        if post is None:
            return

        def answered(choice: MuteChoice | None) -> None:
            if choice is not None:
                self.mute(post, choice)

        self.app.push_screen(MuteModal(None if post.mine else post.author), answered)

    @work(thread=True, group="thread-act", exit_on_error=False)
    def mute(self, post: Post, choice: MuteChoice) -> None:
        """Record the mute on this device; a muted thread leaves the feed at once."""
        from peerhaven.store.filter_prefs import mute

        span = {
            "day": _("for a day"),
            "week": _("for a week"),
            "forever": _("until you unmute it"),
        }
        if choice.kind == "thread":
            self.peerhaven.store_call(mute, "thread", self.root_id, choice.duration)
            self.post_message(
                self.Done(_("Thread muted {span}.").format(span=span[choice.duration]), leave=True)
            )
        else:
            self.peerhaven.store_call(mute, "persona", post.pubkey, choice.duration)
            self.post_message(self.Done(f"{markup(post.author)} muted {span[choice.duration]}."))

    def action_block(self) -> None:
        """Block the author of the highlighted post, after saying what that means."""
        post = self._current()
        if post is None:
            return
        if post.mine:
            self.notify(_("That is one of your own personas."))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.block(post)

        self.app.push_screen(
            ConfirmModal(
                _("Block {markup}?").format(markup=markup(post.author)),
                _(
                    "Everything this persona writes is hidden on this device, in every "
                    "community, and replies to it are folded. They are not told. "
                    "`peerhaven unblock` lifts it."
                ),
                _("Block"),
            ),
            answered,
        )

    @work(thread=True, group="thread-act", exit_on_error=False)
    def block(self, post: Post) -> None:
        """Record the block on this device."""
        from peerhaven.store.filter_prefs import block

        self.peerhaven.store_call(block, post.pubkey)
        leave = post.id == self.root_id
        self.post_message(
            self.Done(_("{markup} is blocked.").format(markup=markup(post.author)), leave=leave)
        )

    def action_withdraw(self) -> None:
        """Withdraw your own highlighted post, saying honestly how far that reaches."""
        post = self._current()
        if post is None or post.deleted:
            return
        if not post.mine:
            self.notify(_("You can only withdraw your own posts; b blocks, m mutes, ! reports."))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.withdraw(post.id)

        self.app.push_screen(
            ConfirmModal(_("Withdraw this post?"), _(WITHDRAW_BODY), _("Withdraw")), answered
        )

    @work(thread=True, group="thread-act", exit_on_error=False)
    def withdraw(self, event_id: str) -> None:
        """Sign and queue the deletion, then send it at once; the post is erased here."""
        from peerhaven.store.publish import publish_delete

        event = self.peerhaven.store_call(publish_delete, event_id)
        done = _("Erased here; relays erase it once they receive the deletion.")
        self.services.send_now([event], _("Withdrawn"), done=done)
        self.post_message(self.Done(None))

    def on_thread_screen_done(self, message: Done) -> None:
        """Say what happened; show the thread as the store now has it (or go back)."""
        if message.note is not None:
            self.notify(message.note, timeout=4)
        if message.leave:
            self.app.call_later(self.peerhaven.action_back)
        else:
            self.reload()
