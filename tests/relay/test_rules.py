"""The pure parts, without a server: policy decisions, token buckets, ETag matching, pages."""

from __future__ import annotations

import gzip
import json
import time

from peerhaven.core import Keypair, builders
from peerhaven.core.community import parse_definition
from peerhaven.relay.pages import PageCache, build_page, etag_matches
from peerhaven.relay.policy import (
    RELAY_WIDE,
    Facts,
    PolicyState,
    RelayReason,
    Rules,
    Target,
    decide,
)
from peerhaven.relay.ratelimit import Buckets, ConnectionKeys, retry_after
from peerhaven.relay.storage.base import Page

OWNER, MOD, MEMBER = Keypair.generate(), Keypair.generate(), Keypair.generate()
NOW = int(time.time())


def state() -> PolicyState:
    definition = builders.community(OWNER, "room", "Room", moderators=[MOD.pubkey])
    return PolicyState(communities={"room": parse_definition(definition)})


def test_a_relay_may_keep_a_narrower_edit_window() -> None:
    post = builders.post(MEMBER, "room", "words", created_at=NOW - 100)
    facts = Facts(targets={post.id: Target(MEMBER.pubkey, "room", "post", post.created_at)})
    edit = builders.edit(MEMBER, post, "new words", created_at=post.created_at + 90)
    default = Rules(operators=frozenset({OWNER.pubkey}))
    narrow = Rules(operators=frozenset({OWNER.pubkey}), edit_window=60)
    assert decide(edit, state(), facts, default, NOW) is None
    assert decide(edit, state(), facts, narrow, NOW) is RelayReason.EDIT_WINDOW_CLOSED
    held = Facts(targets={post.id: Target(MEMBER.pubkey, "room", "post", post.created_at, False)})
    assert decide(edit, state(), held, default, NOW) is RelayReason.UNKNOWN_TARGET


def test_definitions_need_an_open_relay_or_the_operator() -> None:
    new = builders.community(MEMBER, "fresh", "Fresh")
    closed = Rules(operators=frozenset({OWNER.pubkey}))
    assert decide(new, state(), Facts(), closed, NOW) is RelayReason.UNKNOWN_COMMUNITY
    opened = Rules(operators=frozenset(), open_communities=True)
    assert decide(new, state(), Facts(), opened, NOW) is None
    by_operator = builders.community(OWNER, "fresh", "Fresh")
    assert decide(by_operator, state(), Facts(), closed, NOW) is None


def test_a_moderator_may_hide_but_not_across_communities() -> None:
    rules = Rules(operators=frozenset())
    hide = builders.moderate(MOD, "room", "hide", "ab" * 32)
    elsewhere = Facts(targets={"ab" * 32: Target(MEMBER.pubkey, "other", "post")})
    assert decide(hide, state(), Facts(), rules, NOW) is None
    assert decide(hide, state(), elsewhere, rules, NOW) is RelayReason.WRONG_COMMUNITY
    by_member = builders.moderate(MEMBER, "room", "hide", "ab" * 32)
    assert decide(by_member, state(), Facts(), rules, NOW) is RelayReason.NOT_MODERATOR


def test_bans_relay_wide_and_per_community_but_never_the_owner() -> None:
    rules = Rules(operators=frozenset())
    banned = state()
    banned.bans = {("room", MEMBER.pubkey), ("room", OWNER.pubkey)}
    post = builders.post(MEMBER, "room", "hello")
    assert decide(post, banned, Facts(), rules, NOW) is RelayReason.BANNED
    assert decide(builders.post(OWNER, "room", "mine"), banned, Facts(), rules, NOW) is None
    everywhere = PolicyState(bans={(RELAY_WIDE, MEMBER.pubkey)})
    profile = builders.profile(MEMBER, "x")
    assert decide(profile, everywhere, Facts(), rules, NOW) is RelayReason.BANNED


def test_tombstones_only_bind_the_author_who_deleted() -> None:
    rules = Rules(operators=frozenset())
    post = builders.post(MEMBER, "room", "regret")
    assert (
        decide(post, state(), Facts(tombstones={post.id: MEMBER.pubkey}), rules, NOW)
        is RelayReason.DELETED
    )
    assert decide(post, state(), Facts(tombstones={post.id: MOD.pubkey}), rules, NOW) is None


def test_buckets_refill_and_say_how_long_to_wait() -> None:
    buckets = Buckets(rate=2.0, burst=2)
    assert buckets.take("k", now=0.0) == 0.0
    assert buckets.take("k", now=0.0) == 0.0
    assert buckets.take("k", now=0.0) == 0.5
    assert buckets.take("k", now=0.5) == 0.0
    assert retry_after(0.01) == 1 and retry_after(2.2) == 3
    assert Buckets(rate=0, burst=1).take("k") == 0.0


def test_buckets_stay_bounded_under_a_flood_of_keys() -> None:
    buckets = Buckets(rate=1.0, burst=5, max_keys=100)
    for n in range(1000):
        buckets.take(n, now=float(n) / 1000)
    assert len(buckets._state) <= 100
    # the most recent key kept its state: one token spent, so the fifth take now waits
    waits = [buckets.take(999, now=0.999) for _ in range(5)]
    assert waits[:4] == [0.0] * 4 and waits[4] > 0


def test_connection_keys_hide_the_address() -> None:
    keys = ConnectionKeys()
    key = keys.key(("192.0.2.7", 5000))
    assert key == keys.key(("192.0.2.7", 5000)) != keys.key(("192.0.2.7", 5001))
    assert b"192.0.2.7" not in key and ConnectionKeys().key(("192.0.2.7", 5000)) != key


def test_pages_join_stored_json_and_cache_until_version_or_expiry() -> None:
    page = Page(rows=[(3, '{"a":1}'), (9, '{"b":2}')], more=True, expires_at=NOW + 10)
    built = build_page(page, 0, version=4)
    assert built.body == b'{"events":[{"a":1},{"b":2}],"next":"9","more":true}'
    cache = PageCache(max_bytes=10_000)
    cache.put(("room", 0, 50), built)
    assert cache.get(("room", 0, 50), 4, NOW) is built
    assert cache.get(("room", 0, 50), 5, NOW) is None
    assert cache.get(("room", 0, 50), 4, NOW + 10) is None
    assert (
        build_page(Page([], False, None), 17, 1).body == b'{"events":[],"next":"17","more":false}'
    )


def test_a_page_worth_compressing_is_cached_compressed_only() -> None:
    rows = [(n, json.dumps({"n": n, "text": "kind words " * 20})) for n in range(1, 40)]
    built = build_page(Page(rows=rows, more=False, expires_at=None), 0, version=1)
    joined = ",".join(body for _, body in rows)
    expected = f'{{"events":[{joined}],"next":"39","more":false}}'.encode()
    assert built.plain is None and built.gzipped is not None
    assert gzip.decompress(built.gzipped) == expected == built.body
    assert built.size < len(expected) // 2  # what the cache budget is charged
    assert built.etag == build_page(Page(rows=rows, more=False, expires_at=None), 0, 2).etag


def test_etag_matching_follows_if_none_match_rules() -> None:
    assert etag_matches('"abc"', '"abc"')
    assert etag_matches('W/"abc", "def"', '"abc"')
    assert etag_matches("*", '"abc"')
    assert not etag_matches('"abd"', '"abc"') and not etag_matches(None, '"abc"')
