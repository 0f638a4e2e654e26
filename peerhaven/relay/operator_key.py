"""The operator's signing key: it owns the communities the operator CLI creates.

It lives in the data directory as hex in a file only its owner can read
(mode 0600, created that way, never widened). Relays that share one
PostgreSQL database on several machines should share this file too, so each
of them recognises the same operator.
"""

from __future__ import annotations

import os
from pathlib import Path

from peerhaven.core.keys import Keypair
from peerhaven.relay.errors import ConfigError

KEY_FILE = "operator.key"


def load_operator_key(data_dir: Path) -> Keypair:
    """The operator's key pair, created on first use."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise ConfigError(f"The data directory {data_dir} cannot be created.") from exc
    path = data_dir / KEY_FILE
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return _create(path)
    except OSError as exc:
        raise ConfigError(f"The operator key {path} cannot be read.") from exc
    try:
        return Keypair.from_secret(bytes.fromhex(text))
    except ValueError as exc:
        raise ConfigError(f"The operator key {path} is damaged.") from exc


def _create(path: Path) -> Keypair:
    # Written to a private temporary file, then linked into place: a second
    # process starting at the same moment sees either no key or a whole one.
    keys = Keypair.generate()
    temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(keys.secret_bytes().hex() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return load_operator_key(path.parent)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as exc:
        raise ConfigError(f"The operator key {path} cannot be created.") from exc
    return keys
