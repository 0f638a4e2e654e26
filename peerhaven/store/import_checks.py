"""The rules an export file's rows must meet before the store takes them.

An export is a file anyone could have written, so each row is checked for the
type and range the store itself relies on (the schema's columns, the journal's
mood scale, what relays, drafts and filters accept) and turned into the exact
tuple that is inserted. A row that breaks a rule raises ``RowRefused`` with the
reason in words; the importer counts it per section and moves on, so one bad
entry never takes the good ones with it, and never reaches the store.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from peerhaven.core.event import HEX64_RE, MAX_CREATED_AT, SLUG_RE
from peerhaven.core.i18n import N_, _
from peerhaven.core.keys import Keypair
from peerhaven.core.validate import DEFAULT_LIMITS
from peerhaven.safety.filters import Action
from peerhaven.store.errors import BadInput
from peerhaven.store.journal import MAX_TAG_CHARS, MOOD_MAX, MOOD_MIN, normalise_tags
from peerhaven.store.publish import clean_labels
from peerhaven.store.relays import normalise_url
from peerhaven.store.settings import DEFAULTS, validate_setting

#: longest text kept from a file for a journal entry or draft (the store sets no limit;
#: this keeps one row from being the whole file)
MAX_TEXT_CHARS = 1_000_000
#: longest one-line text: persona labels, block notes, muted words, setting values
MAX_LINE_CHARS = 500
#: most tags on one journal entry and labels on one draft
MAX_ITEMS = 64
_MUTE_KINDS = ("word", "persona", "thread")
#: the store writes 32 hex characters; letters, digits, - and _ up to 64 are accepted
_UID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class RowRefused(Exception):
    """One row the store will not take; the message says why, as a short clause.

    The field a check names (``what``) is marked ``N_`` by its caller and translated here,
    so the clause reads whole in the member's language."""


def _obj(row: Any) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise RowRefused(_("it is not a JSON object"))
    return row


def whole(value: Any, what: str, low: int, high: int) -> int:
    """A JSON integer (not true/false, not 2.0) within ``low``..``high``."""
    if type(value) is not int or not low <= value <= high:
        raise RowRefused(
            _("its {what} is not a whole number from {low} to {high}").format(
                what=_(what), low=low, high=high
            )
        )
    return value


def when(value: Any, what: str = N_("date")) -> int:
    """A time in seconds since 1970, in the range every event may carry."""
    if type(value) is not int or not 0 <= value <= MAX_CREATED_AT:
        raise RowRefused(_("its {what} is not a time in whole seconds").format(what=_(what)))
    return value


def maybe_when(value: Any, what: str) -> int | None:
    """An optional time."""
    return None if value is None else when(value, what)


def flag(value: Any, what: str) -> int:
    """true/false (or the 0/1 the store writes) as 0 or 1."""
    if type(value) is bool or (type(value) is int and value in (0, 1)):
        return int(value)
    raise RowRefused(_("its {what} is not true or false").format(what=_(what)))


def text(value: Any, what: str, *, limit: int = MAX_TEXT_CHARS, one_line: bool = False) -> str:
    """Text the store can hold: valid Unicode, no NUL, bounded; one line when asked."""
    if type(value) is not str:
        raise RowRefused(_("its {what} is not text").format(what=_(what)))
    if len(value) > limit:
        raise RowRefused(
            _("its {what} is longer than {limit} characters").format(what=_(what), limit=limit)
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RowRefused(_("its {what} is not valid Unicode text").format(what=_(what))) from None
    if "\x00" in value or (
        one_line and any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value)
    ):
        raise RowRefused(_("its {what} holds control characters").format(what=_(what)))
    return value


def hex64(value: Any, what: str) -> str:
    """A key or event id: 64 lowercase hex characters."""
    if type(value) is not str or not HEX64_RE.fullmatch(value):
        raise RowRefused(_("its {what} is not 64 lowercase hex characters").format(what=_(what)))
    return value


