"""Shared fixtures live in tests/fixtures/*, registered here as plugins."""

from collections.abc import Iterator

import pytest

from peerhaven.core.i18n import use_language

pytest_plugins: list[str] = [
    "tests.fixtures.store",
    "tests.fixtures.relay",
    "tests.fixtures.hostile",
    "tests.fixtures.socks",
    "tests.fixtures.proxies",
    "tests.fixtures.tui",
    "tests.fixtures.local_relay",
]


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test reads English, whatever the machine's locale, unless it asks for another
    language (``use_language`` or its own LANG); the choice never leaks into the next test."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use_language(None)
    yield
    use_language(None)
