"""Holding first posts for approval, against real relay processes on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from peerhaven.core import Event, Keypair, builders
from peerhaven.core.auth import auth_header
from tests.fixtures.relay import RelayProcess
from tests.relay.helpers import ids, make_community, new_key, operator, publish, pull_all

pytestmark = pytest.mark.usefixtures("backend")

MOD = Keypair.from_secret(bytes([7]) * 32)
HELD = "held-for-approval"


def holding_community(relay: RelayProcess, slug: str, count: int = 1) -> None:
    make_community(relay, slug, MOD.pubkey)
    code, out, err = operator(relay, "community", "hold", slug, str(count))
    assert code == 0, err
    assert f"first {count} posts" in out


def held_list(relay: RelayProcess, slug: str, keys: Keypair = MOD) -> httpx.Response:
    header = auth_header(keys, "GET", "/v1/held", slug, int(time.time()))
    return httpx.get(
        f"{relay.url}/v1/held", params={"community": slug}, headers={"Authorization": header}
    )


def held_ids(relay: RelayProcess, slug: str) -> list[str]:
    response = held_list(relay, slug)
    assert response.status_code == 200, response.text
    return [event["id"] for event in response.json()["held"]]


def decide(relay: RelayProcess, slug: str, action: str, target: Event, keys: Keypair = MOD) -> Any:
    [result] = publish(relay, builders.moderate(keys, slug, action, target.id))
    return result


def page_after(relay: RelayProcess, slug: str, after: str) -> dict[str, Any]:
    response = httpx.get(f"{relay.url}/v1/events", params={"community": slug, "after": after})
    assert response.status_code == 200
    page: dict[str, Any] = response.json()
    return page


def test_a_held_post_is_accepted_but_served_to_nobody(shared_relay: RelayProcess) -> None:
    holding_community(shared_relay, "held-quiet")
    newcomer = new_key()
    post = builders.post(newcomer, "held-quiet", "Hello, I am new here.")
    [result] = publish(shared_relay, post)
    assert result == {"id": post.id, "status": "accepted", "reason": HELD}
    [again] = publish(shared_relay, post)
    assert again == {"id": post.id, "status": "duplicate", "reason": HELD}
    assert post.id not in ids(pull_all(shared_relay, "held-quiet"))
    single = httpx.get(f"{shared_relay.url}/v1/events/{post.id}")
    assert single.status_code == 404
    assert held_ids(shared_relay, "held-quiet") == [post.id]
    reaction = builders.reaction(newcomer, post, "me-too")
    assert publish(shared_relay, reaction)[0]["reason"] is None  # only posts are held


def test_only_moderators_may_list_held_posts(shared_relay: RelayProcess) -> None:
    holding_community(shared_relay, "held-private")
    publish(shared_relay, builders.post(new_key(), "held-private", "waiting"))
    unsigned = httpx.get(f"{shared_relay.url}/v1/held", params={"community": "held-private"})
    assert unsigned.status_code == 401
    stranger = held_list(shared_relay, "held-private", new_key())
    assert stranger.status_code == 403 and stranger.json()["error"] == "forbidden"
    assert held_list(shared_relay, "no-such-place").status_code == 404


def test_an_approved_post_reaches_readers_whose_cursor_passed_it(
    shared_relay: RelayProcess,
) -> None:
    holding_community(shared_relay, "held-release")
    newcomer, regular = new_key(), new_key()
    publish(shared_relay, builders.post(MOD, "held-release", "welcome, everyone"))
    held = builders.post(newcomer, "held-release", "my first post")
    publish(shared_relay, held)
    later = builders.post(MOD, "held-release", "a later post by a moderator")
    publish(shared_relay, later)
    reader = page_after(shared_relay, "held-release", "")
    seen = ids(reader["events"])
    assert held.id not in seen and later.id in seen
    cursor = reader["next"]

    assert decide(shared_relay, "held-release", "restore", held)["status"] == "accepted"
    assert held_ids(shared_relay, "held-release") == []
    fresh = page_after(shared_relay, "held-release", cursor)
    assert held.id in ids(fresh["events"])
    assert int(fresh["next"]) > int(cursor)
    everything = ids(pull_all(shared_relay, "held-release", limit=1))
    assert len(everything) == len(set(everything))  # paging by one: nothing twice
    assert held.id in everything
    single = httpx.get(f"{shared_relay.url}/v1/events/{held.id}")
    assert single.status_code == 200 and single.json()["id"] == held.id
    # the newcomer's next post is no longer held (N = 1); a regular's first still is
    assert (
        publish(shared_relay, builders.post(newcomer, "held-release", "again"))[0]["reason"] is None
    )
    assert publish(shared_relay, builders.post(regular, "held-release", "hi"))[0]["reason"] == HELD


def test_a_declined_post_is_gone(shared_relay: RelayProcess) -> None:
    holding_community(shared_relay, "held-decline")
    post = builders.post(new_key(), "held-decline", "something unkind")
    publish(shared_relay, post)
    assert decide(shared_relay, "held-decline", "hide", post)["status"] == "accepted"
    assert held_ids(shared_relay, "held-decline") == []
    assert post.id not in ids(pull_all(shared_relay, "held-decline"))
    assert httpx.get(f"{shared_relay.url}/v1/events/{post.id}").status_code == 404
    # declining is final: a later restore publishes nothing
    decide(shared_relay, "held-decline", "restore", post)
    assert post.id not in ids(pull_all(shared_relay, "held-decline"))


def test_the_nth_approved_post_lifts_the_hold(shared_relay: RelayProcess) -> None:
    holding_community(shared_relay, "held-twice", count=2)
    newcomer = new_key()
    first, second = (builders.post(newcomer, "held-twice", f"post {n}") for n in (1, 2))
    assert [r["reason"] for r in publish(shared_relay, first, second)] == [HELD, HELD]
    decide(shared_relay, "held-twice", "restore", first)
    third = builders.post(newcomer, "held-twice", "post 3")
    assert publish(shared_relay, third)[0]["reason"] == HELD  # one approval of two
    decide(shared_relay, "held-twice", "restore", second)
    fourth = builders.post(newcomer, "held-twice", "post 4")
    assert publish(shared_relay, fourth)[0]["reason"] is None
    assert held_ids(shared_relay, "held-twice") == [third.id]
    served = [e["id"] for e in pull_all(shared_relay, "held-twice") if e["kind"] == "post"]
    assert served == [first.id, second.id, fourth.id]


def test_a_strangers_restore_does_nothing(shared_relay: RelayProcess) -> None:
    holding_community(shared_relay, "held-stranger")
    post = builders.post(new_key(), "held-stranger", "please approve me")
    publish(shared_relay, post)
    stranger = new_key()
    result = decide(shared_relay, "held-stranger", "restore", post, stranger)
    assert result["status"] == "rejected" and result["reason"] == "not-moderator"
    self_approval = decide(shared_relay, "held-stranger", "restore", post, new_key())
    assert self_approval["status"] == "rejected"
    assert held_ids(shared_relay, "held-stranger") == [post.id]
    assert post.id not in ids(pull_all(shared_relay, "held-stranger"))


def test_bans_and_deletions_apply_to_held_posts(shared_relay: RelayProcess) -> None:
    holding_community(shared_relay, "held-ban")
    troll, author = new_key(), new_key()
    trolling = builders.post(troll, "held-ban", "spam spam spam")
    regret = builders.post(author, "held-ban", "I should not have said this")
    publish(shared_relay, trolling, regret)
    assert sorted(held_ids(shared_relay, "held-ban")) == sorted([trolling.id, regret.id])
    publish(shared_relay, builders.moderate(MOD, "held-ban", "ban", troll.pubkey))
    publish(shared_relay, builders.delete(author, "held-ban", regret.id))
    assert held_ids(shared_relay, "held-ban") == []
    assert decide(shared_relay, "held-ban", "restore", trolling)["status"] == "accepted"
    assert decide(shared_relay, "held-ban", "restore", regret)["status"] == "accepted"
    served = ids(pull_all(shared_relay, "held-ban"))
    assert trolling.id not in served and regret.id not in served


def test_moderators_are_never_held_and_members_who_posted_before_are_counted(
    shared_relay: RelayProcess,
) -> None:
    make_community(shared_relay, "held-later", MOD.pubkey)
    regular, newcomer = new_key(), new_key()
    before = builders.post(regular, "held-later", "I have been here a while")
    assert publish(shared_relay, before)[0]["reason"] is None
    code, _, err = operator(shared_relay, "community", "hold", "held-later", "1")
    assert code == 0, err
    assert (
        publish(shared_relay, builders.post(regular, "held-later", "still me"))[0]["reason"] is None
    )
    assert publish(shared_relay, builders.post(MOD, "held-later", "mod here"))[0]["reason"] is None
    assert publish(shared_relay, builders.post(newcomer, "held-later", "hi"))[0]["reason"] == HELD
    code, out, _ = operator(shared_relay, "stats")
    assert code == 0 and "held\t" in out
    code, _, _ = operator(shared_relay, "community", "hold", "held-later", "0")
    assert (
        publish(shared_relay, builders.post(newcomer, "held-later", "again"))[0]["reason"] is None
    )


def test_a_hold_must_be_a_small_whole_number(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "held-bad")
    code, _, err = operator(shared_relay, "community", "hold", "held-bad", "-1")
    assert code == 2 and "from 0 to 100" in err  # refused at the border, as a usage error
    code, _, err = operator(shared_relay, "community", "hold", "held-bad", "101")
    assert code == 2 and "from 0 to 100" in err
    code, _, err = operator(
        shared_relay, "community", "create", "held-new", "--name", "New", "--hold-first-posts", "3"
    )
    assert code == 0, err
    [definition] = [
        event
        for event in httpx.get(f"{shared_relay.url}/v1/communities").json()["communities"]
        if event["community"] == "held-new"
    ]
    assert '"hold_first_posts":3' in definition["content"]
    code, out, _ = operator(shared_relay, "community", "list")
    assert code == 0 and "holds first 3 posts" in out


def test_an_operators_ban_purges_held_posts(shared_relay: RelayProcess) -> None:
    holding_community(shared_relay, "held-operator")
    spammer = new_key()
    spam = builders.post(spammer, "held-operator", "buy my miracle cure")
    publish(shared_relay, spam)
    assert held_ids(shared_relay, "held-operator") == [spam.id]
    code, _, err = operator(shared_relay, "ban", spammer.pubkey)
    assert code == 0, err
    assert held_ids(shared_relay, "held-operator") == []
    decide(shared_relay, "held-operator", "restore", spam)
    assert spam.id not in ids(pull_all(shared_relay, "held-operator"))
