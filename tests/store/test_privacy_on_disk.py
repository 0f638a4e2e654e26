"""Nothing the user wrote, and no key, in plaintext on disk; deleted text really gone."""

from __future__ import annotations

from peerhaven.store import Store
from peerhaven.store.drafts import delete_draft, save_draft
from peerhaven.store.journal import add_entry, delete_entry
from peerhaven.store.personas import create_persona
from tests.fixtures.sqlcipher_pages import decrypted_pages
from tests.fixtures.store import PASSPHRASE

SENTENCE = "I told nobody that the quiet heron waits by the willow at dawn"


def _raw_files(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.path.parent.iterdir() if p.is_file()}


def test_no_plaintext_in_the_store_wal_or_shm(fresh_store: Store) -> None:
    persona = create_persona(fresh_store)
    add_entry(fresh_store, SENTENCE, mood=5, tags=["secretword"])
    save_draft(fresh_store, SENTENCE + " (draft)")
    files = _raw_files(fresh_store)
    assert "peerhaven.db-wal" in files, "the test must see the WAL while it holds the data"
    secret = persona.keys.secret_bytes()
    needles = [
        SENTENCE.encode(),
        b"quiet heron waits",
        b"secretword",
        secret,
        secret.hex().encode(),
        PASSPHRASE.encode(),
    ]
    for name, data in files.items():
        for needle in needles:
            assert needle not in data, f"{needle[:20]!r} found in plaintext in {name}"
    # positive control: the sentence is really in there, once decrypted
    assert SENTENCE.encode() in decrypted_pages(fresh_store.path, PASSPHRASE)


def test_only_the_store_files_are_written(fresh_store: Store) -> None:
    for i in range(300):
        add_entry(fresh_store, f"{SENTENCE} {i}", mood=5)
    # a large sort that SQLite would spill to a temporary file if allowed to
    fresh_store.execute("SELECT content FROM journal ORDER BY content DESC, mood").fetchall()
    names = {p.name for p in fresh_store.path.parent.iterdir()}
    assert names <= {"peerhaven.db", "peerhaven.db-wal", "peerhaven.db-shm"}


def test_deleted_journal_entry_is_gone_from_the_file(fresh_store: Store) -> None:
    for i in range(40):
        add_entry(fresh_store, f"ordinary day number {i} " * 10, mood=5)
    entry = add_entry(fresh_store, "the word zanzibarquux is mine alone", mood=2)
    assert b"zanzibarquux" in decrypted_pages(fresh_store.path, PASSPHRASE)
    delete_entry(fresh_store, entry.id)
    assert b"zanzibarquux" not in decrypted_pages(fresh_store.path, PASSPHRASE)


def test_deleted_draft_is_gone_from_the_file(fresh_store: Store) -> None:
    draft = save_draft(fresh_store, "a draft about quokkaflumph")
    save_draft(fresh_store, "edited, still quokkaflumph", draft_id=draft.id)
    assert b"quokkaflumph" in decrypted_pages(fresh_store.path, PASSPHRASE)
    delete_draft(fresh_store, draft.id)
    assert b"quokkaflumph" not in decrypted_pages(fresh_store.path, PASSPHRASE)
