"""Outputs never touch the store: refused paths, atomic writes, mode 0600, --force."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from peerhaven.store import BadInput, create_store
from peerhaven.store.outputs import write_output
from tests.fixtures.store import PASSPHRASE


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    create_store(home / "peerhaven.db", PASSPHRASE).close()
    return home


@pytest.mark.parametrize(
    "name",
    ["peerhaven.db", "peerhaven.db-wal", "peerhaven.db-shm", "notes.json", "sub/x.json", "."],
)
def test_nothing_inside_the_home_may_be_written(home: Path, name: str) -> None:
    before = (home / "peerhaven.db").read_bytes()
    with pytest.raises(BadInput, match="inside PeerHaven's data folder"):
        write_output(home / name, b"plaintext", force=True, home=home)
    assert (home / "peerhaven.db").read_bytes() == before
    assert not (home / "notes.json").exists()


def test_a_relative_or_dotted_path_into_the_home_is_refused(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadInput, match="inside"):
        write_output(Path("home/../home/peerhaven.db"), b"x", force=True, home=home)


def test_a_symlink_or_hard_link_to_the_store_is_refused(home: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.json"
    link.symlink_to(home / "peerhaven.db")
    with pytest.raises(BadInput, match="inside"):
        write_output(link, b"x", force=True, home=home)
    folder_link = tmp_path / "elsewhere"
    folder_link.symlink_to(home)
    with pytest.raises(BadInput, match="inside"):
        write_output(folder_link / "export.json", b"x", force=True, home=home)
    hard = tmp_path / "hard.json"
    os.link(home / "peerhaven.db", hard)
    with pytest.raises(BadInput, match="own store"):
        write_output(hard, b"x", force=True, home=home)


def test_an_existing_file_is_replaced_only_with_force(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "export.json"
    out.parent.mkdir()
    written = write_output(out, b"first", home=home)
    assert written == out and out.read_bytes() == b"first"
    assert out.stat().st_mode & 0o777 == 0o600
    with pytest.raises(BadInput, match="already exists; add --force to replace it."):
        write_output(out, b"second", home=home)
    assert out.read_bytes() == b"first"
    write_output(out, b"second", force=True, home=home)
    assert out.read_bytes() == b"second" and out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["export.json"]  # no leftovers


def test_an_existing_wide_open_file_becomes_private(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    out.write_bytes(b"old")
    out.chmod(0o644)
    write_output(out, b"new", force=True, home=home)
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_folder_is_not_a_file_to_write(home: Path, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="is a folder"):
        write_output(tmp_path, b"x", force=True, home=home)


def test_a_folder_that_does_not_exist_is_refused_not_made(home: Path, tmp_path: Path) -> None:
    # `export --out /tmp/bakcup/x.json` (a typo) used to create the folder silently
    out = tmp_path / "no" / "such" / "export.json"
    with pytest.raises(BadInput, match="does not exist; create it first"):
        write_output(out, b"x", home=home)
    assert not (tmp_path / "no").exists()
