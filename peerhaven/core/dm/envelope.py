"""The sealed-sender ``dm`` event: what the relay stores and delivers.

The outer event is signed by a one-time Ed25519 key made for this message alone,
never by the sender's persona, and carries one tag, ``["to", RECIPIENT]``. Its
content is compact JSON::

    {"v": 1, "fc": FRANKING COMMITMENT (hex), "epk": EPHEMERAL X25519 (hex), "ct": BASE64}

``ct`` is ChaCha20-Poly1305 under ``HKDF-SHA-256(X25519(epk, recipient identity),
salt = epk || recipient identity, info = "peerhaven-dm-seal-v1")`` with a zero
nonce (the key is new every message) and associated data
``"peerhaven-dm-seal-v1" || recipient || one-time pubkey || fc``. Its plaintext,
padded to a bucket (``padding.py``), is ``sender persona pubkey (32) || ratchet
message`` (``session.py``), which in turn encrypts the signed message
(``franking.py``).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peerhaven.core.builders import sign_event
from peerhaven.core.dm.conversation import Conversation
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.franking import MAX_CW_CHARS, DirectMessage, SignedMessage, sign_message
from peerhaven.core.dm.padding import outer_created_at, pad, unpad
from peerhaven.core.dm.prekeys import PrekeyBundle, PrekeySecrets
from peerhaven.core.dm.session import RatchetMessage, Session
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import HEX64_RE, SLUG_RE, Event
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair
from peerhaven.core.sealing import SealError, x25519_private, x25519_public
from peerhaven.core.validate import check_integrity

KIND = "dm"
VERSION = 1
_SEAL = b"peerhaven-dm-seal-v1"
_ZERO_NONCE = bytes(12)
_NOT_OURS = "This direct message was altered or is not for this persona."


@dataclass(frozen=True, slots=True)
class OuterContent:
    """The outer event's content: what the relay can see of a message besides its tag."""

    commitment: bytes
    ephemeral: bytes
    ciphertext: bytes

    def to_json(self) -> str:
        """The compact JSON content of the ``dm`` event."""
        document = {
            "v": VERSION,
            "fc": self.commitment.hex(),
            "epk": self.ephemeral.hex(),
            "ct": base64.b64encode(self.ciphertext).decode(),
        }
        return json.dumps(document, separators=(",", ":"))

    @classmethod
    def of(cls, event: Event) -> OuterContent:
        """Parse a ``dm`` event's content, refusing any other shape."""
        try:
            document = json.loads(event.content)
            fc, epk, ct = document["fc"], document["epk"], document["ct"]
            if document["v"] != VERSION or not isinstance(ct, str):
                raise ValueError("unknown format")
            if not all(isinstance(v, str) and HEX64_RE.fullmatch(v) for v in (fc, epk)):
                raise ValueError("bad key")
            return cls(bytes.fromhex(fc), bytes.fromhex(epk), base64.b64decode(ct, validate=True))
        except (ValueError, KeyError, TypeError, RecursionError, binascii.Error) as exc:
            raise DmError(_("This direct message is malformed.")) from exc


@dataclass(frozen=True, slots=True)
class Sealed:
    """A ``dm`` event with its sealed-sender layer opened: who sent it, not yet what."""

    event: Event
    sender: str
    commitment: bytes
    message: RatchetMessage


@dataclass(frozen=True, slots=True)
class Received:
    """A decrypted, authenticated message and everything the caller must save at once.

    ``conversation`` replaces the saved conversation; ``prekeys``, when not
    ``None``, replaces the saved prekey secrets (a one-time key was used up);
    ``evidence`` is kept with the message so that the member can report it.
    """

    message: DirectMessage
    conversation: Conversation
    prekeys: PrekeySecrets | None
    evidence: SignedMessage


def _seal_cipher(shared: bytes, ephemeral: bytes, identity: bytes) -> ChaCha20Poly1305:
    key = HKDF(hashes.SHA256(), 32, salt=ephemeral + identity, info=_SEAL).derive(shared)
    return ChaCha20Poly1305(key)


def _seal_aad(recipient: str, one_time_key: str, commitment: bytes) -> bytes:
    return _SEAL + bytes.fromhex(recipient) + bytes.fromhex(one_time_key) + commitment


def _identity(pubkey: str) -> X25519PublicKey:
    try:
        return x25519_public(pubkey)
    except (SealError, ValueError) as exc:
        raise DmError(_("That persona cannot receive direct messages.")) from exc


