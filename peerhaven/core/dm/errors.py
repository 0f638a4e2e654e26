"""The one error of direct-message cryptography.

::

    PeerHavenError
    └── DmError      a bundle, message or report that cannot be used; one plain sentence
"""

from __future__ import annotations

from peerhaven.core.errors import PeerHavenError


class DmError(PeerHavenError):
    """A direct message, prekey bundle or report that PeerHaven refuses, and why."""
