"""The CLI as a user scripts it: real processes, real store, one-sentence errors."""

from __future__ import annotations

import json

import pytest

from tests.fixtures.store import PASSPHRASE, Cli, CliResult


def _clean_error(result: CliResult) -> str:
    assert result.code != 0
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one sentence, got {result.err!r}"
    assert lines[0].startswith("peerhaven: ")
    return lines[0]


def test_init_prints_the_pseudonym_and_refuses_a_second_time(cli: Cli) -> None:
    first = cli("init")
    assert first.code == 0, first.err
    assert "Nobody here sees your name" in first.out
    pseudonym = first.out.split()[2].rstrip(".")
    listed = cli("persona", "list", "--json")
    assert json.loads(listed.out)[0]["pseudonym"] == pseudonym
    assert "already exists" in _clean_error(cli("init"))


def test_journal_and_drafts_round_trip(cli: Cli) -> None:
    cli("init")
    added = cli("journal", "add", "Walked by the river", "--mood", "6", "--tag", "walk")
    assert added.code == 0 and "mood 6/10" in added.out
    entries = json.loads(cli("journal", "list", "--json").out)
    assert [(e["content"], e["mood"], e["tags"]) for e in entries] == [
        ("Walked by the river", 6, ["walk"])
    ]
    assert cli("draft", "save", "Does walking help?", "--community", "sleep-help").code == 0
    shown = cli("draft", "show", "1")
    assert "Does walking help?" in shown.out and "sleep-help" in shown.out
    assert cli("draft", "delete", "1").code == 0
    assert "no draft 1" in _clean_error(cli("draft", "show", "1")).lower()


def test_search_groups_results(cli: Cli) -> None:
    cli("init")
    cli("journal", "add", "the river was calm", "--mood", "7")
    cli("draft", "save", "river question")
    result = json.loads(cli("search", "river", "--json").out)
    assert {k: len(v) for k, v in result.items()} == {
        "post": 0,
        "message": 0,
        "journal": 1,
        "draft": 1,
    }
    assert result["journal"][0]["matches"] == ["river"]
    plain = cli("search", "river")
    assert "Journal (1)" in plain.out and "**river**" in plain.out


@pytest.mark.parametrize(
    ("args", "env", "needle"),
    [
        (("journal", "list"), {"PEERHAVEN_PASSPHRASE": "wrong passphrase"}, "does not unlock"),
        (("journal", "add", "x", "--mood", "12"), {}, "--mood takes a whole number from 1 to 10"),
        (("draft", "show", "7"), {}, "no draft 7"),
        (("import", "/nonexistent/file.json"), {}, "no file"),
        (("search", "?!"), {}, "at least one word"),
        (("persona", "default", "nobody-at-all-1"), {}, "no single persona"),
    ],
)
def test_errors_are_one_sentence_without_traceback(
    cli: Cli, args: tuple[str, ...], env: dict[str, str], needle: str
) -> None:
    cli("init")
    assert needle in _clean_error(cli(*args, **env)).lower()


def test_commands_before_init_say_how_to_start(cli: Cli) -> None:
    assert "peerhaven init" in _clean_error(cli("journal", "list"))


def test_passphrase_from_piped_stdin(cli: Cli) -> None:
    env = {k: v for k, v in cli.env.items() if k != "PEERHAVEN_PASSPHRASE"}
    piped = Cli(cli.home, env)
    assert piped("init", stdin=PASSPHRASE + "\n").code == 0
    assert piped("journal", "list", stdin=PASSPHRASE + "\n").code == 0
    assert "no passphrase" in _clean_error(piped("journal", "list", stdin="")).lower()


def test_weak_passphrase_is_refused_at_init(cli: Cli) -> None:
    assert "too easy" in _clean_error(cli("init", PEERHAVEN_PASSPHRASE="password"))
    assert not (cli.home / "peerhaven.db").exists()


