"""The CLI speaks the member's language: LANG when the setting says auto, the setting
when there is one; errors too. Real processes and a real store, as a member runs them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.fixtures.store import Cli

SPANISH = {"LANG": "es_ES.UTF-8"}
GERMAN = {"LANG": "de_DE.UTF-8"}


def test_init_and_the_journal_in_spanish(cli: Cli) -> None:
    made = cli("init", **SPANISH)
    assert made.code == 0, made.err
    assert "Nadie aquí ve tu nombre." in made.out
    assert "La frase de contraseña no se puede recuperar" in made.out
    added = cli("journal", "add", "Paseo junto al río", "--mood", "6", **SPANISH)
    assert added.code == 0, added.err
    assert "Entrada del diario 1 guardada (ánimo 6/10)." in added.out
    assert cli("draft", "list", **SPANISH).out.strip() == "No hay borradores."


def test_help_and_errors_in_german(cli: Cli) -> None:
    helped = cli("--help", **GERMAN)
    assert "Private Peer-Support-Gemeinschaften" in helped.out
    assert "dein privates Tagebuch (verlässt dieses Gerät nie)" in helped.out
    cli("init")
    refused = cli("journal", "list", PEERHAVEN_PASSPHRASE="not the passphrase", **GERMAN)
    assert refused.code == 1
    assert refused.err.strip() == (
        "peerhaven: Diese Passphrase entsperrt den Speicher nicht (oder seine erste Seite ist "
        "beschädigt); nichts wurde geändert."
    )


def test_argparse_speaks_the_language_too(cli: Cli) -> None:
    helped = cli("journal", "--help", **SPANISH)
    assert helped.out.startswith("uso: peerhaven journal")
    assert "opciones:" in helped.out and "muestra esta ayuda y sale" in helped.out
    # a complaint the CLI rewrites into its own sentence is still read, and translated
    refused = cli("journal", "add", "x", "--mood", "eleven", **GERMAN)
    assert refused.code == 2 and "Aufruf:" not in refused.err
    assert "--mood nimmt eine ganze Zahl von 1 bis 10, nicht 'eleven'." in refused.err


def test_the_language_setting_wins_over_the_environment(cli: Cli) -> None:
    cli("init")
    assert cli("settings", "language", "es").code == 0
    assert cli("draft", "list", **GERMAN).out.strip() == "No hay borradores."
    assert cli("settings", "language", "auto").code == 0
    assert cli("draft", "list", **GERMAN).out.strip() == "Keine Entwürfe."
    assert cli("draft", "list").out.strip() == "No drafts."


def test_a_language_without_a_catalog_reads_english(cli: Cli) -> None:
    cli("init")
    assert cli("draft", "list", LANG="fr_FR.UTF-8").out.strip() == "No drafts."
    refused = cli("settings", "language", "fr")
    assert refused.code == 1
    assert "auto, en, es, de" in refused.err


def test_a_relay_answers_in_english_whatever_its_operators_locale(
    relay_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wire's details stay English for operators and logs (the client words each
    refusal code in its member's language), even when the relay runs under LANG=de."""
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    relay = relay_process()
    answer = httpx.get(f"{relay.url}/v1/reports", params={"community": "calm-corner"})
    assert answer.status_code == 401
    body = answer.json()
    assert body["error"] == "unauthenticated"
    assert body["detail"] == "This request must be signed by a persona (Authorization header)."
