"""Screens other parts of the app own, imported when a key first asks for them.

Feed and thread link to composing, the rules, and the moderation screens;
importing them lazily keeps start-up quick and each place in its own module.
"""

from __future__ import annotations

import importlib
from typing import Any

COMPOSE = "peerhaven.tui.screens.compose:ComposeScreen"
RULES = "peerhaven.tui.modals.rules:RulesModal"
MOD_QUEUE = "peerhaven.tui.screens.mod_queue:ModQueueScreen"
MOD_LOG = "peerhaven.tui.screens.mod_log:ModLogScreen"


def screen_class(target: str) -> Any:
    """The class named by ``module:Name``, imported on first use."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)
