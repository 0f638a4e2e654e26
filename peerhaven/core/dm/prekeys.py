"""The prekey bundle a persona publishes so that others can start a conversation.

A persona's identity key for direct messages is the X25519 key that
``core/sealing.py`` derives from its Ed25519 persona key, so there is no second
identity to publish or to trust. The bundle adds:

- a *signed prekey*: a medium-term X25519 key with an expiry, signed by the
  persona key over ``"peerhaven-dm-spk-v1" || key || id (8 bytes) || expires (8 bytes)``;
- *one-time prekeys*: X25519 keys each used for at most one conversation start,
  which give the very first message forward secrecy against a later theft of
  the signed prekey.

The bundle is the content of an event of the proposed kind ``prekeys`` signed by
the persona (community ``""``); the event signature covers the one-time keys.
The secret halves stay on the device in ``PrekeySecrets``, which the store keeps.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from peerhaven.core.builders import sign_event
from peerhaven.core.dm.errors import DmError
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import HEX64_RE, HEX128_RE, Event
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair, verify_bytes
from peerhaven.core.validate import MAX_ONE_TIME_PREKEYS, check_integrity

KIND = "prekeys"
VERSION = 1
#: how long a signed prekey is offered before the persona must publish a new one
SIGNED_PREKEY_LIFETIME = 30 * 86_400
ONE_TIME_PREKEYS = 20
_SPK_DOMAIN = b"peerhaven-dm-spk-v1"


@dataclass(frozen=True, slots=True)
class OneTimePrekey:
    """One published one-time prekey: its number and its X25519 public key."""

    id: int
    key: bytes


@dataclass(frozen=True, slots=True)
class PrekeyBundle:
    """What a persona publishes: everything another persona needs to start a session."""

    identity: str  # the persona's Ed25519 public key, hex
    spk_id: int
    spk: bytes
    spk_expires: int
    spk_sig: str
    one_time: tuple[OneTimePrekey, ...]

    def content(self) -> str:
        """The JSON content of the ``prekeys`` event."""
        return json.dumps(
            {
                "v": VERSION,
                "spk": {
                    "id": self.spk_id,
                    "key": self.spk.hex(),
                    "expires": self.spk_expires,
                    "sig": self.spk_sig,
                },
                "otpk": [{"id": otpk.id, "key": otpk.key.hex()} for otpk in self.one_time],
            },
            separators=(",", ":"),
        )


@dataclass(slots=True)
class PrekeySecrets:
    """The secret halves of a persona's prekeys; one-time ones are removed when used."""

    signed: dict[int, bytes] = field(default_factory=dict)
    one_time: dict[int, bytes] = field(default_factory=dict)

    def signed_secret(self, spk_id: int) -> bytes:
        """The signed prekey's secret, or a clear error when it was retired."""
        try:
            return self.signed[spk_id]
        except KeyError:
            raise DmError(
                _("This message request uses a prekey this device no longer holds.")
            ) from None

    def take_one_time(self, otpk_id: int) -> bytes:
        """Remove and return a one-time secret: a second use is refused, so replays fail."""
        try:
            return self.one_time.pop(otpk_id)
        except KeyError:
            raise DmError(
                _("This message request uses a one-time key that was already used or never issued.")
            ) from None

    def to_bytes(self) -> bytes:
        """JSON for the encrypted store; holds secrets, so never for logs or the network."""
        document = {
            "signed": {str(i): key.hex() for i, key in self.signed.items()},
            "one_time": {str(i): key.hex() for i, key in self.one_time.items()},
        }
        return json.dumps(document, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> PrekeySecrets:
        """Restore what ``to_bytes`` wrote."""
        try:
            document = json.loads(data)
            return cls(
                signed={int(i): _key(k) for i, k in document["signed"].items()},
                one_time={int(i): _key(k) for i, k in document["one_time"].items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DmError(_("The saved prekeys are damaged.")) from exc


def _key(value: Any) -> bytes:
    if not isinstance(value, str) or not HEX64_RE.fullmatch(value):
        raise ValueError("not a 32-byte key")
    return bytes.fromhex(value)


def _raw_private(key: X25519PrivateKey) -> bytes:
    return key.private_bytes_raw()


def _spk_message(key: bytes, spk_id: int, expires: int) -> bytes:
    return _SPK_DOMAIN + key + spk_id.to_bytes(8, "big") + expires.to_bytes(8, "big")


def new_prekeys(
    persona: Keypair,
    *,
    now: int,
    held: PrekeySecrets | None = None,
    one_time: int = ONE_TIME_PREKEYS,
    lifetime: int = SIGNED_PREKEY_LIFETIME,
) -> tuple[PrekeyBundle, PrekeySecrets]:
    """A fresh signed prekey and ``one_time`` one-time prekeys, added to ``held``.

    Earlier secrets are kept, so messages started from the previous bundle can
    still be read; the caller retires old signed prekeys once they cannot arrive.
    """
    if not 0 <= one_time <= MAX_ONE_TIME_PREKEYS:
        raise DmError(
            _("A prekey bundle holds at most {MAX_ONE_TIME_PREKEYS} one-time keys.").format(
                MAX_ONE_TIME_PREKEYS=MAX_ONE_TIME_PREKEYS
            )
        )
    if held is None:
        held = PrekeySecrets()
    spk_id = max(held.signed, default=secrets.randbelow(2**31)) + 1
    spk_private = X25519PrivateKey.generate()
    spk = spk_private.public_key().public_bytes_raw()
    expires = now + lifetime
    held.signed[spk_id] = _raw_private(spk_private)
    published = []
    first = max(held.one_time, default=secrets.randbelow(2**31)) + 1
    for otpk_id in range(first, first + one_time):
        private = X25519PrivateKey.generate()
        held.one_time[otpk_id] = _raw_private(private)
        published.append(OneTimePrekey(otpk_id, private.public_key().public_bytes_raw()))
    bundle = PrekeyBundle(
        identity=persona.pubkey,
        spk_id=spk_id,
        spk=spk,
        spk_expires=expires,
        spk_sig=persona.sign_bytes(_spk_message(spk, spk_id, expires)),
        one_time=tuple(published),
    )
    return bundle, held


def prekeys_event(persona: Keypair, bundle: PrekeyBundle, *, created_at: int) -> Event:
    """The ``prekeys`` event that publishes ``bundle``, signed by the persona."""
    if bundle.identity != persona.pubkey:
        raise DmError(_("A prekey bundle can only be published by its own persona."))
    return sign_event(persona, KIND, "", bundle.content(), created_at=created_at)


def verify_bundle(event: Event, *, now: int) -> PrekeyBundle:
    """The bundle a ``prekeys`` event carries, once its signatures, sizes and expiry check out."""
    if event.kind != KIND or event.community != "":
        raise DmError(_("This is not a prekey bundle."))
    try:
        check_integrity(event)
    except InvalidEvent as exc:
        raise DmError(_("This prekey bundle's signature does not verify.")) from exc
    try:
        document = json.loads(event.content)
        if document["v"] != VERSION:
            raise ValueError("unknown version")
        spk = document["spk"]
        spk_id, expires, sig = spk["id"], spk["expires"], spk["sig"]
        if not all(type(n) is int and 0 <= n < 2**63 for n in (spk_id, expires)):
            raise ValueError("bad number")
        if not isinstance(sig, str) or not HEX128_RE.fullmatch(sig):
            raise ValueError("bad signature")
        key = _key(spk["key"])
        entries = document["otpk"]
        if not isinstance(entries, list) or len(entries) > MAX_ONE_TIME_PREKEYS:
            raise ValueError("bad one-time keys")
        one_time = []
        for entry in entries:
            if type(entry["id"]) is not int or not 0 <= entry["id"] < 2**63:
                raise ValueError("bad id")
            one_time.append(OneTimePrekey(entry["id"], _key(entry["key"])))
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise DmError(_("This prekey bundle is malformed.")) from exc
    if len({otpk.id for otpk in one_time}) != len(one_time):
        raise DmError(_("This prekey bundle is malformed."))
    if not verify_bytes(event.pubkey, _spk_message(key, spk_id, expires), sig):
        raise DmError(_("This prekey bundle's signed prekey is not signed by its persona."))
    if expires <= now:
        raise DmError(_("This persona's prekeys have expired; they cannot receive messages yet."))
    return PrekeyBundle(event.pubkey, spk_id, key, expires, sig, tuple(one_time))
