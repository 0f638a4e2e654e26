"""Every earlier schema version upgrades to the latest with its data intact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from peerhaven.core import builders
from peerhaven.core.keys import Keypair
from peerhaven.store import open_store
from peerhaven.store.database import _configure, _connect
from peerhaven.store.migrations import LATEST, MIGRATIONS, Migration, current_version, migrate
from peerhaven.store.search import search
from tests.fixtures.store import PASSPHRASE

POST = builders.post(Keypair.from_secret(bytes(range(32))), "grief-support", "lanterns at dusk")


def _seed(conn: Any, version: int) -> None:
    """Rows a store of ``version`` could hold, written with that version's columns."""
    if version >= 1:
        conn.execute(
            "INSERT INTO journal (uid, created_at, mood, content, tags) "
            "VALUES ('u1', 1700000000, 3, 'a heavy morning with lanterns', '[\"grief\"]')"
        )
        conn.execute(
            "INSERT INTO drafts (uid, content, created_at, updated_at) "
            "VALUES ('d1', 'draft about lanterns', 1700000000, 1700000000)"
        )
        conn.execute(
            "INSERT INTO events (id, pubkey, created_at, kind, community, tags, content, sig,"
            " received_at) VALUES (?, ?, ?, 'post', ?, '[]', ?, ?, 1700000000)",
            (POST.id, POST.pubkey, POST.created_at, POST.community, POST.content, POST.sig),
        )
    if version >= 2:
        # from version 2 on, ingest indexes each batch of new posts itself
        conn.execute("INSERT INTO posts_fts (rowid, content) SELECT rowid, content FROM events")
    if version >= 3:
        # from version 3 on, ingest keeps the threads table itself
        conn.execute(
            "INSERT INTO threads (root, slug, last_activity, replies) VALUES (?, ?, ?, 0)",
            (POST.id, POST.community, POST.created_at),
        )
    conn.commit()


def _schema(conn: Any) -> set[tuple[str, str]]:
    return {
        (name, " ".join(sql.split()))
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        ).fetchall()
    }


def test_versions_are_consecutive() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))


@pytest.mark.parametrize("start", range(0, LATEST))
def test_upgrade_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    old = tmp_path / "old.db"
    conn = _connect(old, PASSPHRASE)
    conn.execute("PRAGMA journal_mode = WAL")
    _configure(conn)
    migrate(conn, target=start)
    assert current_version(conn) == start
    _seed(conn, start)
    conn.close()

    fresh = tmp_path / "fresh.db"
    conn = _connect(fresh, PASSPHRASE)
    migrate(conn)
    expected = _schema(conn)
    conn.close()

    with open_store(old, PASSPHRASE) as store:
        assert current_version(store.conn) == LATEST
        assert _schema(store.conn) == expected
        if start >= 1:
            hits = search(store, "lanterns")
            assert [len(hits[source]) for source in ("post", "journal", "draft")] == [1, 1, 1]
            thread = store.execute("SELECT slug, replies FROM threads WHERE root = ?", (POST.id,))
            assert thread.fetchall() == [(POST.community, 0)]


def test_a_failing_migration_leaves_the_previous_version_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    conn = _connect(path, PASSPHRASE)
    migrate(conn)
    _seed(conn, LATEST)

    def explode(conn: Any) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    broken = (*MIGRATIONS, Migration(LATEST + 1, "breaks", run=explode))
    monkeypatch.setattr("peerhaven.store.migrations.MIGRATIONS", broken)
    monkeypatch.setattr("peerhaven.store.migrations.LATEST", LATEST + 1)
    with pytest.raises(RuntimeError):
        migrate(conn)
    assert current_version(conn) == LATEST
    assert (
        conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    )
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 1
    conn.close()


def test_a_store_from_a_newer_peerhaven_is_refused(tmp_path: Path) -> None:
    from peerhaven.store import StoreError

    path = tmp_path / "s.db"
    conn = _connect(path, PASSPHRASE)
    migrate(conn)
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer PeerHaven"):
        open_store(path, PASSPHRASE)
