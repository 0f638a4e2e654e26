"""The typed border: every value a member types is checked here, once, before any work.

The CLI hands these checkers to ``argparse`` (``type=``) and the app's forms
call the same ones, so a port, a slug or a proxy means the same thing in both
and is refused with the same sentence. Each checker takes the raw text and
returns the typed value, or raises :class:`InputRefused` whose message says
what the field accepts ("takes a whole number from 1 to 1000, not '0'."); the
caller puts the field's name in front. Pure: no I/O, nothing above ``core``.

``InputRefused`` is also an ``argparse.ArgumentTypeError`` because argparse
keeps the message only of that exception type; any other ``ValueError`` from
a ``type=`` callable becomes a vague "invalid value".
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from peerhaven.core.errors import PeerHavenError
from peerhaven.core.event import SLUG_RE
from peerhaven.core.i18n import _
from peerhaven.core.inert import has_visible_text

#: the largest integer SQLite stores; ids beyond it cannot exist
MAX_ID = 2**63 - 1
#: what a digits-only argument may be, before ``int`` spends time on it
_WHOLE_RE = re.compile(r"[+-]?[0-9]{1,30}")
_NUMBER_RE = re.compile(r"[+-]?([0-9]{1,15}(\.[0-9]{0,9})?|\.[0-9]{1,9})")
_HOST_LABEL_RE = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_HEX_RE = re.compile(r"[0-9a-f]{1,64}")
_COUNTRY_RE = re.compile(r"[A-Za-z]{2}")
_QUIET_RE = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])\s*-\s*([01]?[0-9]|2[0-3]):([0-5][0-9])")
#: what ``quiet_hours`` looks like
QUIET_EXAMPLE = "22:00-07:00"
#: the content-warning length the protocol allows (``core.validate.Limits.max_cw_chars``)
MAX_LABEL_CHARS = 64
RELAY_EXAMPLE = "https://relay.example.org"
PROXY_EXAMPLE = "socks5h://127.0.0.1:9050"
#: proxy schemes the sync client speaks (socks5h: names resolve through the proxy too)
PROXY_SCHEMES = ("socks5", "socks5h", "http", "https")


class InputRefused(PeerHavenError, argparse.ArgumentTypeError):
    """A typed value that does not fit; ``str()`` says what the field takes, without its name."""

    def for_field(self, name: str) -> str:
        """The whole sentence, naming the option or field: "--limit takes …"."""
        return f"{name} {self}"


def shown(text: str, width: int = 40) -> str:
    """A value quoted for an error message: escapes instead of raw controls, shortened."""
    safe = text.encode("utf-8", "backslashreplace").decode("utf-8", "replace")
    quoted = repr(safe if len(safe) <= width else safe[: width - 1] + "…")
    return quoted.replace("\\\\", "\\")


def is_utf8(text: str) -> bool:
    """False for text decoded from invalid UTF-8 (Python keeps those bytes as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _has_controls(text: str, allow: str = "") -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in allow for ch in text)


def _plain(raw: str, what: str) -> str:
    """UTF-8 and free of NUL: true of every value, whatever its type."""
    if not is_utf8(raw):
        raise InputRefused(
            _("takes {what} as valid UTF-8 text; the value given is not.").format(what=what)
        )
    if "\x00" in raw:
        raise InputRefused(_("takes {what} without NUL characters.").format(what=what))
    return raw


@dataclass(frozen=True, slots=True)
class Whole:
    """A whole number within ``low``–``high`` (ids, limits, counts, ports)."""

    low: int
    high: int = MAX_ID

    @property
    def accepts(self) -> str:
        """The range in words."""
        return _("a whole number from {low} to {high}").format(low=self.low, high=self.high)

    def __call__(self, raw: str) -> int:
        text = _plain(raw, _("a whole number")).strip()
        if not _WHOLE_RE.fullmatch(text):
            raise InputRefused(
                _("takes {accepts}, not {raw}.").format(accepts=self.accepts, raw=shown(raw))
            )
        value = int(text)
        if not self.low <= value <= self.high:
            raise InputRefused(
                _("takes {accepts}, not {raw}.").format(accepts=self.accepts, raw=shown(raw))
            )
        return value


@dataclass(frozen=True, slots=True)
class Number:
    """A finite decimal number within ``low``–``high`` (rates, durations in seconds)."""

    low: float
    high: float
    unit: str = ""

    @property
    def accepts(self) -> str:
        """The range in words."""
        unit = f" {self.unit}" if self.unit else ""
        return _("a number from {low} to {high}{unit}").format(
            low=f"{self.low:g}", high=f"{self.high:g}", unit=unit
        )

    def __call__(self, raw: str) -> float:
        text = _plain(raw, _("a number")).strip()
        if not _NUMBER_RE.fullmatch(text):
            raise InputRefused(
                _("takes {accepts}, not {raw}.").format(accepts=self.accepts, raw=shown(raw))
            )
        value = float(text)
        if not (math.isfinite(value) and self.low <= value <= self.high):
            raise InputRefused(
                _("takes {accepts}, not {raw}.").format(accepts=self.accepts, raw=shown(raw))
            )
        return value


