"""docs/tui.md lists every binding: a key nobody can find does not exist."""

from __future__ import annotations

from pathlib import Path

from peerhaven.tui.bindings import KEYS

DOC = Path(__file__).resolve().parents[2] / "docs" / "tui.md"


def test_every_binding_is_documented() -> None:
    text = DOC.read_text()
    missing = [spec.id for spec in KEYS if f"`{spec.id}`" not in text or spec.long not in text]
    assert not missing, f"bindings missing from docs/tui.md: {missing}"
