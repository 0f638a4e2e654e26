"""Whether an event is true and acceptable, with one specific reason when it is not.

Checks run cheapest first, so a flood of junk costs a relay almost nothing and
the signature (the one expensive step) is checked last.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from peerhaven.core.canonical import event_id
from peerhaven.core.community import parse_definition
from peerhaven.core.errors import InvalidEvent, Reason
from peerhaven.core.event import (
    GLOBAL_KINDS,
    HEX64_RE,
    HEX128_RE,
    KINDS,
    MAILBOX_KINDS,
    MAILBOX_TAGS,
    MODERATION_ACTIONS,
    REACTIONS,
    SLUG_RE,
    Event,
)
from peerhaven.core.i18n import _
from peerhaven.core.inert import control_free, has_visible_text
from peerhaven.core.keys import verify_signature
from peerhaven.core.pow import parse_difficulty, pow_bits

#: one-time prekeys a bundle may list (``core/dm/prekeys.py`` uses the same bound)
MAX_ONE_TIME_PREKEYS = 100

_HEX_TAGS = frozenset({"parent", "root", "target", "mod", "to"})


@dataclass(frozen=True, slots=True)
class Limits:
    """What a relay (or a client) accepts; relays publish theirs in ``/v1/info``."""

    max_content_bytes: int = 16_384
    max_tags: int = 64
    max_tag_items: int = 8
    max_tag_chars: int = 512
    max_cw_chars: int = 64
    #: how far in the future ``created_at`` may be, in seconds
    max_clock_skew: int = 900
    #: leading zero bits every event must prove; 0 turns proof of work off
    pow_difficulty: int = 0


DEFAULT_LIMITS = Limits()


def check_shape(event: Event, limits: Limits = DEFAULT_LIMITS) -> None:
    """Everything that needs no hashing: hex fields, kind, slug, tags and content."""
    if not HEX64_RE.fullmatch(event.id):
        raise InvalidEvent(Reason.BAD_HEX, "The event id is not 64 lowercase hex characters.")
    if not HEX64_RE.fullmatch(event.pubkey):
        raise InvalidEvent(Reason.BAD_HEX, "The pubkey is not 64 lowercase hex characters.")
    if not HEX128_RE.fullmatch(event.sig):
        raise InvalidEvent(Reason.BAD_HEX, "The signature is not 128 lowercase hex characters.")
    if event.kind not in KINDS:
        raise InvalidEvent(Reason.UNKNOWN_KIND, f"The kind {event.kind[:40]!r} is not known.")
    if event.kind in GLOBAL_KINDS:
        if event.community != "":
            raise InvalidEvent(
                Reason.BAD_SLUG, f'A {event.kind} event belongs to no community (slug "").'
            )
    elif not SLUG_RE.fullmatch(event.community):
        raise InvalidEvent(
            Reason.BAD_SLUG,
            "A community slug is 2 to 40 characters: lowercase letters, digits and hyphens.",
        )
    _check_tags(event, limits)
    try:
        size = len(event.content.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise InvalidEvent(Reason.MALFORMED, "The content is not valid Unicode text.") from exc
    if size > limits.max_content_bytes:
        raise InvalidEvent(
            Reason.CONTENT_TOO_LARGE,
            f"The content is {size} bytes; the limit is {limits.max_content_bytes}.",
        )
    _check_content(event)


def _check_tags(event: Event, limits: Limits) -> None:
    if len(event.tags) > limits.max_tags:
        raise InvalidEvent(
            Reason.MALFORMED_TAGS, f"An event may carry at most {limits.max_tags} tags."
        )
    for tag in event.tags:
        name = tag[0] if tag else ""  # an Event built in code may hold an empty tag
        if not name or len(tag) > limits.max_tag_items or max(map(len, tag)) > limits.max_tag_chars:
            raise InvalidEvent(Reason.MALFORMED_TAGS, "A tag is empty or too long.")
        if name in _HEX_TAGS:
            if len(tag) != 2 or not HEX64_RE.fullmatch(tag[1]):
                raise InvalidEvent(
                    Reason.MALFORMED_TAGS, f"The {name!r} tag takes one 64-hex value."
                )
        elif name == "cw":
            if len(tag) != 2 or not has_visible_text(tag[1]) or len(tag[1]) > limits.max_cw_chars:
                raise InvalidEvent(
                    Reason.MALFORMED_TAGS,
                    f"A content warning label is 1 to {limits.max_cw_chars} characters.",
                )
            if not control_free(tag[1], multiline=False):
                raise InvalidEvent(
                    Reason.MALFORMED_TAGS,
                    "A content warning label is one line of text without control characters.",
                )
        elif name == "expires":
            if len(tag) != 2 or not tag[1].isascii() or not tag[1].isdigit():
                raise InvalidEvent(Reason.MALFORMED_TAGS, "The 'expires' tag takes one Unix time.")
        elif name == "nonce" and (
            len(tag) != 3
            or not (tag[1].isascii() and tag[1].isdigit())
            or parse_difficulty(tag[2]) is None
        ):
            raise InvalidEvent(
                Reason.MALFORMED_TAGS, "The 'nonce' tag takes a number and a difficulty."
            )


def _check_content(event: Event) -> None:
    kind = event.kind
    if kind in ("post", "edit") and not has_visible_text(event.content):
        # only spaces, zero-width or bidi characters would show as an empty post
        raise InvalidEvent(
            Reason.BAD_CONTENT, f"{'An edit' if kind == 'edit' else 'A post'} cannot be empty."
        )
    if kind == "reaction":
        if event.content not in REACTIONS:
            raise InvalidEvent(Reason.BAD_CONTENT, f"A reaction is one of: {', '.join(REACTIONS)}.")
        if event.parent is None:
            raise InvalidEvent(Reason.MALFORMED_TAGS, "A reaction needs a 'parent' tag.")
    elif kind in ("delete", "moderate", "report", "edit") and event.target is None:
        article = "An" if kind == "edit" else "A"
        raise InvalidEvent(Reason.MALFORMED_TAGS, f"{article} {kind} event needs a 'target' tag.")
    if kind == "moderate" and event.content not in MODERATION_ACTIONS:
        raise InvalidEvent(
            Reason.BAD_CONTENT,
            f"A moderation action is one of: {', '.join(MODERATION_ACTIONS)}.",
        )
    elif kind == "report" and not event.content.strip():
        raise InvalidEvent(Reason.BAD_CONTENT, "A report needs a reason.")
    elif kind == "community":
        parse_definition(event)
    elif kind == "profile":
        _check_profile(event.content)
    elif kind in MAILBOX_KINDS:
        _check_mailbox(event)
    elif kind == "prekeys":
        _check_prekeys(event.content)


def _check_mailbox(event: Event) -> None:
    """A ``dm`` or ``circle`` event: exactly one ``to``, at most ``expires`` and ``nonce`` besides.

    Any other tag would be something a relay could read beside the recipient,
    so it is refused rather than stored (protocol section 15).
    """
    names = [tag[0] for tag in event.tags]
    if names.count("to") != 1:
        raise InvalidEvent(Reason.MALFORMED_TAGS, _mailbox_words(event.kind)[0])
    if any(name not in MAILBOX_TAGS for name in names) or len(names) != len(set(names)):
        raise InvalidEvent(Reason.MALFORMED_TAGS, _mailbox_words(event.kind)[1])
    if not event.content:
        raise InvalidEvent(Reason.BAD_CONTENT, _mailbox_words(event.kind)[2])


def _mailbox_words(kind: str) -> tuple[str, str, str]:
    """A mailbox event's three refusals, whole sentences per kind (so each translates whole)."""
    if kind == "dm":
        return (
            _("A direct message needs exactly one 'to' tag."),
            _("A direct message carries one 'to' tag and at most one 'expires' and 'nonce'."),
            _("A direct message cannot be empty."),
        )
    return (
        _("A circle message needs exactly one 'to' tag."),
        _("A circle message carries one 'to' tag and at most one 'expires' and 'nonce'."),
        _("A circle message cannot be empty."),
    )


