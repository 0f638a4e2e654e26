"""The curated public API of each headless layer: every listed name exists, none is private."""

from __future__ import annotations

import importlib

import pytest

LAYERS = ["peerhaven.core", "peerhaven.store", "peerhaven.sync"]


@pytest.mark.parametrize("name", LAYERS)
def test_every_exported_name_exists_and_is_public(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    for member in exported:
        assert not member.startswith("_")
        assert hasattr(module, member), f"{name}.__all__ names {member!r}, which is missing"
    assert len(set(exported)) == len(exported)
