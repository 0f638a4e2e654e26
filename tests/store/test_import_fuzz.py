"""Fuzzing ``import`` with mutated export files: never an internal error, all or nothing.

A real export (one of everything, plaintext and sealed) is mutated: any value in it
replaced by arbitrary JSON (huge numbers, wrong types, deep nesting), keys dropped,
bytes truncated, flipped or gzipped. The CLI's own entry point runs each file
against a real store and must answer 0 (taken) or 1 (a sentence, or a list of
refusals), never 70 ("unexpected internal error"); whenever the import as a whole
was refused, the store must hold exactly what it held before.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from peerhaven.cli import EXIT_INTERNAL, main
from peerhaven.core import Keypair
from peerhaven.core.builders import sign_event
from peerhaven.core.errors import PeerHavenError
from peerhaven.store import Store, create_store
from peerhaven.store.export import seal
from peerhaven.store.importing import import_data
from tests.core.strategies import created, kind_parts, optional_tags
from tests.fixtures.store import PASSPHRASE
from tests.store.import_world import build_source, document, exported, snapshot

pytestmark = pytest.mark.slow  # about 40 s: every example unlocks a real store

EXPORT_SECRET = "the export's own passphrase"

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**63, -(2**63) - 1, 2**70, 10**400, 0, -1, 11, 2**53]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["yesterday", "\x1b]0;x\x07", "http://[::1", "", "0" * 64, "calm-corner"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON document a value sits."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replace(document: Any, path: tuple[Any, ...], new: Any, delete: bool) -> Any:
    if not path:
        return new
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return document


@st.composite
def mutated_documents(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """An export document with one to three values replaced or dropped."""
    document: Any = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(document))
        if draw(st.integers(0, 3)):  # mostly a value inside a row, sometimes anywhere
            paths = [path for path in paths if len(path) >= 3] or paths
        path = draw(st.sampled_from(paths))
        delete = bool(path) and draw(st.booleans()) and draw(st.booleans())
        document = _replace(document, path, draw(json_values), delete)
    return document


@st.composite
def mutated_files(draw: st.DrawFn, base: dict[str, Any]) -> bytes:
    """An export file with a few values changed, then perhaps damaged as bytes."""
    document = draw(mutated_documents(base))
    if draw(st.booleans()) and draw(st.booleans()):
        # absurd nesting, as the whole file or as one journal entry
        depth = draw(st.integers(10, 50_000))
        nested = "[" * depth + "]" * depth
        raw = draw(
            st.sampled_from(
                [
                    nested,
                    '{"format": "peerhaven-export", "version": 1, "encrypted": false,'
                    f' "data": {{"journal": [{nested}]}}}}',
                ]
            )
        ).encode()
    else:
        raw = json.dumps(document).encode()
    how = draw(st.sampled_from(["as is"] * 5 + ["truncate", "flip", "gzip", "gzip-truncate"]))
    if how == "truncate":
        raw = raw[: draw(st.integers(0, max(0, len(raw) - 1)))]
    elif how == "flip":
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
    elif how == "gzip":
        raw = gzip.compress(raw)
    elif how == "gzip-truncate":
        packed = gzip.compress(raw)
        raw = packed[: draw(st.integers(0, len(packed) - 1))]
    return raw


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, Store, dict[str, Any], dict[str, Any]]]:
    """A source's plaintext and sealed exports, and a target home whose store stays open."""
    root = tmp_path_factory.mktemp("import-fuzz")
    source = build_source(root / "source" / "peerhaven.db")
    plain = exported(source)
    source.close()
    sealed = seal({k: v for k, v in plain.items() if k != "encrypted"}, EXPORT_SECRET)
    home = root / "target"
    target = create_store(home / "peerhaven.db", PASSPHRASE)
    yield home, target, plain, sealed
    target.close()


def _run_import(home: Path, path: Path) -> tuple[int, str, str]:
    """``peerhaven import PATH`` through the CLI's entry point, in this process."""
    env = {
        "PEERHAVEN_HOME": str(home),
        "PEERHAVEN_PASSPHRASE": PASSPHRASE,
        "PEERHAVEN_EXPORT_PASSPHRASE": EXPORT_SECRET,
    }
    saved = {key: os.environ.get(key) for key in (*env, "PEERHAVEN_DEBUG")}
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.update(env)
        os.environ.pop("PEERHAVEN_DEBUG", None)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["import", str(path)])
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, out.getvalue(), err.getvalue()


def _check_one(world: Any, raw: bytes) -> None:
    home, target, _plain, _sealed = world
    path = home.parent / "fuzzed-export"
    path.write_bytes(raw)
    before = snapshot(target)
    code, out, err = _run_import(home, path)
    assert code != EXIT_INTERNAL, err
    assert code in (0, 1), (code, err)
    assert "Traceback" not in err and "unexpected internal error" not in err
    event("whole file refused" if err else f"imported, exit {code}")
    if err:  # the import as a whole was refused: one sentence, and nothing changed
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("peerhaven: "), err
        assert not lines[0].endswith(".."), err
        assert snapshot(target) == before
    else:
        assert out.startswith("Imported ")
        assert (code == 1) == ("\nRefused " in out)


@given(data=st.data())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_a_mutated_plaintext_export_never_crashes_and_is_all_or_nothing(
    world: Any, data: st.DataObject
) -> None:
    _check_one(world, data.draw(mutated_files(world[2])))


@given(data=st.data())
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_a_mutated_sealed_export_never_crashes_and_is_all_or_nothing(
    world: Any, data: st.DataObject
) -> None:
    if data.draw(st.booleans()):
        _check_one(world, data.draw(mutated_files(world[3])))
        return
    # sealed around damaged contents: the damage is found after the passphrase opens it
    document = data.draw(mutated_documents(world[2]))
    payload = document if isinstance(document, dict) else {"data": document}
    _check_one(world, json.dumps(seal(payload, EXPORT_SECRET)).encode())


#: a persona the fuzzed file brings along, so every event in it can be validly "yours"
FILE_PERSONA = Keypair.from_secret(bytes([77]) * 32)


@st.composite
def own_events(draw: st.DrawFn) -> dict[str, Any]:
    """A validly signed event of any kind by the file's persona, sometimes with a tag
    bent out of range (the signature still verifies: the file signed it)."""
    kind, slug, content, tags = draw(kind_parts())
    extra = draw(st.lists(optional_tags, max_size=3))
    if draw(st.booleans()):
        far = st.sampled_from(["9" * 30, "0", str(2**63), str(2**64)])
        extra.append(("expires", draw(far)))
    order = draw(st.permutations([*tags, *extra]))
    return sign_event(FILE_PERSONA, kind, slug, content, order, created_at=draw(created)).to_wire()


@given(events=st.lists(own_events(), min_size=1, max_size=6))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_signed_events_of_every_kind_never_crash_the_import(
    world: Any, events: list[dict[str, Any]]
) -> None:
    target: Store = world[1]
    persona = {
        "pubkey": FILE_PERSONA.pubkey,
        "secret": FILE_PERSONA.secret_bytes().hex(),
        "label": "from the file",
        "created_at": 1,
        "is_default": False,
    }
    before = snapshot(target)
    try:
        report = import_data(target, document({"personas": [persona], "events": events}))
    except PeerHavenError:
        assert snapshot(target) == before
    else:
        assert report.added.get("events", 0) + report.present.get("events", 0) + sum(
            report.refused.get("events", {}).values()
        ) == len(events)
