"""Write a post or a reply: autosaved as a draft, previewed as readers see it, checked
before it leaves (oversharing guard, then a gentle crisis offer), then queued.

In edit mode (``edit_of``) the same screen changes one of your own recent posts: the
words start as the post reads now, the same checks run, and a signed edit is queued
instead of a post. An edit is not kept as a draft: it is short, and a draft of it
could outlive the few minutes in which it may be published.

The checks are ``safety.precheck.check_before_publish``, the same function the CLI's
``post`` uses; this screen only decides which dialog to show for its answer. Every
store access is a worker through ``app.store_call``, and every draft write (autosave,
lock, quit) runs as one function under the app's store lock, so a save racing a
publish can never bring a published post back as a draft.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Input, Static, TextArea

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.core.inert import has_visible_text
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import markup, plain
from peerhaven.tui.screens.checked_send import CheckedSendingScreen

if TYPE_CHECKING:
    from peerhaven.core.event import Event
    from peerhaven.store import Store
    from peerhaven.store.compose import ComposeContext
    from peerhaven.store.drafts import Draft
    from peerhaven.store.feed import Post
    from peerhaven.tui.screens.autosave import DraftWriter

#: how much of the post being replied to is shown above the editor
PARENT_CHARS = 240


def short(text: str, limit: int = PARENT_CHARS) -> str:
    """The first three lines of a post on one line, cut at a word with an ellipsis."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    joined = " / ".join(lines[:3])
    if len(joined) > limit:
        return joined[:limit].rsplit(" ", 1)[0].rstrip(" /") + " …"
    return joined + (" …" if len(lines) > 3 else "")


def parent_text(post: Post, opened: bool) -> Text:
    """The post being answered: who wrote it, when, and its words or its fold."""
    when = localized.when(post.created_at, localized.DAY_TIME)
    you = " (you)" if post.mine else ""
    text = Text()
    text.append(
        _("Replying to {plain}{you} · {when}\n").format(
            plain=plain(post.author), you=you, when=when
        ),
        style="bold",
    )
    if post.deleted:
        text.append(_("(withdrawn by its author)"), style="italic")
    elif post.fold and not opened:
        text.append(
            _("▸ Folded: {plain} Ctrl+O opens it.").format(plain=plain(post.fold)),
            style="italic",
        )
    else:
        if post.content_warnings:
            labels = ", ".join(plain(label) for label in post.content_warnings)
            text.append(_("[cw: {labels}] ").format(labels=labels), style="bold")
        text.append(short(plain(post.content, multiline=True)))
    return text


def preview_text(context: ComposeContext, text: str, labels: list[str]) -> Text:
    """The post as other members will first see it (folded under its warning when it has
    one, with the reader's default policy), then its words as they read them opened."""
    heading = f"{context.persona} · {context.community_name} · now"
    return folded_preview(heading, text, labels, community=context.slug)


def folded_preview(heading: str, text: str, labels: list[str], *, community: str = "") -> Text:
    """Words as a reader first sees them under ``heading`` (folded when a label asks for
    it, with the reader's default policy), then as they read them opened; posts, direct
    messages and circle posts all preview this way."""
    from peerhaven.safety.filters import Action, EventView, FilterRules, decide

    out = Text()
    out.append(heading + "\n", style="bold")
    view = EventView(id="preview", author="", content=text, community=community, cw=tuple(labels))
    verdict = decide(view, FilterRules(), int(time.time()))
    if verdict.action is Action.COLLAPSE:
        out.append(_("▸ Folded: {reason}").format(reason=verdict.reason), style="italic")
        out.append(_(" Readers see only this line until they choose to open it.\n\n"))
        out.append(_("Opened, it reads:\n"), style="bold")
    out.append(text.strip() or _("(nothing written yet)"))
    return out


