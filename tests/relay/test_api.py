"""The contract's endpoints against a real relay process, on both backends."""

from __future__ import annotations

import gzip
import json

import httpx

from peerhaven.core import Event, Keypair, builders
from peerhaven.core.canonical import event_id
from tests.fixtures.relay import RelayProcess
from tests.relay.helpers import ids, make_community, publish, pull_all


def test_publish_then_pull_round_trip(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "round-trip")
    keys = Keypair.generate()
    posts = [builders.post(keys, "round-trip", f"post {n} ✓") for n in range(3)]
    results = publish(shared_relay, *posts)
    assert results == [{"id": p.id, "status": "accepted", "reason": None} for p in posts]
    served = pull_all(shared_relay, "round-trip")
    assert [Event.from_wire(e) for e in served[1:]] == posts
    assert served[0]["kind"] == "community"
    one = httpx.get(f"{shared_relay.url}/v1/events/{posts[1].id}")
    assert one.status_code == 200 and Event.from_wire(one.json()) == posts[1]


def test_publishing_twice_is_harmless(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "twice")
    event = builders.post(Keypair.generate(), "twice", "once only")
    assert publish(shared_relay, event)[0]["status"] == "accepted"
    assert (
        publish(shared_relay, event, event)
        == [{"id": event.id, "status": "duplicate", "reason": None}] * 2
    )
    assert ids(pull_all(shared_relay, "twice")).count(event.id) == 1


def test_cursor_paging_visits_every_event_once_in_order(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "paging")
    keys = Keypair.generate()
    posts = [builders.post(keys, "paging", f"n{n}") for n in range(23)]
    publish(shared_relay, *posts[:10])
    publish(shared_relay, *posts[10:])
    first = httpx.get(
        f"{shared_relay.url}/v1/events", params={"community": "paging", "limit": 5}
    ).json()
    assert len(first["events"]) == 5 and first["more"] is True
    served = pull_all(shared_relay, "paging", limit=5)
    assert ids(served)[1:] == [p.id for p in posts]
    last = httpx.get(
        f"{shared_relay.url}/v1/events",
        params={"community": "paging", "after": first["next"], "limit": 500},
    ).json()
    assert last["more"] is False and len(last["events"]) == 24 - 5
    empty = httpx.get(
        f"{shared_relay.url}/v1/events", params={"community": "paging", "after": last["next"]}
    ).json()
    assert empty == {"events": [], "next": last["next"], "more": False}


