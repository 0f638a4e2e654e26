"""First posts held for approval, end to end: author, reader and moderator on their own stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.store import Store
from peerhaven.store.communities import membership, set_offline_policy
from peerhaven.store.errors import NotFound
from peerhaven.store.feed import threads
from peerhaven.store.held import approve_held, decline_held, held_posts, waiting_for_approval
from peerhaven.store.publish import publish_post
from peerhaven.sync import Syncer
from peerhaven.sync.engine import SyncReport
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.relay.helpers import operator
from tests.sync.helpers import join_via, member

SLUG = "new-here"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def relay(request: pytest.FixtureRequest, relay_process: RelayLauncher) -> RelayProcess:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    return relay_process(request.param, database_url=url)


def _sync(*stores: Store) -> SyncReport:
    report = SyncReport()
    for store in stores:
        with Syncer(store) as sync:
            report = sync.sync(force=True)
            assert all(r.error is None for r in report.relays), report
    return report


def _posts(store: Store) -> list[str]:
    return [t.post.content for t in threads(store, SLUG)]


def test_a_newcomers_first_post_waits_for_a_moderator(tmp_path: Path, relay: RelayProcess) -> None:
    mod = member(tmp_path / "mod.db", relay.url)
    author = member(tmp_path / "author.db", relay.url)
    reader = member(tmp_path / "reader.db", relay.url)
    code, _, err = operator(relay, "community", "create", SLUG, "--name", "New here")
    assert code == 0, err
    join_via(mod, SLUG, relay.url)
    mod_key = membership(mod, SLUG).persona
    for args in (("add-moderator", SLUG, mod_key), ("hold", SLUG, "1")):
        code, _, err = operator(relay, "community", *args)
        assert code == 0, err
    for store in (author, reader):
        join_via(store, SLUG, relay.url)
    _sync(mod, reader)

    first = publish_post(author, SLUG, "Hello, I found this place tonight.")
    pushed = _sync(author)
    assert pushed.held == 1
    [waiting] = waiting_for_approval(author)
    assert (waiting.event_id, waiting.state) == (first.id, "waiting")
    assert _posts(author) == ["Hello, I found this place tonight."]  # the author sees it

    publish_post(mod, SLUG, "Welcome to everyone new this week.")
    _sync(mod, reader)
    assert _posts(reader) == ["Welcome to everyone new this week."]
    assert held_posts(reader, SLUG) == []  # not a moderator: nothing fetched
    [queued] = held_posts(mod, SLUG)
    assert (queued.id, queued.content, queued.relays) == (first.id, first.content, (relay.url,))
    with pytest.raises(NotFound, match="No held post"):
        approve_held(reader, first.id)  # nothing held on a member's device

    approve_held(mod, first.id, reason="welcome")
    assert held_posts(mod, SLUG) == []
    _sync(mod)
    _sync(reader)  # its cursor passed the post's first position long ago
    assert sorted(_posts(reader)) == sorted(
        ["Welcome to everyone new this week.", "Hello, I found this place tonight."]
    )
    _sync(author)
    assert waiting_for_approval(author) == []

    second = publish_post(author, SLUG, "Thank you all.")
    assert _sync(author).held == 0  # one approved post lifts the hold
    _sync(reader)
    assert "Thank you all." in _posts(reader)
    assert second.id not in {w.event_id for w in waiting_for_approval(author)}

    for store in (mod, author, reader):
        store.close()


def test_a_declined_post_never_reaches_anyone_and_its_author_is_told(
    tmp_path: Path, relay: RelayProcess
) -> None:
    mod = member(tmp_path / "mod.db", relay.url)
    author = member(tmp_path / "author.db", relay.url)
    reader = member(tmp_path / "reader.db", relay.url)
    code, _, err = operator(
        relay, "community", "create", SLUG, "--name", "New here", "--hold-first-posts", "1"
    )
    assert code == 0, err
    join_via(mod, SLUG, relay.url)
    code, _, err = operator(
        relay, "community", "add-moderator", SLUG, membership(mod, SLUG).persona
    )
    assert code == 0, err
    for store in (author, reader):
        join_via(store, SLUG, relay.url)
    _sync(mod)

    unkind = publish_post(author, SLUG, "an unkind first post")
    _sync(author, mod)
    [queued] = held_posts(mod, SLUG)
    decline_held(mod, queued.id, reason="Rule 1: be kind")
    _sync(mod, reader, author)
    assert _posts(reader) == []
    assert held_posts(mod, SLUG) == []
    [declined] = waiting_for_approval(author)
    assert (declined.event_id, declined.state) == (unkind.id, "declined")
    with pytest.raises(NotFound):
        approve_held(mod, unkind.id)
    for store in (mod, author, reader):
        store.close()


def test_an_author_who_does_not_keep_the_feed_still_learns_of_the_approval(
    tmp_path: Path, relay: RelayProcess
) -> None:
    mod = member(tmp_path / "mod.db", relay.url)
    author = member(tmp_path / "author.db", relay.url)
    code, _, err = operator(
        relay, "community", "create", SLUG, "--name", "New here", "--hold-first-posts", "1"
    )
    assert code == 0, err
    join_via(mod, SLUG, relay.url)
    assert (
        operator(relay, "community", "add-moderator", SLUG, membership(mod, SLUG).persona)[0] == 0
    )
    join_via(author, SLUG, relay.url)
    set_offline_policy(author, SLUG, keep_offline=False)
    post = publish_post(author, SLUG, "a first post, written and left")
    _sync(author, mod)
    assert [w.event_id for w in waiting_for_approval(author)] == [post.id]
    _sync(author)
    assert [w.state for w in waiting_for_approval(author)] == ["waiting"]
    approve_held(mod, post.id)
    _sync(mod, author)
    assert waiting_for_approval(author) == []
    for store in (mod, author):
        store.close()
