"""Every crisis rule, most urgent category first.

The rules are kept by category (``crisis_rules_danger``, ``crisis_rules_ideation``,
``crisis_rules_self_harm``); ``crisis_rule`` says what a rule is.
"""

from __future__ import annotations

from peerhaven.safety.crisis_rule import CrisisCategory, Rule
from peerhaven.safety.crisis_rules_danger import DANGER_RULES
from peerhaven.safety.crisis_rules_ideation import IDEATION_RULES
from peerhaven.safety.crisis_rules_self_harm import SELF_HARM_RULES

__all__ = ["RULES", "CrisisCategory", "Rule"]

RULES: tuple[Rule, ...] = DANGER_RULES + IDEATION_RULES + SELF_HARM_RULES