def test_unchanged_page_costs_a_304_and_a_change_a_new_etag(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "etags")
    url = f"{shared_relay.url}/v1/events"
    params = {"community": "etags"}
    first = httpx.get(url, params=params)
    etag = first.headers["etag"]
    again = httpx.get(url, params=params, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    publish(shared_relay, builders.post(Keypair.generate(), "etags", "news"))
    changed = httpx.get(url, params=params, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert len(changed.json()["events"]) == 2


def test_gzip_both_ways(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "zipped")
    keys = Keypair.generate()
    posts = [
        builders.post(keys, "zipped", f"message {n}: " + "a longer supportive message " * 8)
        for n in range(5)
    ]
    body = gzip.compress(json.dumps([p.to_wire() for p in posts]).encode())
    sent = httpx.post(
        f"{shared_relay.url}/v1/events",
        content=body,
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    assert sent.status_code == 200
    assert [r["status"] for r in sent.json()] == ["accepted"] * 5
    with httpx.Client(headers={"Accept-Encoding": "gzip"}) as client:
        raw = client.get(f"{shared_relay.url}/v1/events", params={"community": "zipped"})
    assert raw.headers["content-encoding"] == "gzip"
    assert int(raw.headers["content-length"]) < len(raw.content)  # httpx inflated it for us
    assert ids(raw.json()["events"])[1:] == [p.id for p in posts]
    with httpx.Client(headers={"Accept-Encoding": "identity"}) as client:
        plain = client.get(f"{shared_relay.url}/v1/events", params={"community": "zipped"})
    assert "content-encoding" not in plain.headers
    # The cached page is kept compressed only: both clients get the same page and ETag.
    assert plain.content == raw.content and plain.headers["etag"] == raw.headers["etag"]
    assert raw.headers["vary"] == plain.headers["vary"] == "Accept-Encoding"


def test_info_states_limits_and_privacy_policies(shared_relay: RelayProcess) -> None:
    info = httpx.get(f"{shared_relay.url}/v1/info").json()
    assert info["policies"]["stores_ip_addresses"] is False
    assert info["policies"]["logs_requests"] is False
    assert info["policies"]["serves_reports_publicly"] is False
    for name in ("max_content_bytes", "max_batch", "max_clock_skew", "pow_difficulty"):
        assert isinstance(info["limits"][name], int)
    assert info["limits"]["page_max"] >= 50 and info["limits"]["max_body_bytes"] > 0


def test_health_and_communities(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "listed", name="Listed one")
    health = httpx.get(f"{shared_relay.url}/v1/health").json()
    assert health["status"] == "ok" and health["process"]["requests"] >= 1
    listed = httpx.get(f"{shared_relay.url}/v1/communities").json()["communities"]
    names = {e["community"]: json.loads(e["content"])["name"] for e in listed}
    assert names["listed"] == "Listed one"


def test_unknown_and_malformed_lookups(shared_relay: RelayProcess) -> None:
    missing = httpx.get(f"{shared_relay.url}/v1/events/{'0' * 64}")
    assert missing.status_code == 404 and missing.json()["error"] == "not-found"
    bad = httpx.get(f"{shared_relay.url}/v1/events/not-an-id")
    assert bad.status_code == 400 and bad.json()["error"] == "malformed"
    nowhere = httpx.get(f"{shared_relay.url}/v2/nothing")
    assert nowhere.status_code == 404 and set(nowhere.json()) == {"error", "detail"}
    cursor = httpx.get(f"{shared_relay.url}/v1/events", params={"after": "x"})
    assert cursor.status_code == 400


def test_profiles_have_a_relay_wide_feed_and_dms_go_to_mailboxes(
    shared_relay: RelayProcess,
) -> None:
    me, you = Keypair.generate(), Keypair.generate()
    profile = builders.profile(me, "Quiet heron", "here to listen")
    dm = builders.sign_event(me, "dm", "", "b64:ciphertext==", [("to", you.pubkey)])
    assert [r["status"] for r in publish(shared_relay, profile, dm)] == ["accepted"] * 2
    served = ids(pull_all(shared_relay, ""))
    assert profile.id in served and dm.id not in served  # protocol section 15
    assert httpx.get(f"{shared_relay.url}/v1/events/{dm.id}").status_code == 404


def test_an_absurdly_far_expiry_is_stored_and_served(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "far-future")
    keys = Keypair.generate()
    forever = builders.sign_event(keys, "post", "far-future", "still here", [("expires", "9" * 40)])
    neighbour = builders.post(keys, "far-future", "sharing a transaction")
    assert [r["status"] for r in publish(shared_relay, forever, neighbour)] == ["accepted"] * 2
    assert ids(pull_all(shared_relay, "far-future"))[1:] == [forever.id, neighbour.id]


def test_a_signature_forged_with_a_small_order_key_is_refused(
    shared_relay: RelayProcess,
) -> None:
    # issue 18: pubkey 01 00..00 (the identity) and signature 01 00..00 (R = the
    # identity, S = 0) "verify" over any content with a lenient check
    make_community(shared_relay, "forgery")
    pubkey, sig = "01" + "00" * 31, "01" + "00" * 63
    forged = Event(
        event_id(pubkey, 1_700_000_000, "post", "forgery", (), "signed by nobody"),
        pubkey,
        1_700_000_000,
        "post",
        "forgery",
        (),
        "signed by nobody",
        sig,
    )
    assert publish(shared_relay, forged)[0]["status"] == "rejected"
    assert publish(shared_relay, forged)[0]["reason"] == "bad-signature"
    assert ids(pull_all(shared_relay, "forgery")).count(forged.id) == 0


def test_a_post_of_only_invisible_characters_is_refused(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "invisible")
    keys = Keypair.generate()
    blank = [
        builders.post(keys, "invisible", text)
        for text in ("\u200b\u200b\u200b", "\u202e\u2066\u2069", " \u200d\ufeff\n")
    ]
    assert {r["reason"] for r in publish(shared_relay, *blank)} == {"bad-content"}
    seen = builders.post(keys, "invisible", "\u200bstill words")
    assert publish(shared_relay, seen)[0]["status"] == "accepted"
