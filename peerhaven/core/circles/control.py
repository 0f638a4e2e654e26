"""Control messages between a circle's owner and its members, sealed to one persona.

Joining, welcoming, handing out a new epoch key, telling a member they were
removed, and leaving all travel as ``circle`` events to the *recipient
persona's* mailbox (``sealbox.seal_for_persona``). What is sealed::

    sender persona pubkey (32) || signature (64) || JSON body

with the sender's persona signature over ``"peerhaven-circle-control-v1" ||
recipient (32) || one-time pubkey (32) || body``. Binding the recipient and the
one-time key means a welcome cannot be forwarded to someone else, nor its
signature moved into another event. The relay sees neither the sender nor the
body. Which sender a message must come from (the owner, for a welcome) is for
the receiving device to check against what it knows about the circle.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peerhaven.core.circles.epoch import KEY_BYTES, check_circle_id
from peerhaven.core.circles.errors import CircleError
from peerhaven.core.circles.sealbox import altered, open_for_persona, pad, seal_for_persona
from peerhaven.core.event import HEX64_RE, HEX128_RE, Event
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair, verify_bytes

_SIG_DOMAIN = b"peerhaven-circle-control-v1"
#: the reasons an owner's device gives a joiner for refusing an invite code
REFUSALS = ("used", "expired", "full")
MAX_NAME_CHARS = 80
MAX_RULES_CHARS = 2000
MAX_MEMBERS = 50
MAX_REASON_CHARS = 500


@dataclass(frozen=True, slots=True)
class JoinRequest:
    """A joiner proving it holds an invite's secret (to the owner)."""

    circle: str
    invite: str  # the invite's id: a hash of its secret
    proof: str  # HMAC of the joiner's pubkey under the secret (invite.py)


@dataclass(frozen=True, slots=True)
class Welcome:
    """The owner's answer to a good join request: the circle and its current key."""

    circle: str
    name: str
    rules: str
    epoch: int
    key: bytes
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NewEpoch:
    """A new epoch key for the members who remain (after a removal or a leave)."""

    circle: str
    epoch: int
    key: bytes
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Removed:
    """The owner telling a member they are no longer in the circle."""

    circle: str


@dataclass(frozen=True, slots=True)
class Leave:
    """A member telling the owner they left."""

    circle: str


@dataclass(frozen=True, slots=True)
class Refused:
    """The owner's device refusing a join request, with one of ``REFUSALS``."""

    circle: str
    reason: str


@dataclass(frozen=True, slots=True)
class Report:
    """A member showing the owner one post of the circle, and why.

    It names the post by its outer event id: the owner's device holds every post
    and verified each one's author when it arrived, so the report carries no
    words anyone could forge.
    """

    circle: str
    post: str
    reason: str


Control = JoinRequest | Welcome | NewEpoch | Removed | Leave | Refused | Report


@dataclass(frozen=True, slots=True)
class Received:
    """A control message opened and authenticated, with the persona that sent it."""

    sender: str
    message: Control


def _body(message: Control) -> dict[str, Any]:
    if isinstance(message, JoinRequest):
        return {
            "t": "join",
            "circle": message.circle,
            "invite": message.invite,
            "proof": message.proof,
        }
    if isinstance(message, Welcome):
        return {
            "t": "welcome",
            "circle": message.circle,
            "name": message.name,
            "rules": message.rules,
            "epoch": message.epoch,
            "key": message.key.hex(),
            "members": list(message.members),
        }
    if isinstance(message, NewEpoch):
        return {
            "t": "epoch",
            "circle": message.circle,
            "epoch": message.epoch,
            "key": message.key.hex(),
            "members": list(message.members),
        }
    if isinstance(message, Removed):
        return {"t": "removed", "circle": message.circle}
    if isinstance(message, Leave):
        return {"t": "leave", "circle": message.circle}
    if isinstance(message, Report):
        return {
            "t": "report",
            "circle": message.circle,
            "post": message.post,
            "reason": message.reason,
        }
    return {"t": "refused", "circle": message.circle, "reason": message.reason}


def _str(body: dict[str, Any], name: str, limit: int) -> str:
    value = body[name]
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(name)
    return value


def _hex(body: dict[str, Any], name: str, size: int) -> str:
    value = body[name]
    if not isinstance(value, str) or len(value) != size * 2 or value.strip("0123456789abcdef"):
        raise ValueError(name)
    return value


