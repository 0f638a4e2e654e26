"""Making signed events: the only way PeerHaven code creates one.

Each helper fills in the tags the contract expects for its kind, so callers
cannot forget a ``root`` on a reply or a ``target`` on a delete.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence

from peerhaven.core.canonical import event_id
from peerhaven.core.community import definition_content
from peerhaven.core.event import Event, Tags
from peerhaven.core.keys import Keypair
from peerhaven.core.pow import mint


def sign_event(
    keys: Keypair,
    kind: str,
    community: str,
    content: str,
    tags: Iterable[Sequence[str]] = (),
    *,
    created_at: int | None = None,
    pow_difficulty: int = 0,
) -> Event:
    """Sign an event; with ``pow_difficulty`` it also mints a ``nonce`` tag."""
    when = int(time.time()) if created_at is None else created_at
    frozen: Tags = tuple(tuple(tag) for tag in tags)
    if pow_difficulty > 0:
        frozen, eid = mint(keys.pubkey, when, kind, community, frozen, content, pow_difficulty)
    else:
        eid = event_id(keys.pubkey, when, kind, community, frozen, content)
    return Event(
        id=eid,
        pubkey=keys.pubkey,
        created_at=when,
        kind=kind,
        community=community,
        tags=frozen,
        content=content,
        sig=keys.sign_id(eid),
    )


def post(
    keys: Keypair,
    community: str,
    text: str,
    *,
    reply_to: Event | None = None,
    cw: Sequence[str] = (),
    expires_at: int | None = None,
    created_at: int | None = None,
    pow_difficulty: int = 0,
) -> Event:
    """A post, or a reply carrying ``parent`` and ``root`` when ``reply_to`` is given."""
    tags: list[tuple[str, ...]] = []
    if reply_to is not None:
        tags.append(("parent", reply_to.id))
        tags.append(("root", reply_to.root or reply_to.id))
    tags.extend(("cw", label) for label in cw)
    if expires_at is not None:
        tags.append(("expires", str(expires_at)))
    return sign_event(
        keys, "post", community, text, tags, created_at=created_at, pow_difficulty=pow_difficulty
    )


def edit(
    keys: Keypair,
    target: Event,
    text: str,
    *,
    cw: Sequence[str] = (),
    created_at: int | None = None,
) -> Event:
    """New words for one of the author's own posts: ``target`` names it, ``cw`` replaces
    its content-warning labels. Devices apply it only within ``EDIT_WINDOW``."""
    tags: list[tuple[str, ...]] = [("target", target.id)]
    tags.extend(("cw", label) for label in cw)
    return sign_event(keys, "edit", target.community, text, tags, created_at=created_at)


def reaction(keys: Keypair, target: Event, which: str, *, created_at: int | None = None) -> Event:
    """One of the four supportive reactions to a post."""
    return sign_event(
        keys, "reaction", target.community, which, [("parent", target.id)], created_at=created_at
    )


def delete(
    keys: Keypair, community: str, target_id: str, *, created_at: int | None = None
) -> Event:
    """The author withdraws one of its own events."""
    return sign_event(keys, "delete", community, "", [("target", target_id)], created_at=created_at)


def moderate(
    keys: Keypair,
    community: str,
    action: str,
    target: str,
    *,
    reason: str = "",
    created_at: int | None = None,
) -> Event:
    """hide/restore an event or ban/unban a pubkey; the reason travels as a ``reason`` tag."""
    tags: list[tuple[str, ...]] = [("target", target)]
    if reason:
        tags.append(("reason", reason))
    return sign_event(keys, "moderate", community, action, tags, created_at=created_at)


def report(keys: Keypair, target: Event, reason: str, *, created_at: int | None = None) -> Event:
    """Flag an event to the community's moderators."""
    return sign_event(
        keys, "report", target.community, reason, [("target", target.id)], created_at=created_at
    )


def community(
    keys: Keypair,
    slug: str,
    name: str,
    description: str = "",
    rules: Sequence[str] = (),
    moderators: Iterable[str] = (),
    *,
    created_at: int | None = None,
    **extra: object,
) -> Event:
    """A community definition signed by its owner; moderators become ``mod`` tags."""
    content = definition_content(name, description, list(rules), **extra)
    tags = [("mod", pubkey) for pubkey in moderators]
    return sign_event(keys, "community", slug, content, tags, created_at=created_at)


def profile(
    keys: Keypair, name: str = "", bio: str = "", *, created_at: int | None = None
) -> Event:
    """A persona's self-description: pseudonymous by design."""
    content = json.dumps({"name": name, "bio": bio}, ensure_ascii=False, separators=(",", ":"))
    return sign_event(keys, "profile", "", content, created_at=created_at)
