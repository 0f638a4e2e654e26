"""Signed events waiting for relays: nothing a person publishes is lost while offline.

An event goes to every relay its community lives on (profiles to all relays);
each relay's answer is recorded per event, so a relay that comes back later
still gets what it missed, and a refusal is kept with its reason to be shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.core.community import HELD_REASON
from peerhaven.core.event import GLOBAL_KINDS, Event
from peerhaven.core.i18n import N_, _
from peerhaven.core.inert import inert_line
from peerhaven.store.clock import now
from peerhaven.store.database import Store

FINAL = ("accepted", "duplicate", "rejected")

# events queued for a relay that has not given a final answer for them
_PENDING = (
    "FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM outbox_delivery d"
    "  WHERE d.event_id = o.event_id AND d.relay_url = :relay)"
    " AND (o.community = '' OR EXISTS (SELECT 1 FROM community_relays c"
    "  WHERE c.slug = o.community AND c.relay_url = :relay))"
)


_TARGETED = (
    "(o.community = '' OR EXISTS (SELECT 1 FROM community_relays c"
    " WHERE c.slug = o.community AND c.relay_url = r.url))"
)


@dataclass(frozen=True, slots=True)
class Refusal:
    """An event a relay refused, with its reason, for the person to see."""

    event_id: str
    relay_url: str
    reason: str
    community: str


def queue(conn: object, event: Event) -> None:
    """Put a signed event in the outbox (inside the caller's transaction)."""
    community = "" if event.kind in GLOBAL_KINDS else event.community
    conn.execute(  # type: ignore[attr-defined]
        "INSERT OR IGNORE INTO outbox (event_id, event, community, queued_at) VALUES (?, ?, ?, ?)",
        (event.id, event.to_json(), community, now()),
    )


def pending_for(store: Store, relay_url: str, limit: int) -> list[Event]:
    """The oldest events this relay has not answered for yet."""
    rows = store.execute(
        f"SELECT o.event {_PENDING} ORDER BY o.queued_at, o.rowid LIMIT :limit",
        {"relay": relay_url, "limit": limit},
    ).fetchall()
    return [Event.from_json(row[0]) for row in rows]


def pending_count(store: Store, relay_url: str | None = None) -> int:
    """How many events wait for this relay (or, without one, for any relay)."""
    if relay_url is not None:
        row = store.execute(f"SELECT count(*) {_PENDING}", {"relay": relay_url}).fetchone()
        return int(row[0])
    # an event waits while some relay it is meant for has not answered, or while
    # it is meant for no relay yet (its community has none, or there are none)
    row = store.execute(
        "SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM relays r WHERE"
        f" {_TARGETED}) OR EXISTS (SELECT 1 FROM relays r WHERE {_TARGETED} AND NOT EXISTS"
        " (SELECT 1 FROM outbox_delivery d WHERE d.event_id = o.event_id"
        " AND d.relay_url = r.url))"
    ).fetchone()
    return int(row[0])


def record_results(store: Store, relay_url: str, results: list[tuple[str, str, str]]) -> None:
    """Store a relay's answers: (event id, status, reason) each.

    A reason is kept with any status: "rejected:banned", and also
    "accepted:held-for-approval" for a post a moderator has to approve first.
    """
    at = now()
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO outbox_delivery (event_id, relay_url, delivered_at, status)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (event_id, relay_url) DO UPDATE SET"
            " delivered_at = excluded.delivered_at, status = excluded.status",
            [
                (
                    eid,
                    relay_url,
                    at,
                    f"{status}:{reason}" if reason or status == "rejected" else status,
                )
                for eid, status, reason in results
                if status in FINAL
            ],
        )
        conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1 WHERE event_id = ?",
            [(eid,) for eid, _, _ in results],
        )


def refusals(store: Store) -> list[Refusal]:
    """Events some relay refused, newest first."""
    rows = store.execute(
        "SELECT d.event_id, d.relay_url, substr(d.status, 10), o.community FROM outbox_delivery d"
        " JOIN outbox o ON o.event_id = d.event_id WHERE d.status LIKE 'rejected:%'"
        " ORDER BY d.delivered_at DESC"
    ).fetchall()
    return [Refusal(eid, url, reason, community) for eid, url, reason, community in rows]


