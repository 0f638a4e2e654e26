"""The bare ``peerhaven`` command starts the app; commands never load Textual."""

from __future__ import annotations

import pytest

from peerhaven import cli


def test_no_arguments_start_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr("peerhaven.tui.app.run", lambda: started.append(True) or 0)
    assert cli.main([]) == 0
    assert started == [True]


def test_a_command_does_not_start_the_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("peerhaven.tui.app.run", lambda: pytest.fail("the app started"))
    assert cli.main(["--version"]) == 0  # argparse's exit becomes the exit code
    assert "peerhaven" in capsys.readouterr().out
