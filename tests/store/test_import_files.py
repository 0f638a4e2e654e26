"""Whatever the file is, reading it ends in a sentence: size, gzip, JSON, sealing, scrypt."""

from __future__ import annotations

import base64
import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

from peerhaven.store import ExportError
from peerhaven.store import export as export_module
from peerhaven.store.export import FORMAT, VERSION, read_export, seal, unseal

SECRET = "a passphrase for the export"


def _write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "export.json"
    path.write_bytes(raw)
    return path


def _refused(tmp_path: Path, raw: bytes) -> str:
    with pytest.raises(ExportError) as caught:
        read_export(_write(tmp_path, raw))
    message = str(caught.value)
    assert message.endswith(".") and not message.endswith("..") and "\n" not in message
    return message


PLAIN = json.dumps({"format": FORMAT, "version": VERSION, "encrypted": False, "data": {}})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"format": "peerhaven-export", "version": 1' + b"9" * 10_000 + b"}", "not valid JSON"),
        (b'{"format": "peerhaven-export", "version": NaN}', "not valid JSON"),
        (b'{"format": "peerhaven-export", "version": 1, "x": "\xff\xfe"}', "not UTF-8"),
        (b"[1, 2, 3]", "is not a PeerHaven export"),
        (b'"text"', "is not a PeerHaven export"),
        (b"", "not valid JSON"),
        (b'{"format": "peerhaven-export", "version": 2}', "version 2; this PeerHaven reads"),
        (b'{"format": "peerhaven-export", "version": true}', "version true"),
        (b'{"format": "peerhaven-export", "version": 1.0}', "version 1.0"),
        (b'{"format": "peerhaven-export", "version": 1, "encrypted": "yes"}', "true or false"),
        (gzip.compress(PLAIN.encode(), mtime=0)[:-12], "truncated gzip"),
        (b"\x1f\x8b" + b"\x00" * 40, "damaged gzip"),
    ],
    ids=lambda value: value if isinstance(value, str) else "file",
)
def test_a_damaged_file_is_one_sentence(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert expected in _refused(tmp_path, raw)


def test_a_gzipped_export_is_read(tmp_path: Path) -> None:
    assert read_export(_write(tmp_path, gzip.compress(PLAIN.encode())))["version"] == 1


def test_size_and_inflation_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the real limit is 256 MiB; the same code path is exercised with a smaller one
    monkeypatch.setattr(export_module, "MAX_FILE_BYTES", 4096)
    big = PLAIN.replace("{}", json.dumps({"journal": ["x" * 5000]}))
    assert "larger than" in _refused(tmp_path, big.encode())
    bomb = gzip.compress(b" " * 1_000_000 + PLAIN.encode())
    assert len(bomb) < 4096
    assert "inflates to more than" in _refused(tmp_path, bomb)


def test_a_folder_a_pipe_or_a_missing_file_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        read_export(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="is not a regular file"):
        read_export(fifo)  # never blocks waiting for a writer
    with pytest.raises(ExportError, match="is not a regular file"):
        read_export(Path("/dev/zero"))
    with pytest.raises(ExportError, match="There is no file"):
        read_export(tmp_path / "missing.json")


# -- sealed files ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sealed() -> dict[str, Any]:
    return seal({"format": FORMAT, "version": VERSION, "data": {"journal": []}}, SECRET)


def test_a_sealed_file_opens_with_its_passphrase(sealed: dict[str, Any]) -> None:
    assert unseal(sealed, SECRET)["data"] == {"journal": []}


@pytest.mark.parametrize(
    ("kdf", "bound"),
    [
        ({"n": 2**21}, "2^14 to 2^18"),
        ({"n": 2**40}, "2^14 to 2^18"),
        ({"n": 2**17 + 1}, "a power of two"),
        ({"n": 2**10}, "2^14 to 2^18"),
        ({"p": 10**6}, "p from 1 to 4"),
        ({"r": 10**6}, "r from 1 to 16"),
        ({"r": 16, "n": 2**18}, "128·n·r·p at most 256 MiB"),
        ({"p": 4}, "128·n·r·p at most 256 MiB"),
        ({"n": 2**18, "p": 2}, "128·n·r·p at most 256 MiB"),
        ({"p": 0}, "p from 1 to 4"),
        ({"n": -1}, "2^14 to 2^18"),
    ],
)
def test_scrypt_settings_are_bounded_before_any_work(
    sealed: dict[str, Any], kdf: dict[str, int], bound: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_work(*args: object) -> bytes:
        raise AssertionError("the key was derived before the settings were checked")

    monkeypatch.setattr(export_module, "_kdf", no_work)
    document = {**sealed, "kdf": {**sealed["kdf"], **kdf}}
    with pytest.raises(ExportError, match="key-derivation settings outside") as caught:
        unseal(document, SECRET)
    assert bound in str(caught.value)


@pytest.mark.parametrize(
    "change",
    [
        {"kdf": None},
        {"kdf": []},
        {"kdf": {"name": "scrypt", "n": 2**17, "r": 8, "p": 1}},
        {"kdf": {"name": "scrypt", "n": True, "r": 8, "p": 1, "salt": "AAAA"}},
        {"kdf": {"name": "scrypt", "n": "131072", "r": 8, "p": 1, "salt": "AAAA"}},
        {"kdf": {"name": "scrypt", "n": 2**17, "r": 8, "p": 1, "salt": "!!!"}},
        {"kdf": {"name": "scrypt", "n": 2**17, "r": 8, "p": 1, "salt": "AAAA"}},
        {"nonce": 5},
        {"nonce": base64.b64encode(b"short").decode()},
        {"ciphertext": None},
        {"ciphertext": "not base64 at all!"},
        {"cipher": ["chacha20-poly1305"]},
    ],
)
def test_a_damaged_header_is_a_sentence(sealed: dict[str, Any], change: dict[str, Any]) -> None:
    with pytest.raises(ExportError) as caught:
        unseal({**sealed, **change}, SECRET)
    assert "damaged" in str(caught.value) or "does not know" in str(caught.value)


def test_a_truncated_sealed_file_is_a_sentence(tmp_path: Path, sealed: dict[str, Any]) -> None:
    raw = json.dumps(sealed).encode()
    assert "not valid JSON" in _refused(tmp_path, raw[: len(raw) // 2])
    short = {**sealed, "ciphertext": sealed["ciphertext"][:-8]}
    with pytest.raises(ExportError, match="does not open this export file, or the file was"):
        unseal(short, SECRET)
    with pytest.raises(ExportError, match="does not open"):
        unseal(sealed, "not the passphrase")


def test_a_passphrase_that_is_not_utf8_is_a_sentence(sealed: dict[str, Any]) -> None:
    with pytest.raises(ExportError, match="not valid UTF-8 text"):
        unseal(sealed, "\udcff")  # the byte 0xff, as the environment hands it over
    with pytest.raises(ExportError, match="not valid UTF-8 text"):
        seal({"data": {}}, "\udcff")
