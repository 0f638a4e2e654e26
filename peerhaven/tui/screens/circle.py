"""One circle: its posts and replies in the order they were written, its members, a composer.

The posts are ``store.circles.circle_posts`` (oldest first by their signed
sending time); a reply says whom it answers. ``n`` writes a post and ``r`` a
reply to the highlighted one, in the composer under the list, checked like any
post (``ChatScreen``: the oversharing guard, then the crisis offer) and sealed to
the circle's current key (``store.circle_actions.post_to_circle``), then sent at
once. ``m`` shows the members instead of the posts; there the owner removes one
with ``x`` (asked first: the circle's key changes, so they cannot read what comes
after). ``i`` makes a one-time invite code (the owner only) and shows it once;
``L`` leaves, asked first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.core.persona import pseudonym
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.chat import ChatScreen

if TYPE_CHECKING:
    from peerhaven.core.event import Event
    from peerhaven.store import Store
    from peerhaven.store.circle_actions import InviteCode
    from peerhaven.store.circles import CirclePostView, CircleRow, Member
    from peerhaven.tui.syncing import SyncState


def post_label(post: CirclePostView, answers: str | None, opened: bool) -> Text:
    """Author (you), time, whom it answers, then the words or their fold."""
    text = Text()
    text.append(_("You") if post.mine else post.author_pseudonym, style="bold")
    stamp = localized.when(post.sent_at, localized.DAY_TIME)
    text.append(f" · {stamp}", style="dim")
    if post.reply_to is not None:
        text.append(
            " · " + (_("↳ to {author}").format(author=answers) if answers else _("↳ a reply")),
            style="dim",
        )
    text.append("\n")
    if post.cw and not opened:
        text.append(
            _("▸ Folded: content warning “{label}”. o opens it.").format(label=plain(post.cw)),
            style="italic",
        )
    else:
        if post.cw:
            text.append(_("[cw: {label}] ").format(label=plain(post.cw)), style="bold")
        text.append(plain(post.text, multiline=True))
    return text


def member_label(member: Member) -> Text:
    """A member's pseudonym, marked owner or you."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(member.pseudonym, style="bold")
    if member.is_owner:
        text.append(" · " + _("owner"), style="dim")
    if member.is_me:
        text.append(" · " + _("you"), style="dim")
    return text


