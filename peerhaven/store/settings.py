"""Small preferences as JSON values, under one declared schema.

Every setting is declared once in ``SCHEMA``: its name, what it accepts, its
default and what it means. ``set_setting`` (the CLI, the app's settings screen,
the local relay) and ``validate_setting`` (import) refuse a value of the wrong
type or range with one sentence, so no reader ever meets one; a bad value that
is already in a store (written by an older version) is read as the default
instead of crashing the reader. Defaults live here and nowhere else.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peerhaven.core import inputs
from peerhaven.core.i18n import LANGUAGE_CHOICES, N_, _, use_language
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput

#: what content warnings may do (``safety.filters.Action`` values)
CW_ACTIONS = ("show", "collapse", "hide")
#: theme names the app knows (``tui.themes.THEME_LABELS``)
THEME_NAMES = ("calm", "calm-light", "high-contrast")
#: who may send a message request: nobody, members of a community you share, anyone
DM_REQUESTS = ("off", "shared", "anyone")


class _Refused(ValueError):
    """A value outside a setting's schema; the message says what the setting accepts."""


def _whole(low: int, high: int, *, nullable: bool) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Refused
        return value

    return check


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Refused
    return value


def _choice(*names: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value not in names:
            raise _Refused
        return value

    return check


def _number(low: float, high: float) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Refused
        if not (math.isfinite(value) and low <= value <= high):
            raise _Refused
        return value

    return check


def _typed(parse: Callable[[str], str], refusal: str = "") -> Callable[[Any], str | None]:
    """Text parsed by a border checker, or null; ``refusal`` words the sentence ({value})."""

    def check(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise _Refused
        try:
            return parse(value)
        except inputs.InputRefused as exc:
            raise _Refused(refusal.format(value=inputs.shown(value))) from exc

    return check


def _mapping(key: Callable[[str], str]) -> Callable[[Any], dict[str, str]]:
    def check(value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or len(value) > 1_000:
            raise _Refused
        clean: dict[str, str] = {}
        for name, action in value.items():
            if not isinstance(name, str) or action not in CW_ACTIONS:
                raise _Refused
            try:
                clean[key(name)] = action
            except inputs.InputRefused as exc:
                raise _Refused from exc
        return clean

    return check


def _cw_key(label: str) -> str:
    # stored normalised (``safety.filters.normalise_label``): case-folded, spacing collapsed
    return " ".join(inputs.cw_label(label).split()).casefold()


@dataclass(frozen=True, slots=True)
class Setting:
    """One declared preference: its name, the values it takes, its default, its meaning."""

    name: str
    accepts: str
    default: Any
    meaning: str
    check: Callable[[Any], Any]

    @property
    def nullable(self) -> bool:
        """Whether ``null`` is a value of its own (off), rather than "back to the default"."""
        try:
            self.check(None)
        except _Refused:
            return False
        return True


#: the proxy's refusal, in the words the proxy setting always used ({value}: what was given)
PROXY_REFUSAL = (
    "{value} is not a proxy address; it looks like socks5://127.0.0.1:9050 (Tor) "
    "or http://proxy.example.org:3128."
)

SCHEMA: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("theme", "one of " + ", ".join(THEME_NAMES), "calm", N_("the app's colours"),
                _choice(*THEME_NAMES)),
        Setting("language", "one of " + ", ".join(LANGUAGE_CHOICES), "auto",
                N_("the language PeerHaven speaks; auto follows LC_ALL, LC_MESSAGES or LANG"),
                _choice(*LANGUAGE_CHOICES)),
        Setting("lock_after_minutes", N_("a whole number of minutes from 1 to 1440"), 10,
                N_("idle time before the app locks itself"), _whole(1, 1_440, nullable=False)),
        Setting("proxy", f"a proxy address like {inputs.PROXY_EXAMPLE}, or null", None,
                N_("where every sync goes through (Tor, a SOCKS tunnel)"),
                _typed(inputs.proxy_url, PROXY_REFUSAL)),
        Setting("local_relay", N_("a relay address like http://127.0.0.1:7447, or null"), None,
                N_("the relay on this device, reached without the proxy"),
                _typed(inputs.relay_url)),
        Setting("persona_per_community", N_("true or false"), True,
                N_("a new persona for each community joined"), _flag),
        Setting("crisis_prompt", N_("true or false"), True,
                N_("offer crisis lines when a post sounds like a crisis"), _flag),
        Setting("go_gently", N_("true or false"), False,
                N_("collapse every post with a content warning, even where labels are shown"),
                _flag),
        Setting("break_reminder_minutes", N_("a whole number of minutes from 5 to 600, or null"),
                None, N_("a gentle note after this long reading; null: never"),
                _whole(5, 600, nullable=True)),
        Setting("sync_interval_minutes", N_("a whole number of minutes from 1 to 1440, or null"),
                5, N_("minutes between the app's background syncs; null turns them off"),
                _whole(1, 1_440, nullable=True)),
        Setting("store_size_cap_mb", N_("a number of megabytes from 0.01 to 1000000, or null"),
                None, N_("prune the oldest feed posts beyond this size; null: no cap"),
                _number(0.01, 1_000_000)),
        Setting("country", N_("a two-letter country code like GB, or null"), None,
                N_("which crisis lines to show first"), _typed(inputs.country)),
        Setting("cw_policy", N_('an object of labels to show, collapse or hide, like {"grief": '
                '"collapse"}'), {}, N_("what each content-warning label does everywhere"),
                _mapping(_cw_key)),
        Setting("activity_bell", N_("true or false"), False,
                N_("ring the terminal bell when something new concerns you after a sync"), _flag),
        Setting("quiet_hours", f"a span of the day like {inputs.QUIET_EXAMPLE}, or null", None,
                N_("no bell between these times (24-hour clock, local time); null: never quiet"),
                _typed(inputs.quiet_hours)),
        Setting("plain", N_("true or false"), False,
                N_("once unlocked, carry on in plain mode: lines of text for screen readers "
                   "and braille"), _flag),
        Setting("reduce_motion", N_("true or false"), False,
                N_("no spinners or animation in the app"), _flag),
        Setting("cw_community_defaults", N_("an object of community names to show, collapse or "
                "hide"), {}, N_("what unlisted labels do in each community"),
                _mapping(inputs.slug)),
        Setting("dm_requests", N_("one of off, shared, anyone"), "shared",
                N_("who may send you a message request: nobody, members of a community you "
                   "share, or anyone"), _choice(*DM_REQUESTS)),
    )
}  # fmt: skip

#: every default, by name (derived from the schema; never restated elsewhere)
DEFAULTS: dict[str, Any] = {name: setting.default for name, setting in SCHEMA.items()}


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return inputs.shown(value, 60)
    try:
        return inputs.shown(json.dumps(value, ensure_ascii=False), 60)
    except (TypeError, ValueError, RecursionError):
        return "that value"


def validate_setting(name: str, value: Any) -> Any:
    """The value as stored, or ``BadInput`` naming the setting and what it accepts.

    Import calls this for every setting in a file; ``set_setting`` for every write.
    """
    setting = SCHEMA.get(name)
    if setting is None:
        raise BadInput(
            _("There is no setting {name}; `peerhaven settings --help` lists them.").format(
                name=inputs.shown(name)
            )
        )
    try:
        return setting.check(value)
    except (_Refused, RecursionError) as exc:
        if str(exc):
            raise BadInput(str(exc)) from exc
        raise BadInput(
            _("The setting {name} takes {accepts}, not {shown}.").format(
                name=name, accepts=_(setting.accepts), shown=_shown(value)
            )
        ) from exc


def _read(name: str, stored: str) -> Any:
    """A stored value, or the default when it is not JSON or not in the schema any more."""
    setting = SCHEMA[name]
    try:
        return setting.check(json.loads(stored))
    except (_Refused, ValueError, RecursionError, TypeError):
        return setting.default


def get_setting(store: Store, key: str) -> Any:
    """The stored value, else the default (``None`` for unknown keys)."""
    if key not in SCHEMA:
        return None
    row = store.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return _read(key, row[0]) if row else SCHEMA[key].default


def set_setting(store: Store, key: str, value: Any) -> None:
    """Store one preference after checking it against the schema.

    ``None`` for a setting that has no "off" (a theme, a flag) resets it to the default.
    """
    if value is None and key in SCHEMA and not SCHEMA[key].nullable:
        reset_setting(store, key)
        return
    clean = validate_setting(key, value)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(clean, ensure_ascii=False)),
        )