def seal_dm(
    me: Keypair,
    recipient: str,
    text: str,
    *,
    now: int,
    conversation: Conversation | None = None,
    bundle: PrekeyBundle | None = None,
    cw: str | None = None,
    community: str = "",
) -> tuple[Conversation, Event]:
    """Encrypt a message to ``recipient`` and wrap it in a sealed-sender ``dm`` event.

    With a ``bundle`` (the recipient's, verified) a new session starts, and
    becomes the conversation's current one; otherwise the ``conversation``'s
    current session is used. The given conversation is not changed: the
    returned one has moved one ratchet step, and the caller saves it with the
    event in the outbox before sending (so a refusal leaves nothing half done).
    """
    if not HEX64_RE.fullmatch(recipient):
        raise DmError(_("That is not a persona's public key."))
    if recipient == me.pubkey:
        raise DmError(_("A direct message needs another persona."))
    if not text.strip():
        raise DmError(_("A direct message cannot be empty."))
    try:
        (text + (cw or "")).encode()
    except UnicodeEncodeError:
        raise DmError(_("This message holds characters that cannot be sent.")) from None
    if cw is not None and (not cw.strip() or len(cw) > MAX_CW_CHARS or not cw.isprintable()):
        raise DmError(
            _("A content warning label is 1 to {MAX_CW_CHARS} characters on one line.").format(
                MAX_CW_CHARS=MAX_CW_CHARS
            )
        )
    if community and not SLUG_RE.fullmatch(community):
        raise DmError(_("That is not a community's name as PeerHaven writes it."))
    identity = _identity(recipient)
    if conversation is not None and conversation.peer != recipient:
        raise DmError(_("That conversation is with another persona."))
    message = DirectMessage(me.pubkey, recipient, text, cw, community, now)
    one_time = Keypair.generate()
    signed = sign_message(me, message, one_time.pubkey)
    plaintext = signed.to_bytes()
    conversation = conversation.copy() if conversation is not None else None
    if bundle is not None:
        if bundle.identity != recipient:
            raise DmError(_("That prekey bundle belongs to another persona."))
        session, ratchet_message = Session.initiate(me, bundle, plaintext)
        if conversation is None:
            conversation = Conversation(session)
        else:
            conversation.adopt(session)
    elif conversation is None:
        raise DmError(_("A first message needs the recipient's prekey bundle."))
    else:
        ratchet_message = conversation.encrypt(plaintext)
    inner = bytes.fromhex(me.pubkey) + ratchet_message.to_bytes()
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes_raw()
    cipher = _seal_cipher(ephemeral.exchange(identity), epk, identity.public_bytes_raw())
    fc = signed.commitment
    ciphertext = cipher.encrypt(_ZERO_NONCE, pad(inner), _seal_aad(recipient, one_time.pubkey, fc))
    content = OuterContent(fc, epk, ciphertext).to_json()
    event = sign_event(
        one_time, KIND, "", content, [["to", recipient]], created_at=outer_created_at(now)
    )
    return conversation, event


def open_dm(event: Event, me: Keypair) -> Sealed:
    """Check a ``dm`` event addressed to ``me`` and open its sealed-sender layer."""
    if event.kind != KIND or event.community != "" or event.tags != (("to", me.pubkey),):
        raise DmError(_("This is not a direct message for this persona."))
    try:
        check_integrity(event)
    except InvalidEvent as exc:
        raise DmError(_NOT_OURS) from exc
    outer = OuterContent.of(event)
    own = x25519_private(me)
    identity = own.public_key().public_bytes_raw()
    try:
        shared = own.exchange(X25519PublicKey.from_public_bytes(outer.ephemeral))
        padded = _seal_cipher(shared, outer.ephemeral, identity).decrypt(
            _ZERO_NONCE, outer.ciphertext, _seal_aad(me.pubkey, event.pubkey, outer.commitment)
        )
    except (InvalidTag, ValueError) as exc:
        raise DmError(_NOT_OURS) from exc
    inner = unpad(padded)
    sender = inner[:32].hex()
    message = RatchetMessage.from_bytes(inner[32:])
    return Sealed(event, sender, outer.commitment, message)


def read_dm(
    me: Keypair,
    sealed: Sealed,
    *,
    conversation: Conversation | None,
    prekeys: PrekeySecrets,
) -> Received:
    """Decrypt and authenticate an opened message; nothing given is changed.

    ``conversation`` is the saved conversation with ``sealed.sender``, if any. A
    message that starts a new session (a request, or a peer starting afresh) is
    answered from ``prekeys``. Every check must pass before anything is
    returned, so a refused message leaves no trace in the state the caller saves.
    """
    if conversation is not None and conversation.peer != sealed.sender:
        raise DmError(_("That conversation is with another persona."))
    working = conversation.copy() if conversation is not None else None
    remaining: PrekeySecrets | None = None
    x3dh = sealed.message.x3dh
    if x3dh is not None and (working is None or not working.knows(x3dh.ephemeral)):
        session, plaintext, remaining = Session.respond(me, prekeys, sealed.sender, sealed.message)
        if working is None:
            working = Conversation(session)
        else:
            working.adopt(session)
    elif working is None:
        raise DmError(_("This message belongs to a conversation this device does not have."))
    else:
        plaintext = working.decrypt(sealed.message)
    signed = SignedMessage.from_bytes(plaintext, sender=sealed.sender, recipient=me.pubkey)
    if signed.one_time_key != sealed.event.pubkey or signed.commitment != sealed.commitment:
        raise DmError(_NOT_OURS)
    signed.verify()
    return Received(signed.message, working, remaining, signed)