def _check_prekeys(content: str) -> None:
    """The shape of a prekey bundle; ``core/dm/prekeys.verify_bundle`` checks the keys."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise InvalidEvent(Reason.BAD_CONTENT, _("A prekey bundle must be a JSON object.")) from exc
    if (
        not isinstance(body, dict)
        or type(body.get("v")) is not int
        or not isinstance(body.get("spk"), dict)
        or not isinstance(body.get("otpk"), list)
        or len(body["otpk"]) > MAX_ONE_TIME_PREKEYS
    ):
        raise InvalidEvent(
            Reason.BAD_CONTENT,
            _("A prekey bundle is a JSON object: 'v', 'spk', and {count} 'otpk' at most.").format(
                count=MAX_ONE_TIME_PREKEYS
            ),
        )


def _check_profile(content: str) -> None:
    try:
        body = json.loads(content)
    except (ValueError, RecursionError) as exc:  # absurd nesting must not crash a relay
        raise InvalidEvent(Reason.BAD_CONTENT, "A profile must be a JSON object.") from exc
    if not isinstance(body, dict) or not all(
        isinstance(body.get(key, ""), str) for key in ("name", "bio")
    ):
        raise InvalidEvent(
            Reason.BAD_CONTENT, "A profile is a JSON object with text 'name' and 'bio'."
        )


def check_integrity(event: Event) -> None:
    """The id matches the canonical bytes and the signature verifies."""
    try:
        expected = event_id(
            event.pubkey, event.created_at, event.kind, event.community, event.tags, event.content
        )
    except UnicodeEncodeError as exc:
        raise InvalidEvent(Reason.MALFORMED, "The event holds invalid Unicode.") from exc
    if expected != event.id:
        raise InvalidEvent(Reason.WRONG_ID, "The event id does not match its content.")
    if not verify_signature(event.pubkey, event.id, event.sig):
        raise InvalidEvent(Reason.BAD_SIGNATURE, "The signature does not verify.")


def validate(event: Event, *, now: int | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise ``InvalidEvent`` with the first reason this event is unacceptable."""
    check_shape(event, limits)
    current = int(time.time()) if now is None else now
    if event.created_at > current + limits.max_clock_skew:
        raise InvalidEvent(
            Reason.CLOCK_SKEW,
            f"The event is dated {event.created_at - current} s in the future; "
            f"at most {limits.max_clock_skew} s is accepted.",
        )
    check_integrity(event)
    if limits.pow_difficulty and pow_bits(event.id, event.tags) < limits.pow_difficulty:
        raise InvalidEvent(
            Reason.INSUFFICIENT_POW,
            f"The event proves less than the {limits.pow_difficulty} bits of work required.",
        )


def validate_wire(obj: object, *, now: int | None = None, limits: Limits = DEFAULT_LIMITS) -> Event:
    """Parse and validate a decoded JSON object in one step."""
    event = Event.from_wire(obj)
    validate(event, now=now, limits=limits)
    return event
