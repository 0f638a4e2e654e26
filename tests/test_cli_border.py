"""Issue 18's border: every bad input is one sentence, exit 1 or 2, and harms nothing.

The CLI runs in-process (``peerhaven.cli.main``) against a real SQLCipher store
in ``tmp_path``; one test runs a real process to pass bytes that are not UTF-8.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from peerhaven.cli import main
from peerhaven.core.persona import pseudonym
from peerhaven.relay.errors import ConfigError
from peerhaven.relay.settings import RelaySettings
from peerhaven.store import BadInput, DiskFull, NotFound, create_store, open_store
from peerhaven.store import database as database_module
from peerhaven.store.database import translate
from peerhaven.store.journal import add_entry, list_entries
from peerhaven.store.personas import create_persona, list_personas, load_persona
from peerhaven.store.settings import (
    DEFAULTS,
    SCHEMA,
    THEME_NAMES,
    all_settings,
    get_setting,
    set_setting,
    validate_setting,
)
from tests.fixtures.store import PASSPHRASE


@dataclass
class Run:
    """One in-process command: its exit status and what it wrote."""

    code: int
    out: str
    err: str

    @property
    def sentence(self) -> str:
        """The one line of a refusal, checked to be one line without a traceback."""
        assert self.code in (1, 2), (self.code, self.err)
        assert "Traceback" not in self.err and "unexpected internal error" not in self.err
        lines = [line for line in self.err.splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one sentence, got {self.err!r}"
        assert lines[0].startswith("peerhaven: ")
        assert not re.search(r"[.;,!?] ?[.;,!?]$", lines[0]), "doubled punctuation"
        return lines[0]


Runner = Callable[..., Run]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated PEERHAVEN_HOME with the test passphrase in the environment."""
    for key in list(os.environ):
        if key.startswith("PEERHAVEN_"):
            monkeypatch.delenv(key)
    path = tmp_path / "home"
    monkeypatch.setenv("PEERHAVEN_HOME", str(path))
    monkeypatch.setenv("PEERHAVEN_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return path


@pytest.fixture
def run(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """``run(*args, **env)``: the command in-process, environment changes for it only."""

    def runner(*args: str, stdin: str | None = None, **env: str) -> Run:
        with monkeypatch.context() as patch:
            for key, value in env.items():
                patch.setenv(key, value)
            if stdin is not None:
                patch.setattr(sys, "stdin", io.StringIO(stdin))
            capsys.readouterr()
            code = main(list(args))
            captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return runner


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store as ``init`` leaves it, plus one journal entry; made once, copied per test."""
    path = tmp_path_factory.mktemp("template") / "peerhaven.db"
    with create_store(path, PASSPHRASE, prepare=create_persona) as store:
        add_entry(store, "kept safe", 6)
    return path


@pytest.fixture
def initialised(home: Path, template_store: Path) -> Path:
    """This test's own copy of the template store, at PEERHAVEN_HOME."""
    home.mkdir(exist_ok=True)
    path = home / "peerhaven.db"
    shutil.copyfile(template_store, path)
    path.chmod(0o600)
    return path


def _store_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything a refused command must leave as it was."""
    with open_store(path, PASSPHRASE) as store:
        return {
            table: store.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("journal", "drafts", "personas", "settings", "relays", "events")
        }


# -- items 8-14: every refusal names the option and what it takes -------------------------

REFUSED = [
    (("journal", "delete", "99999999999999999999999"), "ID takes a whole number from 1 to"),
    (("journal", "list", "--limit", "99999999999999999999999"), "--limit takes a whole number"),
    (("journal", "list", "--limit", "0"), "--limit takes a whole number from 1"),
    (("journal", "list", "--limit", "-1"), "--limit takes a whole number from 1"),
    (("draft", "show", "99999999999999999999999"), "ID takes a whole number"),
    (("draft", "save", "x", "--id", "99999999999999999999999"), "--id takes a whole number"),
    (("offline", "calm", "--days", "99999999999999999999999"), "--days takes a whole number"),
    (("read", "calm", "--limit", "0"), "--limit takes a whole number from 1 to 1000"),
    (("relays", "add", "http://[::1"), "URL takes a relay address"),
    (("relays", "add", "http://exa mple.org"), "URL takes a relay address"),
    (("sync", "--proxy", "not a proxy"), "--proxy takes a proxy address"),
    (("post", "calm", "hi", "--proxy", "socks5h://127.0.0.1:99999"), "--proxy takes a proxy"),
    (("relays", "local", "start", "--port", "-1"), "--port takes a whole number from 1 to 65535"),
    (("sync", "--watch", "--interval", "-1"), "--interval takes a number from 0.1"),
    (("sync", "--watch", "--interval", "0"), "--interval takes a number from 0.1"),
    (("sync", "--watch", "--interval", "nan"), "--interval takes a number from 0.1"),
    (("draft", "save", "x", "--community", "Not A Slug!"), "--community takes a community"),
    (("cw", "default", "../../x", "hide"), "SLUG takes a community's short name"),
    (("cw", "set", "\x1b[31mred", "hide"), "LABEL takes one line of text"),
    (("post", "calm", "hi", "--cw", "\x1b[31mred"), "--cw takes one line of text"),
    (("persona", "default", ""), "PERSONA takes a pseudonym or a public key"),
    (("persona", "profile", "bio", "--persona", ""), "--persona takes a pseudonym"),
    (("react", "%", "me-too"), "EVENT_ID takes an id"),
    (("react", "abcdef", "hug"), "REACTION takes one of me-too, been-there"),
    (("export", "--out", ""), "--out takes a file or directory path"),
    (("relay", "serve", "--data", "d", "--port", "99999"), "--port takes a whole number"),
    (("relay", "serve", "--data", "d", "--max-batch", "0"), "--max-batch takes a whole number"),
    (("relay", "serve", "--data", "d", "--max-body-bytes", "-1"), "--max-body-bytes takes"),
    (("relay", "serve", "--data", "d", "--page-max", "0"), "--page-max takes a whole number"),
    (("relay", "serve", "--data", "d", "--pow-difficulty", "1000"), "--pow-difficulty takes"),
    (("relay", "serve", "--data", "d", "--max-clock-skew", "-3600"), "--max-clock-skew takes"),
    (("relay", "serve", "--data", "d", "--purge-interval", "-1"), "--purge-interval takes"),
    (("relay", "serve", "--data", "d", "--workers", "0"), "--workers takes a whole number"),
    (("relay", "community", "create", "calm", "--name", "x", "--data", ""), "--data takes"),
    (("relay", "community", "create", "calm", "--name", "\x1b]0;x\x07", "--data", "d"), "--name"),
    (("journal", "add", "x", "--mood", "5", "--tag", "a\x00b"), "--tag holds a NUL"),
    (("journal", "add", "\udcff", "--mood", "5"), "Argument 3 is not valid UTF-8 text"),
    (("journal", "add", "x", "--mood", "5", "--tag", "\udcff"), "--tag is not valid UTF-8"),
    (("journal", "add", "x", "--mood=\udcff"), "The value of --mood is not valid UTF-8"),
    (("journal", "list", "\x1b]0;x\x07"), "Unrecognized arguments: \u241b]0;x\u2407."),
    (("approve", "0000\r0"), "EVENT_ID takes an id"),
    # found by the adversarial catalog: options that had no border type
    (("draft", "publish", "99999999999999999999999"), "ID takes a whole number from 1 to"),
    (("draft", "publish", "0"), "ID takes a whole number from 1 to"),
    (("draft", "publish", "1", "--community", "../x"), "--community takes a community"),
    (("draft", "publish", "1", "--reply-to", "%"), "--reply-to takes an id"),
    (("edit", "%", "new words"), "POST_ID takes an id"),
    (("edit", "abcdef", "\x1b]0;x\x07"), "TEXT takes text without control characters"),
    (("edit", "abcdef", "new words", "--cw", "\x1b[31mred"), "--cw takes one line of text"),
    (("edit", "abcdef", "new words", "--cw", ""), "--cw takes a content-warning label"),
    (("sync", "--deadline", "nan"), "--deadline takes a number from 1 to 86400 seconds"),
    (("sync", "--deadline", "0"), "--deadline takes a number from 1 to 86400 seconds"),
    (("sync", "--min-rate", "-1"), "--min-rate takes a whole number from 0 to"),
    (("sync", "--min-rate", "99999999999999999999999"), "--min-rate takes a whole number"),
    (("cw", "set", "\u200b\u200b", "hide"), "LABEL takes a content-warning label"),
    (("draft", "save", "x", "--cw", "\u202e\u202d"), "--cw takes a content-warning label"),
    (("mute", "word", "\u200b\u200b\u200b"), "VALUE takes a word or phrase, a pseudonym"),
    (("unmute", "word", "  "), "VALUE takes a word or phrase, a pseudonym"),
    (("persona", "withdraw", "\u200b", "--yes"), "PERSONA takes a pseudonym"),
    (("block", "\u2066\u2069"), "PERSONA takes a pseudonym"),
    (("relay", "ban", "--data", "d", "01" + "00" * 31), "PUBKEY takes a public key that can sign"),
    (("relay", "ban", "--data", "d", "ec" + "ff" * 30 + "7f"), "PUBKEY takes a public key that"),
    (
        ("relay", "community", "create", "calm", "--name", "Calm", "--data", "d", "--moderator")
        + ("00" * 32,),
        "--moderator takes a public key that can sign",
    ),
    (("relay", "serve", "--data", "d", "--host", "[::1"), "--host takes a host name"),
    (("relay", "serve", "--data", "d", "--name", "\u200b"), "--name takes a name with at least"),
]


@pytest.mark.parametrize(("args", "needle"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_bad_arguments_are_usage_errors_that_change_nothing(
    run: Runner, initialised: Path, tmp_path: Path, args: tuple[str, ...], needle: str
) -> None:
    before = _store_rows(initialised)
    result = run(*args)
    assert result.code == 2
    assert needle in result.sentence
    assert _store_rows(initialised) == before
    assert not (tmp_path / "d").exists(), "nothing is created for a refused relay command"


def test_input_echoed_in_an_error_stays_one_inert_line(run: Runner, initialised: Path) -> None:
    line = run("import", "no\rsuch\x1b[2Jfile.json").sentence
    assert "\u240d" in line and "\u241b" in line and "\x1b" not in line and "\r" not in line


def test_not_utf8_bytes_from_a_real_shell_are_one_sentence(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHAVEN_")}
    env.update(PEERHAVEN_HOME=str(tmp_path / "h"), PEERHAVEN_PASSPHRASE=PASSPHRASE)
    proc = subprocess.run(
        [sys.executable, "-m", "peerhaven", "journal", "add", b"\xff", "--mood", "5"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr == b"peerhaven: Argument 3 is not valid UTF-8 text; nothing was changed.\n"


# -- passphrases ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "stdin", "needle"),
    [
        ({"PEERHAVEN_PASSPHRASE": "bad \udcff bytes here"}, None, "PEERHAVEN_PASSPHRASE takes"),
        ({"PEERHAVEN_PASSPHRASE": "        "}, None, "at least one visible character"),
        ({}, "a\x00b\n", "without NUL characters"),
        ({}, "        \n", "at least one visible character"),
    ],
)
def test_bad_passphrases_are_refused_before_unlocking(
    run: Runner,
    initialised: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    stdin: str | None,
    needle: str,
) -> None:
    if not env:
        monkeypatch.delenv("PEERHAVEN_PASSPHRASE")
    assert needle in run("journal", "list", stdin=stdin, **env).sentence


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("PEERHAVEN_NEW_PASSPHRASE", "\udcffnot utf-8 at all"),
        ("PEERHAVEN_NEW_PASSPHRASE", "        "),
        ("PEERHAVEN_NEW_PASSPHRASE", "short"),
    ],
)
def test_a_new_passphrase_must_be_usable(
    run: Runner, initialised: Path, key: str, value: str
) -> None:
    assert run("passphrase", "change", **{key: value}).sentence
    assert run("journal", "list").code == 0, "the old passphrase still opens the store"


def test_a_sealed_export_needs_a_real_passphrase(
    run: Runner, initialised: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    line = run("export", "--out", str(out), PEERHAVEN_EXPORT_PASSPHRASE="a").sentence
    assert "too easy to guess" in line
    assert not out.exists()


# -- item 3: init is all or nothing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "stdin"),
    [
        ({"PEERHAVEN_PASSPHRASE": "        "}, None),
        ({"PEERHAVEN_PASSPHRASE": "abc\udcffdefghij"}, None),
        ({}, "abcdefgh\x00ijk\n"),
    ],
)
def test_a_refused_init_leaves_no_file(
    run: Runner,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    stdin: str | None,
) -> None:
    if not env:
        monkeypatch.delenv("PEERHAVEN_PASSPHRASE")
    assert run("init", stdin=stdin, **env).sentence
    assert not (home / "peerhaven.db").exists()
    assert run("init", PEERHAVEN_PASSPHRASE=PASSPHRASE).code == 0


def test_init_replaces_an_empty_leftover_and_makes_the_store_private(
    run: Runner, home: Path
) -> None:
    home.mkdir()
    leftover = home / "peerhaven.db"
    leftover.touch(mode=0o644)
    assert run("init").code == 0
    assert stat.S_IMODE(leftover.stat().st_mode) == 0o600
    assert json.loads(run("persona", "list", "--json").out)[0]["default"] is True
    assert sorted(p.name for p in home.iterdir()) == ["peerhaven.db"]


def test_a_failure_inside_init_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "home" / "peerhaven.db"

    def fails(store: object) -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        create_store(path, PASSPHRASE, prepare=fails)
    assert list(path.parent.iterdir()) == []


def test_init_never_replaces_a_real_store(run: Runner, initialised: Path) -> None:
    before = initialised.read_bytes()
    assert "already exists" in run("init").sentence
    assert initialised.read_bytes() == before


# -- item 2: persona lookups are exact -----------------------------------------------------


def test_wildcards_and_empty_names_pick_no_persona(run: Runner, initialised: Path) -> None:
    assert run("post", "calm-corner", "a post of mine", "--no-sync").code in (0, 1)
    before = _store_rows(initialised)
    for who in ("%", "_", "%%", "a%"):
        assert "No single persona" in run("persona", "withdraw", who, "--yes").sentence
        assert "No single persona" in run("persona", "default", who).sentence
    assert _store_rows(initialised) == before
    with open_store(initialised, PASSPHRASE) as store:
        with pytest.raises(BadInput, match="Say which persona"):
            load_persona(store, "")


def test_an_ambiguous_prefix_lists_the_candidates(fresh_store: object) -> None:
    from peerhaven.store.database import Store

    assert isinstance(fresh_store, Store)
    personas = [create_persona(fresh_store) for _ in range(17)]  # two share a first character
    first: dict[str, list[str]] = {}
    for persona in personas:
        first.setdefault(persona.pubkey[0], []).append(persona.pubkey)
    shared = next(keys for keys in first.values() if len(keys) > 1)
    with pytest.raises(BadInput, match="could be any of") as ambiguous:
        load_persona(fresh_store, shared[0][0])
    assert pseudonym(shared[0]) in str(ambiguous.value)
    assert load_persona(fresh_store, shared[0]).pubkey == shared[0]
    assert load_persona(fresh_store, shared[0][:12].upper()).pubkey == shared[0]
    assert load_persona(fresh_store, pseudonym(shared[1])).pubkey == shared[1]
    with pytest.raises(NotFound):
        load_persona(fresh_store, "nobody-at-all-1")
    assert len(list_personas(fresh_store)) == 17


# -- item 4: the settings schema ------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("cw_policy", "[1,2]"),
        ("cw_policy", '{"grief": "explode"}'),
        ("cw_community_defaults", '{"Not A Slug": "hide"}'),
        ("lock_after_minutes", "0"),
        ("lock_after_minutes", "true"),
        ("lock_after_minutes", "99999999999999999999999"),
        ("theme", "neon"),
        ("crisis_prompt", "yes"),
        ("sync_interval_minutes", "-1"),
        ("store_size_cap_mb", "NaN"),
        ("country", "GBR"),
        ("proxy", "http://[::1"),
        ("local_relay", "ftp://example.org"),
    ],
)
def test_settings_refuse_wrong_types_and_ranges(
    run: Runner, initialised: Path, key: str, value: str
) -> None:
    before = _store_rows(initialised)
    line = run("settings", key, value).sentence
    assert key in line or "proxy address" in line
    assert _store_rows(initialised) == before
    assert run("read", "calm-corner").code != 70


def test_settings_take_what_the_schema_says(run: Runner, initialised: Path) -> None:
    assert run("settings", "country", "gb").out.strip() == 'country = "GB"'
    assert run("settings", "theme", "null").out.strip() == 'theme = "calm"'
    assert run("settings", "sync_interval_minutes", "null").out.strip() == (
        "sync_interval_minutes = null"
    )
    assert run("settings", "cw_policy", '{"Grief": "collapse"}').code == 0
    assert json.loads(run("settings", "cw_policy").out) == {"grief": "collapse"}
    assert "no setting 'nope'" in run("settings", "nope", "1").sentence
    listed = run("settings", "--help").out
    for name in SCHEMA:
        assert name in listed


def test_bad_values_already_stored_read_as_the_default(fresh_store: object) -> None:
    from peerhaven.store.database import Store

    assert isinstance(fresh_store, Store)
    with fresh_store.transaction() as conn:
        for key, raw in (
            ("cw_policy", "[1,2]"),
            ("lock_after_minutes", '"soon"'),
            ("theme", "not json"),
            ("retired_setting", "1"),
        ):
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, raw))
    assert get_setting(fresh_store, "cw_policy") == {}
    assert get_setting(fresh_store, "lock_after_minutes") == 10
    assert all_settings(fresh_store) == DEFAULTS


def test_validate_setting_is_the_import_check() -> None:
    assert validate_setting("country", "de") == "DE"
    assert validate_setting("store_size_cap_mb", 0.5) == 0.5
    with pytest.raises(BadInput, match="The setting go_gently takes true or false"):
        validate_setting("go_gently", 1)
    with pytest.raises(BadInput, match="no setting"):
        validate_setting("rm -rf", True)


def test_the_schema_knows_the_app_themes() -> None:
    from peerhaven.tui.themes import THEME_LABELS

    assert set(THEME_NAMES) == set(THEME_LABELS)


def test_the_settings_screen_writes_through_the_schema(fresh_store: object) -> None:
    from peerhaven.store.database import Store
    from peerhaven.tui.screens.settings import BREAK_CHOICES, LOCK_CHOICES, SYNC_CHOICES

    assert isinstance(fresh_store, Store)
    for key, choices in (
        ("lock_after_minutes", LOCK_CHOICES),
        ("break_reminder_minutes", BREAK_CHOICES),
        ("sync_interval_minutes", SYNC_CHOICES),
    ):
        for value in choices:
            set_setting(fresh_store, key, value)
            assert get_setting(fresh_store, key) == value


# -- relay options, checked before anything binds -------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "option"),
    [
        ("max_batch", 0, "--max-batch"),
        ("purge_interval", -1.0, "--purge-interval"),
        ("pow_difficulty", 1000, "--pow-difficulty"),
        ("port", 99_999, "--port"),
        ("workers", 0, "--workers"),
    ],
)
def test_relay_settings_refuse_out_of_range_values(
    tmp_path: Path, field: str, value: float, option: str
) -> None:
    with pytest.raises(ConfigError, match=f"^{option} takes"):
        RelaySettings(data_dir=tmp_path, **{field: value})  # type: ignore[arg-type]
    assert not any(tmp_path.iterdir())


# -- issue 13 item 8: a full disk, in words ------------------------------------------------


def test_an_io_error_with_no_space_left_is_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # statvfs is the one thing faked: filling a real disk needs a mount (see the next test)
    error = database_module.DatabaseError("disk I/O error")
    assert not isinstance(translate(error, tmp_path / "peerhaven.db"), DiskFull)
    monkeypatch.setattr(database_module, "disk_nearly_full", lambda path: True)
    assert isinstance(translate(error, tmp_path / "peerhaven.db"), DiskFull)


def _can_mount() -> bool:
    return sys.platform == "linux" and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.mark.skipif(not _can_mount(), reason="filling a real small disk needs a tmpfs mount")
def test_a_really_full_disk_still_reads_and_says_full_in_words(
    run: Runner, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], check=True)
    try:
        monkeypatch.setenv("PEERHAVEN_HOME", str(disk / "home"))
        assert run("init").code == 0
        assert run("journal", "add", "written before", "--mood", "5").code == 0
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * (free - 16 * 1024))
        listed = run("journal", "list")
        assert listed.code == 0 and "written before" in listed.out
        assert run("check").out.strip() == "The store is intact."
        assert "is full" in run("journal", "add", "no room", "--mood", "5").sentence
        assert "is full" in run("draft", "save", "no room either").sentence
        out = disk / "export.json"
        assert "is full" in run("export", "--plaintext", "--out", str(out)).sentence
        monkeypatch.setenv("PEERHAVEN_HOME", str(disk / "second"))
        assert "no store was created" in run("init").sentence
        assert not (disk / "second" / "peerhaven.db").exists()
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_what_was_saved_survives_every_refusal(run: Runner, initialised: Path) -> None:
    for args, _ in REFUSED:
        run(*args)
    with open_store(initialised, PASSPHRASE) as store:
        assert [e.content for e in list_entries(store, limit=10)] == ["kept safe"]
        add_entry(store, "still writable", 5)


def test_an_address_taken_before_the_border_can_still_be_removed(
    run: Runner, initialised: Path
) -> None:
    with open_store(initialised, PASSPHRASE) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO relays (url, added_at, page_size) VALUES (?, 0, 50)",
            ("http://exa mple.org",),
        )
    assert "URL takes a relay address" in run("relays", "add", "http://exa mple.org").sentence
    assert run("relays", "remove", "http://exa mple.org").code == 0
    with open_store(initialised, PASSPHRASE) as store:
        assert store.execute("SELECT count(*) FROM relays").fetchone()[0] == 0


@pytest.mark.parametrize("bad", ["with\x00nul inside", "        ", "not \udcff utf-8 at all"])
def test_the_store_itself_refuses_unusable_passphrases(fresh_store: object, bad: str) -> None:
    from peerhaven.store import change_passphrase
    from peerhaven.store.database import Store

    assert isinstance(fresh_store, Store)
    with pytest.raises(BadInput, match="passphrase"):
        open_store(fresh_store.path, bad)
    with pytest.raises(BadInput, match="new passphrase"):
        change_passphrase(fresh_store, bad)
    with pytest.raises(BadInput, match="passphrase"):
        create_store(fresh_store.path.with_name("other.db"), bad)
    assert not fresh_store.path.with_name("other.db").exists()


def test_a_rules_file_that_never_ends_is_refused_not_read_forever(
    run: Runner, tmp_path: Path
) -> None:
    data = tmp_path / "relay"
    result = run("relay", "community", "create", "calm", "--name", "Calm", "--data", str(data),
                 "--rules-file", "/dev/zero")  # fmt: skip
    assert result.code == 1
    assert "The rules file /dev/zero is larger than 50 rules can be" in result.sentence


def test_ctrl_c_while_the_commands_load_is_one_sentence(
    run: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the catalog's SIGINT in the first 0.5 s printed a KeyboardInterrupt traceback
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("peerhaven.cli.build_parser", interrupted)
    result = run("journal", "list")
    assert result.code == 130
    assert result.err == "peerhaven: interrupted; nothing saved was lost.\n"
