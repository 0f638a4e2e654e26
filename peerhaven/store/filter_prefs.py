"""The reader's own filters, kept on this device only: mutes, blocks, warning policies.

``safety.filters`` decides; this module remembers the choices and builds the
``FilterRules`` the feed uses. Nothing here ever leaves the device.
"""

from __future__ import annotations

from typing import Literal

from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.safety.filters import Action, FilterRules, Mute, mute_for, normalise_label
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.personas import HEX_PREFIX_RE, match_persona
from peerhaven.store.settings import get_setting, set_setting

MuteKind = Literal["word", "persona", "thread"]
Duration = Literal["day", "week", "forever"]


def load_rules(store: Store) -> FilterRules:
    """Every choice the reader made, ready for ``decide``."""
    at = now()
    mutes: dict[str, list[Mute]] = {"word": [], "persona": [], "thread": []}
    for kind, value, until in store.execute("SELECT kind, value, until FROM mutes"):
        if until is None or until > at:
            mutes[kind].append(Mute(value, until))
    blocked = frozenset(row[0] for row in store.execute("SELECT pubkey FROM blocks"))
    policy = get_setting(store, "cw_policy") or {}
    defaults = get_setting(store, "cw_community_defaults") or {}
    return FilterRules(
        muted_words=tuple(mutes["word"]),
        muted_personas=tuple(mutes["persona"]),
        muted_threads=tuple(mutes["thread"]),
        blocked=blocked,
        cw_policy={label: Action(action) for label, action in policy.items()},
        community_defaults={slug: Action(action) for slug, action in defaults.items()},
        go_gently=bool(get_setting(store, "go_gently")),
    )


def resolve_persona(store: Store, who: str) -> str:
    """A public key from a key, an unambiguous key prefix, or a pseudonym seen in the store.

    A whole key is taken even when no event of it was seen yet (block before they post).
    """
    clean = who.strip().lower()
    if len(clean) == 64 and HEX_PREFIX_RE.fullmatch(clean):
        return clean
    keys: list[str] = []
    if HEX_PREFIX_RE.fullmatch(clean):
        keys = [
            str(row[0])
            for row in store.execute(
                "SELECT DISTINCT pubkey FROM events WHERE pubkey >= ? AND pubkey < ? LIMIT 6",
                (clean, clean + "g"),
            )
        ]
    if not keys and who.strip():
        keys = [
            str(row[0]) for row in store.execute("SELECT DISTINCT pubkey FROM events")
            if pseudonym(row[0]) == who.strip()
        ]  # fmt: skip
    return match_persona(who, keys)


def mute(store: Store, kind: MuteKind, value: str, duration: Duration = "forever") -> Mute:
    """Mute a word, a persona or a thread for a day, a week or for good."""
    clean = value.strip()
    if not clean:
        raise BadInput(_("Say what to mute."))
    if kind == "persona":
        clean = resolve_persona(store, clean)
    item = mute_for(clean if kind != "word" else clean.casefold(), duration, now())
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO mutes (kind, value, until, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kind, value) DO UPDATE SET until = excluded.until",
            (kind, item.value, item.until, now()),
        )
    return item


def unmute(store: Store, kind: MuteKind, value: str) -> None:
    """Lift a mute."""
    clean = resolve_persona(store, value) if kind == "persona" else value.strip()
    if kind == "word":
        clean = clean.casefold()
    with store.transaction() as conn:
        if not conn.execute(
            "DELETE FROM mutes WHERE kind = ? AND value = ?", (kind, clean)
        ).rowcount:
            raise NotFound(_("{value!r} is not muted.").format(value=value))


def block(store: Store, who: str, note: str = "") -> str:
    """Block a persona: everything it writes is hidden on this device."""
    pubkey = resolve_persona(store, who)
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO blocks (pubkey, created_at, note) VALUES (?, ?, ?)",
            (pubkey, now(), note),
        )
    return pubkey


def unblock(store: Store, who: str) -> None:
    """Lift a block."""
    pubkey = resolve_persona(store, who)
    with store.transaction() as conn:
        if not conn.execute("DELETE FROM blocks WHERE pubkey = ?", (pubkey,)).rowcount:
            raise NotFound(_("{who!r} is not blocked.").format(who=who))


def set_cw_policy(store: Store, label: str, action: str) -> None:
    """Show, collapse or hide everything with this content-warning label."""
    policy = dict(get_setting(store, "cw_policy") or {})
    policy[normalise_label(label)] = Action(action).value
    set_setting(store, "cw_policy", policy)


def set_community_default(store: Store, slug: str, action: str) -> None:
    """What to do in one community with labels that have no policy of their own."""
    defaults = dict(get_setting(store, "cw_community_defaults") or {})
    defaults[slug] = Action(action).value
    set_setting(store, "cw_community_defaults", defaults)


def clear_cw_policy(store: Store, label: str) -> None:
    """Forget the choice for one label: it follows each community's default again."""
    policy = dict(get_setting(store, "cw_policy") or {})
    if policy.pop(normalise_label(label), None) is None:
        raise NotFound(
            _("There is no choice of your own for the warning {label!r}.").format(label=label)
        )
    set_setting(store, "cw_policy", policy)


def clear_community_default(store: Store, slug: str) -> None:
    """Forget one community's default: its unlisted labels collapse, as the protocol asks."""
    defaults = dict(get_setting(store, "cw_community_defaults") or {})
    if defaults.pop(slug, None) is None:
        raise NotFound(_("There is no default of your own for {slug!r}.").format(slug=slug))
    set_setting(store, "cw_community_defaults", defaults)


def set_go_gently(store: Store, on: bool) -> None:
    """ "Go gently": collapse everything that carries a warning, whatever the policies say."""
    set_setting(store, "go_gently", bool(on))
