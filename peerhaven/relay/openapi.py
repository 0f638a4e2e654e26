"""The OpenAPI 3.0 description of the relay, served at ``/v1/openapi.json``.

Written by hand from the contract rather than generated, so that it states
the limits of *this* relay (batch size, page size) and every status each
endpoint can really answer; the schemathesis test holds the code to it.
"""

from __future__ import annotations

from typing import Any

from peerhaven import __version__
from peerhaven.relay.settings import RelaySettings

HEX64 = "^[0-9a-f]{64}$"
SLUG = "^[a-z0-9][a-z0-9-]{1,39}$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str, **extra: Any) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
        **extra,
    }


def _errors(*statuses: int) -> dict[str, Any]:
    words = {
        400: "Malformed request.",
        401: "The request is not signed by a persona, or the signature is wrong or stale.",
        403: "The signer is not allowed to read this.",
        404: "Unknown.",
        410: "Gone: deleted by its author, hidden by a moderator, or expired.",
        413: "Too large.",
        422: "The batch holds something that is not an event object.",
        429: "Rate-limited on this connection; see Retry-After.",
        503: "Storage unavailable; try again later.",
    }
    retry = {"Retry-After": {"schema": {"type": "string"}, "description": "Seconds to wait."}}
    out: dict[str, Any] = {}
    for status in (*statuses, 429, 503):
        schema = _ref("Gone") if status == 410 else _ref("Error")
        extra = {"headers": retry} if status in (429, 503) else {}
        out[str(status)] = _json(schema, words[status], **extra)
    return out


def _schemas(settings: RelaySettings) -> dict[str, Any]:
    string = {"type": "string"}
    integer = {"type": "integer"}
    boolean = {"type": "boolean"}
    number = {"type": "number"}
    return {
        "Event": {
            "type": "object",
            "required": [
                "id",
                "pubkey",
                "created_at",
                "kind",
                "community",
                "tags",
                "content",
                "sig",
            ],
            "properties": {
                "id": {"type": "string", "pattern": HEX64},
                "pubkey": {"type": "string", "pattern": HEX64},
                "created_at": {"type": "integer", "minimum": 0},
                "kind": string,
                "community": string,
                "tags": {"type": "array", "items": {"type": "array", "items": string}},
                "content": string,
                "sig": {"type": "string", "pattern": "^[0-9a-f]{128}$"},
            },
        },
        "Result": {
            "type": "object",
            "required": ["id", "status", "reason"],
            "properties": {
                "id": string,
                "status": {"type": "string", "enum": ["accepted", "duplicate", "rejected"]},
                "reason": {"type": "string", "nullable": True},
            },
        },
        "Page": {
            "type": "object",
            "required": ["events", "next", "more"],
            "properties": {
                "events": {"type": "array", "items": _ref("Event")},
                "next": {"type": "string", "description": "The cursor to pass as `after` next."},
                "more": boolean,
            },
        },
        "Error": {
            "type": "object",
            "required": ["error", "detail"],
            "properties": {"error": string, "detail": string},
        },
        "Gone": {
            "type": "object",
            "required": ["error", "detail"],
            "properties": {
                "error": {"type": "string", "enum": ["deleted", "hidden", "expired"]},
                "detail": string,
                "deletion": {"type": "string", "pattern": HEX64},
            },
        },
        "Info": {
            "type": "object",
            "required": ["name", "software", "version", "protocol", "limits", "policies"],
            "properties": {
                "name": string,
                "software": string,
                "version": string,
                "protocol": integer,
                "limits": {
                    "type": "object",
                    "additionalProperties": number,
                    "required": [
                        "max_content_bytes",
                        "max_batch",
                        "max_clock_skew",
                        "pow_difficulty",
                        "page_max",
                        "max_body_bytes",
                    ],
                },
                "policies": {"type": "object", "additionalProperties": boolean},
            },
        },
        "Health": {
            "type": "object",
            "required": ["status", "storage", "process"],
            "properties": {
                "status": {"type": "string", "enum": ["ok", "unavailable"]},
                "storage": {"type": "string", "enum": ["sqlite", "postgresql"]},
                "process": {
                    "type": "object",
                    "required": ["pid", "requests"],
                    "properties": {"pid": integer, "requests": integer},
                },
            },
        },
    }


