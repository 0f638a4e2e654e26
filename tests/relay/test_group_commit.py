"""The group-commit write path, on both backends.

The writer gathers its group once it holds the write lock: while another relay
process commits, this process's publishes wait for the lock, and they must all
join the transaction that is waiting, not each wait for one of their own after
it. A group's transaction may queue its statements (PostgreSQL's pipeline
mode), yet code inside it still reads true answers.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

from peerhaven.core import Keypair, builders
from peerhaven.relay.policy import Rules
from peerhaven.relay.storage.base import Cursor, Storage
from peerhaven.relay.writer import GroupWriter


async def test_publishes_queued_while_waiting_for_the_lock_share_one_transaction(
    new_store: Callable[[], Storage],
) -> None:
    other, store, reader = new_store(), new_store(), new_store()
    store.open()
    owner = Keypair.generate()
    rules = Rules(operators=frozenset({owner.pubkey}))
    now = int(time.time())
    store.apply([builders.community(owner, "group", "Group")], now, rules)
    posts = [builders.post(owner, "group", f"post {n}") for n in range(6)]

    held, release = threading.Event(), threading.Event()

    def hold(cur: Cursor) -> None:  # another process, in the middle of its transaction
        held.set()
        release.wait(30)

    holder = threading.Thread(target=other._write, args=(hold,))
    holder.start()
    loop = asyncio.get_running_loop()
    assert await loop.run_in_executor(None, held.wait, 10)

    at_lock = threading.Event()
    begin = store._begin_write

    def begin_and_tell(cur: Cursor) -> None:
        at_lock.set()
        begin(cur)

    store._begin_write = begin_and_tell  # type: ignore[method-assign]
    writer = GroupWriter(store, rules)
    writer.start()
    first = loop.create_task(writer.submit(posts[:1]))
    assert await loop.run_in_executor(None, at_lock.wait, 10)
    # The writer's transaction has begun and waits for the lock: these arrive now.
    later = [loop.create_task(writer.submit([post])) for post in posts[1:]]
    await asyncio.sleep(0)
    release.set()
    results = await asyncio.gather(first, *later)
    await loop.run_in_executor(None, holder.join, 10)
    await writer.close()

    assert [outcome.status for result in results for outcome in result] == ["accepted"] * 6
    assert writer.transactions == 1
    rows = reader.page("group", 0, 50, now).rows
    assert [body for _, body in rows][1:] == [post.to_json() for post in posts]
    for each in (other, store, reader):
        each.close()


def test_a_pipelined_write_still_reads_true_row_counts(new_store: Callable[[], Storage]) -> None:
    store = new_store()
    store.open()

    def work(cur: Cursor) -> tuple[int, list[str]]:
        insert = "INSERT INTO meta (key, value) VALUES (?, ?), (?, ?), (?, ?)"
        cur.execute(store._sql(insert), ("x1", "1", "x2", "2", "x3", "3"))
        cur.execute(store._sql("DELETE FROM meta WHERE key IN (?, ?)"), ("x1", "x2"))
        deleted = cur.rowcount  # answered before anything after it is sent
        cur.execute(store._sql("SELECT key FROM meta WHERE key LIKE ?"), ("x%",))
        return deleted, [row[0] for row in cur.fetchall()]

    assert store._write(work, pipelined=True) == (2, ["x3"])
    store.close()