#: what your own post says while no relay has it yet
NOT_SENT = N_("not sent yet")
#: what it says while a relay holds it for a moderator (and none has published it)
HELD = N_("waits for a moderator's approval")
#: a relay's refusal codes (``core.errors.Reason``, the relay's own, and its request-level
#: codes) in words, for the state of your own post, for what a send says and for a refused
#: request: the wire carries the code and English text, the member reads these in their
#: language (``_`` where shown); a code not listed is quoted
REASON_WORDS = {
    "banned": N_("this persona is banned there"),
    "content-too-large": N_("it is longer than the relay allows"),
    "bad-content": N_("its words break the relay's rules"),
    "clock-skew": N_("this device's clock seems to be wrong"),
    "insufficient-pow": N_("the relay asks for more proof of work"),
    "unknown-community": N_("the relay does not carry this community"),
    "not-moderator": N_("this persona does not moderate there"),
    "not-owner": N_("only the community's owner may do that"),
    "not-author": N_("only the author may do that"),
    "wrong-community": N_("that post belongs to another community"),
    "edit-window-closed": N_("the time for editing that post is over"),
    "expired": N_("it had expired"),
    "deleted": N_("it was withdrawn"),
    "rate-limited": N_("too many posts at once"),
    "malformed": N_("the relay could not read what was sent"),
    "bad-hex": N_("the relay could not read what was sent"),
    "wrong-id": N_("the post's id does not match its words"),
    "bad-signature": N_("its signature does not verify"),
    "bad-slug": N_("the community's name is not one a relay accepts"),
    "unknown-kind": N_("the relay does not know this kind of action"),
    "malformed-tags": N_("the relay could not read what was sent"),
    "invalid-event": N_("the relay found it invalid"),
    "unauthenticated": N_("the relay could not confirm who asked"),
    "too-large": N_("it is larger than the relay accepts"),
    "not-found": N_("the relay does not have what was asked for"),
    "unavailable": N_("the relay cannot take it right now"),
}


def reason_words(code: str) -> str:
    """A relay's refusal code as words; an unknown code is quoted, made inert."""
    if code in REASON_WORDS:
        return _(REASON_WORDS[code])
    if code:
        return _("it gave the reason “{code}”").format(code=inert_line(code))
    return _("it gave no reason")


def refusal_words(code: str) -> str:
    """ "refused by a relay: this persona is banned there", for your post to say."""
    return _("refused by a relay: {reason}").format(reason=reason_words(code))


def delivery_states(store: Store, event_ids: list[str]) -> dict[str, str]:
    """For each of these events still in the outbox: "refused by a relay: why", else
    "waits for a moderator's approval" while a relay holds it and none published it,
    else "not sent yet" while a relay it is meant for has not answered (or none is
    known yet).

    Events delivered everywhere, and events never queued here (others' posts),
    are left out. A refusal comes first: it needs the person's attention.
    """
    states: dict[str, str] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        names = ",".join(f":e{i}" for i in range(len(chunk)))
        for event_id, refused, held, waiting in store.execute(
            "SELECT o.event_id,"
            " (SELECT substr(d.status, 10) FROM outbox_delivery d WHERE d.event_id = o.event_id"
            "  AND d.status LIKE 'rejected%' ORDER BY d.delivered_at DESC LIMIT 1),"
            " EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.event_id = o.event_id"
            "  AND d.status LIKE :held) AND NOT EXISTS (SELECT 1 FROM outbox_delivery d"
            "  WHERE d.event_id = o.event_id AND d.status IN ('accepted', 'duplicate')),"
            f" NOT EXISTS (SELECT 1 FROM relays r WHERE {_TARGETED})"
            f" OR EXISTS (SELECT 1 FROM relays r WHERE {_TARGETED} AND NOT EXISTS"
            "  (SELECT 1 FROM outbox_delivery d WHERE d.event_id = o.event_id"
            "   AND d.relay_url = r.url))"
            f" FROM outbox o WHERE o.event_id IN ({names})",
            {"held": f"%:{HELD_REASON}", **{f"e{i}": eid for i, eid in enumerate(chunk)}},
        ):
            if refused is not None:
                states[str(event_id)] = refusal_words(str(refused))
            elif held:
                states[str(event_id)] = _(HELD)
            elif waiting:
                states[str(event_id)] = _(NOT_SENT)
    return states


def answers_for(store: Store, event_id: str) -> dict[str, str]:
    """Each relay's recorded answer for one event: relay URL to status ("rejected:banned")."""
    rows = store.execute(
        "SELECT relay_url, status FROM outbox_delivery WHERE event_id = ?", (event_id,)
    ).fetchall()
    return {url: status for url, status in rows}
