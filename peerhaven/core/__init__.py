"""The pure core: events, canonical bytes, signing, validation, personas. No I/O here."""

from peerhaven.core.batch import Checked, Verifier
from peerhaven.core.canonical import canonical_bytes, event_id
from peerhaven.core.community import CommunityDefinition, parse_definition
from peerhaven.core.errors import InvalidEvent, PeerHavenError, Reason
from peerhaven.core.event import EDIT_WINDOW, KINDS, MODERATION_ACTIONS, REACTIONS, Event
from peerhaven.core.keys import Keypair, verify_signature
from peerhaven.core.persona import Persona, fingerprint, pseudonym
from peerhaven.core.pow import leading_zero_bits, pow_bits
from peerhaven.core.validate import DEFAULT_LIMITS, Limits, check_integrity, validate, validate_wire

__all__ = [
    "DEFAULT_LIMITS",
    "EDIT_WINDOW",
    "KINDS",
    "MODERATION_ACTIONS",
    "REACTIONS",
    "Checked",
    "CommunityDefinition",
    "Event",
    "InvalidEvent",
    "Keypair",
    "Limits",
    "PeerHavenError",
    "Persona",
    "Reason",
    "Verifier",
    "canonical_bytes",
    "check_integrity",
    "event_id",
    "fingerprint",
    "leading_zero_bits",
    "parse_definition",
    "pow_bits",
    "pseudonym",
    "validate",
    "validate_wire",
    "verify_signature",
]
