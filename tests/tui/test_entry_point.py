"""The bare ``peerhaven`` command starts the app; commands never load Textual."""

from __future__ import annotations

import pytest

from peerhaven import cli


def test_no_arguments_start_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr("peerhaven.tui.app.run", lambda: started.append(True))
    assert cli.main([]) == 0
    assert started == [True]


def test_the_app_hands_an_unlocked_store_to_plain_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the plain setting on, the app returns the store it unlocked; plain mode takes it."""
    store = object()
    taken: list[object] = []
    monkeypatch.setattr("peerhaven.tui.app.run", lambda: store)
    monkeypatch.setattr("peerhaven.plain.run.run_opened", lambda s: taken.append(s) or 0)
    assert cli.main([]) == 0
    assert taken == [store]


def test_plain_flag_starts_plain_mode_not_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("peerhaven.tui.app.run", lambda: pytest.fail("the app started"))
    monkeypatch.setattr("peerhaven.plain.run.run", lambda: 0)
    assert cli.main(["--plain"]) == 0


def test_a_command_does_not_start_the_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("peerhaven.tui.app.run", lambda: pytest.fail("the app started"))
    assert cli.main(["--version"]) == 0  # argparse's exit becomes the exit code
    assert "peerhaven" in capsys.readouterr().out
