"""``GET /v1/reports``: reports, for the moderators they are sealed to, and nobody else.

Public pulls never include reports, so members do not learn who reported what.
A moderator asks with a signed request (``core.auth``); the relay answers only
the community's owner or a ``mod``-tagged key, and only with reports whose
``to`` tags name that key. The reasons inside are sealed: the relay serves
ciphertext it cannot read.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from peerhaven.core.auth import AuthError, check_auth
from peerhaven.core.event import SLUG_RE
from peerhaven.relay.errors import RequestRefused
from peerhaven.relay.handlers import Relay
from peerhaven.relay.responses import json_response
from peerhaven.relay.storage import queries

PAGE = 100


def _addressed_to(body: str, pubkey: str) -> bool:
    tags = json.loads(body).get("tags", [])
    return any(len(tag) > 1 and tag[0] == "to" and tag[1] == pubkey for tag in tags)


@dataclass(frozen=True, slots=True)
class ModeratorRequest:
    """A checked request to a moderators-only list: whose, where, and from which cursor."""

    community: str
    after: int
    pubkey: str


async def moderator_request(
    relay: Relay, request: Request, path: str, what: str
) -> ModeratorRequest:
    """Check the query, the signature and the signer's authority over the community.

    Shared by every list only the owner and moderators may read (reports, held
    posts), so each refuses the same bad input with the same status and words.
    """
    community = request.query_params.get("community", "")
    after_text = request.query_params.get("after", "0") or "0"
    if not SLUG_RE.fullmatch(community):
        raise RequestRefused(400, "malformed", "Name the community: ?community=SLUG.")
    if not after_text.isascii() or not after_text.isdigit() or len(after_text) > 18:
        raise RequestRefused(400, "malformed", "The cursor is not one this relay gave out.")
    try:
        pubkey = check_auth(
            request.headers.get("authorization"), "GET", path, community, int(time.time())
        )
    except AuthError as exc:
        raise RequestRefused(401, "unauthenticated", str(exc)) from exc
    definition = await relay.read(queries.community(community))
    if definition is None:
        raise RequestRefused(404, "not-found", "This relay has no such community.")
    if not definition.is_moderator(pubkey):
        raise RequestRefused(
            403, "forbidden", f"Only the community's owner and moderators may {what}."
        )
    return ModeratorRequest(community, int(after_text), pubkey)


async def reports(relay: Relay, request: Request) -> Response:
    """GET /v1/reports?community=SLUG&after=CURSOR, signed by a moderator."""
    asked = await moderator_request(relay, request, "/v1/reports", "read its reports")
    page = await relay.read(
        queries.reports(asked.community, asked.after, PAGE, planned_once=relay.planned_once)
    )
    mine = [body for _, body in page.rows if _addressed_to(body, asked.pubkey)]
    cursor = page.rows[-1][0] if page.rows else asked.after
    body = f'{{"reports":[{",".join(mine)}],"next":"{cursor}","more":{str(page.more).lower()}}}'
    return json_response(request, body.encode(), headers={"cache-control": "no-store"})
