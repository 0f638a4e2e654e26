"""Where events live: one SQL implementation over SQLite (embedded) or PostgreSQL (shared)."""

from __future__ import annotations

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

        storage = SqliteStorage(
            settings.data_dir / "relay.sqlite3", synchronous=settings.sqlite_synchronous
        )
    storage.open()
    return storage


__all__ = ["Lookup", "Outcome", "Page", "Storage", "open_storage"]
