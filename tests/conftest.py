"""Shared fixtures live in tests/fixtures/*, registered here as plugins."""

pytest_plugins: list[str] = [
    "tests.fixtures.store",
    "tests.fixtures.relay",
    "tests.fixtures.hostile",
    "tests.fixtures.socks",
    "tests.fixtures.proxies",
    "tests.fixtures.tui",
    "tests.fixtures.local_relay",
]