class ComposeScreen(CheckedSendingScreen):
    """Who you post as and where, the post you answer, the words, warnings, and a count."""

    PLACE = "compose"
    SUB_TITLE = N_("Compose")
    BINDINGS = bindings_for("compose")
    AUTO_FOCUS = "#compose-text"

    class Loaded(Message):
        """Where the post goes and the draft it continues arrived."""

        def __init__(self, context: ComposeContext) -> None:
            self.context = context
            super().__init__()

    class LoadFailed(Message):
        """The community or the post replied to is not on this device (already said)."""

    class Published(Message):
        """The post is signed, stored and queued; its draft is erased."""

        def __init__(self, event: Event) -> None:
            self.event = event
            super().__init__()

    class KeptAsDraft(Message):
        """The edit window closed before publishing: the words became a reply draft."""

    def __init__(
        self,
        slug: str,
        *,
        reply_to: str | None = None,
        draft_id: int | None = None,
        edit_of: str | None = None,
    ) -> None:
        super().__init__()
        self.slug = slug
        self.reply_to = reply_to
        self.draft_id = draft_id
        #: the post being edited (edit mode), or None when writing a new one
        self.edit_of = edit_of
        self.context: ComposeContext | None = None
        self.draft: Draft | None = None
        #: set under the app's store lock by the publish, so no later save revives the draft
        self.published = False
        self.parent_opened = False
        self._saved_note = ""
        self._leave_on_resume = False

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, where and as whom, the post answered, the words, warnings, count, keys."""
        yield Header()
        yield Static(_("Opening…"), id="compose-where")
        yield Static("", id="compose-parent")
        yield TextArea(id="compose-text", soft_wrap=True, disabled=True)
        with VerticalScroll(id="compose-preview"):
            yield Static("", id="compose-preview-text")
        with Horizontal(id="compose-cw-row"):
            yield Static(_("Content warnings"), classes="label")
            yield Input(
                placeholder=_("labels, comma separated (e.g. grief, self-harm)"),
                id="compose-cw",
                disabled=True,
            )
        yield Static("", id="compose-status")
        yield Footer()

    def on_mount(self) -> None:
        """Title the boxes (loading starts on resume; ``AutosavingScreen`` starts the timer)."""
        self.query_one("#compose-text").border_title = _("Your words")
        self.query_one("#compose-preview").border_title = _("Preview: as readers will see it")
        self.query_one("#compose-parent").display = False
        self.query_one("#compose-preview").display = False

    @work(thread=True, exclusive=True, group="compose-load", exit_on_error=False)
    def load(self) -> None:
        """Read the community, the persona, the post answered and the draft off the UI thread."""
        from peerhaven.core.errors import PeerHavenError
        from peerhaven.store.compose import compose_context, edit_context

        try:
            if self.edit_of is not None:
                context = self.peerhaven.store_call(edit_context, self.edit_of)
            else:
                context = self.peerhaven.store_call(
                    compose_context, self.slug, reply_to=self.reply_to, draft_id=self.draft_id
                )
        except PeerHavenError:
            self.post_message(self.LoadFailed())  # the app already said why
            return
        self.post_message(self.Loaded(context))

    def _leave(self) -> None:
        """Close this screen; when something covers it (the lock screen), close on return."""
        if self.is_current:
            self.dismiss()
        else:
            self._leave_on_resume = True

    def on_screen_resume(self) -> None:
        """On top (first shown, or after unlocking): load what is not loaded yet (a lock
        may have stopped the first try), or finish a close that was waiting."""
        if self._leave_on_resume:
            self._leave_on_resume = False
            self.dismiss()
        elif self.context is None:
            self.load()

    def on_compose_screen_load_failed(self) -> None:
        """Nothing to compose into (the community was left, say): a draft still opens, in
        the plain draft editor, so its words are never out of reach; else go back."""
        if self.draft_id is None or not self.is_current:
            self._leave()
            return
        from peerhaven.tui.screens.draft_editor import DraftEditorScreen

        self.app.switch_screen(DraftEditorScreen(self.draft_id))

    def on_compose_screen_loaded(self, message: Loaded) -> None:
        """Fill in the draft (if any), say who and where, and let the person type."""
        context = self.context = message.context
        self.slug, self.draft, self.reply_to = context.slug, context.draft, context.reply_to
        area = self.query_one("#compose-text", TextArea)
        cw = self.query_one("#compose-cw", Input)
        if context.editing is not None:
            area.load_text(context.editing.content)
            cw.value = ", ".join(context.editing.content_warnings)
        elif context.draft is not None:
            area.load_text(context.draft.content)
            cw.value = ", ".join(context.draft.cw)
        elif context.parent is not None and context.parent.content_warnings:
            # a reply usually touches what the post did: keep its warnings unless removed
            cw.value = ", ".join(context.parent.content_warnings)
        self._show_where()
        self._show_parent()
        if context.observer:
            self._show_status(_("Reading only: nothing here is saved or sent."))
            return
        area.disabled = cw.disabled = False
        area.focus()
        area.move_cursor(area.document.end)
        self._show_status(self._edit_note() or _("Saved automatically as you write."))

    def _show_where(self) -> None:
        """ "Posting as quiet-heron-42 in Grief support", or why you cannot post there."""
        context = self.context
        if context is None:
            return
        where = self.query_one("#compose-where", Static)
        if context.observer:
            where.update(self._observer_sentence())
            return
        line = Text()
        if context.editing is not None:
            line.append(
                _("Editing your reply as ") if self.reply_to else _("Editing your post as ")
            )
            line.append(context.persona, style="bold")
            line.append(_(" in "))
            line.append(context.community_name, style="bold")
            where.update(line)
            return
        line.append(_("Replying as ") if self.reply_to else _("Posting as "))
        line.append(context.persona, style="bold")
        line.append(_(" in "))
        line.append(plain(context.community_name), style="bold")
        where.update(line)

    def _edit_note(self) -> str:
        """In edit mode: until when, that it is not kept as a draft, and how far it reaches."""
        from peerhaven.store.edits import EDIT_REACH

        closes = self.context.edit_closes_at if self.context else None
        if closes is None:
            return ""
        until = localized.when(closes, localized.CLOCK)
        return _("Editable until {until}; not kept as a draft. {EDIT_REACH}").format(
            until=until, EDIT_REACH=_(EDIT_REACH)
        )

    def _observer_sentence(self) -> str:
        name = markup(self.context.community_name) if self.context else self.slug
        return _(
            "You are observing {name} (reading only), so you cannot post there. To take "
            "part, join it as a member: press j on it in Browse (F7) to read its rules first."
        ).format(name=name)

    def _show_parent(self) -> None:
        """The post answered, short, folded when it has a warning (Ctrl+O opens it)."""
        parent = self.context.parent if self.context else None
        box = self.query_one("#compose-parent", Static)
        box.display = self.reply_to is not None
        if parent is not None:
            box.update(parent_text(parent, self.parent_opened))
        elif self.reply_to is not None:
            box.update(
                _(
                    "The post this replies to is no longer on this device (withdrawn, or "
                    "older than this device keeps), so it cannot be answered; your words "
                    "stay in this draft."
                )
            )

    # -- counting and status ---------------------------------------------------------------

    def _labels(self) -> list[str]:
        from peerhaven.store.publish import parse_labels

        return parse_labels(self.query_one("#compose-cw", Input).value)

    def _text(self) -> str:
        return self.query_one("#compose-text", TextArea).text

    def _count(self) -> tuple[str, bool]:
        """The character count against the relays' limit, and whether it is over."""
        text = self._text()
        size = len(text.encode("utf-8"))
        limit = self.context.limit if self.context else 0
        count = _("{count:,} characters ({size:,} of {limit:,} bytes relays accept)").format(
            count=len(text), size=size, limit=limit
        )
        if size > limit:
            return _("Too long: {count}; shorten it by {over:,} bytes.").format(
                count=count, over=size - limit
            ), True
        return count, False

    def _show_status(self, saved: str) -> None:
        """The count, then when the draft was last saved."""
        self._saved_note = saved
        count, over = self._count()
        line = Text()
        line.append(count, style="bold" if over else "")
        line.append(f" · {saved}")
        self.query_one("#compose-status", Static).update(line)

    # -- autosave (the DraftEditorScreen pattern, plus community, reply and warnings) -----

    @on(TextArea.Changed, "#compose-text")
    @on(Input.Changed, "#compose-cw")
    def edited(self) -> None:
        """Count, and mark unsaved work (loading the draft also sends Changed: not an edit)."""
        if self.context is None:
            return
        if (self._text(), self._labels()) != self._saved():
            self.generation += 1
        self._show_status(self._saved_note)
        if self.query_one("#compose-preview").display:
            self._show_preview()

    def _saved(self) -> tuple[str, list[str]]:
        """The words and labels as last saved (empty for a new post)."""
        if self.draft is None:
            return "", []
        return self.draft.content, list(self.draft.cw)

    def keeps_drafts(self) -> bool:
        """Nothing to keep before the community is loaded, nor after publishing, nor an edit."""
        return self.context is not None and not self.published and self.edit_of is None

    def draft_writer(self) -> DraftWriter:
        """One draft write of the words and labels, run under the app's store lock."""
        from peerhaven.store.drafts import save_draft

        slug, reply_to = self.slug, self.reply_to
        text, labels = self._text(), self._labels()

        def write(store: Store) -> Draft | None:
            """Skip once published; remember a new draft's id for the next save."""
            if self.published or (self.draft is None and not text.strip()):
                return None  # nothing written yet: no empty draft
            draft_id = self.draft.id if self.draft is not None else None
            saved = save_draft(
                store, text, community=slug, reply_to=reply_to, cw=labels, draft_id=draft_id
            )
            self.draft, self.draft_id = saved, saved.id
            return saved

        return write

    def draft_saved(self, draft: Draft | None, closing: bool) -> None:
        """Say when it was saved; close if that save was the last one."""
        if draft is not None:
            clock = localized.when(draft.updated_at, localized.CLOCK_SECONDS)
            self._show_status(_("Draft saved at {clock}").format(clock=clock))
        if closing:
            self._leave()

    def action_close(self) -> None:
        """Save what is unsaved, then go back."""
        if self.dirty and self.keeps_drafts():
            self.save(closing=True)
        else:
            self.dismiss()

    # -- preview and the post answered -----------------------------------------------------

    def action_toggle_preview(self) -> None:
        """Show the post as readers will see it, or go back to writing."""
        if self.context is None:
            return
        preview = self.query_one("#compose-preview")
        area = self.query_one("#compose-text", TextArea)
        preview.display = not preview.display
        area.display = not preview.display
        if preview.display:
            self._show_preview()
        elif not area.disabled:
            area.focus()

    def _show_preview(self) -> None:
        if self.context is not None:
            self.query_one("#compose-preview-text", Static).update(
                preview_text(self.context, self._text(), self._labels())
            )

    def action_toggle_parent(self) -> None:
        """Open or fold the post being answered."""
        self.parent_opened = not self.parent_opened
        self._show_parent()

    # -- publishing: check, guard, crisis offer, publish -----------------------------------

    def action_publish(self) -> None:
        """Start the pre-publish check (refusing at once what cannot be published)."""
        context = self.context
        if context is None or self.checking or self.published:
            return
        if context.observer:
            self.notify(self._observer_sentence(), title=_("Not posted"), severity="warning")
            return
        text = self._text()
        if not has_visible_text(text):
            self.notify(_("A post needs some words."), title=_("Not posted"), severity="warning")
            return
        count, over = self._count()
        if over:
            self.notify(count, title=_("Not posted"), severity="warning")
            return
        self.start_check(text)

    def writing_area(self) -> TextArea:
        """The words' box, where the guard's "Edit it" selects the finding."""
        return self.query_one("#compose-text", TextArea)

    def before_editing(self) -> None:
        """Leave the preview, so the words are there to edit."""
        if self.query_one("#compose-preview").display:
            self.action_toggle_preview()

    def crisis_lines(self) -> list[dict[str, Any]] | None:
        """The community's own lines, offered beside the member's country's."""
        return self.context.crisis_lines if self.context is not None else None

    def send_checked(self, text: str) -> None:
        """Publish exactly the words that were checked, with the labels as they are now."""
        self._send(text, self._labels())

    @work(thread=True, exclusive=True, group="compose-publish", exit_on_error=False)
    def _send(self, text: str, labels: list[str]) -> None:
        """Sign, store, queue, erase the draft: one function under the store lock."""
        from peerhaven.store.compose import publish_draft, publish_edit_or_keep

        slug, reply_to, edit_of = self.slug, self.reply_to, self.edit_of

        def publish(store: Store) -> Event | Draft:
            if edit_of is not None:
                event = publish_edit_or_keep(store, edit_of, text, cw=labels)
            else:
                draft_id = self.draft.id if self.draft is not None else None
                event = publish_draft(
                    store, slug, text, cw=labels, reply_to=reply_to, draft_id=draft_id
                )
            self.published = True
            return event

        from peerhaven.core import event as signed

        try:
            result = self.peerhaven.store_call(publish)
        finally:
            self.checking = False
        if isinstance(result, signed.Event):
            self.post_message(self.Published(result))
        else:
            self.post_message(self.KeptAsDraft())

    def on_compose_screen_kept_as_draft(self) -> None:
        """Say plainly that nothing was published, and where the words are."""
        from peerhaven.core.event import EDIT_WINDOW

        self.app.notify(
            _(
                "The {count} minutes in which this post could be edited have passed, so nothing "
                "was published. Your words are kept in Drafts (F4) as a reply to it."
            ).format(count=EDIT_WINDOW // 60),
            title=_("Not edited"),
            severity="warning",
            timeout=10,
        )
        self._leave()

    def on_compose_screen_published(self, message: Published) -> None:
        """Close, and send it at once: the app says "Sending…", then what the relays said
        (an edit also says how far it reaches)."""
        if self.edit_of is not None:
            from peerhaven.store.edits import EDIT_REACH

            self.services.send_now(
                [message.event],
                _("Edit"),
                done=_("Saved. {EDIT_REACH}").format(EDIT_REACH=_(EDIT_REACH)),
                keep=_(EDIT_REACH),
            )
        else:
            kind = _("Reply") if self.reply_to else _("Post")
            self.services.send_now([message.event], kind, done=_("Saved on this device."))
        self._leave()
