"""``send_events``: one action that signed several events, sent at once to a real relay.

Withdrawing everything a persona wrote signs one deletion per post; the app sends them
together and must say "Sent." only when the relay accepted every one of them, and
"Saved; …" (with all of them still queued) when no relay answered.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from peerhaven.store.outbox import pending_count
from peerhaven.store.personas import list_personas
from peerhaven.store.publish import publish_post, publish_withdraw_all
from peerhaven.sync.send import SAVED, SENT, send_events, send_now
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import create_community, join_via, member

SLUG = "night-owls"


def served(url: str, event_id: str) -> int:
    return httpx.get(f"{url}/v1/events/{event_id}", timeout=5).status_code


def test_every_deletion_of_a_withdrawal_is_sent_together(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    data = tmp_path / "relay-data"
    create_community(data, SLUG, "Night owls")
    relay = relay_process(data_dir=data, args=["--pubkey-rate", "0"])
    with member(tmp_path / "a.db", relay.url) as store:
        join_via(store, SLUG, relay.url)
        posts = [publish_post(store, SLUG, f"A long night, part {n}.") for n in range(3)]
        assert send_now(store, posts[-1]).sentence() == SENT
        assert all(served(relay.url, post.id) == 200 for post in posts)
        persona = next(p for p in list_personas(store) if p.pubkey == posts[0].pubkey)

        relay.stop()
        deletes = publish_withdraw_all(store, persona.pubkey)
        assert len(deletes) == 3
        offline = send_events(store, deletes)
        assert offline.sentence() == SAVED and not offline.accepted
        assert pending_count(store) == 3, "every deletion stays queued"

        relay.start()
        delivery = send_events(store, deletes)
        assert delivery.sentence() == SENT
        assert delivery.accepted == (relay.url,) and not delivery.unanswered
        assert pending_count(store) == 0
        assert all(served(relay.url, post.id) != 200 for post in posts)
