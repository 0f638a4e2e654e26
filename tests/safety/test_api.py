"""Guards: the public names others wire into the CLI and TUI, and no UI import below it."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import pytest

import peerhaven.safety.crisis
import peerhaven.safety.filters
import peerhaven.safety.pii

PUBLIC: dict[ModuleType, set[str]] = {
    peerhaven.safety.pii: {"Finding", "describe", "find_personal_details", "KINDS"},
    peerhaven.safety.crisis: {
        "resources_for", "format_resources", "detect_crisis_language", "CrisisSignal",
        "parse_community_lines", "EMERGENCY_SENTENCE",
    },
    peerhaven.safety.filters: {"decide", "FilterRules", "EventView", "Visibility", "Mute"},
}  # fmt: skip


@pytest.mark.parametrize("module", list(PUBLIC), ids=lambda m: m.__name__)
def test_public_names_are_exported_and_exist(module: ModuleType) -> None:
    exported = set(module.__all__)
    assert PUBLIC[module] <= exported
    for name in exported:
        assert hasattr(module, name), name


def test_safety_never_imports_the_terminal_ui() -> None:
    code = (
        "import sys, peerhaven.safety.pii, peerhaven.safety.crisis, peerhaven.safety.filters\n"
        "peerhaven.safety.crisis.format_resources(peerhaven.safety.crisis.resources_for('GB'))\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
