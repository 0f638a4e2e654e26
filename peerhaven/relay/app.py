"""``create_app(settings)``: the relay as an ASGI app, from routes, a lifespan and two guards.

The lifespan opens the store, starts the group-commit writer and the expiry
purge, and on shutdown (after the server has finished in-flight requests)
commits whatever is still queued before closing. The outer guard counts
requests and applies the per-connection rate limit before Starlette sees a
request; error handlers turn every refusal into the contract's JSON shape.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from peerhaven.relay.errors import RequestRefused
from peerhaven.relay.feedversions import FeedVersions
from peerhaven.relay.handlers import Relay
from peerhaven.relay.held_api import held
from peerhaven.relay.mailbox_api import delete_event, prekeys, read_mailbox
from peerhaven.relay.openapi import openapi_document
from peerhaven.relay.operator_key import load_operator_key
from peerhaven.relay.policy import Rules
from peerhaven.relay.ratelimit import Buckets, ConnectionKeys, retry_after
from peerhaven.relay.reports_api import reports
from peerhaven.relay.responses import dumps, error_body, json_response, refused
from peerhaven.relay.settings import RelaySettings
from peerhaven.relay.storage import open_storage
from peerhaven.relay.writer import GroupWriter

log = logging.getLogger("peerhaven.relay")

_STATUS_CODES = {404: "not-found", 405: "method-not-allowed"}


class RelayApp:
    """The ASGI entry point: counts requests, limits connections, then routes."""

    def __init__(self, settings: RelaySettings) -> None:
        self.settings = settings
        self.relay: Relay | None = None
        self._connections = Buckets(settings.connection_rate, settings.connection_burst)
        self._keys = ConnectionKeys()
        self.requests = 0
        self.starlette = Starlette(
            routes=self._routes(),
            lifespan=self._lifespan,
            exception_handlers={
                RequestRefused: self._refused,
                HTTPException: self._http_error,
                Exception: self._internal_error,
            },
        )
        self._openapi = dumps(openapi_document(settings))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.requests += 1
            if self.relay is not None:
                self.relay.requests = self.requests
            if scope["path"] != "/v1/health":
                wait = self._connections.take(self._keys.key(scope.get("client")))
                if wait:
                    await _too_many(scope, receive, send, retry_after(wait))
                    return
        await self.starlette(scope, receive, send)

    def _routes(self) -> list[Route]:
        def call(name: str) -> Any:
            async def endpoint(request: Request) -> Response:
                if self.relay is None:
                    raise RequestRefused(503, "unavailable", "The relay is starting.")
                handler = getattr(self.relay, name)
                response: Response = await handler(request)
                return response

            return endpoint

        return [
            Route("/v1/info", call("info"), methods=["GET"]),
            Route("/v1/health", call("health"), methods=["GET"]),
            Route("/v1/ping", call("ping"), methods=["GET"]),
            Route("/v1/communities", call("communities"), methods=["GET"]),
            Route("/v1/events", call("events"), methods=["GET", "POST"]),
            Route("/v1/events/{event_id}", call("event"), methods=["GET"]),
            Route("/v1/stream", call("stream"), methods=["GET"]),
            Route("/v1/reports", self._reports, methods=["GET"]),
            Route("/v1/held", self._held, methods=["GET"]),
            Route("/v1/mailbox", self._with_relay(read_mailbox), methods=["GET"]),
            Route("/v1/mailbox/{event_id}", self._with_relay(delete_event), methods=["DELETE"]),
            Route("/v1/prekeys/{pubkey}", self._with_relay(prekeys), methods=["GET"]),
            Route("/v1/openapi.json", self._schema, methods=["GET"]),
        ]

    def _with_relay(self, handler: Callable[[Relay, Request], Awaitable[Response]]) -> Any:
        """An endpoint calling ``handler`` with the relay once it has started."""

        async def endpoint(request: Request) -> Response:
            if self.relay is None:
                raise RequestRefused(503, "unavailable", "The relay is starting.")
            return await handler(self.relay, request)

        return endpoint

    async def _reports(self, request: Request) -> Response:
        if self.relay is None:
            raise RequestRefused(503, "unavailable", "The relay is starting.")
        return await reports(self.relay, request)

    async def _held(self, request: Request) -> Response:
        if self.relay is None:
            raise RequestRefused(503, "unavailable", "The relay is starting.")
        return await held(self.relay, request)

    async def _schema(self, request: Request) -> Response:
        return json_response(request, self._openapi)

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        settings = self.settings
        loop = asyncio.get_running_loop()
        storage = await loop.run_in_executor(None, open_storage, settings)
        operator = await loop.run_in_executor(None, load_operator_key, settings.data_dir)
        rules = Rules(
            operators=frozenset({operator.pubkey}),
            open_communities=settings.open_communities,
            edit_window=settings.edit_window,
            mailbox_retention=settings.mailbox_retention,
            mailbox_per_recipient=settings.mailbox_per_recipient,
        )
        versions = FeedVersions(settings.database_url)
        versions.start()

        def committed() -> None:
            versions.forget_all()
            if self.relay is not None:
                self.relay.hub.poke()

        writer = GroupWriter(storage, rules, on_commit=committed)
        writer.start()
        self.relay = Relay(settings, storage, writer, versions)
        versions.on_change = self.relay.hub.poke
        self.relay.hub.start()
        purge = loop.create_task(self._purge_forever(writer))
        try:
            yield
        finally:
            purge.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purge
            await writer.close()
            await versions.close()
            await self.relay.close()
            storage.close()  # every thread's connection, now that all threads are idle
            log.info(
                "relay process stopping: served %d requests in %d write transactions",
                self.requests,
                writer.transactions,
            )

    async def _purge_forever(self, writer: GroupWriter) -> None:
        while True:
            try:
                removed = await writer.purge_expired()
                if removed:
                    log.info("purged %d expired events", removed)
            except Exception as exc:
                log.warning("purging expired events failed: %s", type(exc).__name__)
            await asyncio.sleep(self.settings.purge_interval)

    async def _refused(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestRefused)
        return refused(request, exc)

    async def _http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = _STATUS_CODES.get(exc.status_code, "error")
        detail = "No such endpoint." if exc.status_code == 404 else str(exc.detail)
        if exc.status_code == 405:
            detail = "This endpoint does not take that method."
        return json_response(
            request,
            error_body(code, detail),
            status=exc.status_code,
            headers=dict(exc.headers or {}),
        )

    async def _internal_error(self, request: Request, exc: Exception) -> Response:
        # Never the request itself in the log: only what kind of fault it was.
        log.error("storage or internal fault: %s", type(exc).__name__)
        return json_response(
            request,
            error_body("unavailable", "The relay cannot serve this right now; try again later."),
            status=503,
            headers={"retry-after": "5"},
        )


async def _too_many(scope: Scope, receive: Receive, send: Send, seconds: int) -> None:
    body = error_body("rate-limited", "Too many requests on this connection; slow down.")
    response = Response(
        body,
        status_code=429,
        headers={"retry-after": str(seconds)},
        media_type="application/json",
    )
    await response(scope, receive, send)


def create_app(settings: RelaySettings) -> ASGIApp:
    """The relay app for these settings (storage opens in its lifespan)."""
    return RelayApp(settings)
