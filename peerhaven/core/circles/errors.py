"""The one error of circle cryptography.

::

    PeerHavenError
    └── CircleError      a circle post, control message or invite that cannot be used
"""

from __future__ import annotations

from peerhaven.core.errors import PeerHavenError


class CircleError(PeerHavenError):
    """A circle post, control message or invite code that PeerHaven refuses, and why."""
