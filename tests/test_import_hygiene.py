"""Headless layers (and plain mode, whose reader cannot follow a full-screen app) never load
Textual: a guard that runs each import in a clean interpreter."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

#: must exist: a missing one is a failure, not a skip
REQUIRED = ("peerhaven.core", "peerhaven.cli", "peerhaven.plain.run", "peerhaven.plain.home")
#: checked once they exist
LATER = ("peerhaven.store", "peerhaven.sync", "peerhaven.relay", "peerhaven.safety")

PROBE = """
import importlib, sys
importlib.import_module({module!r})
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print(",".join(loaded))
"""


def loaded_textual_modules(module: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"importing {module} failed:\n{result.stderr}"
    return [name for name in result.stdout.strip().split(",") if name]


@pytest.mark.parametrize("module", REQUIRED)
def test_required_modules_do_not_load_textual(module: str) -> None:
    assert loaded_textual_modules(module) == [], f"{module} imports Textual"


@pytest.mark.parametrize("module", LATER)
def test_headless_layers_do_not_load_textual(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} does not exist yet")
    assert loaded_textual_modules(module) == [], f"{module} imports Textual"


def test_the_probe_does_see_textual() -> None:
    # Without this, a probe that never detects anything would pass every test above.
    assert "textual" in loaded_textual_modules("textual.app")
