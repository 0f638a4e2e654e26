"""Why cursors never skip: a second writer waits for the first to commit, on both backends.

This drives two real store connections (as two relay processes would) with a
first transaction held open on purpose. Without the write lock the second one
would commit a larger ``seq`` while the first is still invisible, and a reader
paging at that moment would skip the first event for ever.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from peerhaven.core import Keypair, builders
from peerhaven.relay.policy import Facts, Rules
from peerhaven.relay.storage.base import Cursor, Outcome, Storage
from peerhaven.relay.storage.transaction import WriteBatch


def test_a_second_writer_waits_for_the_first_to_commit(new_store: Callable[[], Storage]) -> None:
    first, second, reader = new_store(), new_store(), new_store()
    first.open()
    owner = Keypair.generate()
    rules = Rules(operators=frozenset({owner.pubkey}))
    now = int(time.time())
    first.apply([builders.community(owner, "order", "Order")], now, rules)
    early, late = (builders.post(owner, "order", text) for text in ("early", "late"))
    inside, release = threading.Event(), threading.Event()
    done: list[list[Outcome]] = []

    def held_open(cur: Cursor) -> list[Outcome]:
        # The first writer has drawn the seq of its event but not yet finished.
        batch = WriteBatch(first, cur, rules, now)
        batch._accept(early, first._policy(cur, batch._facts([early])[0]), Facts())
        batch._flush()
        inside.set()
        release.wait(20)
        first._bump_feeds(cur, batch.touched)
        return [Outcome(early.id, "accepted")]

    holder = threading.Thread(target=lambda: done.append(first._write(held_open)))
    holder.start()
    assert inside.wait(10)
    follower = threading.Thread(target=lambda: done.append(second.apply([late], now, rules)))
    follower.start()
    follower.join(0.5)
    assert follower.is_alive(), "the second writer did not wait for the first"
    assert len(reader.page("order", 0, 50, now).rows) == 1  # only the definition so far
    release.set()
    holder.join(10)
    follower.join(10)
    rows = reader.page("order", 0, 50, now).rows
    assert [body for _, body in rows][1:] == [early.to_json(), late.to_json()]
    assert rows[1][0] < rows[2][0]
    for store in (first, second, reader):
        store.close()
