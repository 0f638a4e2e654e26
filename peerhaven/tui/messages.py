"""Messages from a screen's worker up to the app (screen-local ones live on the screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from peerhaven.store import Store


class StoreOpened(Message):
    """The store was unlocked or created; the app takes ownership of the connection."""

    def __init__(
        self,
        store: Store,
        settings: dict[str, Any],
        *,
        first_run: bool = False,
        pseudonym: str = "",
    ) -> None:
        self.store = store
        self.settings = settings
        self.first_run = first_run
        self.pseudonym = pseudonym
        super().__init__()


class StoreFailed(Message):
    """A store call raised; the app turns it into one notification."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__()


class StoreClosed(Message):
    """The connection was closed after a lock; pending saves ran first."""


class SettingsChanged(Message):
    """A setting the app itself acts on (theme, lock time) changed."""

    def __init__(self, key: str, value: Any) -> None:
        self.key = key
        self.value = value
        super().__init__()
