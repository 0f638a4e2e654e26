"""Hiding sizes and times from the relay.

Every sealed direct message is padded to one of a few bucket sizes before it is
encrypted, so the relay and the network see only which bucket a message fell in.
The smallest is 512 B because a message carries about 300 bytes of keys,
signatures and headers before any text (docs/dm.md lists them). The largest is
8 KiB, not 16 KiB: the outer event carries the ciphertext in base64, and 16 KiB
of padded plaintext would break the relay's 16,384-byte content limit
(``Limits.max_content_bytes``).

The outer event's ``created_at`` is not the sending time (that travels inside the
ciphertext): it is a uniformly random second within the two hours before sending,
rounded down to the minute, so the relay cannot line messages up with a member's
activity to the second and two messages sent together do not share a timestamp.
"""

from __future__ import annotations

import secrets

from peerhaven.core.dm.errors import DmError
from peerhaven.core.i18n import _

#: the padded sizes, in bytes, of what is encrypted
BUCKETS = (512, 1024, 4096, 8192)
#: how far back the outer timestamp may be moved, in seconds
TIMESTAMP_WINDOW = 2 * 3600
#: the outer timestamp's resolution, in seconds
TIMESTAMP_GRAIN = 60
_LENGTH_BYTES = 4


def bucket_for(size: int) -> int:
    """The smallest bucket that holds ``size`` bytes of plaintext and its length prefix."""
    for bucket in BUCKETS:
        if size + _LENGTH_BYTES <= bucket:
            return bucket
    raise DmError(_("This message is too long for a direct message."))


def pad(data: bytes) -> bytes:
    """``data`` behind a 4-byte length, followed by zeros up to its bucket."""
    bucket = bucket_for(len(data))
    body = len(data).to_bytes(_LENGTH_BYTES, "big") + data
    return body + bytes(bucket - len(body))


def unpad(padded: bytes) -> bytes:
    """The data ``pad`` was given; refuses anything that is not a padded bucket."""
    if len(padded) not in BUCKETS:
        raise DmError(_("This direct message has an impossible size."))
    size = int.from_bytes(padded[:_LENGTH_BYTES], "big")
    end = _LENGTH_BYTES + size
    if end > len(padded) or any(padded[end:]):
        raise DmError(_("This direct message has an impossible size."))
    return padded[_LENGTH_BYTES:end]


def outer_created_at(now: int) -> int:
    """A timestamp for the outer event: random within the window before ``now``, per minute."""
    moved = now - secrets.randbelow(TIMESTAMP_WINDOW)
    return moved - moved % TIMESTAMP_GRAIN
