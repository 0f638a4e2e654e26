"""The CLI's own prompts read in the member's language (they were bare literals)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peerhaven.core.i18n import _, ngettext, use_language


@pytest.fixture
def german() -> Iterator[None]:
    use_language("de")
    yield
    use_language("en")


@pytest.mark.usefixtures("german")
def test_the_cli_prompts_are_in_the_catalog() -> None:
    assert _("Type it again: ") == "Gib sie noch einmal ein: "
    assert _("Do you accept these rules? [y/N] ").endswith("[j/N] ")
    dropped = ngettext(
        "DROPPED {count} event that failed verification ({reasons})",
        "DROPPED {count} events that failed verification ({reasons})",
        2,
    ).format(count=2, reasons="2 bad-signature")
    assert dropped.startswith("VERWORFEN: 2 Ereignisse")


@pytest.mark.usefixtures("german")
def test_joining_takes_the_members_yes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A German member answers "j" at the rules prompt, which says [j/N]."""
    import sys

    from peerhaven.commands import network

    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "j")
    assert network._confirm_rules("calm-corner", ("Be kind.",), accepted=False)
    assert asked == ["Akzeptierst du diese Regeln? [j/N] "]
    assert "Die Regeln von calm-corner:" in capsys.readouterr().out
