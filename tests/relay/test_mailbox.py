"""Private mailboxes (protocol section 15) against real relay processes, on both backends.

Direct messages are built by ``core/dm``'s ``seal_dm`` (real X3DH, ratchet and
sealed sender), so what the relay stores is exactly what devices will upload.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import psycopg
import pytest

from peerhaven.core import Keypair, builders
from peerhaven.core.auth import auth_header
from peerhaven.core.dm.envelope import open_dm
from peerhaven.core.dm.prekeys import new_prekeys, prekeys_event
from peerhaven.core.event import Event
from peerhaven.relay.policy import Rules
from peerhaven.relay.settings import RelaySettings
from peerhaven.relay.storage import queries, storage_path
from peerhaven.relay.storage.base import Storage
from peerhaven.sync.client import RelayClient
from peerhaven.sync.sse import SSEDecoder
from tests.core.dm_helpers import Device
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.relay.conftest import UNLIMITED
from tests.relay.helpers import operator, publish, pull_all, statuses

WAIT = 20.0


def signed(keys: Keypair, method: str, path: str) -> dict[str, str]:
    return {"Authorization": auth_header(keys, method, path, "", int(time.time()))}


def read_mailbox(relay: RelayProcess, keys: Keypair, cursor: str = "") -> dict[str, Any]:
    response = httpx.get(
        f"{relay.url}/v1/mailbox",
        params={"to": keys.pubkey, "cursor": cursor},
        headers=signed(keys, "GET", "/v1/mailbox"),
    )
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def dm(sender: Device, recipient: Device, text: str = "me too, can I message you?") -> Event:
    return sender.send(recipient, text)


def stored_rows(relay: RelayProcess) -> list[str]:
    """Every text value the relay's database holds, in every table (raw, not through the API)."""
    values: list[str] = []
    if relay.database_url:
        with psycopg.connect(relay.database_url) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT table_name FROM information_schema.tables"
                    " WHERE table_schema = current_schema()"
                )
            ]
            for table in tables:
                for row in conn.execute(f"SELECT * FROM {table}"):  # noqa: S608 (test)
                    values += [str(value) for value in row]
        return values
    settings = RelaySettings(data_dir=relay.data_dir)
    path = storage_path(settings)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return [path.read_bytes().decode("latin-1")]


def test_the_stored_bytes_of_a_dm_hold_no_sender_key_and_no_plaintext(
    shared_relay: RelayProcess,
) -> None:
    alice, bob = Device(), Device()
    event = dm(alice, bob, "a secret only bob may read")
    assert statuses(shared_relay, event) == ["accepted"]
    assert open_dm(event, bob.keys).sender == alice.pubkey  # the sender really is inside
    everything = "\n".join(stored_rows(shared_relay))
    assert event.id in everything  # the event is there ...
    assert bob.pubkey in everything  # ... for its recipient
    assert alice.pubkey not in everything  # ... but nothing names who sent it
    assert "a secret only bob may read" not in everything


def test_a_mailbox_serves_its_events_oldest_first_and_resumes_from_its_cursor(
    shared_relay: RelayProcess,
) -> None:
    alice, bob = Device(), Device()
    first = [dm(alice, bob, f"message {n}") for n in range(3)]
    for event in first:
        publish(shared_relay, event)
    page = read_mailbox(shared_relay, bob.keys)
    assert [e["id"] for e in page["events"]] == [e.id for e in first]
    assert page["more"] is False
    later = dm(alice, bob, "one more")
    publish(shared_relay, later)
    after = read_mailbox(shared_relay, bob.keys, page["next"])
    assert [e["id"] for e in after["events"]] == [later.id]
    for served in after["events"]:
        bob.receive(Event.from_wire(served))  # what was served decrypts