def _epoch(body: dict[str, Any]) -> int:
    value = body["epoch"]
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**63:
        raise ValueError("epoch")
    return value


def _members(body: dict[str, Any]) -> tuple[str, ...]:
    value = body["members"]
    if not isinstance(value, list) or not 0 < len(value) <= MAX_MEMBERS:
        raise ValueError("members")
    if not all(isinstance(m, str) and HEX64_RE.fullmatch(m) for m in value):
        raise ValueError("members")
    return tuple(dict.fromkeys(value))


def _parse_join(body: dict[str, Any], circle: str) -> Control:
    return JoinRequest(circle, _hex(body, "invite", 16), _hex(body, "proof", 32))


def _parse_welcome(body: dict[str, Any], circle: str) -> Control:
    return Welcome(
        circle,
        _str(body, "name", MAX_NAME_CHARS),
        _str(body, "rules", MAX_RULES_CHARS),
        _epoch(body),
        bytes.fromhex(_hex(body, "key", KEY_BYTES)),
        _members(body),
    )


def _parse_epoch(body: dict[str, Any], circle: str) -> Control:
    key = bytes.fromhex(_hex(body, "key", KEY_BYTES))
    return NewEpoch(circle, _epoch(body), key, _members(body))


def _parse_refused(body: dict[str, Any], circle: str) -> Control:
    reason = body["reason"]
    if reason not in REFUSALS:
        raise ValueError("reason")
    return Refused(circle, reason)


def _parse_report(body: dict[str, Any], circle: str) -> Control:
    return Report(circle, _hex(body, "post", 32), _str(body, "reason", MAX_REASON_CHARS))


_PARSERS: dict[str, Callable[[dict[str, Any], str], Control]] = {
    "report": _parse_report,
    "join": _parse_join,
    "welcome": _parse_welcome,
    "epoch": _parse_epoch,
    "removed": lambda _body, circle: Removed(circle),
    "leave": lambda _body, circle: Leave(circle),
    "refused": _parse_refused,
}


def parse(body: bytes) -> Control:
    """The control message in ``body``; anything malformed is refused as altered."""
    try:
        document = json.loads(body.decode())
        if not isinstance(document, dict):
            raise ValueError("not an object")
        circle = check_circle_id(document["circle"])
        return _PARSERS[document["t"]](document, circle)
    except (ValueError, KeyError, TypeError, RecursionError, CircleError):
        raise altered() from None


def welcome_fits(name: str, rules: str) -> bool:
    """Whether a welcome with this name and these rules fits the largest bucket even
    when the circle is full (``MAX_MEMBERS``): the owner's device must always be
    able to let someone in."""
    full = tuple(f"{n:064x}" for n in range(MAX_MEMBERS))
    body = json.dumps(
        _body(Welcome("0" * 32, name, rules, 2**62, bytes(KEY_BYTES), full)),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    try:
        pad(bytes(96) + body)
    except CircleError:
        return False
    return True


def _signed(recipient: str, one_time_key: str, body: bytes) -> bytes:
    return _SIG_DOMAIN + bytes.fromhex(recipient) + bytes.fromhex(one_time_key) + body


def seal_control(me: Keypair, recipient: str, message: Control, *, now: int) -> Event:
    """Sign ``message`` as ``me`` and seal it to ``recipient``'s mailbox."""
    if not HEX64_RE.fullmatch(recipient):
        raise CircleError(_("That is not a persona's public key."))
    body = json.dumps(_body(message), ensure_ascii=False, separators=(",", ":")).encode()
    one_time = Keypair.generate()
    signature = me.sign_bytes(_signed(recipient, one_time.pubkey, body))
    plaintext = bytes.fromhex(me.pubkey) + bytes.fromhex(signature) + body
    return seal_for_persona(one_time, recipient, plaintext, now=now)


def open_control(event: Event, me: Keypair) -> Received:
    """Open a control message sealed to ``me`` and check who signed it."""
    plaintext = open_for_persona(event, me)
    if len(plaintext) < 96:
        raise altered()
    sender, signature, body = plaintext[:32].hex(), plaintext[32:96].hex(), plaintext[96:]
    if not HEX128_RE.fullmatch(signature):
        raise altered()
    if not verify_bytes(sender, _signed(me.pubkey, event.pubkey, body), signature):
        raise altered()
    return Received(sender, parse(body))