#: a TCP port anywhere
PORT = Whole(1, 65_535)
#: a row id in the store (journal entries, drafts)
ROW_ID = Whole(1, MAX_ID)
#: seconds between repeated work (sync --watch, the relay's purge): never zero, never a spin
INTERVAL = Number(0.1, 86_400.0, "seconds")


def text(raw: str) -> str:
    """Free text (posts, entries, reasons): valid UTF-8, no NUL; new lines and tabs allowed.

    A carriage return is refused with the other controls: alone it lets a line
    overwrite the one before it on a terminal.
    """
    value = _plain(raw, _("text"))
    if _has_controls(value, allow="\n\t"):
        raise InputRefused(_("takes text without control characters or terminal escapes."))
    return value


def line(raw: str) -> str:
    """One line of text (names, labels, searches): like :func:`text` without new lines."""
    value = _plain(raw, _("one line of text"))
    if _has_controls(value):
        raise InputRefused(_("takes one line of text without control characters or escapes."))
    return value


def name(raw: str) -> str:
    """A short line with at least one visible character (a community's or a relay's name).

    Zero-width or bidi characters alone would show as no name at all.
    """
    value = line(raw)
    if not has_visible_text(value):
        raise InputRefused(_("takes a name with at least one visible character."))
    return value


def slug(raw: str) -> str:
    """A community's short name: 2 to 40 of a–z, 0–9 and '-', starting with a letter or digit."""
    value = _plain(raw, _("a community name")).strip()
    if not SLUG_RE.fullmatch(value):
        raise InputRefused(
            _(
                "takes a community's short name: 2 to 40 lowercase letters, digits or '-', like "
                "calm-corner, not {raw}."
            ).format(raw=shown(raw))
        )
    return value


def cw_label(raw: str) -> str:
    """A content-warning label: one line of 1 to 64 characters, at least one of them visible.

    Relays refuse a label that would show as nothing (``core.validate``), so one
    made of zero-width or bidi characters is refused here, before it is saved.
    """
    value = line(raw).strip()
    if not has_visible_text(value) or len(value) > MAX_LABEL_CHARS:
        raise InputRefused(
            _(
                "takes a content-warning label of 1 to {MAX_LABEL_CHARS} characters, like grief."
            ).format(MAX_LABEL_CHARS=MAX_LABEL_CHARS)
        )
    return value


def hex_prefix(raw: str) -> str:
    """An event id or public key, or a prefix of one: 1 to 64 hexadecimal characters."""
    value = _plain(raw, _("an id")).strip().lower()
    if not _HEX_RE.fullmatch(value):
        raise InputRefused(
            _("takes an id or its first characters (0-9 and a-f), not {raw}.").format(
                raw=shown(raw)
            )
        )
    return value


def lookup(raw: str) -> str:
    """A persona, word or thread named by a key, a prefix of one or a pseudonym: visible text.

    Zero-width or bidi characters alone would name nothing a member can see
    (and a muted "word" of them would hide unrelated posts).
    """
    value = line(raw).strip()
    if not has_visible_text(value):
        raise InputRefused(_("takes a pseudonym or a public key (or its first characters)."))
    return value


def mute_target(raw: str) -> str:
    """What ``mute`` and ``unmute`` name: a word or phrase, a persona or a thread; visible text.

    Zero-width or bidi characters alone would match posts that only carry them.
    """
    value = line(raw).strip()
    if not has_visible_text(value):
        raise InputRefused(
            _(
                "takes a word or phrase, a pseudonym or a thread's id, with at least one visible "
                "character."
            )
        )
    return value


def country(raw: str) -> str:
    """A two-letter country code, upper-cased."""
    value = _plain(raw, _("a country code")).strip()
    if not _COUNTRY_RE.fullmatch(value):
        raise InputRefused(
            _("takes a two-letter country code like GB, US or DE, not {raw}.").format(
                raw=shown(raw)
            )
        )
    return value.upper()


def quiet_hours(raw: str) -> str:
    """A span of the day as ``HH:MM-HH:MM`` (it may run past midnight), written back the same
    way each time: ``7:5-9:00`` is refused, ``7:05 - 9:00`` reads as ``07:05-09:00``."""
    value = _plain(raw, _("quiet hours")).strip()
    match = _QUIET_RE.fullmatch(value)
    refused = InputRefused(
        _("takes a span of the day like {QUIET_EXAMPLE} (24-hour clock), not {raw}.").format(
            QUIET_EXAMPLE=QUIET_EXAMPLE, raw=shown(raw)
        )
    )
    if match is None:
        raise refused
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    if (start_h, start_m) == (end_h, end_m):
        raise InputRefused(_("takes a span whose start and end differ, like 22:00-07:00."))
    return f"{start_h:02d}:{start_m:02d}-{end_h:02d}:{end_m:02d}"


def path(raw: str) -> Path:
    """A file or directory name: not empty, valid UTF-8, no NUL."""
    value = _plain(raw, _("a path"))
    if not value.strip():
        raise InputRefused(_("takes a file or directory path; an empty one is not a place."))
    return Path(value)


