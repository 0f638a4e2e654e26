"""One session's double-ratchet state: start, encrypt, decrypt, save, restore.

Message keys are one-time: once a message is decrypted its key is gone, so a
copy of it is refused (``AlreadyReceived``), and a message that arrives early leaves
the keys of the ones it skipped behind (at most ``MAX_SKIPPED_MESSAGE_KEYS``),
so the late ones can still be read.

The rule the store must follow: **save the new state and the decrypted message
in one transaction, and only after ``decrypt`` returned**. Saved before, a crash
would lose the message (its key is gone from the saved state); saved without the
message, the same loss. Saved together, a crash before the commit leaves the old
state, under which the re-delivered message decrypts again, and a crash after it
leaves the message stored and its copy refused as already received. Sending is
the same: save the state with the outgoing event in the outbox, then send.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from doubleratchet import (
    AuthenticationFailedException,
    ChainNotAvailableException,
    DecryptionFailedException,
    DoSProtectionException,
    DuplicateMessageException,
    EncryptedMessage,
    Header,
    InconsistentSerializationException,
)
from pydantic import ValidationError

from peerhaven.core.dm.errors import AlreadyReceived, DmError
from peerhaven.core.dm.prekeys import PrekeyBundle, PrekeySecrets
from peerhaven.core.dm.ratchet import CONFIGURATION, PeerHavenRatchet, run
from peerhaven.core.dm.x3dh import HEADER_BYTES, X3dhHeader, initiate, respond
from peerhaven.core.event import HEX64_RE
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair

VERSION = 1
_FIXED_BYTES = 41  # ratchet pub, two counters, the X3DH flag
_ALTERED = "This message was altered or does not belong to this conversation."


@dataclass(frozen=True, slots=True)
class RatchetMessage:
    """A ratchet-encrypted message with its header, and the X3DH header until answered."""

    ratchet_pub: bytes
    previous: int
    index: int
    ciphertext: bytes
    x3dh: X3dhHeader | None = None

    def to_bytes(self) -> bytes:
        """The binary form inside the sealed envelope.

        ``ratchet pub (32) || previous (4) || index (4) || flag (1) [|| X3DH header (49)]
        || ciphertext``, the flag saying whether the X3DH header follows.
        """
        head = self.ratchet_pub + self.previous.to_bytes(4, "big") + self.index.to_bytes(4, "big")
        x3dh = b"\x00" if self.x3dh is None else b"\x01" + self.x3dh.to_bytes()
        return head + x3dh + self.ciphertext

    @classmethod
    def from_bytes(cls, data: bytes) -> RatchetMessage:
        """Parse ``to_bytes``'s form, refusing any other."""
        if len(data) < _FIXED_BYTES or data[40] not in (0, 1):
            raise DmError(_("This direct message is malformed."))
        x3dh = None
        rest = data[_FIXED_BYTES:]
        if data[40]:
            if len(rest) < HEADER_BYTES:
                raise DmError(_("This direct message is malformed."))
            x3dh, rest = X3dhHeader.from_bytes(rest[:HEADER_BYTES]), rest[HEADER_BYTES:]
        previous, index = int.from_bytes(data[32:36], "big"), int.from_bytes(data[36:40], "big")
        return cls(data[:32], previous, index, rest, x3dh)

    def _encrypted(self) -> EncryptedMessage:
        header = Header(self.ratchet_pub, self.previous, self.index)
        return EncryptedMessage(header, self.ciphertext)

    @classmethod
    def _of(cls, message: EncryptedMessage, x3dh: X3dhHeader | None) -> RatchetMessage:
        header = message.header
        return cls(
            header.ratchet_pub,
            header.previous_sending_chain_length,
            header.sending_chain_length,
            message.ciphertext,
            x3dh,
        )


