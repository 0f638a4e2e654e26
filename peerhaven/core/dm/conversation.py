"""Every session with one persona: the current one, a few archived, the origins seen.

Two personas can start a conversation with each other at the same moment, or
one can reinstall and start afresh; then two sessions exist for one pair, and
messages of both may still be in flight. As in Signal, a new session from the
peer becomes current and the previous one is archived, and a message is tried
on the current session, then on the archived ones, so no message in flight on
an older session is lost. An archived session becomes current again only when
the message read on it is the peer's first answer to a session this device
started: that is the peer choosing our session after a simultaneous start. A
late message from a peer's old device does not pull the conversation back to a
session the peer's new device no longer has.

The X3DH ephemeral keys of every session ever started are remembered (the last
``MAX_ORIGINS``), so a replayed first message cannot bring back an old session.
"""

from __future__ import annotations

import copy
import json

from peerhaven.core.dm.errors import AlreadyReceived, DmError
from peerhaven.core.dm.session import RatchetMessage, Session
from peerhaven.core.i18n import _

#: archived sessions kept besides the current one
MAX_ARCHIVED = 4
#: X3DH ephemeral keys remembered, to refuse replayed first messages
MAX_ORIGINS = 64
VERSION = 1
_REPLAYED = "This message was already received; the copy is ignored."


class Conversation:
    """The sessions with ``peer``; ``current`` encrypts what is sent."""

    __slots__ = ("_archived", "_origins", "current")

    def __init__(
        self,
        current: Session,
        archived: list[Session] | None = None,
        origins: list[bytes] | None = None,
    ) -> None:
        self.current = current
        self._archived = list(archived or [])
        self._origins = list(origins or [current.origin])

    @property
    def peer(self) -> str:
        """The other persona."""
        return self.current.peer

    def knows(self, origin: bytes) -> bool:
        """Whether a session with this X3DH origin was ever started here."""
        return origin in self._origins

    def adopt(self, session: Session) -> None:
        """Make a newly started session current, archiving the previous one."""
        if session.peer != self.peer:
            raise DmError(_("That conversation is with another persona."))
        if self.knows(session.origin):
            raise AlreadyReceived(_REPLAYED)
        self._archived = [self.current, *self._archived][:MAX_ARCHIVED]
        self.current = session
        self._origins = [*self._origins, session.origin][-MAX_ORIGINS:]

    def encrypt(self, plaintext: bytes) -> RatchetMessage:
        """Encrypt with the current session."""
        return self.current.encrypt(plaintext)

    def decrypt(self, message: RatchetMessage) -> bytes:
        """Read a message of a known session; that session becomes current.

        A message that names a session by its X3DH header goes to that session
        only; any other is tried on each session, current first, each on a copy,
        so a failed try changes nothing. The session that reads it becomes
        current when it is the current one already or was waiting for its first
        answer (see the module's docstring).
        """
        sessions = [self.current, *self._archived]
        if message.x3dh is not None:
            named = [s for s in sessions if s.origin == message.x3dh.ephemeral]
            if not named:
                if self.knows(message.x3dh.ephemeral):
                    raise AlreadyReceived(_REPLAYED)
                raise DmError(_("This message starts a new conversation with this persona."))
            sessions = named
        refusal: DmError | None = None
        for session in sessions:
            trial = session.copy()
            try:
                plaintext = trial.decrypt(message)
            except DmError as refused:
                if refusal is None or isinstance(refused, AlreadyReceived):
                    refusal = refused
                continue
            if session is self.current:
                self.current = trial
            elif session.awaiting_answer:
                others = [s for s in (self.current, *self._archived) if s is not session]
                self.current, self._archived = trial, others[:MAX_ARCHIVED]
            else:
                self._archived = [trial if s is session else s for s in self._archived]
            return plaintext
        assert refusal is not None  # there is always at least the current session
        raise refusal

    def copy(self) -> Conversation:
        """An independent copy, to try a message without touching this one."""
        return copy.deepcopy(self)

    def to_bytes(self) -> bytes:
        """The whole state as JSON bytes; holds secret keys, so only for the encrypted store."""
        document = {
            "v": VERSION,
            "current": self.current.to_bytes().decode(),
            "archived": [session.to_bytes().decode() for session in self._archived],
            "origins": [origin.hex() for origin in self._origins],
        }
        return json.dumps(document, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Conversation:
        """Restore what ``to_bytes`` wrote."""
        try:
            document = json.loads(data)
            if document["v"] != VERSION:
                raise ValueError("unknown conversation format")
            current = Session.from_bytes(document["current"].encode())
            archived = [Session.from_bytes(s.encode()) for s in document["archived"]]
            origins = [bytes.fromhex(o) for o in document["origins"]]
            if any(s.peer != current.peer for s in archived) or current.origin not in origins:
                raise ValueError("inconsistent conversation")
        except (ValueError, KeyError, TypeError, AttributeError, DmError) as exc:
            raise DmError(_("The saved conversation state is damaged.")) from exc
        return cls(current, archived, origins)

    def __repr__(self) -> str:
        return f"Conversation(peer={self.peer[:12]}…, sessions={1 + len(self._archived)})"
