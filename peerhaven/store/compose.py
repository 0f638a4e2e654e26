"""What a composer needs to know before the first key is pressed, and publishing a draft.

The app's compose screen reads one ``ComposeContext`` (who you post as, where, what
you are replying to, how long a post may be, the draft being continued) in a single
store call, and publishes with ``publish_draft`` so the post is queued and its draft
erased together. The CLI publishes with ``publish.publish_post`` directly, and a
saved draft with ``publish_saved_draft``, which the app's Drafts screen uses too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.store.communities import community_crisis_lines, membership
from peerhaven.store.database import Store
from peerhaven.store.drafts import Draft, delete_draft, get_draft
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import get_event
from peerhaven.store.feed import Post, post_view
from peerhaven.store.publish import content_limit, publish_post


@dataclass(frozen=True, slots=True)
class ComposeContext:
    """Where a post goes, who it is from, and what it answers."""

    slug: str
    community_name: str
    #: the pseudonym of the persona this device speaks as in the community
    persona: str
    #: reading only: an observer membership cannot post
    observer: bool
    #: the id of the post being replied to, if this is a reply
    reply_to: str | None
    #: that post as this reader sees it (folded when it has a warning); None when it is
    #: no longer on this device
    parent: Post | None
    #: the most UTF-8 bytes every relay of the community accepts
    limit: int
    #: the draft being continued, if any
    draft: Draft | None
    #: the community's own crisis lines (unchecked; ``resources_for`` validates them)
    crisis_lines: list[dict[str, Any]] | None
    #: the post being edited (edit mode), as it reads now
    editing: Post | None = None
    #: the last second the edit may be published
    edit_closes_at: int | None = None


@dataclass(frozen=True, slots=True)
class Destination:
    """Somewhere a draft can go: a new post in a community, or a reply to a post there."""

    slug: str
    community_name: str
    #: the post answered, or None for a new post
    reply_to: str | None = None
    #: who wrote the post answered, and how it begins (a folded post says only why it is)
    author: str = ""
    opening: str = ""


def compose_context(
    store: Store, slug: str, *, reply_to: str | None = None, draft_id: int | None = None
) -> ComposeContext:
    """Everything the composer shows; a draft's own community and reply win over the
    arguments, and a reply without a community belongs to its parent's."""
    draft = get_draft(store, draft_id) if draft_id is not None else None
    if draft is not None:
        slug = draft.community or slug
        reply_to = draft.reply_to or reply_to
    if not slug and reply_to is not None:
        parent_event = get_event(store, reply_to)
        if parent_event is None:
            raise NotFound(
                _("There is no post {reply_to} on this device to reply to.").format(
                    reply_to=reply_to[:12]
                )
            )
        slug = parent_event.community
    if not slug:
        raise BadInput(_("This draft belongs to no community; open it from Drafts to edit it."))
    member = membership(store, slug)
    parent = None
    if reply_to is not None:
        try:
            parent = post_view(store, reply_to)
        except NotFound:
            if draft is None:
                raise
            # a draft outlived the post it answers (withdrawn, or pruned by retention):
            # open it anyway so its words stay reachable; publishing says why it cannot
    return ComposeContext(
        slug=slug,
        community_name=member.name,
        persona=pseudonym(member.persona),
        observer=member.observer,
        reply_to=reply_to,
        parent=parent,
        limit=content_limit(store, slug),
        draft=draft,
        crisis_lines=community_crisis_lines(store, slug),
    )


def edit_context(store: Store, post_id: str) -> ComposeContext:
    """What the composer shows to edit one of your own recent posts (or why it cannot)."""
    from dataclasses import replace

    from peerhaven.store.edits import edit_closes_at
    from peerhaven.store.publish import editable_post

    post = editable_post(store, post_id)
    context = compose_context(store, post.community)
    parent = None
    if post.parent is not None:
        try:
            parent = post_view(store, post.parent)
        except NotFound:
            parent = None  # the post answered is gone: the edit is still yours to make
    return replace(
        context,
        reply_to=post.parent,
        parent=parent,
        editing=post_view(store, post.id),
        edit_closes_at=edit_closes_at(post.created_at),
    )


