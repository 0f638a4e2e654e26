"""The ``proxy`` setting: the one address every sync goes through (Tor, a SOCKS tunnel).

Checked when it is set rather than when the next sync fails, so a typo is one
sentence at the moment it is typed and the previous value stays in place.
"""

from __future__ import annotations

from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput
from peerhaven.store.settings import get_setting, set_setting

#: what the sync client can use (socks5h: host names resolve through the proxy too)
SCHEMES = inputs.PROXY_SCHEMES
TOR_EXAMPLE = "socks5://127.0.0.1:9050"


def normalise_proxy(url: str) -> str:
    """``scheme://host:port`` for a proxy the sync client supports; anything else is refused."""
    try:
        return inputs.proxy_url(url)
    except inputs.InputRefused as exc:
        raise BadInput(
            _(
                "{url} is not a proxy address; it looks like {TOR_EXAMPLE} (Tor) or "
                "http://proxy.example.org:3128."
            ).format(url=inputs.shown(url), TOR_EXAMPLE=TOR_EXAMPLE)
        ) from exc


def set_proxy(store: Store, url: str | None) -> str | None:
    """Store a checked proxy address, or clear it with ``None`` or an empty text."""
    clean = normalise_proxy(url) if url and url.strip() else None
    set_setting(store, "proxy", clean)
    return clean


def current_proxy(store: Store) -> str | None:
    """The proxy every sync uses, if one is set."""
    value = get_setting(store, "proxy")
    return value if isinstance(value, str) and value else None