def test_passphrase_change(cli: Cli) -> None:
    cli("init")
    cli("journal", "add", "kept", "--mood", "5")
    new = "a completely different passphrase"
    assert cli("passphrase", "change", PEERHAVEN_NEW_PASSPHRASE=new).code == 0
    assert "does not unlock" in _clean_error(cli("journal", "list"))
    assert "kept" in cli("journal", "list", PEERHAVEN_PASSPHRASE=new).out


def test_encrypted_export_and_import_into_a_new_store(cli: Cli, tmp_path: object) -> None:
    cli("init")
    cli("journal", "add", "a private thought about lanterns", "--mood", "3", "--tag", "grief")
    cli("draft", "save", "lantern draft")
    out = cli.home.parent / "export.json"
    exported = cli("export", "--out", str(out), PEERHAVEN_EXPORT_PASSPHRASE="export secret 1")
    assert exported.code == 0, exported.err
    raw = out.read_text()
    assert "lanterns" not in raw and json.loads(raw)["encrypted"] is True
    assert out.stat().st_mode & 0o777 == 0o600

    other = Cli(
        cli.home.parent / "second-home",
        {**cli.env, "PEERHAVEN_HOME": str(cli.home.parent / "second-home")},
    )
    other("init")
    wrong = other("import", str(out), PEERHAVEN_EXPORT_PASSPHRASE="not it")
    assert "does not open this export" in _clean_error(wrong)
    imported = other("import", str(out), PEERHAVEN_EXPORT_PASSPHRASE="export secret 1")
    assert imported.code == 0, imported.err
    assert "1 journal entry," in imported.out
    again = other("import", str(out), PEERHAVEN_EXPORT_PASSPHRASE="export secret 1")
    assert "nothing new" in again.out
    entries = json.loads(other("journal", "list", "--json").out)
    assert entries[0]["content"] == "a private thought about lanterns"
    personas = json.loads(other("persona", "list", "--json").out)
    assert len(personas) == 2 and sum(p["default"] for p in personas) == 1


def test_plaintext_export_warns_and_is_readable(cli: Cli) -> None:
    cli("init")
    cli("journal", "add", "plain words", "--mood", "5")
    out = cli.home.parent / "plain.json"
    result = cli("export", "--out", str(out), "--plaintext")
    assert "NOT encrypted" in result.out
    data = json.loads(out.read_text())
    assert data["encrypted"] is False
    assert data["data"]["journal"][0]["content"] == "plain words"


def test_damaged_export_is_a_clear_error(cli: Cli) -> None:
    cli("init")
    bad = cli.home / "bad.json"
    bad.write_text('{"format": "peerhaven-export", "version": 1, "encrypted": true}')
    assert "damaged" in _clean_error(cli("import", str(bad), PEERHAVEN_EXPORT_PASSPHRASE="x"))
    bad.write_text("not json at all")
    assert "not a peerhaven export" in _clean_error(cli("import", str(bad))).lower()


def test_export_never_writes_over_the_store_or_into_the_home(cli: Cli) -> None:
    cli("init")
    cli("journal", "add", "still here", "--mood", "5")
    store = cli.home / "peerhaven.db"
    before = store.read_bytes()
    for target in (store, cli.home / "peerhaven.db-wal", cli.home / "backup.json"):
        refused = cli("export", "--plaintext", "--force", "--out", str(target))
        assert "inside PeerHaven's data folder" in _clean_error(refused)
    assert store.read_bytes() == before
    assert "still here" in cli("journal", "list").out


def test_export_replaces_an_existing_file_only_with_force(cli: Cli) -> None:
    cli("init")
    out = cli.home.parent / "export.json"
    out.write_text("keep me")
    assert "add --force" in _clean_error(cli("export", "--plaintext", "--out", str(out)))
    assert out.read_text() == "keep me"
    replaced = cli("export", "--plaintext", "--force", "--out", str(out))
    assert replaced.code == 0, replaced.err
    assert json.loads(out.read_text())["encrypted"] is False
    assert out.stat().st_mode & 0o777 == 0o600