def _host(host: str | None) -> str | None:
    """A host name or IP address as it may appear in a URL; ``None`` when it is not one."""
    if not host:
        return None
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    if all(_HOST_LABEL_RE.fullmatch(label) for label in labels):
        return host.rstrip(".")
    return None


def _netloc(host: str, port: int | None) -> str:
    shown_host = f"[{host}]" if ":" in host else host
    return shown_host if port is None else f"{shown_host}:{port}"


def relay_url(raw: str) -> str:
    """``http(s)://host[:port][/path]`` without a trailing slash; anything else is refused."""
    value = _plain(raw, _("a relay address")).strip()
    refused = InputRefused(
        _("takes a relay address like {RELAY_EXAMPLE}, not {raw}.").format(
            RELAY_EXAMPLE=RELAY_EXAMPLE, raw=shown(raw)
        )
    )
    if any(ch.isspace() for ch in value) or _has_controls(value):
        raise refused
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise refused from exc
    host = _host(parts.hostname)
    if (
        parts.scheme.lower() not in ("http", "https")
        or host is None
        or parts.username is not None
        or parts.query
        or parts.fragment
        or port == 0
    ):
        raise refused
    path_part = parts.path.rstrip("/")
    return f"{parts.scheme.lower()}://{_netloc(host, port)}{path_part}"


def proxy_url(raw: str) -> str:
    """``scheme://host:port`` for a proxy the sync client speaks; anything else is refused."""
    value = _plain(raw, _("a proxy address")).strip()
    refused = InputRefused(
        _(
            "takes a proxy address like {PROXY_EXAMPLE} (Tor) or "
            "http://proxy.example.org:3128, not {raw}."
        ).format(PROXY_EXAMPLE=PROXY_EXAMPLE, raw=shown(raw))
    )
    if any(ch.isspace() for ch in value) or _has_controls(value):
        raise refused
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise refused from exc
    host = _host(parts.hostname)
    if (
        parts.scheme.lower() not in PROXY_SCHEMES
        or host is None
        or port is None
        or port == 0
        or parts.path.strip("/")
        or parts.query
        or parts.fragment
    ):
        raise refused
    userinfo = parts.netloc.rpartition("@")[0]
    credentials = f"{userinfo}@" if userinfo else ""
    return f"{parts.scheme.lower()}://{credentials}{_netloc(host, port)}"


def passphrase(raw: str) -> str:
    """A passphrase as typed: valid UTF-8, no NUL, not only spaces (which SQLCipher would take)."""
    if not is_utf8(raw):
        raise InputRefused(_("takes a passphrase of valid UTF-8 text; the one given is not."))
    if "\x00" in raw:
        raise InputRefused(_("takes a passphrase without NUL characters."))
    if not raw.strip():
        raise InputRefused(_("takes a passphrase with at least one visible character."))
    return raw


def community_scope(raw: str) -> str:
    """A community's short name, or ``""`` for everywhere (a relay-wide ban)."""
    return "" if raw == "" else slug(raw)


def pubkey(raw: str) -> str:
    """A whole public key: 64 hexadecimal characters naming a point that can sign.

    A small-order, non-canonical or off-curve key (issue 18's forgery keys) is
    refused here too, not only when its signatures are checked.
    """
    from peerhaven.core.keys import usable_public_key  # cryptography loads only when needed

    value = _plain(raw, _("a public key")).strip().lower()
    if len(value) != 64 or not _HEX_RE.fullmatch(value):
        raise InputRefused(
            _("takes a whole public key (64 characters of 0-9 and a-f), not {raw}.").format(
                raw=shown(raw)
            )
        )
    if not usable_public_key(value):
        raise InputRefused(
            _(
                "takes a public key that can sign; {raw} is not one (a key of small order, in a "
                "non-canonical encoding or off the curve)."
            ).format(raw=shown(raw, 20))
        )
    return value


def host(raw: str) -> str:
    """A host name or IP address to listen on or connect to; IPv6 bare or in whole brackets.

    Brackets must pair and hold an IPv6 address: ``[::1`` is a typo, not ``::1``.
    """
    value = _plain(raw, _("a host name")).strip().lower()
    bracketed = value.startswith("[") and value.endswith("]") and ":" in value
    found = _host(value[1:-1] if bracketed else value)
    if found is None or (bracketed and ":" not in found):
        raise InputRefused(
            _("takes a host name or IP address like 127.0.0.1, not {raw}.").format(raw=shown(raw))
        )
    return found


def database_url(raw: str) -> str:
    """A PostgreSQL connection URL: ``postgresql://user@host:port/name``."""
    value = _plain(raw, _("a database address")).strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:
        raise InputRefused(
            _("takes a PostgreSQL address like postgresql://relay@127.0.0.1:5432/relay.")
        ) from exc
    if parts.scheme not in ("postgresql", "postgres") or not parts.hostname and not parts.path:
        raise InputRefused(
            _("takes a PostgreSQL address like postgresql://relay@127.0.0.1:5432/relay.")
        )
    return value
