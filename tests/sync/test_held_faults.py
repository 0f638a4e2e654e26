"""Held posts from relays that do not play along: an older relay, and a lying one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peerhaven.core import Keypair, builders
from peerhaven.store.communities import join
from peerhaven.store.held import held_posts
from peerhaven.store.personas import create_persona
from peerhaven.store.relays import add_relay
from peerhaven.sync import Syncer
from tests.fixtures.hostile import FakeRelay, Reply, Script, Seen
from tests.sync.helpers import member

SLUG = "careful-circle"


def _relay_offering(definition: dict[str, Any], held: Reply) -> Script:
    def script(seen: Seen) -> Reply:
        if seen.path == "/v1/info":
            return Reply(body={"name": "fake", "limits": {"max_batch": 100, "page_max": 500}})
        if seen.path == "/v1/communities":
            return Reply(body={"communities": [definition]})
        if seen.path == "/v1/events" and seen.method == "GET":
            return Reply(body={"events": [definition], "next": "1", "more": False})
        if seen.path == "/v1/reports":
            return Reply(body={"reports": [], "next": "0", "more": False})
        if seen.path == "/v1/held":
            return held
        return Reply(404, {"error": "not-found", "detail": "nothing here"})

    return script


def _moderator(tmp_path: Path, make: Callable[[Script], FakeRelay], held: Reply) -> Any:
    owner = Keypair.generate()
    store = member(tmp_path / "mod.db")
    mod = create_persona(store)
    definition = builders.community(
        owner, SLUG, "Careful", moderators=[mod.pubkey], hold_first_posts=1
    ).to_wire()
    relay = make(_relay_offering(definition, held))
    add_relay(store, relay.url)
    with Syncer(store) as sync:
        sync.browse(relay.url)
    join(store, SLUG, persona=mod.pubkey)
    return store, relay


def test_a_relay_without_held_posts_does_not_fail_the_sync(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    older = Reply(404, {"error": "not-found", "detail": "No such endpoint."})
    store, relay = _moderator(tmp_path, fake_relay, older)
    with Syncer(store) as sync:
        report = sync.sync(force=True)
    assert report.relays[0].error is None
    assert held_posts(store, SLUG) == []
    [asked] = [seen for seen in relay.seen if seen.path == "/v1/held"]
    assert asked.headers["authorization"].startswith("PeerHaven pubkey=")
    store.close()


def test_forged_or_misplaced_held_posts_are_dropped(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    newcomer = Keypair.generate()
    good = builders.post(newcomer, SLUG, "a real first post")
    elsewhere = builders.post(newcomer, "another-place", "not this community")
    forged = dataclasses.replace(builders.post(newcomer, SLUG, "original"), content="changed")
    body = {
        "held": [good.to_wire(), elsewhere.to_wire(), forged.to_wire()],
        "next": "3",
        "more": False,
    }
    store, _ = _moderator(tmp_path, fake_relay, Reply(body=body))
    with Syncer(store) as sync:
        report = sync.sync(force=True)
    assert report.relays[0].error is None
    assert sum(report.relays[0].dropped.values()) == 2
    assert [post.id for post in held_posts(store, SLUG)] == [good.id]
    store.close()
