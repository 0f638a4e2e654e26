"""The HTTP side of the protocol: one relay, as few bytes and as little identity as possible.

Every request looks the same from every device: one generic User-Agent, no
cookies kept, no client headers beyond what HTTP needs. Bodies over 1 KiB go
gzip-compressed, answers come gzip-compressed, and pulls carry the last ETag so
an unchanged feed costs a 304. A proxy (``socks5://127.0.0.1:9050`` for Tor)
routes everything, DNS included when given as ``socks5h://``.

Nothing a relay sends is trusted to be small or quick: answers are read as a
stream, raw bytes counted against a cap and inflated with a cap of their own,
so memory stays bounded whatever arrives; a round's deadline shortens every
timeout, and ``abort`` (from the engine's watch, in another thread) shuts the
relay's sockets, which ends a read that a byte-a-second relay keeps alive.
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

import httpx

from peerhaven.core.auth import auth_header
from peerhaven.core.event import HEX64_RE, MAILBOX_KINDS, Event
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair
from peerhaven.store.outbox import REASON_WORDS, reason_words
from peerhaven.sync.budget import DEFAULT_BUDGET, Round, RoundBudget, overtime_words
from peerhaven.sync.errors import (
    RelayBroken,
    RelayRateLimited,
    RelayRefused,
    RelayTooLarge,
    RelayTooSlow,
    RelayUnreachable,
    StreamBusy,
    StreamLost,
    StreamUnsupported,
    unreachable_words,
)

USER_AGENT = "PeerHaven/1"
#: the header proving a mailbox followed on a live stream (one per mailbox)
MAILBOX_PROOF = "PeerHaven-Mailbox"
MAILBOX_PATH = "/v1/mailbox"
GZIP_FROM = 1024
#: sockets remembered per relay so ``abort`` can shut them (a pool keeps a few at most)
STREAMS_KEPT = 16

#: JSON values one event may hold: its fields, and up to 64 tags of 8 items (the protocol's
#: limits); an item beyond this is no event, and is handed on as ``None`` (refused as malformed)
EVENT_VALUES = 640

#: a context entered around every wait on the network (the engine gives its store turn up)
Waiting = Callable[[], AbstractContextManager[None]]


@dataclass(frozen=True, slots=True)
class PrekeyClaim:
    """``GET /v1/prekeys/{pubkey}``: the bundle event as served, and the one-time id claimed."""

    event: Any
    otpk: int | None


@dataclass(frozen=True, slots=True)
class Pull:
    """One page of a community feed, or ``not_modified`` when the ETag still matched."""

    events: list[Any]
    next: str | None
    more: bool
    etag: str | None
    #: bytes of the answer once inflated (0 for a 304)
    size: int = 0
    not_modified: bool = False


@dataclass
class Traffic:
    """What went over the wire: requests and bytes as sent and received (compressed)."""

    requests: int = 0
    sent: int = 0
    received: int = 0


@dataclass(frozen=True, slots=True)
class Answer:
    """A relay's answer, read whole within the caps."""

    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


