"""Private mailboxes over HTTP: reading and deleting with the mailbox's key, claiming prekeys.

A mailbox is an Ed25519 public key (a persona's, or one derived from a circle's
epoch key). Whoever holds its secret half may read and delete what it holds,
proving so with a ``core/auth`` signature by that key; nobody else learns even
how many events wait there (protocol section 15). Storing happens in the
ordinary publish path (``storage/transaction.py``); this module only serves.

- ``GET /v1/mailbox?to=KEY&cursor=CURSOR&limit=N``: a page like a pull page,
  oldest first, resumable from ``next``.
- ``DELETE /v1/mailbox/{id}``: the recipient stored the event; the relay purges it.
- ``GET /v1/prekeys/{pubkey}``: the persona's newest bundle and one one-time
  prekey id, each id handed out at most once.
"""

from __future__ import annotations

import json
import time
from functools import partial

from starlette.requests import Request
from starlette.responses import Response

from peerhaven.core.auth import AuthError, check_auth
from peerhaven.core.event import HEX64_RE
from peerhaven.core.i18n import _
from peerhaven.relay.errors import RequestRefused
from peerhaven.relay.handlers import Relay
from peerhaven.relay.pages import parse_cursor
from peerhaven.relay.responses import json_response
from peerhaven.relay.storage import mailbox

MAILBOX_PATH = "/v1/mailbox"
#: answers that must never be kept by a cache between the relay and the device
PRIVATE = {"cache-control": "no-store"}


def _signer(request: Request, method: str, path: str) -> str:
    """The key that signed this request, or 401 saying what is wrong."""
    try:
        return check_auth(request.headers.get("authorization"), method, path, "", int(time.time()))
    except AuthError as exc:
        raise RequestRefused(401, "unauthenticated", str(exc)) from exc


async def read_mailbox(relay: Relay, request: Request) -> Response:
    """GET /v1/mailbox?to=KEY&cursor=CURSOR&limit=N, signed by KEY."""
    params = request.query_params
    recipient = params.get("to", "")
    if not HEX64_RE.fullmatch(recipient):
        raise RequestRefused(
            400, "malformed", _("Name the mailbox: ?to= and its key in 64 lowercase hex.")
        )
    after = parse_cursor(params.get("cursor", ""))
    limit = relay.page_limit(params.get("limit"))
    signer = _signer(request, "GET", MAILBOX_PATH)
    if signer != recipient:
        raise RequestRefused(
            403, "forbidden", _("Only the holder of a mailbox's key may read that mailbox.")
        )
    page = await relay.mailbox_page(recipient, after, limit)
    return json_response(request, page.body, headers=PRIVATE)


async def delete_event(relay: Relay, request: Request) -> Response:
    """DELETE /v1/mailbox/{id}, signed by the key of the mailbox that holds it."""
    event_id = request.path_params["event_id"]
    if not HEX64_RE.fullmatch(event_id):
        raise RequestRefused(400, "malformed", _("An event id is 64 lowercase hex characters."))
    signer = _signer(request, "DELETE", f"{MAILBOX_PATH}/{event_id}")
    removed = await relay.writer.run(partial(mailbox.delete, relay.storage, signer, event_id))
    if not removed:
        # the same answer whether the event is elsewhere or nowhere: a key learns
        # nothing about other mailboxes by trying to delete from them
        raise RequestRefused(404, "not-found", _("This mailbox holds no such event."))
    return json_response(request, b'{"deleted":true}', headers=PRIVATE)


async def prekeys(relay: Relay, request: Request) -> Response:
    """GET /v1/prekeys/{pubkey}: ``{"event": BUNDLE, "otpk": ID or null}``."""
    pubkey = request.path_params["pubkey"]
    if not HEX64_RE.fullmatch(pubkey):
        raise RequestRefused(400, "malformed", _("A persona's key is 64 lowercase hex characters."))
    claim = await relay.writer.run(partial(mailbox.claim_prekey, relay.storage, pubkey))
    if claim is None:
        raise RequestRefused(
            404, "not-found", _("This persona has published no prekeys on this relay.")
        )
    body = '{"event":' + claim.body + ',"otpk":' + json.dumps(claim.otpk) + "}"
    return json_response(request, body.encode(), headers=PRIVATE)
