"""Opening, creating and re-keying: wrong passphrases and damaged files lose nothing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from peerhaven.store import (
    StoreDamaged,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
    change_passphrase,
    create_store,
    open_store,
)
from peerhaven.store.journal import add_entry, list_entries
from tests.fixtures.store import PASSPHRASE


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(store_file: Path, entries: int = 200) -> None:
    with create_store(store_file, PASSPHRASE) as store:
        for i in range(entries):
            add_entry(store, f"entry {i} " + "words " * 80, mood=1 + i % 10)


def test_reopen_keeps_data(store_file: Path) -> None:
    with create_store(store_file, PASSPHRASE) as store:
        add_entry(store, "first light", mood=6, tags=["morning"])
    with open_store(store_file, PASSPHRASE) as store:
        [entry] = list_entries(store)
    assert (entry.content, entry.mood, entry.tags) == ("first light", 6, ("morning",))


def test_store_file_is_private(store_file: Path) -> None:
    create_store(store_file, PASSPHRASE).close()
    assert store_file.stat().st_mode & 0o777 == 0o600


def test_wrong_passphrase_is_clear_and_changes_nothing(store_file: Path) -> None:
    _filled(store_file, 5)
    before = _digest(store_file)
    with pytest.raises(WrongPassphrase, match="does not unlock"):
        open_store(store_file, "not the passphrase")
    assert _digest(store_file) == before
    with open_store(store_file, PASSPHRASE) as store:
        assert len(list_entries(store)) == 5


def test_missing_store_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound, match="peerhaven init"):
        open_store(tmp_path / "nothing.db", PASSPHRASE)


def test_create_refuses_to_overwrite(store_file: Path) -> None:
    _filled(store_file, 1)
    before = _digest(store_file)
    with pytest.raises(StoreExists):
        create_store(store_file, PASSPHRASE)
    assert _digest(store_file) == before


@pytest.mark.parametrize("keep", [0, 1000, 4096 * 3 + 17])
def test_truncated_file_is_refused_untouched(store_file: Path, keep: int) -> None:
    _filled(store_file)
    data = store_file.read_bytes()[:keep]
    store_file.write_bytes(data)
    with pytest.raises(StoreDamaged, match="left as it is"):
        open_store(store_file, PASSPHRASE)
    assert store_file.read_bytes() == data


def test_file_cut_at_a_page_boundary_is_reported_damaged(store_file: Path) -> None:
    _filled(store_file)
    data = store_file.read_bytes()
    cut = data[: (len(data) // 4096 // 2) * 4096]
    store_file.write_bytes(cut)
    with pytest.raises(StoreDamaged):
        with open_store(store_file, PASSPHRASE) as store:
            list_entries(store, limit=1000)
    assert store_file.read_bytes() == cut


def test_corrupted_page_is_reported_damaged(store_file: Path) -> None:
    _filled(store_file)
    data = bytearray(store_file.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle + 100 : middle + 200] = os.urandom(100)
    store_file.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged, match="page"):
        with open_store(store_file, PASSPHRASE) as store:
            store.verify_integrity()
    assert store_file.read_bytes() == bytes(data)


def test_integrity_check_passes_on_a_healthy_store(store_file: Path) -> None:
    _filled(store_file, 20)
    with open_store(store_file, PASSPHRASE) as store:
        store.verify_integrity()


def test_not_a_store_at_all(store_file: Path) -> None:
    store_file.parent.mkdir(parents=True)
    store_file.write_bytes(b"hello, this is a shopping list\n" * 200)
    store_file.write_bytes(store_file.read_bytes()[:4096])
    with pytest.raises((WrongPassphrase, StoreDamaged)):
        open_store(store_file, PASSPHRASE)


def test_change_passphrase(store_file: Path) -> None:
    _filled(store_file, 3)
    store = open_store(store_file, PASSPHRASE)
    store = change_passphrase(store, "a brand new long passphrase")
    store.close()
    with pytest.raises(WrongPassphrase):
        open_store(store_file, PASSPHRASE)
    with open_store(store_file, "a brand new long passphrase") as store:
        assert len(list_entries(store)) == 3
    assert store_file.stat().st_mode & 0o777 == 0o600


def test_rekey_leftover_from_a_killed_rekey_is_removed(store_file: Path) -> None:
    _filled(store_file, 2)
    leftover = store_file.with_name(store_file.name + ".rekey-tmp")
    leftover.write_bytes(b"partial")
    with open_store(store_file, PASSPHRASE) as store:
        assert len(list_entries(store)) == 2
    assert not leftover.exists()


def test_pragmas_protect_the_disk(fresh_store: object) -> None:
    from peerhaven.store import Store

    assert isinstance(fresh_store, Store)
    pragma = {
        name: fresh_store.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "secure_delete", "temp_store", "synchronous")
    }
    assert pragma == {"journal_mode": "wal", "secure_delete": 1, "temp_store": 2, "synchronous": 2}