def publish_edit_or_keep(
    store: Store, post_id: str, text: str, *, cw: Sequence[str] = ()
) -> Event | Draft:
    """Publish an edit of your post; if its window closed while you wrote, keep the words.

    They are kept as a draft of a reply to the post (what the member is told to do
    instead of editing), so minutes of writing are never lost to a clock.
    """
    from peerhaven.store import clock
    from peerhaven.store.drafts import save_draft
    from peerhaven.store.edits import still_editable
    from peerhaven.store.publish import publish_edit

    post = get_event(store, post_id)
    if post is not None and not still_editable(post.created_at, at=clock.now()):
        return save_draft(store, text, community=post.community, reply_to=post.id, cw=cw)
    return publish_edit(store, post_id, text, cw=cw)


def destinations(store: Store, *, threads: int = 5) -> list[Destination]:
    """Where a draft may go: each community you post in, then its most active threads.

    Observed communities are left out (nothing is published there), and threads
    come through the feed, so mutes, blocks and warnings apply as when reading.
    """
    from peerhaven.store.communities import memberships
    from peerhaven.store.feed import feed_page

    found: list[Destination] = []
    for member in memberships(store):
        if member.observer:
            continue
        found.append(Destination(member.slug, member.name))
        for summary in feed_page(store, member.slug, limit=threads).threads:
            post = summary.post
            if post.deleted:
                continue
            opening = (
                _("folded: {fold}").format(fold=post.fold)
                if post.fold
                else " ".join(post.content.split())
            )
            found.append(Destination(member.slug, member.name, post.id, post.author, opening[:80]))
    return found


def place_draft(store: Store, draft_id: int, slug: str, *, reply_to: str | None = None) -> Draft:
    """Say where a draft goes (a community you post in, or a reply there), keeping its words."""
    from peerhaven.store.drafts import save_draft
    from peerhaven.store.publish import speaking_persona

    draft = get_draft(store, draft_id)
    speaking_persona(store, slug)  # refuses an observed or unknown community
    if reply_to is not None:
        parent = get_event(store, reply_to)
        if parent is None or parent.kind != "post" or parent.community != slug:
            raise NotFound(
                _("There is no post {reply_to} of {slug!r} on this device.").format(
                    reply_to=reply_to[:12], slug=slug
                )
            )
    return save_draft(
        store, draft.content, community=slug, reply_to=reply_to, cw=draft.cw, draft_id=draft.id
    )


def publish_draft(
    store: Store,
    slug: str,
    text: str,
    *,
    cw: Sequence[str] = (),
    reply_to: str | None = None,
    draft_id: int | None = None,
) -> Event:
    """Publish (sign, store, queue for the outbox), then erase the draft it came from.

    The post is queued first: should erasing the draft fail, the words are still
    safe in the draft and nothing is lost.
    """
    event = publish_post(store, slug, text, cw=cw, reply_to=reply_to)
    if draft_id is not None:
        try:
            delete_draft(store, draft_id)
        except NotFound:
            pass  # already gone (deleted from another window): nothing to erase
    return event


def draft_target(
    store: Store, draft: Draft, *, slug: str | None = None, reply_to: str | None = None
) -> tuple[str, str | None]:
    """Where a draft goes: (community, post answered or None).

    The choice given wins over what the draft says; a reply without a community
    belongs to its parent's. A draft written in Drafts says nowhere, so the member
    has to choose.
    """
    target = reply_to or draft.reply_to
    where = slug or draft.community
    if not where and target is not None:
        parent = get_event(store, target)
        if parent is None:
            raise NotFound(
                _("There is no post {target} on this device to reply to.").format(
                    target=target[:12]
                )
            )
        where = parent.community
    if not where:
        raise BadInput(_("This draft belongs to no community yet; choose where to post it."))
    return where, target


def publish_saved_draft(
    store: Store, draft_id: int, *, slug: str | None = None, reply_to: str | None = None
) -> Event:
    """Turn a saved draft into a post in ``slug``, or a reply to ``reply_to``, then erase it
    (``draft_target`` says where it goes when they are not given)."""
    draft = get_draft(store, draft_id)
    where, target = draft_target(store, draft, slug=slug, reply_to=reply_to)
    return publish_draft(
        store, where, draft.content, cw=draft.cw, reply_to=target, draft_id=draft.id
    )
