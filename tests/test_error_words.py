"""Errors reach a member as one clear sentence: no internal names, no doubled
punctuation, and never a retry time that has already passed."""

from __future__ import annotations

import argparse

import httpx
import pytest

from peerhaven.core.sentences import clause, sentence
from peerhaven.store.overview import RelayHealth
from peerhaven.store.relays import RelayStatus
from peerhaven.sync import RelayReport, SyncReport
from peerhaven.sync.errors import unreachable_words
from peerhaven.tui.syncing import summary
from peerhaven.tui.widgets.relay_status import describe

URL = "http://127.0.0.1:9"
NOON = 1_794_830_400


def test_sentences_end_once_and_clauses_not_at_all() -> None:
    assert sentence("could not be reached..") == "could not be reached."
    assert sentence("refused.; waiting") == "refused; waiting."
    assert sentence("Is it you?") == "Is it you?"
    assert sentence("Unlocking…") == "Unlocking…"
    assert clause("could not be reached (no connection).") == "could not be reached (no connection)"


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("boom"),
        httpx.ReadError("boom"),
        httpx.RemoteProtocolError("boom"),
        httpx.DecodingError("boom"),
        httpx.UnsupportedProtocol("boom"),
        httpx.LocalProtocolError("boom"),
    ],
    ids=lambda exc: type(exc).__name__,
)
def test_unreachable_words_never_name_the_library_class(exc: Exception) -> None:
    words = unreachable_words(URL, exc)
    assert type(exc).__name__ not in words and "Error" not in words and "boom" not in words
    assert words.endswith(".") and not words.endswith("..")


def test_sync_summary_has_no_doubled_punctuation_or_repeated_address() -> None:
    error = f"{URL} could not be reached (no connection)."
    report = SyncReport([RelayReport(URL, error=error), RelayReport("http://b", skipped=True)])
    text, failed = summary(report)
    assert failed
    assert ".." not in text and ".;" not in text
    assert text.count(URL) == 1


def test_relay_status_names_a_wait_only_while_it_lasts() -> None:
    error = f"{URL} could not be reached (no connection)."
    waiting = RelayHealth(URL, None, error, 2, next_attempt=NOON + 600)
    ahead = describe(waiting, now=NOON)
    assert "waiting until" in ahead and ".;" not in ahead
    passed = describe(waiting, now=NOON + 1800)
    assert "waiting until" not in passed and "next sync" in passed


def test_cli_relay_line_says_next_sync_not_now_once_the_wait_passed() -> None:
    status = RelayStatus(
        url=URL,
        state="offline",
        last_success=None,
        last_attempt=NOON - 60,
        last_error=f"{URL} could not be reached (no connection).",
        failures=2,
        next_attempt=NOON - 30,
        pending=0,
        dropped=0,
        communities=(),
    )
    line = status.describe(NOON)
    assert "retrying at the next sync" in line and "retrying now" not in line
    assert ".;" not in line and ".." not in line


def test_an_unexpected_cli_error_names_no_internal_class(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peerhaven import cli

    def build() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog="peerhaven")
        sub = parser.add_subparsers()
        boom = sub.add_parser("boom")
        boom.set_defaults(func=lambda args: {}["internal"])  # a KeyError nobody foresaw
        return parser

    monkeypatch.delenv("PEERHAVEN_DEBUG", raising=False)
    monkeypatch.setattr(cli, "build_parser", build)
    assert cli.main(["boom"]) == cli.EXIT_INTERNAL
    said = capsys.readouterr().err
    assert "KeyError" not in said and "internal error" not in said
    assert said.startswith("peerhaven: something unexpected went wrong;")


def test_a_peerhaven_error_ends_with_one_full_stop(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peerhaven import cli
    from peerhaven.core.errors import PeerHavenError

    def fail(args: argparse.Namespace) -> int:
        raise PeerHavenError(f"{URL} could not be reached (no connection)..")

    def build() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog="peerhaven")
        parser.add_subparsers().add_parser("fail").set_defaults(func=fail)
        return parser

    monkeypatch.setattr(cli, "build_parser", build)
    assert cli.main(["fail"]) == cli.EXIT_ERROR
    assert capsys.readouterr().err.strip().endswith("(no connection).")
