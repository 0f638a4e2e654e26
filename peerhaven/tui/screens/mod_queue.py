"""The moderators' queue for one community: reported posts and what to do about them.

Open only to the owner and the moderators the owner named (anyone else reads one
sentence saying so). Each item is a reported post with every report about it;
hiding, restoring and banning sign a ``moderate`` event that relays enforce and
every member's device honours, dismissing is a note on this device only. Below
the reports, in communities that hold newcomers' first posts, come the posts
waiting for a moderator's approval (``store.held``): approving signs a
``restore`` that makes relays publish the post, declining a ``hide`` that makes
them erase it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.modals.moderation import ModerationModal
from peerhaven.tui.others_text import markup, plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.held import HeldPost
    from peerhaven.store.mod_queue import Moderator, QueueItem


def _ago(at: int, then: int) -> str:
    from peerhaven.store.relays import ago

    return ago(at - then)


def item_label(item: QueueItem, at: int, *, revealed: bool = False) -> Text:
    """A reported post in words: state, author, the post (folded behind a warning), reports."""
    text = Text()
    count = len(item.waiting) if not item.handled else len(item.reports)
    noun = "report" if count == 1 else "reports"
    if item.handled:
        text.append(_("✓ Handled: "), style="bold")
        text.append(item.outcome)
        text.append(f" · {count} {noun}")
    else:
        text.append(f"● {count} open {noun}", style="bold")
    text.append(
        _(" · post by {plain} · latest {ago}").format(
            plain=plain(item.author_name), ago=_ago(at, item.newest)
        )
    )
    marks = [
        m for m, yes in ((_("hidden now"), item.hidden), (_("author banned"), item.banned)) if yes
    ]
    if marks:
        text.append(f" · {', '.join(marks)}", style="italic")
    text.append("\n")
    if not item.present:
        text.append(_("  The post is not on this device (withdrawn, or not synced yet)."), "italic")
    elif item.cw and not revealed:
        labels = ", ".join(plain(label) for label in item.cw)
        text.append(
            _("  ⚠ Content warning: {labels}. Press v to read the post.").format(labels=labels),
            "italic",
        )
    else:
        if item.cw:
            text.append(f"  ⚠ {', '.join(plain(label) for label in item.cw)}: ", "italic")
        else:
            text.append("  ")
        text.append(f"“{plain(' '.join(item.content.split()))}”")
    for report in item.reports:
        state = ""
        if report.dismissed:
            state = " (dismissed)"
        elif report.handled:
            state = " (handled)"
        reporter = plain(report.reporter)
        text.append(f"\n  · {reporter}, {_ago(at, report.created_at)}{state}: ", "dim")
        text.append(plain(report.reason, multiline=True))
    return text


def held_label(event: HeldPost, at: int) -> Text:
    """A post held for approval: its author, its age and its words."""
    from peerhaven.core.persona import pseudonym

    text = Text()
    text.append(f"{pseudonym(event.pubkey)} · {_ago(at, event.created_at)}\n", style="bold")
    text.append(f"  “{plain(' '.join(event.content.split()))}”")
    return text


HIDE_EXPLAINED = N_(
    "Hiding takes the post out of the feed here at once and sends the hide to your relays "
    "straight away (with no relay reachable, at the first sync that reaches one); relays "
    "then stop serving it, and every member's device hides it when it next syncs. It is "
    "recorded in the moderation log that every member can read. You can restore it later."
)


class ModQueueScreen(PlaceScreen):
    """Reports sealed to your persona in one community, grouped by reported post."""

    PLACE = "queue"
    SUB_TITLE = N_("Moderation queue")
    BINDINGS = bindings_for("queue")
    AUTO_FOCUS = "#queue"

    class Loaded(Message):
        """The queue as it stands, or why there is none."""

        def __init__(
            self,
            moderator: Moderator | None,
            items: list[QueueItem],
            refusal: str,
            held: Sequence[HeldPost],
            at: int,
        ) -> None:
            self.moderator = moderator
            self.items = items
            self.refusal = refusal
            self.held = held
            self.at = at
            super().__init__()

    class Acted(Message):
        """An action went through; ``note`` says so (None: a signed action, which the
        app's "Sending…" speaks for)."""

        def __init__(self, note: str | None) -> None:
            self.note = note
            super().__init__()

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.items: list[QueueItem] = []
        self.moderator: Moderator | None = None
        self.show_handled = False
        self.revealed: set[str] = set()
        self.held: list[HeldPost] = []
        self.at = 0

    def compose(self) -> ComposeResult:
        """A summary line, the reported posts, then room for posts held for approval."""
        yield Header()
        yield Static(_("Opening the reports sealed to you…"), id="queue-summary")
        yield OptionList(id="queue")
        with Vertical(id="held"):
            yield Static(_("First posts waiting for approval"), classes="section")
            yield OptionList(id="held-list")
        yield Footer()

    def on_mount(self) -> None:
        """Title the list; the held section shows only when posts wait."""
        self.query_one("#queue").border_title = _("Reports in {slug}").format(slug=self.slug)
        self.query_one("#held").display = False

    def on_screen_resume(self) -> None:
        """Reload on every return (a sync may have brought new reports)."""
        self.load()

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def load(self) -> None:
        """Open and group the reports off the UI thread."""
        from peerhaven.core.errors import PeerHavenError
        from peerhaven.store import clock
        from peerhaven.store.mod_queue import mod_queue, moderating_persona

        try:
            moderator = self.peerhaven.store_call(moderating_persona, self.slug)
        except PeerHavenError as exc:  # not joined: the app has said so; say it here too
            self.post_message(self.Loaded(None, [], str(exc), [], clock.now()))
            return
        if moderator is None:
            from peerhaven.store.mod_queue import not_a_moderator_sentence

            refusal = self.peerhaven.store_call(not_a_moderator_sentence, self.slug)
            self.post_message(self.Loaded(None, [], refusal, [], clock.now()))
            return
        items = self.peerhaven.store_call(
            mod_queue, self.slug, include_handled=self.show_handled
        )  # fmt: skip
        from peerhaven.store.held import held_posts

        held = self.peerhaven.store_call(held_posts, self.slug)
        self.post_message(self.Loaded(moderator, items, "", held, clock.now()))

    def on_mod_queue_screen_loaded(self, message: Loaded) -> None:
        """Fill the list (keeping the highlight), or say why there is nothing to moderate."""
        self.moderator, self.items, self.at = message.moderator, message.items, message.at
        summary = self.query_one("#queue-summary", Static)
        option_list = self.query_one("#queue", OptionList)
        if message.moderator is None:
            refusal = markup(message.refusal, multiline=True)
            summary.update(
                _("{refusal} Press l to read the moderation log.").format(refusal=refusal)
            )
            option_list.display = False
            return
        self.held = list(message.held)
        summary.update(self._summary())
        keep = option_list.highlighted
        option_list.clear_options()
        for index, item in enumerate(self.items):
            if index:
                option_list.add_option(None)
            option_list.add_option(
                Option(item_label(item, self.at, revealed=item.target in self.revealed))
            )
        if not self.items:
            empty = _("No open reports. Press a to show handled ones, if there are any.")
            if self.show_handled:
                empty = _("No reports have reached you in this community yet.")
            option_list.add_option(Option(empty, disabled=True))
        else:
            option_list.highlighted = min(keep or 0, len(self.items) - 1)
        self._show_held(message.held)

    def _summary(self) -> str:
        """Who you moderate as, how much is open, and how handled reports are shown."""
        assert self.moderator is not None
        role = _("the owner") if self.moderator.role == "owner" else _("a moderator")
        waiting = [i for i in self.items if not i.handled]
        reports = sum(len(i.waiting) for i in waiting)
        posts = ngettext("{count} post", "{count} posts", len(waiting)).format(count=len(waiting))
        counts = ngettext(
            "{posts} with {reports} open report", "{posts} with {reports} open reports", reports
        ).format(posts=posts, reports=reports)
        handled = _("handled reports shown") if self.show_handled else _("a shows handled reports")
        return _(
            "You moderate {slug} as {pseudonym} ({role}). {counts}; {handled}. Keys: h hide "
            "· r restore · b ban · u unban · d dismiss · v read · Ctrl+R refresh · l log."
        ).format(
            slug=self.slug,
            pseudonym=self.moderator.pseudonym,
            role=role,
            counts=counts,
            handled=handled,
        ) + (_(" First posts waiting below: Tab, then y approve · n decline.") if self.held else "")

    def _show_held(self, held: Sequence[HeldPost]) -> None:
        """The second section: posts by new members held for a moderator's approval.

        Out of sight when nothing waits, so communities without a hold see no
        empty section; ``Y`` approves and ``N`` declines the highlighted one.
        """
        self.held = list(held)
        self.query_one("#held").display = bool(held)
        held_list = self.query_one("#held-list", OptionList)
        keep = held_list.highlighted
        held_list.clear_options()
        held_list.add_options(Option(held_label(e, self.at), id=e.id) for e in held)
        if held:
            held_list.highlighted = min(keep or 0, len(held) - 1)

    def _selected_held(self) -> HeldPost | None:
        """The highlighted post waiting for approval, if any wait."""
        index = self.query_one("#held-list", OptionList).highlighted
        if self.moderator is None or not self.held:
            self.notify(_("No first posts are waiting for approval here."), timeout=4)
            return None
        return self.held[index if index is not None and index < len(self.held) else 0]

    def action_approve(self) -> None:
        """Approve the highlighted first post: relays publish it for every member."""
        post = self._selected_held()
        if post is None:
            return

        def answered(reason: str | None) -> None:
            if reason is not None:
                self.decide_held("approve", post.id, reason)

        self.app.push_screen(
            ModerationModal(
                _("Approve this first post by {markup}?").format(markup=markup(post.author)),
                _(
                    "Relays publish it to every member at their next sync, as if it had never "
                    "waited. The approval is recorded in the moderation log; after enough "
                    "approved posts this persona no longer waits."
                ),
                _("Approve"),
            ),
            answered,
        )

    def action_decline(self) -> None:
        """Decline the highlighted first post: relays erase it; its author is told."""
        post = self._selected_held()
        if post is None:
            return

        def answered(reason: str | None) -> None:
            if reason is not None:
                self.decide_held("decline", post.id, reason)

        self.app.push_screen(
            ModerationModal(
                _("Decline this first post by {markup}?").format(markup=markup(post.author)),
                _(
                    "Relays erase it and no member ever sees it; its author's device says it "
                    "was declined. This cannot be undone. It is recorded in the moderation log."
                ),
                _("Decline"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="queue-act", exit_on_error=False)
    def decide_held(self, decision: str, event_id: str, reason: str) -> None:
        """Sign the approval or refusal, queue it, and send it at once."""
        from peerhaven.store.held import approve_held, decline_held

        decide = approve_held if decision == "approve" else decline_held
        event = self.peerhaven.store_call(decide, event_id, reason=reason)
        done = _("Approved") if decision == "approve" else _("Declined")
        self.services.send_now([event], done, done=_("Recorded on this device."))
        self.post_message(self.Acted(None))

    # -- the highlighted item --------------------------------------------------------------

    def _selected(self) -> QueueItem | None:
        """The highlighted reported post (list rows alternate with separators)."""
        option_list = self.query_one("#queue", OptionList)
        index = option_list.highlighted
        if self.moderator is None or index is None or not self.items:
            return None
        # separators are not options: option index == item index
        return self.items[index] if index < len(self.items) else None

    def action_reveal(self) -> None:
        """Read a post behind a content warning, or fold it again."""
        item = self._selected()
        if item is None or not item.cw:
            return
        self.revealed.symmetric_difference_update({item.target})
        option_list = self.query_one("#queue", OptionList)
        index = self.items.index(item)
        option_list.replace_option_prompt_at_index(
            index, item_label(item, self.at, revealed=item.target in self.revealed)
        )

    def action_toggle_handled(self) -> None:
        """Show handled reports too, or only those still waiting."""
        self.show_handled = not self.show_handled
        self.load()

    def action_open_log(self) -> None:
        """The public moderation log of this community."""
        from peerhaven.tui.screens.mod_log import ModLogScreen

        self.app.push_screen(ModLogScreen(self.slug))

    # -- actions ---------------------------------------------------------------------------

    def action_hide(self) -> None:
        """Hide the post for everyone, after a confirmation with a public reason."""
        item = self._selected()
        if item is None:
            return
        if not item.present:
            self.notify(_("That post is not on this device, so it cannot be hidden from here."))
            return
        if item.hidden:
            self.notify(_("That post is already hidden; r restores it."), timeout=4)
            return
        self._ask(
            ModerationModal(
                _("Hide this post by {markup}?").format(markup=markup(item.author_name)),
                _(HIDE_EXPLAINED),
                _("Hide the post"),
            ),
            "hide",
            item.target,
        )

    def action_restore(self) -> None:
        """Bring a hidden post back."""
        item = self._selected()
        if item is None:
            return
        if not item.hidden:
            self.notify(_("That post is not hidden; there is nothing to restore."), timeout=4)
            return
        self._ask(
            ModerationModal(
                _("Restore this post by {markup}?").format(markup=markup(item.author_name)),
                _(
                    "The post returns to the feed on every member's device as they sync. The "
                    "restore is recorded in the moderation log."
                ),
                _("Restore the post"),
            ),
            "restore",
            item.target,
        )

    def action_ban(self) -> None:
        """Ban the author from this community, after saying exactly what that does."""
        item = self._selected()
        if item is None:
            return
        if not item.author:
            self.notify(_("The author of that post is not known on this device."), timeout=4)
            return
        if item.banned:
            self.notify(_("The author of that post is already banned; u lifts the ban."), timeout=4)
            return
        assert self.moderator is not None
        if item.author in (self.moderator.owner, self.moderator.pubkey):
            whom = _("yourself") if item.author == self.moderator.pubkey else _("the owner")
            self.notify(
                _("You cannot ban {whom}; relays and members would ignore it.").format(whom=whom),
                timeout=5,
            )
            return
        self._ask(
            ModerationModal(
                _("Ban {markup} from {slug}?").format(
                    markup=markup(item.author_name), slug=self.slug
                ),
                _(
                    "A ban hides everything this persona has written in {slug} on every member's "
                    "device as they sync, and relays refuse their new posts there. It applies to "
                    "this community only and is recorded, with your reason, in the moderation log "
                    "every member can read. You can lift it later (U here)."
                ).format(slug=self.slug),
                _("Ban"),
            ),
            "ban",
            item.author,
        )

    def action_unban(self) -> None:
        """Lift a ban on the highlighted post's author."""
        item = self._selected()
        if item is None:
            return
        if not item.banned:
            self.notify(_("The author of that post is not banned."), timeout=4)
            return
        self._ask(
            ModerationModal(
                _("Lift the ban on {markup}?").format(markup=markup(item.author_name)),
                _(
                    "What this persona wrote in {slug} shows again on every member's device as "
                    "they "
                    "sync (except posts hidden on their own), and relays accept their new posts "
                    "there. The change is recorded in the moderation log."
                ).format(slug=self.slug),
                _("Lift the ban"),
            ),
            "unban",
            item.author,
        )

    def _ask(self, modal: ModerationModal, action: str, target: str) -> None:
        """Confirm first; sign only after a clear yes."""

        def answered(reason: str | None) -> None:
            """``None`` means cancelled: nothing is signed."""
            if reason is not None:
                self.moderate(action, target, reason)

        self.app.push_screen(modal, answered)

    @work(thread=True, exclusive=True, group="queue-act", exit_on_error=False)
    def moderate(self, action: str, target: str, reason: str) -> None:
        """Sign the action; it is stored (and applied) here at once, queued, and sent."""
        from peerhaven.store.publish import publish_moderation

        event = self.peerhaven.store_call(
            publish_moderation, self.slug, action, target, reason=reason
        )
        done = {
            "hide": _("Hidden"),
            "restore": _("Restored"),
            "ban": _("Banned"),
            "unban": _("Ban lifted"),
        }[action]
        self.services.send_now([event], done, done=_("{done} on this device.").format(done=done))
        self.post_message(self.Acted(None))

    def action_set_aside(self) -> None:
        """No action needed: the open reports about this post leave the queue (this device)."""
        item = self._selected()
        if item is None:
            return
        if item.handled:
            self.notify(_("Every report about that post is already handled."), timeout=4)
            return
        self.dismiss_item([r.id for r in item.waiting])

    @work(thread=True, exclusive=True, group="queue-act", exit_on_error=False)
    def dismiss_item(self, report_ids: list[str]) -> None:
        """Remember the dismissal on this device; nothing is signed or sent."""
        from peerhaven.store.mod_queue import dismiss_reports

        self.peerhaven.store_call(dismiss_reports, report_ids)
        self.post_message(self.Acted(_("Dismissed on this device; nothing was sent.")))

    def on_mod_queue_screen_acted(self, message: Acted) -> None:
        """Say what happened here (a signed action's words come from the app), reload."""
        if message.note is not None:
            self.notify(message.note, timeout=4)
        self.load()

    # -- refresh ---------------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Fetch new reports with the app's sync, and reload once that sync has ended
        (right after a sync already under way, if there is one)."""
        self.notify(_("Fetching new reports…"), timeout=3)
        self.services.request_sync(then=self._reload_if_open)

    def _reload_if_open(self) -> None:
        """The sync asked for has ended: show the queue as it now is (if still open)."""
        if self.is_attached:
            self.load()