def _moderator_list(
    key: str, summary: str, answer: str, *, description: str | None = None
) -> dict[str, Any]:
    """A list only the owner and moderators may read, asked for with a signed request:
    ``/v1/reports`` and ``/v1/held`` take the same query and answer the same shape."""
    operation: dict[str, Any] = {
        "summary": summary,
        "parameters": [
            {
                "name": "community",
                "in": "query",
                "required": True,
                "schema": {"type": "string", "pattern": SLUG},
            },
            {
                "name": "after",
                "in": "query",
                "schema": {"type": "string", "pattern": "^[0-9]{0,18}$"},
            },
            {
                "name": "Authorization",
                "in": "header",
                # without it the answer is 401, as HTTP asks, not 400
                "required": False,
                "schema": {"type": "string"},
                "description": "PeerHaven pubkey=HEX, ts=UNIX, sig=HEX",
            },
        ],
        "responses": {
            "200": _json(
                {
                    "type": "object",
                    "required": [key, "next", "more"],
                    "properties": {
                        key: {"type": "array", "items": _ref("Event")},
                        "next": {"type": "string"},
                        "more": {"type": "boolean"},
                    },
                },
                answer,
            ),
            **_errors(400, 401, 403, 404),
        },
    }
    if description:
        operation["description"] = description
    return {"get": operation}


_AUTHORIZATION = {
    "name": "Authorization",
    "in": "header",
    # without it the answer is 401, as HTTP asks, not 400
    "required": False,
    "schema": {"type": "string"},
    "description": "PeerHaven pubkey=HEX, ts=UNIX, sig=HEX, signed by the mailbox's key",
}


def _mailbox_paths(settings: RelaySettings) -> dict[str, Any]:
    """Private mailboxes and prekey claims (protocol section 15)."""
    hex_path = {"type": "string", "pattern": HEX64}
    return {
        "/v1/mailbox": {
            "get": {
                "summary": "A mailbox's events after a cursor, oldest first (its key only).",
                "description": "Mailbox events (`dm`, `circle`) addressed by their one `to` "
                "tag to KEY, unexpired. The request is signed by KEY (GET /v1/mailbox, "
                "community empty).",
                "parameters": [
                    {
                        "name": "to",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "pattern": HEX64},
                    },
                    {
                        "name": "cursor",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "pattern": "^[0-9]{0,18}$"},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": settings.page_max},
                    },
                    _AUTHORIZATION,
                ],
                "responses": {
                    "200": _json(_ref("Page"), "A page of the mailbox."),
                    **_errors(400, 401, 403),
                },
            }
        },
        "/v1/mailbox/{event_id}": {
            "delete": {
                "summary": "Purge an event the recipient stored (its mailbox's key only).",
                "description": "Signed by the key of the mailbox holding the event (DELETE "
                "/v1/mailbox/ID). An event of another mailbox is answered 404, like a "
                "missing one.",
                "parameters": [
                    {"name": "event_id", "in": "path", "required": True, "schema": hex_path},
                    _AUTHORIZATION,
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["deleted"],
                            "properties": {"deleted": {"type": "boolean"}},
                        },
                        "Purged.",
                    ),
                    **_errors(400, 401, 404),
                },
            }
        },
        "/v1/prekeys/{pubkey}": {
            "get": {
                "summary": "A persona's newest prekey bundle and one unclaimed one-time id.",
                "description": "Each one-time prekey id is handed out at most once; `otpk` is "
                "null when every one was taken.",
                "parameters": [
                    {"name": "pubkey", "in": "path", "required": True, "schema": hex_path}
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["event", "otpk"],
                            "properties": {
                                "event": _ref("Event"),
                                "otpk": {"type": "integer", "nullable": True},
                            },
                        },
                        "The bundle and the id claimed for this request.",
                    ),
                    **_errors(400, 404),
                },
            }
        },
    }


