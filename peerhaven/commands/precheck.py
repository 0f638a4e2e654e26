"""How the CLI acts on ``safety.precheck``: refuse personal details, offer crisis lines.

``peerhaven post`` and ``peerhaven persona profile`` share these so they say the
same thing in the same words; the terminal app acts on the same ``Precheck`` with
its guard and crisis-offer dialogs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from peerhaven.core.i18n import N_, _
from peerhaven.core.inert import inert

if TYPE_CHECKING:
    from peerhaven.safety.precheck import Precheck
    from peerhaven.store import Store


def refuse_personal_details(check: Precheck) -> None:
    """Refuse text that seems to carry personal details, naming what was found."""
    from peerhaven.store.errors import BadInput

    if check.has_personal_details:
        found = ", ".join(f'"{f.text}"' for f in check.findings[:5])
        raise BadInput(
            _(
                "{describe_findings} ({found}) Nothing was posted: edit it, or add "
                "--allow-personal to publish it anyway."
            ).format(describe_findings=check.describe_findings(), found=found)
        )


#: the crisis offer's first sentence per kind of text, whole: a word such as "post" filled
#: into a translated sentence would stay English (and take the wrong gender) elsewhere
KIND_WORDS = {
    "post": N_(
        "It sounds like things may be very hard right now. Your post will still be "
        "shared;\nif it helps, people are there to talk to at any hour (only you see "
        "this):\n"
    ),
    "edit": N_(
        "It sounds like things may be very hard right now. Your edit will still be "
        "shared;\nif it helps, people are there to talk to at any hour (only you see "
        "this):\n"
    ),
    "message": N_(
        "It sounds like things may be very hard right now. Your message will still be "
        "sent;\nif it helps, people are there to talk to at any hour (only you see "
        "this):\n"
    ),
    "circle post": N_(
        "It sounds like things may be very hard right now. Your circle post will still be "
        "shared;\nif it helps, people are there to talk to at any hour (only you see "
        "this):\n"
    ),
    "profile": N_(
        "It sounds like things may be very hard right now. Your profile will still be "
        "shared;\nif it helps, people are there to talk to at any hour (only you see "
        "this):\n"
    ),
}


def offer_crisis_support(
    store: Store, check: Precheck, slug: str | None, *, what: str = "post"
) -> None:
    """Gently show crisis lines to the author alone (on stderr) unless the ``crisis_prompt``
    setting is off; never blocks, reports or sends. ``slug`` adds the community's own
    lines (a profile belongs to no community)."""
    from peerhaven.safety.crisis import format_resources, resources_for
    from peerhaven.store.communities import community_crisis_lines
    from peerhaven.store.settings import get_setting

    if not check.offers_crisis_support or not get_setting(store, "crisis_prompt"):
        return
    print(_(KIND_WORDS.get(what, KIND_WORDS["post"])), file=sys.stderr)
    lines = community_crisis_lines(store, slug) if slug else None
    # a community's own lines are its owner's words: made inert like any other
    resources = format_resources(resources_for(get_setting(store, "country"), lines))
    print(inert(resources), file=sys.stderr)
    print(_("\n(`peerhaven settings crisis_prompt false` turns this note off.)\n"), file=sys.stderr)
