"""Activity: replies, reactions, moderators' actions and held decisions that concern you."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.core.community import HELD_REASON
from peerhaven.core.event import Event
from peerhaven.store import Store
from peerhaven.store.activity import (
    HELD,
    MODERATION,
    REACTION,
    REPLY,
    activity,
    latest_rowid,
    mark_all_read,
    mark_read,
    quiet_at,
    rings,
    unread_activity,
)
from peerhaven.store.communities import join, record_offers
from peerhaven.store.errors import BadInput
from peerhaven.store.events import ingest
from peerhaven.store.filter_prefs import block, mute
from peerhaven.store.outbox import record_results
from peerhaven.store.personas import create_persona
from peerhaven.store.publish import publish_post
from peerhaven.store.settings import get_setting, set_setting

OWNER = Keypair.from_secret(bytes([41]) * 32)
UMA = Keypair.from_secret(bytes([42]) * 32)
VIC = Keypair.from_secret(bytes([43]) * 32)
SLUG = "evening-circle"
BASE = int(time.time()) - 10_000


def _joined(store: Store) -> None:
    create_persona(store)
    record_offers(
        store, "http://relay.test", [builders.community(OWNER, SLUG, "Evening").to_wire()]
    )
    join(store, SLUG)


def _arrive(store: Store, *events: Event) -> None:
    with Verifier(1) as verifier:
        ingest(store, list(events), verifier)


def test_each_kind_newest_first_for_your_posts_only(fresh_store: Store) -> None:
    _joined(fresh_store)
    mine = publish_post(fresh_store, SLUG, "a hard night")
    other = publish_post(fresh_store, SLUG, "a post a moderator hides")
    theirs = builders.post(VIC, SLUG, "someone else's thread", created_at=BASE)
    reply = builders.post(UMA, SLUG, "I hear you", reply_to=mine, created_at=BASE + 10)
    elsewhere = builders.post(UMA, SLUG, "not to you", reply_to=theirs, created_at=BASE + 11)
    hug = builders.reaction(UMA, mine, "sending-support", created_at=BASE + 20)
    not_mine = builders.reaction(UMA, theirs, "me-too", created_at=BASE + 21)
    hide = builders.moderate(OWNER, SLUG, "hide", other.id, reason="names a person",
                             created_at=BASE + 30)  # fmt: skip
    _arrive(fresh_store, theirs, reply, elsewhere, hug, not_mine, hide)
    items = activity(fresh_store)
    assert [(i.kind, i.id) for i in items] == [
        (MODERATION, hide.id),
        (REACTION, hug.id),
        (REPLY, reply.id),
    ]
    moderation, reaction, answered = items
    assert (moderation.action, moderation.text, moderation.opens) == ("hide", "names a person",
                                                                      other.id)  # fmt: skip
    assert (reaction.text, reaction.author) == ("sending-support", None)  # never who
    assert (answered.text, answered.opens, answered.target) == ("I hear you", reply.id, mine.id)
    assert all(item.unread for item in items)
    assert unread_activity(fresh_store) == 3


def test_replies_to_your_replies_count_and_your_own_never_do(fresh_store: Store) -> None:
    _joined(fresh_store)
    theirs = builders.post(VIC, SLUG, "a thread", created_at=BASE)
    _arrive(fresh_store, theirs)
    my_reply = publish_post(fresh_store, SLUG, "me too", reply_to=theirs.id)
    publish_post(fresh_store, SLUG, "talking to myself", reply_to=my_reply.id)
    answer = builders.post(VIC, SLUG, "thank you", reply_to=my_reply, created_at=BASE + 50)
    _arrive(fresh_store, answer)
    assert [(i.kind, i.id) for i in activity(fresh_store)] == [(REPLY, answer.id)]


def test_muted_blocked_and_hidden_content_never_appears(fresh_store: Store) -> None:
    _joined(fresh_store)
    mine = publish_post(fresh_store, SLUG, "a hard night")
    blocked = builders.post(VIC, SLUG, "from a blocked persona", reply_to=mine,
                            created_at=BASE + 1)  # fmt: skip
    blocked_hug = builders.reaction(VIC, mine, "me-too", created_at=BASE + 2)
    worded = builders.post(UMA, SLUG, "talks about marmalade", reply_to=mine, created_at=BASE + 3)
    hidden = builders.post(UMA, SLUG, "hidden by moderators", reply_to=mine, created_at=BASE + 4)
    hide = builders.moderate(OWNER, SLUG, "hide", hidden.id, created_at=BASE + 5)
    kept = builders.post(UMA, SLUG, "kind words", reply_to=mine, created_at=BASE + 6)
    _arrive(fresh_store, blocked, blocked_hug, worded, hidden, hide, kept)
    block(fresh_store, VIC.pubkey)
    mute(fresh_store, "word", "marmalade")
    assert [i.id for i in activity(fresh_store)] == [kept.id]
    assert unread_activity(fresh_store) == 1
    mute(fresh_store, "thread", mine.id)
    assert activity(fresh_store) == []
    assert unread_activity(fresh_store) == 0


def test_reactions_to_a_post_hidden_by_moderators_are_out_but_the_hide_is_in(
    fresh_store: Store,
) -> None:
    _joined(fresh_store)
    mine = publish_post(fresh_store, SLUG, "a hard night")
    hug = builders.reaction(UMA, mine, "me-too", created_at=BASE + 1)
    hide = builders.moderate(OWNER, SLUG, "hide", mine.id, created_at=BASE + 2)
    _arrive(fresh_store, hug, hide)
    assert [(i.kind, i.action) for i in activity(fresh_store)] == [(MODERATION, "hide")]


def test_an_impostors_moderation_is_not_activity(fresh_store: Store) -> None:
    _joined(fresh_store)
    mine = publish_post(fresh_store, SLUG, "a hard night")
    _arrive(fresh_store, builders.moderate(UMA, SLUG, "hide", mine.id, created_at=BASE))
    assert activity(fresh_store) == []


def test_held_posts_approved_or_declined(fresh_store: Store) -> None:
    _joined(fresh_store)
    approved = publish_post(fresh_store, SLUG, "my first post")
    declined = publish_post(fresh_store, SLUG, "my second post")
    record_results(
        fresh_store,
        "http://relay.test",
        [(approved.id, "accepted", HELD_REASON), (declined.id, "accepted", HELD_REASON)],
    )
    restore = builders.moderate(OWNER, SLUG, "restore", approved.id, created_at=BASE + 1)
    refuse = builders.moderate(OWNER, SLUG, "hide", declined.id, reason="off topic",
                               created_at=BASE + 2)  # fmt: skip
    _arrive(fresh_store, restore, refuse)
    assert [(i.kind, i.action, i.text) for i in activity(fresh_store)] == [
        (HELD, "declined", "off topic"),
        (HELD, "approved", ""),
    ]


def test_reading_one_item_and_then_all_drops_the_count(fresh_store: Store) -> None:
    _joined(fresh_store)
    mine = publish_post(fresh_store, SLUG, "a hard night")
    first = builders.post(UMA, SLUG, "one", reply_to=mine, created_at=BASE + 1)
    second = builders.post(VIC, SLUG, "two", reply_to=mine, created_at=BASE + 2)
    _arrive(fresh_store, first, second)
    items = activity(fresh_store)
    mark_read(fresh_store, [items[0]])
    assert unread_activity(fresh_store) == 1
    assert [i.id for i in activity(fresh_store, unread_only=True)] == [first.id]
    assert [i.unread for i in activity(fresh_store)] == [False, True]
    mark_all_read(fresh_store)
    assert unread_activity(fresh_store) == 0
    assert [i.unread for i in activity(fresh_store)] == [False, False]
    assert len(activity(fresh_store, limit=1)) == 1


def test_a_late_arrival_signed_long_ago_is_new_and_reading_up_to_a_mark_keeps_later_ones(
    fresh_store: Store,
) -> None:
    _joined(fresh_store)
    mine = publish_post(fresh_store, SLUG, "a hard night")
    recent = builders.post(UMA, SLUG, "recent", reply_to=mine, created_at=BASE + 500)
    _arrive(fresh_store, recent)
    shown_upto = latest_rowid(fresh_store)
    # signed before the recent one, delivered after the list was shown
    late = builders.post(VIC, SLUG, "written earlier", reply_to=mine, created_at=BASE + 1)
    _arrive(fresh_store, late)
    mark_all_read(fresh_store, upto=shown_upto)
    unread = activity(fresh_store, unread_only=True)
    assert [i.id for i in unread] == [late.id]
    assert unread_activity(fresh_store) == 1
    mark_all_read(fresh_store, upto=shown_upto - 1)  # a mark never moves back
    assert unread_activity(fresh_store) == 1


def test_no_persona_no_activity(fresh_store: Store) -> None:
    assert activity(fresh_store) == []
    assert unread_activity(fresh_store) == 0


def test_the_bell_is_off_by_default_and_silent_in_quiet_hours(fresh_store: Store) -> None:
    evening, night = dt.time(20, 0), dt.time(23, 30)
    assert not rings(fresh_store, before=0, after=2, moment=evening)
    set_setting(fresh_store, "activity_bell", True)
    assert rings(fresh_store, before=0, after=2, moment=evening)
    assert not rings(fresh_store, before=2, after=2, moment=evening)  # nothing new
    set_setting(fresh_store, "quiet_hours", "22:00 - 7:00")
    assert get_setting(fresh_store, "quiet_hours") == "22:00-07:00"
    assert not rings(fresh_store, before=0, after=1, moment=night)
    assert not rings(fresh_store, before=0, after=1, moment=dt.time(6, 59))
    assert rings(fresh_store, before=0, after=1, moment=dt.time(7, 0))
    assert quiet_at("13:00-14:00", dt.time(13, 30)) and not quiet_at("13:00-14:00", night)


@pytest.mark.parametrize("bad", ["22:00", "25:00-07:00", "22:00-22:00", "late", "22:0-7:00"])
def test_quiet_hours_refuse_what_is_not_a_span_in_one_sentence(
    fresh_store: Store, bad: str
) -> None:
    with pytest.raises(BadInput) as refused:
        set_setting(fresh_store, "quiet_hours", bad)
    message = str(refused.value)
    assert message.startswith("The setting quiet_hours takes") or "differ" in message
    assert message.endswith(".") and "\n" not in message
