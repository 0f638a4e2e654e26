"""The event: the only thing that ever travels between a device and a relay.

An ``Event`` is immutable and knows its wire form. Parsing (``Event.from_wire``)
checks shape only; whether an event is *true* (id, signature, limits) is
``peerhaven.core.validate``'s job, so a relay and a client can apply different
limits to the same parsed object.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from peerhaven.core.canonical import canonical_bytes
from peerhaven.core.errors import InvalidEvent, Reason

KINDS = frozenset(
    {
        "profile",
        "community",
        "post",
        "edit",
        "reaction",
        "delete",
        "moderate",
        "report",
        "sealed",
        "dm",
        "prekeys",
        "circle",
    }
)
#: kinds that belong to no community and carry ``""`` as their slug
GLOBAL_KINDS = frozenset({"profile", "dm", "prekeys", "circle"})
#: kinds a relay keeps in the mailbox of their one ``to`` key (protocol section 15):
#: signed by a one-time key, served only to that key, never in a public feed
MAILBOX_KINDS = frozenset({"dm", "circle"})
#: tags a mailbox event may carry, and nothing else (the fewer, the less a relay learns)
MAILBOX_TAGS = frozenset({"to", "expires", "nonce"})
REACTIONS = ("me-too", "been-there", "sending-support", "thank-you")
MODERATION_ACTIONS = ("hide", "restore", "ban", "unban")
#: seconds after a post's ``created_at`` in which its author may still publish an
#: ``edit`` of it. Short on purpose: a reply answers the words it saw, and copies
#: already on other devices change only when they sync.
EDIT_WINDOW = 900

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,39}")
HEX64_RE = re.compile(r"[0-9a-f]{64}")
HEX128_RE = re.compile(r"[0-9a-f]{128}")

FIELDS = ("id", "pubkey", "created_at", "kind", "community", "tags", "content", "sig")
#: positions in ``FIELDS`` that hold text
_STR_FIELDS = (0, 1, 3, 4, 6, 7)
MAX_CREATED_AT = 2**53 - 1

Tags = tuple[tuple[str, ...], ...]

#: one encoder for every event written: ``json.dumps`` with options builds a new one per call
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(frozen=True, slots=True)
class Event:
    """A signed event exactly as the contract describes it."""

    id: str
    pubkey: str
    created_at: int
    kind: str
    community: str
    tags: Tags
    content: str
    sig: str

    # -- wire form -------------------------------------------------------------

    @classmethod
    def from_wire(cls, obj: Any) -> Event:
        """Build an event from decoded JSON, refusing any shape the contract does not allow.

        Unknown extra fields are dropped: they are not covered by the signature,
        so keeping them would let a relay smuggle unsigned data to clients.
        """
        if type(obj) is dict:
            # decoded JSON, nearly always: plain type checks, no ABC machinery
            try:
                fields = [obj[name] for name in FIELDS]
            except KeyError:
                pass  # the general path names the missing field
            else:
                if all(type(fields[i]) is str for i in _STR_FIELDS):
                    created_at = fields[2]
                    if type(created_at) is int and 0 <= created_at <= MAX_CREATED_AT:
                        return cls(
                            fields[0],
                            fields[1],
                            created_at,
                            fields[3],
                            fields[4],
                            parse_tags(fields[5]),
                            fields[6],
                            fields[7],
                        )
        if not isinstance(obj, Mapping):
            raise InvalidEvent(Reason.MALFORMED, "An event must be a JSON object.")
        missing = [name for name in FIELDS if name not in obj]
        if missing:
            raise InvalidEvent(Reason.MALFORMED, f"The event lacks the field {missing[0]!r}.")
        for name in ("id", "pubkey", "kind", "community", "content", "sig"):
            if not isinstance(obj[name], str):
                raise InvalidEvent(Reason.MALFORMED, f"The event field {name!r} must be a string.")
        created_at = obj["created_at"]
        if type(created_at) is not int or not 0 <= created_at <= MAX_CREATED_AT:
            raise InvalidEvent(
                Reason.MALFORMED, "The event field 'created_at' must be a whole number of seconds."
            )
        return cls(
            id=obj["id"],
            pubkey=obj["pubkey"],
            created_at=created_at,
            kind=obj["kind"],
            community=obj["community"],
            tags=parse_tags(obj["tags"]),
            content=obj["content"],
            sig=obj["sig"],
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Event:
        """Parse one event from JSON text."""
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise InvalidEvent(Reason.MALFORMED, "The event is not valid JSON.") from exc
        return cls.from_wire(obj)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object the contract describes (tags as lists)."""
        return {
            "id": self.id,
            "pubkey": self.pubkey,
            "created_at": self.created_at,
            "kind": self.kind,
            "community": self.community,
            "tags": [list(tag) for tag in self.tags],
            "content": self.content,
            "sig": self.sig,
        }

    def to_json(self) -> str:
        """Compact JSON of the wire form, non-ASCII kept (smaller on the wire and on disk)."""
        return _compact(self.to_wire())

    def canonical(self) -> bytes:
        """The canonical bytes whose SHA-256 is the id."""
        return canonical_bytes(
            self.pubkey, self.created_at, self.kind, self.community, self.tags, self.content
        )

    # -- tags ------------------------------------------------------------------

    def tag(self, name: str) -> str | None:
        """The first value of the first tag called ``name``, if any."""
        for tag in self.tags:
            if tag[0] == name and len(tag) > 1:
                return tag[1]
        return None

    def tag_values(self, name: str) -> list[str]:
        """Every first value of the tags called ``name``, in order."""
        return [tag[1] for tag in self.tags if tag[0] == name and len(tag) > 1]

    @property
    def parent(self) -> str | None:
        """The event this one replies or reacts to."""
        return self.tag("parent")

    @property
    def root(self) -> str | None:
        """The first post of this reply's thread."""
        return self.tag("root")

    @property
    def target(self) -> str | None:
        """What a delete, moderate or report event is about."""
        return self.tag("target")

    @property
    def expires_at(self) -> int | None:
        """When relays stop serving the event, if it says (unparseable values count as absent)."""
        value = self.tag("expires")
        if value is None or not value.isascii() or not value.isdigit():
            return None  # "²".isdigit() is true, but int("²") raises
        try:
            when = int(value)
        except ValueError:  # more digits than int() converts (4,300): not a time
            return None
        # past any time an event may carry (and any database integer): never, so absent
        return when if when <= MAX_CREATED_AT else None

    def __repr__(self) -> str:
        return f"Event(id={self.id[:12]}…, kind={self.kind!r}, community={self.community!r})"


def parse_tags(raw: Any) -> Tags:
    """Check that tags are an array of non-empty arrays of strings and freeze them."""
    if type(raw) is list and all(
        type(tag) is list and tag and all(type(part) is str for part in tag) for tag in raw
    ):
        return tuple(map(tuple, raw))  # decoded JSON: the common case, without ABC checks
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise InvalidEvent(Reason.MALFORMED_TAGS, "Tags must be an array of arrays of strings.")
    tags: list[tuple[str, ...]] = []
    for tag in raw:
        if (
            not isinstance(tag, Sequence)
            or isinstance(tag, str | bytes)
            or not tag
            or not all(isinstance(part, str) for part in tag)
        ):
            raise InvalidEvent(
                Reason.MALFORMED_TAGS, "Each tag must be a non-empty array of strings."
            )
        tags.append(tuple(tag))
    return tuple(tags)