def reset_setting(store: Store, key: str) -> None:
    """Forget the choice: the default applies again."""
    validate_setting(key, DEFAULTS.get(key))  # an unknown name is refused with a sentence
    with store.transaction() as conn:
        conn.execute("DELETE FROM settings WHERE key = ?", (key,))


def all_settings(store: Store) -> dict[str, Any]:
    """Defaults overlaid with what the person chose (unknown or bad stored values ignored)."""
    values = dict(DEFAULTS)
    for key, value in store.execute("SELECT key, value FROM settings").fetchall():
        if key in SCHEMA:
            values[key] = _read(key, value)
    return values


def speak_chosen_language(store: Store) -> str:
    """Read from now on in the member's ``language`` setting (``auto``: the environment).

    The CLI, the app and plain mode call this as soon as a store is unlocked; before
    that (the passphrase prompt) only the environment can say which language to use.
    Returns the setting's value.
    """
    language = str(get_setting(store, "language"))
    use_language(language)
    return language


def describe_settings() -> str:
    """Every setting with what it takes, its default and its meaning, for ``--help``."""
    lines = [_("settings:")]
    for setting in SCHEMA.values():
        lines.append(
            _("  {name}: {meaning}; takes {accepts} (default {default})").format(
                name=setting.name,
                meaning=_(setting.meaning),
                accepts=_(setting.accepts),
                default=json.dumps(setting.default),
            )
        )
    return "\n".join(lines)