def slug(value: Any, what: str = N_("community")) -> str:
    """A community slug as events carry it."""
    if type(value) is not str or not SLUG_RE.fullmatch(value):
        raise RowRefused(
            _("its {what} is not a community name like calm-corner").format(what=_(what))
        )
    return value


def relay_url(value: Any, what: str = N_("address")) -> str:
    """An http(s) relay address, normalised as ``relays add`` stores it."""
    raw = text(value, what, limit=2000, one_line=True)
    refused = RowRefused(_("its {what} is not an http(s) relay address").format(what=_(what)))
    if any(ch.isspace() for ch in raw.strip()):
        raise refused
    try:
        clean = normalise_url(raw)
        parts = urlsplit(clean)
        parts.port  # noqa: B018 - parsing the port refuses a bad one
    except (BadInput, ValueError):
        raise refused from None
    if not parts.hostname:
        raise refused
    return clean


def uid(value: Any) -> str:
    """The stable id of a journal entry or draft that makes a second import add nothing."""
    if type(value) is not str or not _UID_RE.fullmatch(value):
        raise RowRefused(_("its uid is not a short ASCII identifier"))
    return value


def persona_row(row: Any) -> tuple[str, bytes, str, int, bool]:
    """(pubkey, secret, label, created_at, wants default); the key must match its secret."""
    row = _obj(row)
    pubkey = hex64(row.get("pubkey"), N_("public key"))
    secret = row.get("secret")
    if type(secret) is not str or len(secret) != 64:
        raise RowRefused(_("its secret key is not 64 hex characters"))
    try:
        keys = Keypair.from_secret(bytes.fromhex(secret))
    except ValueError:
        raise RowRefused(_("its secret key is not 64 hex characters")) from None
    if keys.pubkey != pubkey:
        raise RowRefused(_("its secret key does not belong to its public key"))
    # the store sets no rule on a private label, and a key must not be lost over one
    label = text(row.get("label", ""), N_("label"), limit=MAX_LINE_CHARS)
    return (
        pubkey,
        keys.secret_bytes(),
        label,
        when(row.get("created_at")),
        bool(flag(row.get("is_default", False), N_("default mark"))),
    )


def journal_row(row: Any) -> tuple[str, int, int, str, str]:
    """(uid, created_at, mood, content, tags as JSON)."""
    row = _obj(row)
    mood = whole(row.get("mood"), N_("mood"), MOOD_MIN, MOOD_MAX)
    tags = row.get("tags", [])
    if type(tags) is not list or len(tags) > MAX_ITEMS:
        raise RowRefused(
            _("its tags are not a list of at most {count} texts").format(count=MAX_ITEMS)
        )
    for tag in tags:
        text(tag, N_("tag"), limit=MAX_LINE_CHARS, one_line=True)
    try:
        clean = normalise_tags(tags)
    except BadInput:
        raise RowRefused(
            _("a tag is longer than {limit} characters").format(limit=MAX_TAG_CHARS)
        ) from None
    return (
        uid(row.get("uid")),
        when(row.get("created_at")),
        mood,
        text(row.get("content"), N_("text")),
        json.dumps(list(clean), ensure_ascii=False),
    )


def draft_row(row: Any) -> tuple[str, str | None, str | None, str, str, int, int]:
    """(uid, community, reply_to, cw as JSON, content, created_at, updated_at)."""
    row = _obj(row)
    community = row.get("community")
    reply_to = row.get("reply_to")
    cw = row.get("cw", [])
    if type(cw) is not list or len(cw) > MAX_ITEMS:
        raise RowRefused(_("its content warnings are not a list of labels"))
    limit = DEFAULT_LIMITS.max_cw_chars
    for label in cw:
        label = text(label, N_("content warning"), limit=limit, one_line=True)
        if not label.strip():
            raise RowRefused(_("one of its content warnings is empty"))
    return (
        uid(row.get("uid")),
        None if community is None else slug(community),
        None if reply_to is None else hex64(reply_to, N_("reply target")),
        json.dumps(clean_labels(cw), ensure_ascii=False),
        text(row.get("content"), N_("text")),
        when(row.get("created_at")),
        when(row.get("updated_at"), N_("date of its last change")),
    )


