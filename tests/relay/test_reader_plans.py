"""PostgreSQL's readers plan a statement once for all values: feed reads must stay on the index.

A generic plan does not know which community it serves. Phrased as ``community
= $1 AND seq > $2``, the feed page was planned as a walk of the whole table in
``seq`` order, cheap for a large community and a full scan for a small one next
to it; the phrasing the readers use must keep to the (community, seq) index.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import psycopg
import pytest

from peerhaven.relay.storage import queries
from peerhaven.relay.storage.postgres import AsyncReader, PostgresStorage
from peerhaven.relay.storage.queries import Query

pytestmark = pytest.mark.postgres


@pytest.fixture
def lopsided(pg_url: str) -> Iterator[str]:
    """A store with one large community and one of three events."""
    store = PostgresStorage(pg_url)
    store.open()
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for community, count in (("large", 30_000), ("small", 3)):
            conn.execute(
                "INSERT INTO events (id, pubkey, kind, community, created_at, public, body)"
                " SELECT %s || n, 'key', 'post', %s, 1, 1, '{}' FROM generate_series(1, %s) n",
                (community, community, count),
            )
        conn.execute("ANALYZE events")
    yield pg_url


def generic_plan(url: str, query: Query[object]) -> str:
    """The plan PostgreSQL keeps for the statement when it plans once for every value."""
    numbered = iter(range(1, len(query.params) + 1))
    sql = re.sub(r"\?", lambda _: f"${next(numbered)}", query.sql)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET plan_cache_mode = force_generic_plan")
        conn.execute(f"PREPARE feed AS {sql}")
        values = ", ".join(psycopg.sql.quote(value) for value in query.params)
        rows = conn.execute(f"EXPLAIN EXECUTE feed({values})").fetchall()
    return "\n".join(row[0] for row in rows)


@pytest.mark.parametrize("kind", ["page", "reports"])
def test_the_readers_feed_queries_keep_to_the_feed_index_for_any_community(
    lopsided: str, kind: str
) -> None:
    def build(planned_once: bool) -> Query[object]:
        if kind == "page":
            return queries.page("small", 0, 50, int(time.time()), planned_once=planned_once)
        return queries.reports("small", 0, 50, planned_once=planned_once)

    plan = generic_plan(lopsided, build(planned_once=True))
    index = "events_feed" if kind == "page" else "events_reports"
    assert index in plan, plan
    assert "events_pkey" not in plan and "Seq Scan" not in plan, plan
    if kind == "page":  # (reports have a small index of their own either way)
        # The plain phrasing, planned once, is the walk this guards against.
        assert index not in generic_plan(lopsided, build(planned_once=False))


async def test_the_reader_plans_once_and_serves_each_community_its_own_events(
    lopsided: str,
) -> None:
    reader = AsyncReader(lopsided)
    try:
        mode = await reader.run(Query("SHOW plan_cache_mode", (), lambda rows: rows[0][0]))
        assert mode == "force_generic_plan"
        now = int(time.time())
        for _ in range(6):  # past psycopg's threshold for preparing the statement
            small = await reader.run(queries.page("small", 0, 50, now, planned_once=True))
            large = await reader.run(queries.page("large", 100, 50, now, planned_once=True))
        assert len(small.rows) == 3 and not small.more
        assert len(large.rows) == 50 and large.more
        assert [seq for seq, _ in large.rows] == sorted(seq for seq, _ in large.rows)
        assert large.rows[0][0] > 100
    finally:
        await reader.close()


def test_a_mailbox_page_and_version_keep_to_the_recipient_index(pg_url: str) -> None:
    """One busy mailbox beside a quiet one: the quiet one's reads must not walk the table."""
    store = PostgresStorage(pg_url)
    store.open()
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for recipient, count in (("a" * 64, 30_000), ("b" * 64, 3)):
            conn.execute(
                "INSERT INTO mailbox (id, recipient, expires_at, body)"
                " SELECT %s || n, %s, 4000000000, '{}' FROM generate_series(1, %s) n",
                (recipient[:8], recipient, count),
            )
        conn.execute("ANALYZE mailbox")
    quiet = "b" * 64
    page = generic_plan(pg_url, queries.mailbox_page(quiet, 0, 50, 1, planned_once=True))
    assert "mailbox_recipient" in page and "Seq Scan" not in page, page
    version = generic_plan(pg_url, queries.mailbox_version(quiet))
    assert "Seq Scan" not in version, version
