"""Where events live: one SQL implementation over SQLite (embedded) or PostgreSQL (shared)."""

from __future__ import annotations

from pathlib import Path

from peerhaven.relay.errors import StorageError
from peerhaven.relay.settings import RelaySettings
from peerhaven.relay.storage.base import Lookup, Outcome, Page, Storage


def open_storage(settings: RelaySettings) -> Storage:
    """The backend the settings ask for, with its schema created if missing."""
    storage: Storage
    if settings.database_url:
        from peerhaven.relay.storage.postgres import PostgresStorage

        storage = PostgresStorage(settings.database_url)
    else:
        from peerhaven.relay.storage.sqlite import SqliteStorage

        storage = SqliteStorage(storage_path(settings), synchronous=settings.sqlite_synchronous)
    try:
        storage.open()
    except Exception as exc:
        storage.close()
        # The URL may hold a password: name the backend, never the URL.
        where = "the PostgreSQL database" if settings.database_url else str(storage_path(settings))
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StorageError(f"The relay store in {where} cannot be opened: {reason}.") from exc
    return storage


def storage_path(settings: RelaySettings) -> Path:
    """Where the SQLite store lives in the data directory."""
    return settings.data_dir / "relay.sqlite3"


__all__ = ["Lookup", "Outcome", "Page", "Storage", "open_storage"]
