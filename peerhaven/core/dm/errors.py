"""The one error of direct-message cryptography.

::

    PeerHavenError
    └── DmError            a bundle, message or report that cannot be used; one plain sentence
        └── AlreadyReceived  a copy of a message already read (the store ignores it quietly)
"""

from __future__ import annotations

from peerhaven.core.errors import PeerHavenError


class DmError(PeerHavenError):
    """A direct message, prekey bundle or report that PeerHaven refuses, and why."""


class AlreadyReceived(DmError):
    """A copy of a message this device already read: its key is spent, so it is refused."""
