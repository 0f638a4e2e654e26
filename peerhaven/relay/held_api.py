"""``GET /v1/held``: posts waiting for approval, for the community's moderators only.

Held posts are never in public pulls or single-event GETs. The owner and the
``mod``-tagged keys of a community list them with a signed request
(``core.auth``), as they list reports, and decide with ordinary ``moderate``
events: ``restore`` approves, ``hide`` declines (``peerhaven.relay.held``).

The list is a snapshot of what waits *now*: a released or declined post leaves
it, so a client reads it from the start on every sync (``next`` pages through
one listing) and replaces what it held before.
"""

from __future__ import annotations

import time

from starlette.requests import Request
from starlette.responses import Response

from peerhaven.relay.handlers import Relay
from peerhaven.relay.held import held_posts
from peerhaven.relay.reports_api import moderator_request
from peerhaven.relay.responses import json_response

PAGE = 100
PATH = "/v1/held"


async def held(relay: Relay, request: Request) -> Response:
    """GET /v1/held?community=SLUG&after=CURSOR, signed by the owner or a moderator."""
    asked = await moderator_request(relay, request, PATH, "see held posts")
    page = await relay.read(held_posts(asked.community, asked.after, PAGE, int(time.time())))
    cursor = page.rows[-1][0] if page.rows else asked.after
    events = ",".join(body for _, body in page.rows)
    body = f'{{"held":[{events}],"next":"{cursor}","more":{str(page.more).lower()}}}'
    return json_response(request, body.encode(), headers={"cache-control": "no-store"})
