"""The HTTP side of the protocol: one relay, as few bytes and as little identity as possible.

Every request looks the same from every device: one generic User-Agent, no
cookies kept, no client headers beyond what HTTP needs. Bodies over 1 KiB go
gzip-compressed, answers come gzip-compressed, and pulls carry the last ETag so
an unchanged feed costs a 304. A proxy (``socks5://127.0.0.1:9050`` for Tor)
routes everything, DNS included when given as ``socks5h://``.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import Any

import httpx

from peerhaven.sync.errors import (
    RelayBroken,
    RelayRateLimited,
    RelayRefused,
    RelayUnreachable,
    unreachable_words,
)

USER_AGENT = "PeerHaven/1"
GZIP_FROM = 1024


@dataclass(frozen=True, slots=True)
class Pull:
    """One page of a community feed, or ``not_modified`` when the ETag still matched."""

    events: list[Any]
    next: str | None
    more: bool
    etag: str | None
    not_modified: bool = False


@dataclass
class Traffic:
    """What went over the wire: requests and bytes as sent and received (compressed)."""

    requests: int = 0
    sent: int = 0
    received: int = 0


class RelayClient:
    """A connection to one relay; ``transport`` lets tests join client and relay in-process."""

    def __init__(
        self,
        url: str,
        *,
        proxy: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 15.0,
    ) -> None:
        self.url = url.rstrip("/")
        self.traffic = Traffic()
        self._http = httpx.Client(
            base_url=self.url,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"},
            proxy=proxy,
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            event_hooks={"response": [self._forget_cookies]},
        )

    def _forget_cookies(self, response: httpx.Response) -> None:
        # no cookie ever survives a response: a relay cannot tag this device
        self._http.cookies.clear()

    def _measure(self, response: httpx.Response) -> None:
        """Bytes on the wire: headers as sent and received, bodies as compressed."""
        request = response.request
        self.traffic.requests += 1
        self.traffic.sent += (
            len(request.method) + len(request.url.raw_path) + 12
            + sum(len(k) + len(v) + 4 for k, v in request.headers.raw)
            + len(request.content or b"")
        )  # fmt: skip
        self.traffic.received += (
            17 + sum(len(k) + len(v) + 4 for k, v in response.headers.raw)
            + response.num_bytes_downloaded
        )  # fmt: skip

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> RelayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ----------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
            response.read()
            self._measure(response)
        except httpx.TimeoutException as exc:
            raise RelayUnreachable(f"{self.url} did not answer in time.") from exc
        except httpx.ProxyError as exc:
            raise RelayUnreachable(f"The proxy refused the connection to {self.url}.") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise RelayUnreachable(unreachable_words(self.url, exc)) from exc
        if response.status_code == 429:
            retry = response.headers.get("retry-after", "")
            raise RelayRateLimited(
                f"{self.url} asks us to slow down.", int(retry) if retry.isdigit() else 60
            )
        if response.status_code >= 500:
            raise RelayUnreachable(f"{self.url} is having trouble (HTTP {response.status_code}).")
        if response.status_code >= 400:
            code, detail = "error", ""
            try:
                body = response.json()
                code, detail = str(body.get("error", code)), str(body.get("detail", ""))
            except (ValueError, AttributeError):
                pass
            raise RelayRefused(
                f"{self.url} refused the request ({code}): {detail or response.reason_phrase}",
                response.status_code,
                code,
            )
        return response

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise RelayBroken(f"{self.url} answered with something that is not JSON.") from exc

    def info(self) -> dict[str, Any]:
        """``/v1/info``: name, limits and policies."""
        body = self._json(self._request("GET", "/v1/info"))
        if not isinstance(body, dict):
            raise RelayBroken(f"{self.url} answered /v1/info with something unexpected.")
        return body

    def communities(self) -> list[Any]:
        """Every community definition the relay serves (unverified: the caller checks)."""
        body = self._json(self._request("GET", "/v1/communities"))
        if not isinstance(body, dict) or not isinstance(body.get("communities"), list):
            raise RelayBroken(f"{self.url} answered /v1/communities with something unexpected.")
        return list(body["communities"])

    def publish(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send a batch; returns one result per event, in order."""
        raw = json.dumps(events, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json"}
        if len(raw) >= GZIP_FROM:
            raw = gzip.compress(raw, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        body = self._json(self._request("POST", "/v1/events", content=raw, headers=headers))
        if not isinstance(body, list) or len(body) != len(events):
            raise RelayBroken(f"{self.url} did not answer for every event it was sent.")
        return body

    def pull(self, community: str, after: str | None, limit: int, etag: str | None) -> Pull:
        """One page of a community after ``after``; a 304 when ``etag`` still matches."""
        params: dict[str, str | int] = {"community": community, "limit": limit}
        if after:
            params["after"] = after
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/v1/events", params=params, headers=headers)
        if response.status_code == 304:
            return Pull([], after, False, etag, not_modified=True)
        body = self._json(response)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("events"), list)
            or not isinstance(body.get("more"), bool)
            or not isinstance(body.get("next"), str | None)
        ):
            raise RelayBroken(f"{self.url} answered a pull with something unexpected.")
        return Pull(body["events"], body["next"], body["more"], response.headers.get("etag"))

    def reports(self, community: str, after: str | None, authorization: str) -> Pull:
        """Reports sealed to the signing moderator (``GET /v1/reports``)."""
        return self._moderator_list("/v1/reports", "reports", community, after, authorization)

    def held(self, community: str, after: str | None, authorization: str) -> Pull:
        """Posts the relay holds for approval, for the signing moderator (``GET /v1/held``)."""
        return self._moderator_list("/v1/held", "held", community, after, authorization)

    def _moderator_list(
        self, path: str, key: str, community: str, after: str | None, authorization: str
    ) -> Pull:
        """One page of a list only moderators may read, checked for its shape."""
        params = {"community": community}
        if after:
            params["after"] = after
        response = self._request(
            "GET", path, params=params, headers={"Authorization": authorization}
        )
        body = self._json(response)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get(key), list)
            or not isinstance(body.get("more"), bool)
            or not isinstance(body.get("next"), str | None)
        ):
            raise RelayBroken(f"{self.url} answered {path} with something unexpected.")
        return Pull(body[key], body.get("next"), body["more"], None)

    def event(self, event_id: str) -> Any | None:
        """One event as the relay serves it publicly; None when it serves none (404, 410)."""
        try:
            response = self._request("GET", f"/v1/events/{event_id}")
        except RelayRefused as exc:
            if exc.status in (404, 410):
                return None
            raise
        return self._json(response)
