"""The backend parameter: relay tests marked for both run once on SQLite, once on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.relay import PgSchemas, RelayLauncher, RelayProcess

#: no rate limits, so tests that are not about limits never trip one
UNLIMITED = ["--pubkey-rate", "0", "--connection-rate", "0"]


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


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
