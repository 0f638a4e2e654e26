"""Publishing from this device: sign as the community's persona, store, queue.

Every action works offline: the signed event is stored locally at once (so it
shows in the feed) and waits in the outbox until a relay takes it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from peerhaven.core import builders
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import EDIT_WINDOW, REACTIONS, Event
from peerhaven.core.i18n import _
from peerhaven.core.inert import has_visible_text
from peerhaven.core.persona import Persona
from peerhaven.core.validate import DEFAULT_LIMITS, check_shape
from peerhaven.store import clock
from peerhaven.store.communities import membership
from peerhaven.store.database import Store
from peerhaven.store.edits import edit_ids, still_editable
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import get_event, store_verified
from peerhaven.store.outbox import queue
from peerhaven.store.personas import default_persona, load_persona


def speaking_persona(store: Store, slug: str) -> Persona:
    """The persona this device uses in a community; observers may not publish."""
    member = membership(store, slug)
    if member.observer:
        raise BadInput(
            _(
                "You are observing {slug!r}; join it (`peerhaven join {slug}`) to post there."
            ).format(slug=slug)
        )
    return load_persona(store, member.persona)


def clean_labels(cw: Sequence[str]) -> list[str]:
    """Content-warning labels as they are published: spacing collapsed, empties and
    repeats (ignoring case) dropped, first spelling kept, in the order given."""
    labels: list[str] = []
    seen: set[str] = set()
    for raw in cw:
        label = " ".join(raw.split())
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            labels.append(label)
    return labels


def parse_labels(field: str) -> list[str]:
    """Labels typed in one field, separated by commas ("grief, loss")."""
    return clean_labels(field.split(","))


def content_limit(store: Store, slug: str) -> int:
    """The most content bytes every relay of this community accepts (from ``/v1/info``).

    Relays not asked yet count with the protocol's default; a post larger than
    the smallest limit would be refused by that relay, so this is the limit.
    """
    limits = [DEFAULT_LIMITS.max_content_bytes]
    for (raw,) in store.execute(
        "SELECT r.limits FROM relays r JOIN community_relays c ON c.relay_url = r.url"
        " WHERE c.slug = ? AND r.limits IS NOT NULL",
        (slug,),
    ):
        value = json.loads(raw).get("max_content_bytes")
        if isinstance(value, int) and value > 0:
            limits.append(value)
    return min(limits)


def _check_size(text: str, limit: int) -> None:
    size = len(text.encode("utf-8"))
    if size > limit:
        raise BadInput(
            _(
                "This is {size:,} bytes long and relays accept at most {limit:,}; shorten it "
                "(nothing was published)."
            ).format(size=size, limit=limit)
        )


def _check_labels(labels: Sequence[str]) -> None:
    for label in labels:
        if len(label) > DEFAULT_LIMITS.max_cw_chars:
            raise BadInput(
                _(
                    "A content warning label is at most {max_cw_chars} characters; shorten "
                    "{label!r}… (nothing was published)."
                ).format(max_cw_chars=DEFAULT_LIMITS.max_cw_chars, label=label[:20])
            )


def _store_and_queue(store: Store, event: Event) -> Event:
    # The relays' own rules, checked here first: an event they would refuse is
    # refused at this border, before it is stored, queued or said to be sent.
    try:
        check_shape(event)
    except InvalidEvent as exc:
        raise BadInput(
            _("{rstrip} (nothing was published).").format(rstrip=str(exc).rstrip("."))
        ) from exc
    store_verified(store, [event], on_commit=lambda conn: queue(conn, event))
    return event


def publish_post(
    store: Store,
    slug: str,
    text: str,
    *,
    cw: Sequence[str] = (),
    reply_to: str | None = None,
) -> Event:
    """A new post or a reply in a joined community."""
    if not has_visible_text(text):
        raise BadInput(_("A post needs some words."))
    persona = speaking_persona(store, slug)
    parent = None
    if reply_to is not None:
        parent = get_event(store, reply_to)
        if parent is None or parent.kind != "post":
            raise NotFound(
                _("There is no post {reply_to} on this device to reply to.").format(
                    reply_to=reply_to[:12]
                )
            )
        if parent.community != slug:
            raise BadInput(
                _("That post belongs to {community!r}, not {slug!r}.").format(
                    community=parent.community, slug=slug
                )
            )
    labels = clean_labels(cw)
    _check_labels(labels)
    _check_size(text, content_limit(store, slug))
    event = builders.post(persona.keys, slug, text, reply_to=parent, cw=labels)
    return _store_and_queue(store, event)


def profile_bio(store: Store, persona: str | None) -> str:
    """The persona's profile as last published from this device ("" when it has none).

    ``persona`` as for ``publish_profile``. Read back from the stored event, the
    only place a profile is kept, so that an editor starts from what was last sent.
    """
    chosen = default_persona(store) if persona is None else load_persona(store, persona)
    row = store.execute(
        "SELECT content FROM events WHERE pubkey = ? AND kind = 'profile'"
        " ORDER BY created_at DESC, rowid DESC LIMIT 1",
        (chosen.pubkey,),
    ).fetchone()
    if row is None:
        return ""
    try:
        body = json.loads(row[0])
    except ValueError:
        return ""
    bio = body.get("bio") if isinstance(body, dict) else None
    return bio if isinstance(bio, str) else ""


def publish_profile(store: Store, persona: str | None, about: str) -> Event:
    """A persona's short self-description, sent to every relay; empty ``about`` clears it.

    ``persona`` is a pseudonym or public key (a unique prefix is enough), or
    ``None`` for the default persona. The pseudonym itself never changes: it comes
    from the key.
    """
    chosen = default_persona(store) if persona is None else load_persona(store, persona)
    about = about.strip()
    event = builders.profile(chosen.keys, bio=about)
    _check_size(event.content, DEFAULT_LIMITS.max_content_bytes)
    return _store_and_queue(store, event)


def publish_reaction(store: Store, event_id: str, which: str) -> Event:
    """One of the four supportive reactions to a post."""
    if which not in REACTIONS:
        raise BadInput(_("A reaction is one of: {join}.").format(join=", ".join(REACTIONS)))
    target = get_event(store, event_id)
    if target is None or target.kind != "post":
        raise NotFound(
            _("There is no post {event_id} on this device.").format(event_id=event_id[:12])
        )
    persona = speaking_persona(store, target.community)
    return _store_and_queue(store, builders.reaction(persona.keys, target, which))


def publish_delete(store: Store, event_id: str) -> Event:
    """Withdraw one of your own events: erased here now, on relays when they sync.

    A post's edits are withdrawn with it, so no words of it stay behind in them.
    """
    target = get_event(store, event_id)
    if target is None:
        raise NotFound(
            _("There is no event {event_id} on this device.").format(event_id=event_id[:12])
        )
    try:
        persona = load_persona(store, target.pubkey)
    except NotFound as exc:
        raise BadInput(_("You can only delete what one of your own personas wrote.")) from exc
    event = builders.delete(persona.keys, target.community, target.id)
    edits = [
        builders.delete(persona.keys, target.community, edit_id)
        for edit_id in edit_ids(store, target.id, persona.pubkey)
    ]
    if not edits:
        return _store_and_queue(store, event)

    def enqueue(conn: object) -> None:
        for each in (event, *edits):
            queue(conn, each)

    store_verified(store, [event, *edits], on_commit=enqueue)
    return event


def edit_closed() -> str:
    """Why an older post cannot be edited, and what the member can do instead."""
    return _(
        "Posts can be edited for {count} minutes after they are written and this one is "
        "older; reply to it or delete it instead."
    ).format(count=EDIT_WINDOW // 60)


def editable_post(store: Store, event_id: str) -> Event:
    """One of your own posts that may still be edited, or the reason it may not."""
    target = get_event(store, event_id)
    if target is None or target.kind != "post" or _withdrawn(store, target.id):
        raise NotFound(
            _("There is no post {event_id} on this device to edit.").format(event_id=event_id[:12])
        )
    try:
        load_persona(store, target.pubkey)
    except NotFound as exc:
        raise BadInput(_("You can only edit what one of your own personas wrote.")) from exc
    if not still_editable(target.created_at, at=clock.now()):
        raise BadInput(edit_closed())
    from peerhaven.store.held import is_waiting  # held imports this module

    if is_waiting(store, target.id):
        # relays serve a held post to nobody, so they refuse an edit of it
        raise BadInput(
            _(
                "This post waits for a moderator's approval, and relays take no edit of a post "
                "they have not published; delete it and post it again instead."
            )
        )
    return target


def publish_edit(
    store: Store, event_id: str, text: str, *, cw: Sequence[str] | None = None
) -> Event:
    """New words for one of your own posts, within ``EDIT_WINDOW`` of writing it.

    ``cw`` replaces the post's content-warning labels; ``None`` keeps the ones it
    shows now. The edit is signed, stored and queued like a post: this device shows
    it at once, other devices when they sync.
    """
    from peerhaven.store.feed import post_view

    if not text.strip():
        raise BadInput(_("An edit needs some words; to take a post back, delete it instead."))
    target = editable_post(store, event_id)
    persona = load_persona(store, target.pubkey)
    shown = post_view(store, target.id)
    # later than the edit shown now, so it wins even within the same second
    at = max(clock.now(), (shown.edited_at or 0) + 1)
    if not still_editable(target.created_at, at=at):
        raise BadInput(edit_closed())
    labels = list(shown.content_warnings) if cw is None else clean_labels(cw)
    if text == shown.content and tuple(labels) == shown.content_warnings:
        raise BadInput(_("That is what the post already says, so nothing was published."))
    _check_labels(labels)
    _check_size(text, content_limit(store, target.community))
    edit = builders.edit(persona.keys, target, text, cw=labels, created_at=at)
    return _store_and_queue(store, edit)


def _withdrawn(store: Store, event_id: str) -> bool:
    row = store.execute("SELECT deleted FROM events WHERE id = ?", (event_id,)).fetchone()
    return bool(row and row[0])


def resolve_event_id(store: Store, prefix: str) -> str:
    """A full event id from a unique prefix (as the CLI shows 12 characters)."""
    clean = prefix.strip().lower()
    if len(clean) < 6:
        raise BadInput(_("Give at least 6 characters of the event id."))
    rows = store.execute(
        "SELECT id FROM events WHERE id >= ? AND id < ? LIMIT 2", (clean, clean + "g")
    ).fetchall()
    if not rows:
        raise NotFound(_("There is no event {clean} on this device.").format(clean=clean))
    if len(rows) > 1:
        raise BadInput(
            _("More than one event starts with {clean}; give more characters.").format(clean=clean)
        )
    return str(rows[0][0])


def publish_withdraw_all(store: Store, pubkey: str) -> list[Event]:
    """Withdraw everything one persona ever wrote (that this device knows of).

    One ``delete`` per event, each queued for every relay the community lives
    on; relays then purge the content and keep only tombstones.
    """
    persona = load_persona(store, pubkey)
    rows = store.execute(
        "SELECT id, community FROM events WHERE pubkey = ? AND deleted = 0"
        " AND kind NOT IN ('delete', 'profile', 'community') ORDER BY rowid",
        (persona.pubkey,),
    ).fetchall()
    deletes = [builders.delete(persona.keys, community, eid) for eid, community in rows]
    for start in range(0, len(deletes), 500):
        batch = deletes[start : start + 500]

        def enqueue(conn: object, batch: list[Event] = batch) -> None:
            for event in batch:
                queue(conn, event)

        store_verified(store, batch, on_commit=enqueue)
    return deletes


def publish_moderation(
    store: Store, slug: str, action: str, target: str, *, reason: str = ""
) -> Event:
    """A moderator's signed action; refused here unless the pinned definition names you."""
    from peerhaven.core.event import MODERATION_ACTIONS
    from peerhaven.store.moderation import pinned

    if action not in MODERATION_ACTIONS:
        raise BadInput(
            _("A moderation action is one of: {join}.").format(join=", ".join(MODERATION_ACTIONS))
        )
    persona = speaking_persona(store, slug)
    pin = pinned(store.conn, slug)
    owner, moderators = pin if pin else ("", frozenset())
    if persona.pubkey != owner and persona.pubkey not in moderators:
        raise BadInput(
            _(
                "Your persona in {slug!r} is not one of its moderators, so relays and members "
                "would ignore this action."
            ).format(slug=slug)
        )
    if action in ("hide", "restore"):
        event = get_event(store, target)
        if event is None or event.community != slug:
            raise NotFound(
                _("There is no event {target} of {slug!r} on this device.").format(
                    target=target[:12], slug=slug
                )
            )
    elif len(target) != 64:
        raise BadInput(_("Ban and unban take a full 64-character public key."))
    moderation = builders.moderate(persona.keys, slug, action, target, reason=reason)
    return _store_and_queue(store, moderation)
