"""A community's definition: what the owner signs and every member pins on joining."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from peerhaven.core.errors import InvalidEvent, Reason
from peerhaven.core.event import Event
from peerhaven.core.inert import control_free, has_visible_text

MAX_NAME = 80
MAX_DESCRIPTION = 2000
MAX_RULES = 50
MAX_RULE = 500
#: the most first posts a community may hold for a moderator's approval
MAX_HOLD_FIRST_POSTS = 100
HOLD_KEY = "hold_first_posts"
#: the ``reason`` a relay gives with "accepted" (or "duplicate") for a post it holds
HELD_REASON = "held-for-approval"


@dataclass(frozen=True, slots=True)
class CommunityDefinition:
    """The parsed content and ``mod`` tags of a ``community`` event."""

    slug: str
    owner: str
    name: str
    description: str
    rules: tuple[str, ...]
    moderators: frozenset[str]
    created_at: int
    event_id: str
    #: everything else the owner put in the content (e.g. crisis lines), kept as it was
    extra: dict[str, Any] = field(default_factory=dict)

    def is_moderator(self, pubkey: str) -> bool:
        """The owner and ``mod``-tagged keys may moderate."""
        return pubkey == self.owner or pubkey in self.moderators

    @property
    def hold_first_posts(self) -> int:
        """How many approved posts a member needs before posts go out unheld (0: no hold).

        ``parse_definition`` already refused a definition with a bad value, so
        anything else here is a definition built in code: treat it as no hold.
        """
        value = self.extra.get(HOLD_KEY, 0)
        return value if _valid_hold(value) else 0


def definition_content(name: str, description: str, rules: list[str], **extra: Any) -> str:
    """The JSON content of a community event, in a stable key order."""
    body: dict[str, Any] = {"name": name, "description": description, "rules": rules}
    body.update(extra)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def parse_definition(event: Event) -> CommunityDefinition:
    """Read a ``community`` event's content, refusing one that clients could not show."""
    try:
        body = json.loads(event.content)
    except (ValueError, RecursionError) as exc:  # absurd nesting must not crash a relay
        raise InvalidEvent(Reason.BAD_CONTENT, "A community definition must be JSON.") from exc
    if not isinstance(body, dict):
        raise InvalidEvent(Reason.BAD_CONTENT, "A community definition must be a JSON object.")
    name = body.get("name")
    if not isinstance(name, str) or not has_visible_text(name) or len(name) > MAX_NAME:
        raise InvalidEvent(
            Reason.BAD_CONTENT, f"A community needs a name of 1 to {MAX_NAME} characters."
        )
    if not control_free(name, multiline=False):
        raise InvalidEvent(
            Reason.BAD_CONTENT,
            "A community name is one line of text without control characters.",
        )
    description = body.get("description", "")
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION:
        raise InvalidEvent(
            Reason.BAD_CONTENT,
            f"A community description must be text of at most {MAX_DESCRIPTION} characters.",
        )
    if not control_free(description, multiline=True):
        raise InvalidEvent(
            Reason.BAD_CONTENT, "A community description cannot hold control characters."
        )
    rules = body.get("rules", [])
    if (
        not isinstance(rules, list)
        or len(rules) > MAX_RULES
        or not all(isinstance(rule, str) and 0 < len(rule) <= MAX_RULE for rule in rules)
    ):
        raise InvalidEvent(
            Reason.BAD_CONTENT,
            f"Community rules must be a list of at most {MAX_RULES} short texts.",
        )
    if not all(has_visible_text(rule) and control_free(rule, multiline=True) for rule in rules):
        raise InvalidEvent(
            Reason.BAD_CONTENT,
            "A community rule is visible text without control characters.",
        )
    if not _valid_hold(body.get(HOLD_KEY, 0)):
        raise InvalidEvent(
            Reason.BAD_CONTENT,
            f"{HOLD_KEY} must be a whole number from 0 to {MAX_HOLD_FIRST_POSTS}.",
        )
    extra = {k: v for k, v in body.items() if k not in ("name", "description", "rules")}
    return CommunityDefinition(
        slug=event.community,
        owner=event.pubkey,
        name=name.strip(),
        description=description,
        rules=tuple(rules),
        moderators=frozenset(event.tag_values("mod")),
        created_at=event.created_at,
        event_id=event.id,
        extra=extra,
    )


def _valid_hold(value: Any) -> bool:
    """A whole number of posts in range (JSON ``true`` is not a number here)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value <= MAX_HOLD_FIRST_POSTS
    )
