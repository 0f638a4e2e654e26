"""A full disk: the write that did not fit is refused in one sentence; nothing else is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.store import DiskFull, open_store
from peerhaven.store.database import Store
from peerhaven.store.drafts import list_drafts, save_draft
from peerhaven.store.journal import add_entry, list_entries
from tests.fixtures.store import PASSPHRASE


def test_disk_full_is_a_clear_error_and_keeps_what_was_saved(
    fresh_store: Store, store_file: Path
) -> None:
    add_entry(fresh_store, "saved before the disk filled", 6)
    save_draft(fresh_store, "a draft that must survive")
    pages = int(fresh_store.execute("PRAGMA page_count").fetchone()[0])
    # SQLite itself reports SQLITE_FULL past this many pages: the same error a full disk gives
    fresh_store.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DiskFull, match="is full; the last change was not saved"):
        for _ in range(200):
            add_entry(fresh_store, "a long entry " * 400, 5)
    # the store is still usable for reading, and nothing committed is gone
    entries = list_entries(fresh_store, limit=1000)
    assert entries[-1].content == "saved before the disk filled"
    fresh_store.close()
    with open_store(store_file, PASSPHRASE) as store:
        assert list_entries(store, limit=1000)[-1].content == "saved before the disk filled"
        assert [d.content for d in list_drafts(store)] == ["a draft that must survive"]
        store.verify_integrity()
