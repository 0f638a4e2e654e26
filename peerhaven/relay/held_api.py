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

from peerhaven.core.auth import AuthError, check_auth
from peerhaven.core.event import SLUG_RE
from peerhaven.relay.errors import RequestRefused
from peerhaven.relay.handlers import Relay
from peerhaven.relay.held import held_posts
from peerhaven.relay.responses import json_response
from peerhaven.relay.storage import queries

PAGE = 100
PATH = "/v1/held"


async def held(relay: Relay, request: Request) -> Response:
    """GET /v1/held?community=SLUG&after=CURSOR, signed by the owner or a moderator."""
    community = request.query_params.get("community", "")
    after_text = request.query_params.get("after", "0") or "0"
    if not SLUG_RE.fullmatch(community):
        raise RequestRefused(400, "malformed", "Name the community: ?community=SLUG.")
    if not after_text.isascii() or not after_text.isdigit() or len(after_text) > 18:
        raise RequestRefused(400, "malformed", "The cursor is not one this relay gave out.")
    now = int(time.time())
    try:
        pubkey = check_auth(request.headers.get("authorization"), "GET", PATH, community, now)
    except AuthError as exc:
        raise RequestRefused(401, "unauthenticated", str(exc)) from exc
    definition = await relay.read(queries.community(community))
    if definition is None:
        raise RequestRefused(404, "not-found", "This relay has no such community.")
    if not definition.is_moderator(pubkey):
        raise RequestRefused(
            403, "forbidden", "Only the community's owner and moderators may see held posts."
        )
    page = await relay.read(held_posts(community, int(after_text), PAGE, now))
    cursor = page.rows[-1][0] if page.rows else int(after_text)
    events = ",".join(body for _, body in page.rows)
    body = f'{{"held":[{events}],"next":"{cursor}","more":{str(page.more).lower()}}}'
    return json_response(request, body.encode(), headers={"cache-control": "no-store"})