def test_import_lists_what_it_refused_and_exits_1(cli: Cli) -> None:
    cli("init")
    cli("journal", "add", "kept", "--mood", "5")
    out = cli.home.parent / "export.json"
    assert cli("export", "--plaintext", "--out", str(out)).code == 0
    document = json.loads(out.read_text())
    entry = document["data"]["journal"][0]
    document["data"]["journal"].append({**entry, "uid": "b", "created_at": "yesterday"})
    document["data"]["relays"] = [{"url": "http://x.example"}, 42, "ftp://x.example"]
    out.write_text(json.dumps(document))
    result = cli("import", str(out))
    assert result.code == 1 and "Traceback" not in result.err
    assert "nothing new" not in result.out
    assert "Refused 1 journal entry: its date is not a time in whole seconds." in result.out
    assert "Refused 2 relays: its address is not text." in result.out
    assert "Refused 1 relay: its address is not an http(s) relay address." in result.out
    listed = cli("journal", "list")
    assert listed.code == 0 and listed.out.count("kept") == 1
    document["version"] = "1"
    out.write_text(json.dumps(document))
    assert "(the number 1, not text)" in _clean_error(cli("import", str(out)))


def test_file_system_errors_are_one_sentence(cli: Cli) -> None:
    blocker = cli.home.parent / "a-file"
    blocker.write_text("not a directory")
    result = cli("init", PEERHAVEN_HOME=str(blocker / "home"))
    assert "Not a directory" in _clean_error(result) and str(blocker) in result.err
    cli("init")
    out = cli("export", "--out", str(blocker / "export.json"), "--plaintext")
    assert str(blocker) in _clean_error(out)


def test_journal_add_with_a_date_and_edit(cli: Cli) -> None:
    import datetime as dt

    cli("init")
    added = cli("journal", "add", "caught up on yesterday", "--mood", "4", "--date", "yesterday")
    assert added.code == 0, added.err
    entry = json.loads(cli("journal", "list", "--json").out)[0]
    when = dt.datetime.fromtimestamp(entry["created_at"])
    assert when.date() == dt.date.today() - dt.timedelta(days=1)
    assert "dated" in added.out

    edited = cli("journal", "edit", str(entry["id"]), "--mood", "6", "--tag", "sleep")
    assert edited.code == 0, edited.err
    assert "mood 6/10" in edited.out
    again = json.loads(cli("journal", "list", "--json").out)[0]
    assert (again["mood"], again["tags"], again["content"]) == (6, ["sleep"], entry["content"])
    assert again["created_at"] == entry["created_at"]  # the date stays unless given

    cli("journal", "edit", str(entry["id"]), "--text", "rewritten", "--date", "2020-01-02")
    last = json.loads(cli("journal", "list", "--json").out)[0]
    assert last["content"] == "rewritten"
    assert dt.datetime.fromtimestamp(last["created_at"]).date() == dt.date(2020, 1, 2)

    assert "future" in _clean_error(
        cli("journal", "add", "x", "--mood", "5", "--date", "2999-01-01")
    )
    assert "Nothing to change" in _clean_error(cli("journal", "edit", str(entry["id"])))


def test_while_the_app_is_open_the_cli_writes_but_never_rekeys(cli: Cli) -> None:
    from peerhaven.store.instance import InstanceLock

    cli("init")
    with InstanceLock(cli.home / "peerhaven.db"):  # as an open app window holds it
        assert cli("journal", "add", "from the shell", "--mood", "5").code == 0
        refused = cli("passphrase", "change", PEERHAVEN_NEW_PASSPHRASE="another calm long one")
        assert "already open in another window" in _clean_error(refused)
    assert "from the shell" in cli("journal", "list").out