class RelayClient:
    """A connection to one relay; ``transport`` lets tests join client and relay in-process."""

    def __init__(
        self,
        url: str,
        *,
        proxy: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 15.0,
        budget: RoundBudget = DEFAULT_BUDGET,
        waiting: Waiting = nullcontext,
    ) -> None:
        self.url = url.rstrip("/")
        self.traffic = Traffic()
        self.timeout = timeout
        self.budget = budget
        self.waiting = waiting
        #: the round under way (set by the engine): its deadline bounds every request
        self.round: Round | None = None
        self._guard = threading.Lock()
        self._streams: deque[Any] = deque(maxlen=STREAMS_KEPT)
        self._aborted: str | None = None
        #: when the request in flight started waiting for headers, or its body started
        self._headers_since: float | None = None
        self._body_since: float | None = None
        self._body_bytes = 0
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

    def _measure(self, response: httpx.Response, sent: int) -> None:
        """Bytes on the wire: headers as sent and received, bodies as compressed."""
        request = response.request
        self.traffic.requests += 1
        self.traffic.sent += (
            len(request.method) + len(request.url.raw_path) + 12
            + sum(len(k) + len(v) + 4 for k, v in request.headers.raw)
            + sent
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

    # -- the watch: safe to call from another thread ------------------------------

    @property
    def aborted(self) -> bool:
        """Whether ``abort`` cut this client off (the engine then replaces it)."""
        return self._aborted is not None

    def overdue(self) -> str | None:
        """Why the request in flight should be cut off now, in words; None while it is fine."""
        at = time.monotonic()
        if self.round is not None and self.round.remaining() <= 0:
            return overtime_words(self.url, self.budget)
        since = self._headers_since
        if since is not None and at - since > self.timeout:
            return _("{url} did not start its answer within {timeout:g} s.").format(
                url=self.url, timeout=self.timeout
            )
        body_since = self._body_since
        if body_since is not None:
            return self._pace_words(at - body_since, self._body_bytes)
        return None

    def abort(self, reason: str) -> None:
        """Cut the relay off: every read in flight ends at once and fails with ``reason``.

        Shutting a socket down (not closing it, which another thread may still be
        reading) wakes a blocked read at once on every platform we run on.
        """
        with self._guard:
            if self._aborted is None:
                self._aborted = reason
            streams = list(self._streams)
        for stream in streams:
            _shut(stream)

    def _trace(self, name: str, info: dict[str, Any]) -> None:
        """httpcore's trace: remember each new socket, and when headers are awaited."""
        if name.endswith("connect_tcp.complete"):
            stream = info.get("return_value")
            with self._guard:
                self._streams.append(stream)
                late = self._aborted is not None
            if late:
                _shut(stream)
        elif name.endswith("receive_response_headers.started"):
            self._headers_since = time.monotonic()
        elif name.endswith(("response_headers.complete", "response_headers.failed")):
            self._headers_since = None

    def _pace_words(self, elapsed: float, received: int) -> str | None:
        if elapsed > self.budget.rate_after and received < self.budget.min_rate * elapsed:
            return _(
                "{url} sent its answer too slowly (under {min_rate:,} bytes a second)."
            ).format(url=self.url, min_rate=self.budget.min_rate)
        return None

    # -- requests ----------------------------------------------------------------

    def _timeout(self) -> httpx.Timeout:
        """The usual timeouts, none reaching past the round's deadline."""
        limit = self.timeout
        if self.round is not None:
            limit = min(limit, max(0.01, self.round.remaining()))
        return httpx.Timeout(limit, connect=min(limit, 10.0))

    def _request(self, method: str, path: str, **kwargs: Any) -> Answer:
        with self.waiting():
            answer = self._exchange(method, path, **kwargs)
        if answer.status == 429:
            retry = answer.headers.get("retry-after", "")
            raise RelayRateLimited(
                _("{url} asks us to slow down.").format(url=self.url),
                int(retry) if retry.isdigit() else 60,
            )
        if answer.status >= 500:
            raise RelayUnreachable(
                _("{url} is having trouble (HTTP {status}).").format(
                    url=self.url, status=answer.status
                )
            )
        if answer.status >= 400:
            code, detail = "error", ""
            try:
                body = json.loads(answer.body)
                code, detail = str(body.get("error", code)), str(body.get("detail", ""))
            except (ValueError, AttributeError):
                pass
            # the wire's detail is English for operators; the member reads the code's words
            said = (
                _("{url} refused the request: {reason}.").format(
                    url=self.url, reason=reason_words(code)
                )
                if code in REASON_WORDS
                else _("{url} refused the request ({code}): {detail}").format(
                    url=self.url, code=code, detail=detail or answer.reason
                )
            )
            raise RelayRefused(
                said,
                answer.status,
                code,
            )
        return answer

    def _exchange(self, method: str, path: str, **kwargs: Any) -> Answer:
        """One request and its whole answer, within the deadline, the pace and the caps."""
        if self._aborted is not None:
            raise RelayTooSlow(self._aborted)
        if self.round is not None:
            self.round.check_time()
        request = self._http.build_request(method, path, timeout=self._timeout(), **kwargs)
        request.extensions["trace"] = self._trace
        try:
            response = self._http.send(request, stream=True)
            try:
                body = self._read(response)
            finally:
                response.close()
                self._headers_since = self._body_since = None
            self._measure(response, len(request.content or b""))
        except httpx.TimeoutException as exc:
            if self._aborted is not None:
                raise RelayTooSlow(self._aborted) from exc
            raise RelayUnreachable(_("{url} did not answer in time.").format(url=self.url)) from exc
        except httpx.ProxyError as exc:
            raise RelayUnreachable(
                _("The proxy refused the connection to {url}.").format(url=self.url)
            ) from exc
        except (httpx.TransportError, httpx.DecodingError, OSError) as exc:
            if self._aborted is not None:
                raise RelayTooSlow(self._aborted) from exc
            raise RelayUnreachable(unreachable_words(self.url, exc)) from exc
        return Answer(response.status_code, response.reason_phrase, response.headers, body)

    def stream(
        self,
        feeds: dict[str, str],
        *,
        silence: float,
        page: int | None = None,
        mailboxes: Sequence[tuple[Keypair, str]] = (),
    ) -> Iterator[bytes]:
        """``GET /v1/stream`` for these feeds (slug -> cursor): its raw bytes as they come.

        ``mailboxes`` (key pair, cursor) are followed on the same connection, each
        proven by a ``PeerHaven-Mailbox`` header signed by its key (protocol
        section 15); their pages name ``"mailbox"`` instead of ``"community"``.

        The first item is ``b""`` once the relay answered with a stream (so a caller can
        tell a path that connects but never delivers from one that does not connect).
        Every read waits at most ``silence`` seconds (the relay's heartbeat and a grace),
        and ``abort`` from another thread ends a read at once. A relay without streams
        (404, or an answer that is not an event stream) is ``StreamUnsupported``; one
        that is full is ``StreamBusy`` with its Retry-After; a cut, a timeout or any other
        fault is ``StreamLost``. The caller caps what it keeps (``sync/sse.py``).
        """
        if self._aborted is not None:
            raise StreamLost(self._aborted)
        params: dict[str, str | list[str]] = {
            "feed": [f"{slug}:{cursor}" for slug, cursor in feeds.items()]
        }
        if mailboxes:
            params["mailbox"] = [f"{keys.pubkey}:{cursor}" for keys, cursor in mailboxes]
        if page is not None:
            params["limit"] = str(page)
        timeout = httpx.Timeout(silence, connect=min(silence, 10.0))
        headers = [("Accept", "text/event-stream"), ("Accept-Encoding", "identity")]
        ts = int(time.time())
        headers += [
            (MAILBOX_PROOF, auth_header(keys, "GET", "/v1/stream", "", ts))
            for keys, _cursor in mailboxes
        ]
        request = self._http.build_request(
            "GET", "/v1/stream", params=params, timeout=timeout, headers=headers
        )
        request.extensions["trace"] = self._trace
        try:
            with self.waiting():
                response = self._http.send(request, stream=True)
        except httpx.ReadTimeout as exc:
            if self._aborted is not None:
                raise StreamLost(self._aborted) from exc
            # connected and asked, yet not even the answer's headers came within a heartbeat:
            # something on the way (a proxy that buffers whole responses) holds streams back
            said = _("nothing came through the stream from {url}.").format(url=self.url)
            raise StreamUnsupported(said) from exc
        except httpx.HTTPError as exc:
            raise StreamLost(unreachable_words(self.url, exc)) from exc
        try:
            yield from self._stream_body(response)
        finally:
            response.close()

    def _stream_body(self, response: httpx.Response) -> Iterator[bytes]:
        status = response.status_code
        if status == 404 or status == 405:
            raise StreamUnsupported(_("{url} does not offer live streams.").format(url=self.url))
        if status == 503 and response.headers.get("retry-after", "").isdigit():
            raise StreamBusy(
                _("{url} holds as many live streams as it can.").format(url=self.url),
                int(response.headers["retry-after"]),
            )
        if status != 200:
            raise StreamLost(
                _("{url} refused the live stream (HTTP {status}).").format(
                    url=self.url, status=status
                )
            )
        kind = response.headers.get("content-type", "")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if not kind.startswith("text/event-stream") or encoding not in ("", "identity"):
            raise StreamUnsupported(
                _("{url} answered the live stream with something else.").format(url=self.url)
            )
        yield b""  # connected: the relay answered with a stream
        try:
            for chunk in response.iter_raw():
                self.traffic.received += len(chunk)
                yield chunk
        except (httpx.HTTPError, OSError) as exc:
            if self._aborted is not None:
                raise StreamLost(self._aborted) from exc
            if isinstance(exc, httpx.TimeoutException):
                raise StreamLost(
                    _("{url} went silent on the live stream.").format(url=self.url)
                ) from exc
            raise StreamLost(unreachable_words(self.url, exc)) from exc

    def _read(self, response: httpx.Response) -> bytes:
        """The body as raw bytes against the cap, inflated against the cap again.

        A declared length over the cap is refused before a byte of the body is read.
        """
        cap = self.budget.max_body
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise self._too_large()
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip"):
            raise RelayBroken(
                _("{url} sent its answer in an encoding PeerHaven cannot read.").format(
                    url=self.url
                )
            )
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        parts: list[bytes] = []
        size = 0
        self._body_bytes = 0
        self._body_since = started = time.monotonic()
        try:
            for chunk in response.iter_raw():
                self._body_bytes += len(chunk)
                if self._body_bytes > cap:
                    raise self._too_large()
                if inflater is not None:
                    chunk = inflater.decompress(chunk, cap + 1 - size)
                    if inflater.unconsumed_tail:
                        raise self._too_large()
                size += len(chunk)
                if size > cap:
                    raise self._too_large()
                parts.append(chunk)
                self._check_pace(started)
            if inflater is not None:
                rest = inflater.flush(cap + 1 - size)
                if size + len(rest) > cap:
                    raise self._too_large()
                parts.append(rest)
        except zlib.error as exc:
            raise RelayBroken(
                _("{url} sent a damaged compressed answer.").format(url=self.url)
            ) from exc
        return b"".join(parts)

    def _check_pace(self, started: float) -> None:
        """Between chunks: past the deadline, or below the minimum pace, the answer is cut."""
        if self.round is not None:
            self.round.check_time()
        words = self._pace_words(time.monotonic() - started, self._body_bytes)
        if words is not None:
            raise RelayTooSlow(words)

    def _too_large(self) -> RelayTooLarge:
        mb = self.budget.max_body / (1024 * 1024)
        return RelayTooLarge(
            _("{url} sent an answer larger than {mb:g} MB; it was refused unread.").format(
                url=self.url, mb=mb
            )
        )

    def _json(self, answer: Answer) -> Any:
        try:
            return json.loads(answer.body)
        except ValueError as exc:
            raise RelayBroken(
                _("{url} answered with something that is not JSON.").format(url=self.url)
            ) from exc

    def info(self) -> dict[str, Any]:
        """``/v1/info``: name, limits and policies."""
        body = self._json(self._request("GET", "/v1/info"))
        if not isinstance(body, dict):
            raise RelayBroken(
                _("{url} answered /v1/info with something unexpected.").format(url=self.url)
            )
        return body

    def communities(self) -> list[Any]:
        """Every community definition the relay serves (unverified: the caller checks)."""
        body = self._json(self._request("GET", "/v1/communities"))
        if not isinstance(body, dict) or not isinstance(body.get("communities"), list):
            raise RelayBroken(
                _("{url} answered /v1/communities with something unexpected.").format(url=self.url)
            )
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
            raise RelayBroken(
                _("{url} did not answer for every event it was sent.").format(url=self.url)
            )
        return body

    def pull(self, community: str, after: str | None, limit: int, etag: str | None) -> Pull:
        """One page of a community after ``after``; a 304 when ``etag`` still matches."""
        params: dict[str, str | int] = {"community": community, "limit": limit}
        if after:
            params["after"] = after
        headers = {"If-None-Match": etag} if etag else {}
        answer = self._request("GET", "/v1/events", params=params, headers=headers)
        if answer.status == 304:
            return Pull([], after, False, etag, 0, not_modified=True)
        body = self._json(answer)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("events"), list)
            or not isinstance(body.get("more"), bool)
            or not isinstance(body.get("next"), str | None)
        ):
            raise RelayBroken(
                _("{url} answered a pull with something unexpected.").format(url=self.url)
            )
        if len(body["events"]) > limit:
            raise RelayBroken(_("{url} sent more events than were asked for.").format(url=self.url))
        events = screened(body["events"])
        return Pull(
            events, body["next"], body["more"], answer.headers.get("etag"), len(answer.body)
        )

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
        answer = self._request("GET", path, params=params, headers={"Authorization": authorization})
        body = self._json(answer)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get(key), list)
            or not isinstance(body.get("more"), bool)
            or not isinstance(body.get("next"), str | None)
        ):
            raise RelayBroken(
                _("{url} answered {path} with something unexpected.").format(
                    url=self.url, path=path
                )
            )
        return Pull(screened(body[key]), body.get("next"), body["more"], None, len(answer.body))

    # -- private mailboxes (protocol section 15) -----------------------------------

    def send_to_mailbox(self, event: Event) -> dict[str, Any]:
        """Upload one ``dm`` or ``circle`` event, and its result (``accepted``, ...).

        Sent WITHOUT any ``Authorization`` header, like every publish: the event is
        signed by a one-time key, and a persona's request signature would tell the
        relay who the sender is (undoing sealed sender). A recipient whose mailbox
        is full for the day is ``RelayRateLimited`` with the relay's Retry-After.
        """
        if event.kind not in MAILBOX_KINDS:
            raise ValueError("only mailbox events (dm, circle) go to a mailbox")
        results = self.publish([event.to_wire()])
        result = results[0]
        if not isinstance(result, dict) or result.get("id") != event.id:
            raise RelayBroken(
                _("{url} answered for another event than it was sent.").format(url=self.url)
            )
        return result

    def prekeys(self, pubkey: str) -> PrekeyClaim | None:
        """A persona's newest prekey bundle and a one-time prekey id claimed for us.

        The relay hands each one-time id out once; ``otpk`` is ``None`` when all were
        taken (X3DH then runs without one). ``None`` when the persona published no
        bundle there. The event is unverified: ``core/dm/prekeys.verify_bundle``
        checks it, and the caller must also check that ``otpk`` is in the bundle.
        """
        if not HEX64_RE.fullmatch(pubkey):
            raise ValueError("a persona's key is 64 lowercase hex characters")
        try:
            answer = self._request("GET", f"/v1/prekeys/{pubkey}")
        except RelayRefused as exc:
            if exc.status == 404:
                return None
            raise
        body = self._json(answer)
        otpk = body.get("otpk") if isinstance(body, dict) else None
        if (
            not isinstance(body, dict)
            or not _fits(body.get("event"))
            or (otpk is not None and (type(otpk) is not int or not 0 <= otpk < 2**63))
        ):
            raise RelayBroken(
                _("{url} answered a request for prekeys with something unexpected.").format(
                    url=self.url
                )
            )
        return PrekeyClaim(body.get("event"), otpk)

    def mailbox(self, keys: Keypair, cursor: str | None, limit: int) -> Pull:
        """One page of the mailbox of ``keys`` after ``cursor``, signed by that key."""
        params: dict[str, str | int] = {"to": keys.pubkey, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        authorization = auth_header(keys, "GET", MAILBOX_PATH, "", int(time.time()))
        answer = self._request(
            "GET", MAILBOX_PATH, params=params, headers={"Authorization": authorization}
        )
        body = self._json(answer)
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("events"), list)
            or not isinstance(body.get("more"), bool)
            or not isinstance(body.get("next"), str)
            or len(body["next"]) > 64
        ):
            raise RelayBroken(
                _("{url} answered a mailbox pull with something unexpected.").format(url=self.url)
            )
        if len(body["events"]) > limit:
            raise RelayBroken(_("{url} sent more events than were asked for.").format(url=self.url))
        return Pull(screened(body["events"]), body["next"], body["more"], None, len(answer.body))

    def delete_from_mailbox(self, keys: Keypair, event_id: str) -> bool:
        """Ask the relay to purge an event of the mailbox of ``keys``; False if it had none."""
        if not HEX64_RE.fullmatch(event_id):
            raise ValueError("an event id is 64 lowercase hex characters")
        path = f"{MAILBOX_PATH}/{event_id}"
        authorization = auth_header(keys, "DELETE", path, "", int(time.time()))
        try:
            self._request("DELETE", path, headers={"Authorization": authorization})
        except RelayRefused as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def event(self, event_id: str) -> Any | None:
        """One event as the relay serves it publicly; None when it serves none (404, 410)."""
        try:
            response = self._request("GET", f"/v1/events/{event_id}")
        except RelayRefused as exc:
            if exc.status in (404, 410):
                return None
            raise
        return self._json(response)


def _shut(stream: Any) -> None:
    """Shut one network stream's socket down both ways; a socket already gone is fine."""
    get = getattr(stream, "get_extra_info", None)
    sock = get("socket") if get is not None else None
    if isinstance(sock, socket.socket):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def screened(items: list[Any]) -> list[Any]:
    """Items as parsed, but any too big to be an event as ``None``.

    A 4 MB answer of nested empty objects parses into a hundred megabytes of
    Python objects; dropping such items as soon as they are parsed keeps a page
    that waits for its turn, and the chunks the store verifies, to the size of
    real events.
    """
    return [item if _fits(item) else None for item in items]


def _fits(item: Any) -> bool:
    """Whether ``item`` holds at most ``EVENT_VALUES`` JSON values (walked only that far)."""
    stack = [item]
    count = 0
    while stack:
        value = stack.pop()
        count += 1
        if isinstance(value, dict | list):
            count += len(value) if isinstance(value, dict) else 0
            if count + len(value) > EVENT_VALUES:
                return False
            stack.extend(value.values() if isinstance(value, dict) else value)
        if count > EVENT_VALUES:
            return False
    return True