class CircleScreen(ChatScreen):
    """A circle's posts (or members) above, the composer below."""

    PLACE = "circle"
    SUB_TITLE = N_("A circle")
    BINDINGS = bindings_for("circle")
    AUTO_FOCUS = "#chat-items"
    WHAT = "circle post"
    ITEMS_TITLE = N_("Posts and replies, oldest first")
    TEXT_TITLE = N_("A new post (Ctrl+S sends, Esc leaves)")

    class Loaded(Message):
        """The circle, its posts and its members arrived (its posts counted read)."""

        def __init__(self, row: CircleRow, posts: list[CirclePostView], members: list[Member]):
            self.row = row
            self.posts = posts
            self.members = members
            super().__init__()

    class Sent(Message):
        """A post is sealed, kept here and in the outbox."""

        def __init__(self, event: Event) -> None:
            self.event = event
            super().__init__()

    class Changed(Message):
        """A member was removed, this persona left, or an invite was made."""

        def __init__(self, said: str, invite: InviteCode | None = None) -> None:
            self.said = said
            self.invite = invite
            super().__init__()

    def __init__(self, circle: str) -> None:
        super().__init__()
        self.circle = circle
        self.row: CircleRow | None = None
        self.posts: dict[str, CirclePostView] = {}
        self.members: list[Member] = []
        #: the post the composer answers (None: a new post)
        self.reply_to: str | None = None
        #: the members are shown instead of the posts
        self.showing_members = False

    def compose(self) -> ComposeResult:
        """The chat layout, with a members list beside the posts (shown by m)."""
        for widget in super().compose():
            yield widget
            if widget.id == "chat-items":
                yield OptionList(id="circle-members")

    def on_mount(self) -> None:
        """Load, and follow syncs (posts, welcomes and new keys arrive through them)."""
        super().on_mount()
        self.query_one("#circle-members").border_title = _("Members")
        self.query_one("#circle-members").border_subtitle = _("x removes (owner) · m posts")
        self.query_one("#circle-members").display = False
        self.show_status(_("Only the circle's members can read what is posted here."))
        self.load()
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """Something landed: reload in place."""
        if state.landed or not state.running:
            self.load()

    @work(thread=True, exclusive=True, group="circle-load", exit_on_error=False)
    def load(self) -> None:
        """The circle, its posts and members; then its posts count as read."""
        from peerhaven.store.circles import (
            circle_members,
            circle_posts,
            get_circle,
            mark_circle_read,
        )

        circle = self.circle

        def read(store: Store) -> tuple[CircleRow, list[CirclePostView], list[Member]]:
            row = get_circle(store, circle)
            posts = circle_posts(store, row.id, limit=500)
            members = circle_members(store, row.id)
            mark_circle_read(store, row.id)
            return row, posts, members

        row, posts, members = self.peerhaven.store_call(read)
        self.post_message(self.Loaded(row, posts, members))

    def on_circle_screen_loaded(self, message: Loaded) -> None:
        """Fill both lists and say where this circle stands."""
        from peerhaven.tui.screens.circles import circle_name

        row = self.row = message.row
        self.posts = {post.id: post for post in message.posts}
        self.members = message.members
        who = Text()
        who.append(circle_name(row), style="bold")
        who.append(" · " + _("as {persona}").format(persona=pseudonym(row.persona)))
        who.append("\n")
        who.append(row.state_words(), style="dim")
        if row.is_owner and row.state == "member":
            who.append("  " + _("i invites someone."), style="dim")
        if row.rules:
            who.append("  " + _("Rules: {rules}").format(rules=plain(row.rules)), style="dim")
        self.query_one("#chat-who", Static).update(who)
        self.fill(list(self.posts), _("Nothing posted yet. n writes the first post."))
        members = self.query_one("#circle-members", OptionList)
        highlighted = members.highlighted
        members.clear_options()
        for member in self.members:
            members.add_option(Option(member_label(member), id=member.pubkey))
        if self.members:
            members.highlighted = min(highlighted or 0, len(self.members) - 1)
        member_now = row.state == "member"
        self.writing_area().disabled = not member_now
        self.query_one("#chat-cw").disabled = not member_now

    def item_label(self, item_id: str) -> Text:
        """A post with whom it answers."""
        post = self.posts[item_id]
        answered = self.posts.get(post.reply_to or "")
        name = None
        if answered is not None:
            name = _("you") if answered.mine else answered.author_pseudonym
        return post_label(post, name, item_id in self.opened)

    def item_cw(self, item_id: str) -> str | None:
        """The post's content warning."""
        found = self.posts.get(item_id)
        return found.cw if found is not None else None

    # -- writing -----------------------------------------------------------------------------

    def _can_write(self) -> bool:
        """Only a member writes; anyone else reads why not."""
        if self.row is not None and self.row.state == "member":
            return True
        words = self.row.state_words() if self.row is not None else _("Loading…")
        self.notify(words, title=_("Not posted"), severity="warning")
        return False

    def action_new_post(self) -> None:
        """Write a new post in the composer."""
        if not self._can_write():
            return
        self.reply_to = None
        self.writing_area().border_title = _(self.TEXT_TITLE)
        self.writing_area().focus()

    def action_reply(self) -> None:
        """Write a reply to the highlighted post."""
        post = self.posts.get(self.highlighted_id() or "")
        if post is None or not self._can_write():
            return
        self.reply_to = post.id
        name = _("you") if post.mine else post.author_pseudonym
        self.writing_area().border_title = _("A reply to {author} (Ctrl+S sends)").format(
            author=name
        )
        self.writing_area().focus()

    def preview_heading(self) -> str:
        """You, in the circle, now."""
        name = plain(self.row.name) if self.row is not None else ""
        persona = pseudonym(self.row.persona) if self.row is not None else ""
        return _("{persona} · {circle} · now").format(persona=persona, circle=name)

    def seal(self, text: str, label: str | None) -> None:
        """Seal to the circle's current key in a worker."""
        self._post(text, label, self.reply_to)

    @work(thread=True, exclusive=True, group="circle-post", exit_on_error=False)
    def _post(self, text: str, label: str | None, reply_to: str | None) -> None:
        from peerhaven.store.circle_actions import post_to_circle

        try:
            event, _view = self.peerhaven.store_call(
                post_to_circle, self.circle, text, cw=label, reply_to=reply_to
            )
        finally:
            self.checking = False
        self.post_message(self.Sent(event))

    def on_circle_screen_sent(self, message: Sent) -> None:
        """Empty the composer, show the post, send it at once."""
        kind = _("Reply") if self.reply_to else _("Post")
        self.after_sending()
        self.reply_to = None
        self.writing_area().border_title = _(self.TEXT_TITLE)
        self.query_one("#chat-items").focus()
        self.services.send_now([message.event], kind, done=_("Saved on this device."))
        self.load()

    # -- members, invite, remove, leave -----------------------------------------------------

    def action_members(self) -> None:
        """Show the members instead of the posts, or the posts again."""
        self.showing_members = not self.showing_members
        self.query_one("#circle-members").display = self.showing_members
        self.query_one("#chat-items").display = not self.showing_members
        target = "#circle-members" if self.showing_members else "#chat-items"
        self.query_one(target).focus()

    def action_invite(self) -> None:
        """A one-time code for one person (the owner only)."""
        if self.row is None:
            return
        if not self.row.is_owner:
            self.notify(_("Only the circle's owner can invite."), severity="warning")
            return
        self._invite()

    @work(thread=True, exclusive=True, group="circle-change", exit_on_error=False)
    def _invite(self) -> None:
        from peerhaven.store.circle_actions import make_invite

        code = self.peerhaven.store_call(make_invite, self.circle)
        self.post_message(self.Changed("", code))

    def action_remove_member(self) -> None:
        """Remove the highlighted member (the owner only; asked first)."""
        if self.row is None:
            return
        if not self.showing_members:
            self.notify(_("Press m to see the members, then x on the one to remove."))
            return
        if not self.row.is_owner:
            self.notify(_("Only the circle's owner can remove a member."), severity="warning")
            return
        listing = self.query_one("#circle-members", OptionList)
        if listing.highlighted is None:
            return
        member = self.members[listing.highlighted]
        if member.is_me:
            self.notify(_("The owner cannot be removed from their own circle."), severity="warning")
            return
        from peerhaven.tui.modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(member)

        self.app.push_screen(
            ConfirmModal(
                _("Remove {member}?").format(member=member.pseudonym),
                _(
                    "The circle's key changes and the new one goes to everyone else, so "
                    "{member} cannot read anything posted after this. What they already "
                    "received stays on their device."
                ).format(member=member.pseudonym),
                _("Remove"),
                cancel_label=_("Not now"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="circle-change", exit_on_error=False)
    def _remove(self, member: Member) -> None:
        from peerhaven.store.circle_actions import remove_member

        self.peerhaven.store_call(remove_member, self.circle, member.pubkey)
        said = _("{member} is removed; the circle has a new key.").format(member=member.pseudonym)
        self.post_message(self.Changed(said))

    def action_leave(self) -> None:
        """Leave the circle (asked first)."""
        if self.row is None:
            return
        if self.row.is_owner:
            self.notify(
                _("The owner cannot leave their own circle; remove its members instead."),
                severity="warning",
            )
            return
        from peerhaven.tui.modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self._leave_circle()

        self.app.push_screen(
            ConfirmModal(
                _("Leave this circle?"),
                _(
                    "The owner's device gives the others a new key, so you will not read "
                    "what is posted after you leave. What you already have stays here. "
                    "To come back you need a new invite code."
                ),
                _("Leave"),
                cancel_label=_("Stay"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="circle-change", exit_on_error=False)
    def _leave_circle(self) -> None:
        from peerhaven.store.circle_actions import leave_circle

        self.peerhaven.store_call(leave_circle, self.circle)
        self.post_message(self.Changed(_("You left the circle.")))

    def on_circle_screen_changed(self, message: Changed) -> None:
        """Show the invite once, or say what changed; send what was queued at once."""
        if message.invite is not None:
            from peerhaven.tui.modals.circle_forms import InviteCodeModal

            name = plain(self.row.name) if self.row is not None else ""
            self.app.push_screen(
                InviteCodeModal(name, message.invite.code, message.invite.expires_at)
            )
            return
        self.notify(message.said)
        self.services.request_sync()
        self.load()
