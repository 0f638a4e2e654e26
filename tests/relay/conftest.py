"""The backend parameter: relay tests marked for both run once on SQLite, once on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from peerhaven.relay.storage.base import Storage
from peerhaven.relay.storage.postgres import PostgresStorage
from peerhaven.relay.storage.sqlite import SqliteStorage
from tests.fixtures.relay import PgSchemas, RelayLauncher, RelayProcess

#: no rate limits, so tests that are not about limits never trip one
UNLIMITED = ["--pubkey-rate", "0", "--connection-rate", "0"]


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Storage]:
    """Makes store objects on one database (each its own connections, as relay processes
    have), once on SQLite and once on PostgreSQL."""
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        return lambda: PostgresStorage(url)
    return lambda: SqliteStorage(tmp_path / "relay.sqlite3")


@pytest.fixture(scope="module")
def shared_relay(
    backend: str, module_relay_process: RelayLauncher, request: pytest.FixtureRequest
) -> Iterator[RelayProcess]:
    """One relay per backend for a whole module (closed communities, no rate limits)."""
    url = None
    if backend == "postgresql":
        schemas: PgSchemas = request.getfixturevalue("pg_schemas")
        url = schemas.new()
    relay = module_relay_process(backend, database_url=url, args=UNLIMITED)
    yield relay
    relay.stop()
