"""Small helpers the relay tests share: publishing, paging and operator commands."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import httpx

from peerhaven.cli import main
from peerhaven.core import Event, Keypair, builders
from tests.fixtures.relay import RelayProcess


def publish(relay: RelayProcess, *events: Event) -> list[dict[str, Any]]:
    """POST events; asserts a 200 and returns the per-event results."""
    response = httpx.post(f"{relay.url}/v1/events", json=[e.to_wire() for e in events])
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()
    return results


def statuses(relay: RelayProcess, *events: Event) -> list[str]:
    """``status`` or ``rejected:reason`` for each event."""
    return [
        r["status"] if r["status"] != "rejected" else f"rejected:{r['reason']}"
        for r in publish(relay, *events)
    ]


def pull_all(relay: RelayProcess, community: str, limit: int = 50) -> list[dict[str, Any]]:
    """Every event a reader gets by following ``next`` until ``more`` is false."""
    events: list[dict[str, Any]] = []
    after = ""
    while True:
        response = httpx.get(
            f"{relay.url}/v1/events",
            params={"community": community, "after": after, "limit": limit},
        )
        assert response.status_code == 200, response.text
        page = response.json()
        events.extend(page["events"])
        after = page["next"]
        if not page["more"]:
            return events


def ids(events: list[dict[str, Any]]) -> list[str]:
    return [event["id"] for event in events]


def operator(relay: RelayProcess, *args: str) -> tuple[int, str, str]:
    """Run ``peerhaven relay ARGS… --data DIR`` in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["relay", *args, *relay.store_args])
    return code, out.getvalue(), err.getvalue()


def make_community(
    relay: RelayProcess, slug: str, *moderators: str, name: str = "Test community"
) -> None:
    """Create a community owned by the relay's operator."""
    mods = [arg for pubkey in moderators for arg in ("--moderator", pubkey)]
    code, _, err = operator(relay, "community", "create", slug, "--name", name, *mods)
    assert code == 0, err


def new_key() -> Keypair:
    return Keypair.generate()


__all__ = ["builders"]
