"""Sample communities for a relay on a newcomer's own device, so the first feed is not empty.

Each community says plainly that it is a sample and that its posts are
examples rather than real members: a person looking for support must never
mistake a seeded post for someone who is listening. The posts are signed by
keys made for the purpose and thrown away, and go through the same write path
and policy as anything published over HTTP.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from peerhaven.core import builders
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from peerhaven.relay.operations import create_community, list_communities, publish_events
from peerhaven.relay.settings import RelaySettings

SAMPLE_NOTE = (
    "This is a sample community on a relay that runs only on your device; its first posts "
    "are examples written for PeerHaven, not messages from real members."
)


@dataclass(frozen=True, slots=True)
class SampleCommunity:
    """One community as it is created: its definition and a short opening thread."""

    slug: str
    name: str
    description: str
    rules: tuple[str, ...]
    #: the opening post, then replies to it, each by a different sample persona
    thread: tuple[str, ...]


COMMON_RULES = (
    "Be kind. Everyone here is carrying something.",
    "Share your own experience rather than telling others what to do.",
    "Keep names, places and other details that could identify anyone out of your posts.",
    "This is peer support, not medical or emergency care; for help right now, press F9.",
)

SAMPLES: tuple[SampleCommunity, ...] = (
    SampleCommunity(
        slug="chronic-illness",
        name="Living with chronic illness",
        description=(
            "For people living with long-term illness or pain: the good days, the flare-ups, "
            "the appointments and the tiredness nobody else sees."
        ),
        rules=(*COMMON_RULES, "No selling or promoting treatments, supplements or cures."),
        thread=(
            "Pacing is the hardest thing I have learned. On a good day I still want to do "
            "everything at once, and then I pay for it for a week. How do you stop yourself?",
            "I set a timer and stop when it rings, even mid-task. It felt silly at first, "
            "but the crashes got smaller.",
        ),
    ),
    SampleCommunity(
        slug="grief",
        name="Grief and loss",
        description=(
            "A quiet place to talk about someone you have lost, however long ago, and "
            "however complicated it feels."
        ),
        rules=(*COMMON_RULES, "There is no right way or right time to grieve; no judging."),
        thread=(
            "It has been eight months since my dad died. Most days are fine now, and then a "
            "song in a shop undoes me completely. Is that normal this far in?",
            "Very normal. Three years on, it still happens to me with the smell of his "
            "coffee. The waves get further apart, but they still come.",
        ),
    ),
    SampleCommunity(
        slug="new-parents",
        name="New parents",
        description=(
            "For the first months and years with a baby: sleep, feeding, worry, joy, and "
            "feeling like you are the only one who has no idea what they are doing."
        ),
        rules=(*COMMON_RULES, "Different families make different choices; respect them."),
        thread=(
            "Four weeks in. I love her so much and I also cried in the shower this morning "
            "because I am so tired. Does it get easier?",
            "It does, slowly. Around three months things started to feel less like "
            "survival for us. Crying in the shower is allowed. So is asking for help.",
        ),
    ),
    SampleCommunity(
        slug="anxiety",
        name="Living with anxiety",
        description=(
            "For anyone whose mind races ahead to the worst: what helps, what does not, "
            "and small wins worth celebrating."
        ),
        rules=(*COMMON_RULES, "Please put a content note on posts about panic attacks."),
        thread=(
            "Small win: I made a phone call today that I had been putting off for two "
            "weeks. My heart was pounding, but I did it.",
            "That is not small at all. Well done. I write what I want to say on a card "
            "before calls; it helps me a lot.",
        ),
    ),
)


def seed_samples(settings: RelaySettings, *, now: int | None = None) -> list[str]:
    """Create the sample communities and their opening threads, unless the relay has any
    communities already; returns the slugs created (none on a relay seeded before)."""
    if list_communities(settings):
        return []
    at = int(time.time()) if now is None else now
    created = []
    for sample in SAMPLES:
        create_community(
            settings,
            sample.slug,
            sample.name,
            f"{sample.description} {SAMPLE_NOTE}",
            list(sample.rules),
            [],
        )
        publish_events(settings, _thread(sample, at, settings.pow_difficulty))
        created.append(sample.slug)
    return created


def _thread(sample: SampleCommunity, now: int, pow_difficulty: int) -> list[Event]:
    """The opening post and its replies, an hour apart, ending a little before ``now``."""
    first, *replies = sample.thread
    start = now - 3600 * (len(sample.thread) + 1)
    root = builders.post(
        Keypair.generate(), sample.slug, first, created_at=start, pow_difficulty=pow_difficulty
    )
    events = [root]
    for number, text in enumerate(replies, 1):
        events.append(
            builders.post(
                Keypair.generate(),
                sample.slug,
                text,
                reply_to=root,
                created_at=start + 3600 * number,
                pow_difficulty=pow_difficulty,
            )
        )
    return events
