"""Joining asks who to be: a new persona by default (relays cannot link your communities),
or one you already have; observing says it publishes nothing and shows no persona."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerhaven.store import Store
from peerhaven.store.join_persona import WHY_NEW, persona_choices
from peerhaven.store.personas import create_persona, list_personas
from peerhaven.store.settings import set_setting
from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli
from tests.sync.helpers import create_community


def test_cli_join_says_a_new_persona_and_why_observe_says_no_persona(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "open-door")
    create_community(tmp_path / "relay", "quiet-room")
    relay = relay_process(data_dir=tmp_path / "relay")
    assert cli("init").code == 0
    assert cli("relays", "add", relay.url).code == 0

    joined = cli("join", "open-door")
    assert joined.code == 0, joined.err
    assert "a new persona" in joined.out and WHY_NEW in joined.out
    personas = json.loads(cli("persona", "list", "--json").out)
    assert len(personas) == 2

    observed = cli("join", "quiet-room", "--observer")
    assert observed.code == 0, observed.err
    assert "nothing is published" in observed.out and "no persona is shown" in observed.out
    assert " as " not in observed.out.splitlines()[0]


def test_persona_choices_offer_a_new_one_first_then_each_existing(fresh_store: Store) -> None:
    create_persona(fresh_store, default=True)
    create_persona(fresh_store, default=False)
    choices = persona_choices(fresh_store)
    assert choices[0].pubkey is None and "recommended" in choices[0].words
    assert WHY_NEW in choices[0].detail
    assert [c.pubkey for c in choices[1:]] == [p.pubkey for p in list_personas(fresh_store)]
    assert "(your default)" in choices[1].words

    set_setting(fresh_store, "persona_per_community", False)
    assert all(choice.pubkey is not None for choice in persona_choices(fresh_store))


def test_the_cli_prompt_joins_as_the_persona_chosen(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peerhaven.commands import network

    first = create_persona(fresh_store, default=True)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "2")
    chosen = network._choose_persona(fresh_store, "open-door")
    assert chosen.pubkey == first.pubkey
    asked = capsys.readouterr().out
    assert "1. A new persona (recommended)" in asked and WHY_NEW in asked

    monkeypatch.setattr("builtins.input", lambda prompt: "")
    assert network._choose_persona(fresh_store, "open-door").pubkey is None  # Enter: new


def test_init_says_what_a_persona_is(cli: Cli) -> None:
    first = cli("init")
    assert first.code == 0, first.err
    assert "first persona: a pseudonym with its own key" in first.out
    assert "relays cannot link your communities" in first.out
