"""The encrypted local store: one SQLCipher file holding everything a person keeps."""

from peerhaven.store.database import Store, change_passphrase, create_store, open_store
from peerhaven.store.errors import (
    BadInput,
    DiskFull,
    ExportError,
    NotFound,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
)
from peerhaven.store.paths import data_home, store_path

__all__ = [
    "BadInput",
    "DiskFull",
    "ExportError",
    "NotFound",
    "Store",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreExists",
    "StoreNotFound",
    "WrongPassphrase",
    "change_passphrase",
    "create_store",
    "data_home",
    "open_store",
    "store_path",
]