def openapi_document(settings: RelaySettings) -> dict[str, Any]:
    """The schema, with this relay's limits filled in."""
    etag = {"ETag": {"schema": {"type": "string"}, "description": "Pass as If-None-Match."}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "PeerHaven relay", "version": __version__},
        "paths": {
            "/v1/info": {
                "get": {
                    "summary": "Relay name, software, limits and privacy policies.",
                    "responses": {"200": _json(_ref("Info"), "About this relay."), **_errors()},
                }
            },
            "/v1/health": {
                "get": {
                    "summary": "Liveness and storage check; requests this process served.",
                    "responses": {
                        "200": _json(_ref("Health"), "Healthy."),
                        "503": _json(_ref("Health"), "Storage unavailable."),
                    },
                }
            },
            "/v1/ping": {
                "get": {
                    "summary": "Does nothing: the framework's ceiling for benchmarks.",
                    "responses": {"200": _json({"type": "object"}, "Nothing."), **_errors()},
                }
            },
            "/v1/communities": {
                "get": {
                    "summary": "The current definition event of every community.",
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["communities"],
                                "properties": {
                                    "communities": {"type": "array", "items": _ref("Event")}
                                },
                            },
                            "Definitions, by slug.",
                        ),
                        **_errors(),
                    },
                }
            },
            "/v1/events": {
                "get": {
                    "summary": "Public events of one feed after a cursor, oldest first.",
                    "description": "Without `community` (or with it empty) the feed is the "
                    "relay-wide one of `profile` events. Reports and mailbox events (`dm`, "
                    "`circle`) are never served here.",
                    "parameters": [
                        {
                            "name": "community",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "pattern": f"{SLUG}|^$"},
                        },
                        {
                            "name": "after",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "pattern": "^[0-9]{0,18}$"},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": settings.page_max,
                            },
                        },
                        {
                            "name": "If-None-Match",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {
                        "200": _json(_ref("Page"), "A page of events.", headers=etag),
                        "304": {"description": "Unchanged since the ETag given.", "headers": etag},
                        **_errors(400),
                    },
                },
                "post": {
                    "summary": "Publish a batch of events; one result per event, in order.",
                    "description": "The body may be sent with `Content-Encoding: gzip`; its "
                    f"size, as sent and inflated, is at most {settings.max_body_bytes} bytes.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    # Any object is taken and judged on its own: an event that
                                    # breaks the Event schema gets a per-event "rejected".
                                    "items": {"type": "object"},
                                    "minItems": 1,
                                    "maxItems": settings.max_batch,
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": _json(
                            {"type": "array", "items": _ref("Result")},
                            "One result per event, in order.",
                            headers={
                                "Retry-After": {
                                    "schema": {"type": "string"},
                                    "description": "Set when an event was rate-limited.",
                                }
                            },
                        ),
                        **_errors(400, 413, 422),
                        "429": _json(
                            {"oneOf": [_ref("Error"), {"type": "array", "items": _ref("Result")}]},
                            "Rate-limited on this connection, or every event of the batch went "
                            "to a mailbox that is full for today (then one result per event).",
                            headers={
                                "Retry-After": {
                                    "schema": {"type": "string"},
                                    "description": "Seconds to wait.",
                                }
                            },
                        ),
                    },
                },
            },
            "/v1/events/{event_id}": {
                "get": {
                    "summary": "One event by id.",
                    "parameters": [
                        {
                            "name": "event_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": HEX64},
                        }
                    ],
                    "responses": {
                        "200": _json(_ref("Event"), "The event."),
                        **_errors(400, 404, 410),
                    },
                }
            },
            "/v1/stream": {
                "get": {
                    "summary": "Live feeds: new pages as server-sent events.",
                    "description": "Holds the connection open. For each feed named as "
                    "`feed=SLUG:CURSOR` (a cursor from a pull or from an earlier page; empty "
                    "for the start), sends every page after the cursor as an event `page` "
                    "whose data is a pull's page with `community` added, then one event "
                    "`caught-up`, then each new page as it commits. Comment lines are "
                    "heartbeats. Resume after a disconnect with the last `next` of each feed: "
                    "nothing is missed or repeated. Beyond the relay's `max_streams` "
                    "(see /v1/info) it answers 503 with Retry-After. Mailboxes are followed "
                    "as `mailbox=KEY:CURSOR`, each proven by one `PeerHaven-Mailbox` header "
                    "(a signature by KEY of GET /v1/stream, as in Authorization); their pages "
                    "name `mailbox` instead of `community`. At least one feed or mailbox.",
                    "parameters": [
                        {
                            "name": "mailbox",
                            "in": "query",
                            "required": False,
                            "style": "form",
                            "explode": True,
                            "schema": {
                                "type": "array",
                                "maxItems": 16,
                                "items": {"type": "string", "pattern": "^[0-9a-f]{64}:[0-9]*$"},
                            },
                        },
                        {
                            "name": "PeerHaven-Mailbox",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": "PeerHaven pubkey=HEX, ts=UNIX, sig=HEX (one per "
                            "mailbox; the header may repeat)",
                        },
                        {
                            "name": "feed",
                            "in": "query",
                            "required": False,
                            "style": "form",
                            "explode": True,
                            "schema": {
                                "type": "array",
                                "maxItems": 64,
                                "items": {"type": "string", "pattern": "^[a-z0-9-]*:[0-9]*$"},
                            },
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "description": "Events a page holds at most (default page_default).",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": settings.page_max,
                            },
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "An endless stream of server-sent events.",
                            "content": {"text/event-stream": {"schema": {"type": "string"}}},
                        },
                        **_errors(400, 401),
                    },
                }
            },
            **_mailbox_paths(settings),
            "/v1/reports": _moderator_list(
                "reports",
                "Reports sealed to the signing moderator (owner or mod only).",
                "Reports addressed to the signer, oldest first.",
            ),
            "/v1/held": _moderator_list(
                "held",
                "Posts held for approval (owner or mod only).",
                "Held posts of the community, oldest first.",
                description="What waits now, oldest first; a client reads it from the start "
                "on each sync. `restore` approves a post, `hide` declines it.",
            ),
            "/v1/openapi.json": {
                "get": {
                    "summary": "This document.",
                    "responses": {"200": _json({"type": "object"}, "The OpenAPI schema.")},
                }
            },
        },
        "components": {"schemas": _schemas(settings)},
    }