class Session:
    """The ratchet state of one conversation with one persona (``peer``)."""

    __slots__ = ("_origin", "_pending", "_ratchet", "associated_data", "peer")

    def __init__(
        self,
        ratchet: PeerHavenRatchet,
        peer: str,
        associated_data: bytes,
        pending: X3dhHeader | None,
        origin: bytes,
    ) -> None:
        self._ratchet = ratchet
        self.peer = peer
        self.associated_data = associated_data
        self._pending = pending  # sent with every message until the peer answers
        self._origin = origin  # the X3DH ephemeral key that started this session

    # -- starting -------------------------------------------------------------

    @classmethod
    def initiate(
        cls, me: Keypair, bundle: PrekeyBundle, first: bytes, *, otpk_id: int | None = None
    ) -> tuple[Session, RatchetMessage]:
        """Start a conversation with the bundle's persona; returns it and the first message."""
        agreement, header = initiate(me, bundle, otpk_id=otpk_id)
        ratchet, encrypted = run(
            PeerHavenRatchet.encrypt_initial_message(
                shared_secret=agreement.shared_secret,
                recipient_ratchet_pub=bundle.spk,
                message=first,
                associated_data=agreement.associated_data,
                **CONFIGURATION,
            )
        )
        session = cls(ratchet, bundle.identity, agreement.associated_data, header, header.ephemeral)
        return session, RatchetMessage._of(encrypted, header)

    @classmethod
    def respond(
        cls, me: Keypair, held: PrekeySecrets, initiator: str, message: RatchetMessage
    ) -> tuple[Session, bytes, PrekeySecrets]:
        """Accept a conversation started by ``initiator``; ``held`` itself is left unchanged.

        Returns the session, the first plaintext and the prekey secrets without
        the one-time key just used: the caller saves all three together.
        """
        if message.x3dh is None:
            raise DmError(_("This message belongs to a conversation this device does not have."))
        remaining = PrekeySecrets(dict(held.signed), dict(held.one_time))
        agreement, spk_secret = respond(me, remaining, initiator, message.x3dh)
        try:
            ratchet, plaintext = run(
                PeerHavenRatchet.decrypt_initial_message(
                    shared_secret=agreement.shared_secret,
                    own_ratchet_priv=spk_secret,
                    message=message._encrypted(),
                    associated_data=agreement.associated_data,
                    **CONFIGURATION,
                )
            )
        except (AuthenticationFailedException, DecryptionFailedException, ValueError) as exc:
            raise DmError(_ALTERED) from exc
        except DoSProtectionException as exc:
            raise DmError(_("This message skips too many earlier ones to be read.")) from exc
        session = cls(ratchet, initiator, agreement.associated_data, None, message.x3dh.ephemeral)
        return session, plaintext, remaining

    # -- messages -------------------------------------------------------------

    def encrypt(self, plaintext: bytes) -> RatchetMessage:
        """Encrypt the next message (one ratchet step); save the state before sending it."""
        encrypted = run(self._ratchet.encrypt_message(plaintext, self.associated_data))
        return RatchetMessage._of(encrypted, self._pending)

    def decrypt(self, message: RatchetMessage) -> bytes:
        """Decrypt a message of this conversation; the state changes only when it succeeds."""
        if message.x3dh is not None and message.x3dh.ephemeral != self._origin:
            raise DmError(_("This message starts a new conversation with this persona."))
        try:
            plaintext = run(
                self._ratchet.decrypt_message(message._encrypted(), self.associated_data)
            )
        except DuplicateMessageException as exc:
            raise AlreadyReceived(
                _("This message was already received; the copy is ignored.")
            ) from exc
        except DoSProtectionException as exc:
            raise DmError(_("This message skips too many earlier ones to be read.")) from exc
        except (
            AuthenticationFailedException,
            DecryptionFailedException,
            ChainNotAvailableException,
            KeyError,
            ValueError,
        ) as exc:
            raise DmError(_ALTERED) from exc
        self._pending = None  # the peer has the session: no need to repeat the X3DH header
        return plaintext

    @property
    def awaiting_answer(self) -> bool:
        """Whether this device started the session and has not yet read a message on it."""
        return self._pending is not None

    @property
    def origin(self) -> bytes:
        """The X3DH ephemeral key that started this session (it names the session)."""
        return self._origin

    def starts_new_conversation(self, message: RatchetMessage) -> bool:
        """Whether ``message`` comes from a fresh X3DH rather than this session."""
        return message.x3dh is not None and message.x3dh.ephemeral != self._origin

    def copy(self) -> Session:
        """An independent copy, to try a decryption without touching this one."""
        return copy.deepcopy(self)

    # -- saving ---------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole state as JSON bytes; holds secret keys, so only for the encrypted store."""
        document = {
            "v": VERSION,
            "peer": self.peer,
            "ad": self.associated_data.hex(),
            "pending": self._pending.to_json() if self._pending is not None else None,
            "origin": self._origin.hex(),
            "ratchet": self._ratchet.json,
        }
        return json.dumps(document, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Session:
        """Restore what ``to_bytes`` wrote."""
        try:
            document = json.loads(data)
            if document["v"] != VERSION or not HEX64_RE.fullmatch(document["peer"]):
                raise ValueError("unknown session format")
            ratchet = PeerHavenRatchet.from_json(document["ratchet"], **CONFIGURATION)
            pending = document["pending"]
            return cls(
                ratchet,
                document["peer"],
                bytes.fromhex(document["ad"]),
                None if pending is None else X3dhHeader.from_json(pending),
                bytes.fromhex(document["origin"]),
            )
        except (
            ValueError,
            KeyError,
            TypeError,
            DmError,
            ValidationError,
            InconsistentSerializationException,
        ) as exc:
            raise DmError(_("The saved conversation state is damaged.")) from exc

    def __repr__(self) -> str:
        return f"Session(peer={self.peer[:12]}…)"