def test_mailbox_events_never_reach_public_pulls_lookups_or_streams(
    shared_relay: RelayProcess,
) -> None:
    alice, bob = Device(), Device()
    event = dm(alice, bob)
    circle = builders.sign_event(Keypair.generate(), "circle", "", "sealed", [("to", bob.pubkey)])
    profile = builders.sign_event(alice.keys, "profile", "", '{"name": "A"}')
    assert statuses(shared_relay, event, circle, profile) == ["accepted"] * 3
    served = [e["id"] for e in pull_all(shared_relay, "")]
    assert profile.id in served
    assert event.id not in served and circle.id not in served
    for hidden in (event, circle):
        assert httpx.get(f"{shared_relay.url}/v1/events/{hidden.id}").status_code == 404
    # nor can anyone watch the public feed change when a message arrives
    end = httpx.get(f"{shared_relay.url}/v1/events", params={"limit": 500}).json()
    while end["more"]:
        end = httpx.get(f"{shared_relay.url}/v1/events", params={"after": end["next"]}).json()
    tail = {"after": end["next"]}  # the page a follower of the feed asks for next
    etag = httpx.get(f"{shared_relay.url}/v1/events", params=tail).headers["etag"]
    publish(shared_relay, dm(alice, bob, "unseen"))
    unchanged = httpx.get(
        f"{shared_relay.url}/v1/events", params=tail, headers={"If-None-Match": etag}
    )
    assert unchanged.status_code == 304
    publish(shared_relay, builders.profile(alice.keys, "A", "now public"))
    changed = httpx.get(
        f"{shared_relay.url}/v1/events", params=tail, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200  # the same request does see a public event
    with httpx.stream(
        "GET", f"{shared_relay.url}/v1/stream", params={"feed": ":"}, timeout=10
    ) as response:
        seen = ""
        for line in response.iter_lines():
            seen += line
            if "caught-up" in line:
                break
    assert profile.id in seen and event.id not in seen and circle.id not in seen


def test_a_mailbox_cannot_be_read_or_emptied_without_its_key(shared_relay: RelayProcess) -> None:
    alice, bob, eve = Device(), Device(), Device()
    event = dm(alice, bob)
    publish(shared_relay, event)
    url = f"{shared_relay.url}/v1/mailbox"
    unsigned = httpx.get(url, params={"to": bob.pubkey})
    assert unsigned.status_code == 401
    assert unsigned.json() == {
        "error": "unauthenticated",
        "detail": "This request must be signed by a persona (Authorization header).",
    }
    other = httpx.get(url, params={"to": bob.pubkey}, headers=signed(eve.keys, "GET", url[-11:]))
    assert other.status_code == 403
    assert other.json()["detail"] == "Only the holder of a mailbox's key may read that mailbox."
    path = f"/v1/mailbox/{event.id}"
    assert httpx.delete(shared_relay.url + path).status_code == 401
    # another key is told nothing: not even that the event exists elsewhere
    refused = httpx.delete(shared_relay.url + path, headers=signed(eve.keys, "DELETE", path))
    assert refused.status_code == 404
    assert refused.json()["detail"] == "This mailbox holds no such event."
    replayed = signed(bob.keys, "GET", "/v1/mailbox")  # a signature for another request
    assert httpx.delete(shared_relay.url + path, headers=replayed).status_code == 401
    assert [e["id"] for e in read_mailbox(shared_relay, bob.keys)["events"]] == [event.id]


def test_a_deleted_event_is_purged_and_never_delivered_again(shared_relay: RelayProcess) -> None:
    alice, bob = Device(), Device()
    event = dm(alice, bob)
    publish(shared_relay, event)
    path = f"/v1/mailbox/{event.id}"
    gone = httpx.delete(shared_relay.url + path, headers=signed(bob.keys, "DELETE", path))
    assert gone.status_code == 200, gone.text
    assert read_mailbox(shared_relay, bob.keys)["events"] == []
    assert statuses(shared_relay, event) == ["duplicate"]  # sent again: not stored again
    assert read_mailbox(shared_relay, bob.keys)["events"] == []
    # only the id is remembered (until the event would have expired), not what it said
    assert event.content not in "\n".join(stored_rows(shared_relay))


@pytest.mark.parametrize(
    ("tags", "content", "reason"),
    [
        ([], "sealed", "malformed-tags"),
        ([("to", "ab" * 32), ("to", "cd" * 32)], "sealed", "malformed-tags"),
        ([("to", "ab" * 32), ("p", "cd" * 32)], "sealed", "malformed-tags"),
        ([("to", "ab" * 32), ("expires", "1"), ("expires", "2")], "sealed", "malformed-tags"),
        ([("to", "not hex")], "sealed", "malformed-tags"),
        ([("to", "ab" * 32)], "", "bad-content"),
    ],
)
def test_malformed_mailbox_events_are_refused_with_the_protocol_codes(
    shared_relay: RelayProcess, tags: list[tuple[str, str]], content: str, reason: str
) -> None:
    for kind in ("dm", "circle"):
        event = builders.sign_event(Keypair.generate(), kind, "", content, tags)
        assert statuses(shared_relay, event) == [f"rejected:{reason}"]


def test_forged_mailbox_events_are_refused(shared_relay: RelayProcess) -> None:
    alice, bob = Device(), Device()
    event = dm(alice, bob)
    wire = event.to_wire()
    swapped = {**wire, "pubkey": alice.pubkey}  # claiming the persona signed it
    altered = {**wire, "content": wire["content"].replace('"v":1', '"v":2')}
    resigned = {**wire, "sig": Keypair.generate().sign_id(event.id)}
    response = httpx.post(f"{shared_relay.url}/v1/events", json=[swapped, altered, resigned])
    assert [r["reason"] for r in response.json()] == ["wrong-id", "wrong-id", "bad-signature"]
    with_slug = builders.sign_event(Keypair.generate(), "dm", "calm", "x", [("to", bob.pubkey)])
    assert statuses(shared_relay, with_slug) == ["rejected:bad-slug"]
    assert read_mailbox(shared_relay, bob.keys)["events"] == []


def test_a_prekey_bundle_is_replaced_by_a_newer_one_and_each_one_time_id_goes_out_once(
    shared_relay: RelayProcess,
) -> None:
    persona = Keypair.generate()
    now = int(time.time())
    old_bundle, held = new_prekeys(persona, now=now, one_time=2)
    old = prekeys_event(persona, old_bundle, created_at=now - 10)
    new_bundle, _ = new_prekeys(persona, now=now, held=held, one_time=3)
    new = prekeys_event(persona, new_bundle, created_at=now)
    assert statuses(shared_relay, new, old) == ["accepted", "rejected:outdated"]
    assert statuses(shared_relay, new) == ["duplicate"]
    url = f"{shared_relay.url}/v1/prekeys/{persona.pubkey}"
    claims = [httpx.get(url).json() for _ in range(4)]
    assert all(claim["event"]["id"] == new.id for claim in claims)
    assert [claim["otpk"] for claim in claims] == [
        *(otpk.id for otpk in new_bundle.one_time),
        None,  # all handed out: X3DH without a one-time key
    ]
    assert new.id not in [e["id"] for e in pull_all(shared_relay, "")]
    missing = httpx.get(f"{shared_relay.url}/v1/prekeys/{Keypair.generate().pubkey}")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "This persona has published no prekeys on this relay."
    newest, _ = new_prekeys(persona, now=now, held=held, one_time=1)
    publish(shared_relay, prekeys_event(persona, newest, created_at=now + 1))
    assert httpx.get(url).json()["otpk"] == newest.one_time[0].id  # a new bundle, new ids


def test_info_states_the_mailbox_limits(shared_relay: RelayProcess) -> None:
    info = httpx.get(f"{shared_relay.url}/v1/info").json()
    assert info["mailbox"] == {
        "retention": 30 * 86_400,
        "per_recipient_per_day": 1_000,
        "requests_per_sender_per_day": 20,
        "max_mailboxes_per_stream": 16,
    }
    assert info["policies"]["serves_mailboxes_publicly"] is False


def test_the_recipients_daily_limit_refuses_the_next_event_with_429(
    relay_process: RelayLauncher,
) -> None:
    relay = relay_process(args=[*UNLIMITED, "--mailbox-per-recipient", "3"])
    alice, bob, carol = Device(), Device(), Device()
    assert statuses(relay, *(dm(alice, bob, f"m{n}") for n in range(2))) == ["accepted"] * 2
    extra = [dm(alice, bob, "third"), dm(alice, bob, "fourth"), dm(alice, carol, "other")]
    assert statuses(relay, *extra) == ["accepted", "rejected:rate-limited", "accepted"]
    over = dm(alice, bob, "fifth")
    response = httpx.post(f"{relay.url}/v1/events", json=[over.to_wire()])
    assert response.status_code == 429
    assert response.json() == [{"id": over.id, "status": "rejected", "reason": "rate-limited"}]
    assert 1 <= int(response.headers["retry-after"]) <= 86_400
    assert len(read_mailbox(relay, bob.keys)["events"]) == 3


def test_a_mailbox_stream_needs_a_proof_per_mailbox(shared_relay: RelayProcess) -> None:
    bob, eve = Keypair.generate(), Keypair.generate()
    url = f"{shared_relay.url}/v1/stream"
    unproven = httpx.get(url, params={"mailbox": f"{bob.pubkey}:"})
    assert unproven.status_code == 401
    proof = auth_header(eve, "GET", "/v1/stream", "", int(time.time()))
    wrong = httpx.get(
        url, params={"mailbox": f"{bob.pubkey}:"}, headers={"PeerHaven-Mailbox": proof}
    )
    assert wrong.status_code == 401
    assert "proven by its key's signature" in wrong.json()["detail"]
    bad = httpx.get(url, params={"mailbox": "nothex:"})
    assert bad.status_code == 400


def test_mailbox_events_expire_at_their_tag_or_the_retention_and_the_sweep_purges_them(
    new_store: Callable[[], Storage],
) -> None:
    store = new_store()
    store.open()
    try:
        bob = Keypair.generate()
        now = 1_800_000_000
        rules = Rules(operators=frozenset(), mailbox_retention=3_600)
        soon = builders.sign_event(
            Keypair.generate(), "dm", "", "x", [("to", bob.pubkey), ("expires", str(now + 60))]
        )
        late = builders.sign_event(
            Keypair.generate(), "circle", "", "y", [("to", bob.pubkey), ("expires", str(now * 2))]
        )
        past = builders.sign_event(
            Keypair.generate(), "dm", "", "z", [("to", bob.pubkey), ("expires", str(now - 1))]
        )
        outcomes = store.apply([soon, late, past], now, rules)
        assert [o.status for o in outcomes] == ["accepted", "accepted", "rejected"]

        def served(at: int) -> list[str]:
            page = store.run(queries.mailbox_page(bob.pubkey, 0, 10, at))
            return [Event.from_json(body).id for _, body in page.rows]

        assert served(now) == [soon.id, late.id]
        assert served(now + 60) == [late.id]  # never served once expired, purged or not
        assert store.purge_expired(now + 60) == 1
        assert served(now + 3_599) == [late.id]  # its tag says later: the retention decides
        assert store.purge_expired(now + 3_600) == 1
        assert store._read("SELECT COUNT(*) FROM mailbox", ())[0][0] == 0
        assert store._read("SELECT COUNT(*) FROM mailbox_quota", ())[0][0] == 1
        assert store.purge_expired(now + 86_400) == 0  # the day is over: its count goes
        assert store._read("SELECT COUNT(*) FROM mailbox_quota", ())[0][0] == 0
    finally:
        store.close()


class MailboxReader:
    """Follows mailboxes on one stream through ``RelayClient.stream``, on a thread."""

    def __init__(self, relay: RelayProcess, *mailboxes: Keypair) -> None:
        self.client = RelayClient(relay.url)
        self.pages: list[dict[str, Any]] = []
        self.caught_up = threading.Event()
        self.failed: list[BaseException] = []
        self._mailboxes = [(keys, "") for keys in mailboxes]
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        assert self.caught_up.wait(WAIT), f"the stream never caught up: {self.failed}"

    def _read(self) -> None:
        decoder = SSEDecoder(1 << 20, 1 << 20)
        try:
            for chunk in self.client.stream({}, silence=WAIT, mailboxes=self._mailboxes):
                for frame in decoder.feed(chunk):
                    if frame.event == "page":
                        self.pages.append(json.loads(frame.data))
                    elif frame.event == "caught-up":
                        self.caught_up.set()
        except Exception as exc:  # ended by close(), or a failure the test reports
            self.failed.append(exc)
            self.caught_up.set()

    def ids(self, mailbox: str) -> list[str]:
        return [e["id"] for p in self.pages if p.get("mailbox") == mailbox for e in p["events"]]

    def wait_for(self, mailbox: str, count: int) -> list[str]:
        deadline = time.monotonic() + WAIT
        while len(self.ids(mailbox)) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.ids(mailbox)

    def close(self) -> None:
        self.client.abort("done")
        self._thread.join(WAIT)
        self.client.close()


def test_one_stream_follows_several_mailboxes_live(shared_relay: RelayProcess) -> None:
    alice, bob, circle_key = Device(), Device(), Keypair.generate()
    waiting = dm(alice, bob, "sent before the stream")
    publish(shared_relay, waiting)
    reader = MailboxReader(shared_relay, bob.keys, circle_key)
    try:
        assert reader.ids(bob.pubkey) == [waiting.id]
        live = dm(alice, bob, "sent while it is open")
        post = builders.sign_event(
            Keypair.generate(), "circle", "", "sealed post", [("to", circle_key.pubkey)]
        )
        publish(shared_relay, live)
        publish(shared_relay, post)
        assert reader.wait_for(bob.pubkey, 2) == [waiting.id, live.id]
        assert reader.wait_for(circle_key.pubkey, 1) == [post.id]
        assert all("community" not in page for page in reader.pages)
    finally:
        reader.close()


@pytest.mark.postgres
def test_a_mailbox_event_reaches_a_stream_held_by_another_relay_process(
    relay_process: RelayLauncher, pg_url: str
) -> None:
    first = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    second = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    alice, bob = Device(), Device()
    reader = MailboxReader(first, bob.keys)
    try:
        events = [dm(alice, bob, f"through the other process {n}") for n in range(3)]
        for event in events:
            publish(second, event)
        assert reader.wait_for(bob.pubkey, 3) == [e.id for e in events]
        for served in reader.pages[-1]["events"]:
            Event.from_wire(served)
    finally:
        reader.close()


@pytest.mark.postgres
def test_two_relay_processes_never_hand_out_the_same_one_time_prekey(
    relay_process: RelayLauncher, pg_url: str
) -> None:
    relays = [relay_process("postgresql", database_url=pg_url, args=UNLIMITED) for _ in range(2)]
    persona = Keypair.generate()
    now = int(time.time())
    bundle, _ = new_prekeys(persona, now=now, one_time=10)
    publish(relays[0], prekeys_event(persona, bundle, created_at=now))
    claims: list[int | None] = []
    lock = threading.Lock()

    def claim(worker: int) -> None:
        with httpx.Client(timeout=30) as client:
            for turn in range(4):
                relay = relays[(worker + turn) % 2]
                otpk = client.get(f"{relay.url}/v1/prekeys/{persona.pubkey}").json()["otpk"]
                with lock:
                    claims.append(otpk)

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    handed = [otpk for otpk in claims if otpk is not None]
    assert sorted(handed) == sorted(otpk.id for otpk in bundle.one_time)  # each exactly once
    assert claims.count(None) == 20 - 10


def test_the_operator_sees_totals_of_mailbox_events_and_bundles_not_per_key(
    relay_process: RelayLauncher,
) -> None:
    relay = relay_process(args=UNLIMITED)
    alice, bob = Device(), Device()
    publish(relay, dm(alice, bob), dm(alice, bob, "again"))
    code, out, _ = operator(relay, "stats")
    assert code == 0
    assert "mailbox\t2" in out and "prekeys\t0" in out
    assert bob.pubkey not in out and "events.dm" not in out


def test_mailbox_proofs_joined_into_one_header_by_a_proxy_still_count(
    shared_relay: RelayProcess,
) -> None:
    bob, carol = Keypair.generate(), Keypair.generate()
    now = int(time.time())
    joined = ", ".join(auth_header(k, "GET", "/v1/stream", "", now) for k in (bob, carol))
    params = [("mailbox", f"{bob.pubkey}:"), ("mailbox", f"{carol.pubkey}:")]
    with httpx.stream(
        "GET",
        f"{shared_relay.url}/v1/stream",
        params=params,
        headers={"PeerHaven-Mailbox": joined},
        timeout=10,
    ) as response:
        assert response.status_code == 200
    garbled = httpx.get(
        f"{shared_relay.url}/v1/stream", params=params, headers={"PeerHaven-Mailbox": "nonsense"}
    )
    assert garbled.status_code == 401
    assert garbled.json()["detail"] == "A PeerHaven-Mailbox header holds no PeerHaven signature."