def setting_row(key: Any, value: Any) -> tuple[str, str]:
    """(key, value as JSON) for a setting this PeerHaven knows, as its schema accepts it
    (``store.settings``: the same check ``peerhaven settings`` and the app apply)."""
    if type(key) is not str or key not in DEFAULTS:
        raise RowRefused(_("it is not a setting this PeerHaven knows"))
    try:
        checked = validate_setting(key, value)
    except BadInput as exc:
        raise RowRefused(_("its value is refused: {reason}").format(reason=exc)) from None
    return key, json.dumps(checked, ensure_ascii=False)


def _typed(value: Any, kind: type, key: str) -> None:
    if type(value) is not kind:
        names = {bool: "true or false", int: "a whole number", str: "text", dict: "an object"}
        raise RowRefused(_("its value is not {kind}").format(kind=names.get(kind, kind.__name__)))
    if type(value) is int and not 0 <= value <= 10**6:
        raise RowRefused(_("its value is not a whole number from 0 to 1000000"))
    if kind is str:
        text(value, N_("value"), limit=MAX_LINE_CHARS, one_line=True)


def _actions(value: dict[str, Any], check_key: Any) -> None:
    choices = {action.value for action in Action}
    if len(value) > 1000:
        raise RowRefused(_("it holds more than 1000 choices"))
    for name, action in value.items():
        check_key(name)
        if type(action) is not str or action not in choices:
            raise RowRefused(
                _("a choice in it is not one of {choices}").format(
                    choices=", ".join(sorted(choices))
                )
            )


def community_relay_row(row: Any) -> tuple[str, str]:
    """(slug, relay address)."""
    row = _obj(row)
    return slug(row.get("slug")), relay_url(row.get("relay_url"), N_("relay address"))


def membership_row(row: Any) -> tuple[str, str, int, int, int | None, int, int | None]:
    """(slug, persona, joined_at, observer, rules_accepted_at, keep_offline, keep_days)."""
    row = _obj(row)
    days = row.get("keep_days")
    return (
        slug(row.get("slug")),
        hex64(row.get("persona"), N_("persona")),
        when(row.get("joined_at"), N_("joining date")),
        flag(row.get("observer", False), N_("observer mark")),
        maybe_when(row.get("rules_accepted_at"), N_("date the rules were accepted")),
        flag(row.get("keep_offline", True), N_("offline choice")),
        None if days is None else whole(days, N_("days kept"), 1, 100_000),
    )


def block_row(row: Any) -> tuple[str, int, str]:
    """(pubkey, created_at, note)."""
    row = _obj(row)
    return (
        hex64(row.get("pubkey"), N_("public key")),
        when(row.get("created_at")),
        text(row.get("note", ""), N_("note"), limit=MAX_LINE_CHARS),
    )


def mute_row(row: Any) -> tuple[str, str, int | None, int]:
    """(kind, value, until, created_at)."""
    row = _obj(row)
    kind = row.get("kind")
    if kind not in _MUTE_KINDS:
        raise RowRefused(_("its kind is not one of {kinds}").format(kinds=", ".join(_MUTE_KINDS)))
    value = row.get("value")
    if kind == "word":
        value = text(value, N_("word"), limit=MAX_LINE_CHARS, one_line=True)
        if not value.strip():
            raise RowRefused(_("its word is empty"))
    else:
        value = hex64(value, N_("public key") if kind == "persona" else "thread id")
    return kind, value, maybe_when(row.get("until"), N_("end")), when(row.get("created_at"))
