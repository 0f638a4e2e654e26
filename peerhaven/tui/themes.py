"""PeerHaven's themes: muted and calm by default, and one high-contrast theme.

Nothing in the app relies on these colours to carry meaning: every state also
has a word or a shape, so ``NO_COLOR=1`` and any theme read the same.
"""

from __future__ import annotations

from textual.theme import Theme

from peerhaven.core.i18n import N_

CALM = Theme(
    name="calm",
    primary="#7f9c96",
    secondary="#8c8fa8",
    accent="#b8a27a",
    warning="#c2a370",
    error="#c98a86",
    success="#8faa86",
    foreground="#d8dad3",
    background="#1f2326",
    surface="#272c2f",
    panel="#30363a",
    dark=True,
    variables={"panel-border": "#56696a"},
)

CALM_LIGHT = Theme(
    name="calm-light",
    primary="#4f6f69",
    secondary="#5f627a",
    accent="#8a6d3b",
    warning="#8a6a2f",
    error="#9a4f4a",
    success="#4d6b45",
    foreground="#2b2f31",
    background="#f3f1ea",
    surface="#e9e6dc",
    panel="#dedad0",
    dark=False,
    variables={"panel-border": "#9aa9a4"},
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffffff",
    warning="#ffff00",
    error="#ff8080",
    success="#80ff80",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    dark=True,
    luminosity_spread=0.0,
    variables={"panel-border": "#ffffff"},
)

THEMES: tuple[Theme, ...] = (CALM, CALM_LIGHT, HIGH_CONTRAST)
THEME_LABELS: dict[str, str] = {
    "calm": N_("Calm (dark, muted)"),
    "calm-light": N_("Calm light"),
    "high-contrast": N_("High contrast"),
}
DEFAULT_THEME = "calm"
