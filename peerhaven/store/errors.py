"""Errors of the encrypted local store; each message is one sentence a person can act on::

PeerHavenError
└── StoreError                  anything about the local encrypted file
    ├── StoreNotFound           no store yet: run ``peerhaven init``
    ├── StoreExists             ``init`` would overwrite an existing store
    ├── WrongPassphrase         the passphrase does not unlock the file
    ├── StoreDamaged            truncated or corrupt; left untouched
    ├── StoreBusy               another process holds a write lock too long
    ├── DiskFull                the change was not saved; the store is unchanged
    ├── NotFound                no draft, entry or persona with that id
    ├── BadInput                a value the store cannot accept (mood out of range…)
    └── ExportError             an export file that cannot be read or decrypted
"""

from __future__ import annotations

from peerhaven.core.errors import PeerHavenError


class StoreError(PeerHavenError):
    """Something about the local encrypted store."""


class StoreNotFound(StoreError):
    """There is no store at the expected place."""


class StoreExists(StoreError):
    """Refuse to create a store over an existing one."""


class WrongPassphrase(StoreError):
    """The passphrase does not open the store; nothing was changed."""


class StoreDamaged(StoreError):
    """The file is truncated or corrupt; we never write to it in that state."""


class StoreBusy(StoreError):
    """Another PeerHaven process kept the store locked for too long."""


class DiskFull(StoreError):
    """A write failed for lack of space; SQLite rolled it back."""


class NotFound(StoreError):
    """A draft, journal entry, persona or event that does not exist."""


class BadInput(StoreError):
    """A value the store refuses, with the rule it breaks."""


class ExportError(StoreError):
    """An export file that is not ours, is damaged, or needs another passphrase."""
