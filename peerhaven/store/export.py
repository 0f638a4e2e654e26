"""The export file: everything a person owns, optionally sealed with a passphrase.

The sealed form is scrypt (memory-hard, so a stolen export resists guessing)
feeding ChaCha20-Poly1305, with the header as associated data so no parameter
can be altered unnoticed. Files are written through ``store.outputs`` (never
over the store, atomically, mode 0600). Reading trusts nothing in the file:
its size, its inflation, its JSON and its scrypt settings are bounded before
any work, each refusal one sentence; ``store.importing`` takes it from there.
"""

from __future__ import annotations

import base64
import json
import secrets
import stat
import zlib
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from peerhaven.core.i18n import _
from peerhaven.store.circle_import import collect_circles
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import ExportError
from peerhaven.store.outputs import check_output_path, write_output

FORMAT = "peerhaven-export"
VERSION = 1
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
#: what a sealed file may ask for (PeerHaven writes n=2^17, r=8, p=1). Memory is
#: 128·n·r bytes and time grows with 128·n·r·p, so that product is bounded too: at
#: most twice PeerHaven's own cost (measured on a loaded 2-core machine: 1.1 s for
#: PeerHaven's settings, 2.4 s at the bound; n=2^18, r=8, p=4 would take 7.6 s)
SCRYPT_N_RANGE = (2**14, 2**18)
SCRYPT_R_RANGE = (1, 16)
SCRYPT_P_RANGE = (1, 4)
SCRYPT_MAX_WORK = 256 * 2**20
SALT_BYTES = 16
NONCE_BYTES = 12
#: the largest export read (or inflated from gzip); a lifetime of journal and posts fits
MAX_FILE_BYTES = 256 * 2**20
GZIP_MAGIC = b"\x1f\x8b"


def _rows(store: Store, sql: str) -> list[dict[str, Any]]:
    cursor = store.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def collect(store: Store) -> dict[str, Any]:
    """Everything the person owns: personas with keys, journal, drafts, own events, choices."""
    personas = _rows(store, "SELECT pubkey, secret, label, created_at, is_default FROM personas")
    for persona in personas:
        persona["secret"] = bytes(persona["secret"]).hex()
    journal = _rows(store, "SELECT uid, created_at, mood, content, tags FROM journal ORDER BY id")
    for entry in journal:
        entry["tags"] = json.loads(entry["tags"])
    drafts = _rows(
        store,
        "SELECT uid, community, reply_to, cw, content, created_at, updated_at FROM drafts "
        "ORDER BY id",
    )
    for draft in drafts:
        draft["cw"] = json.loads(draft["cw"])
    own_events = [
        json.loads(row["event"])
        for row in _rows(
            store,
            "SELECT json_object('id', id, 'pubkey', pubkey, 'created_at', created_at, "
            "'kind', kind, 'community', community, 'tags', json(tags), 'content', content, "
            "'sig', sig) AS event FROM events "
            "WHERE pubkey IN (SELECT pubkey FROM personas) AND deleted = 0 ORDER BY rowid",
        )
    ]
    return {
        "personas": personas,
        "journal": journal,
        "drafts": drafts,
        "events": own_events,
        "settings": {
            row["key"]: json.loads(row["value"])
            for row in _rows(store, "SELECT key, value FROM settings")
        },
        "relays": [row["url"] for row in _rows(store, "SELECT url FROM relays ORDER BY url")],
        "communities": [
            json.loads(row["definition"])
            for row in _rows(store, "SELECT definition FROM communities ORDER BY slug")
        ],
        "community_relays": _rows(store, "SELECT slug, relay_url FROM community_relays"),
        "memberships": _rows(store, "SELECT * FROM memberships ORDER BY slug"),
        "blocks": _rows(store, "SELECT pubkey, created_at, note FROM blocks"),
        "mutes": _rows(store, "SELECT kind, value, until, created_at FROM mutes"),
        **_direct_messages(store),
        **collect_circles(store),
    }


def _direct_messages(store: Store) -> dict[str, Any]:
    """Conversations with their ratchet state, messages, and prekey secrets (docs/dm.md).

    The state is what keeps a conversation readable and continuing after an
    import; it holds secret keys, like the personas' own, so a plaintext export
    must be kept as safe as the device.
    """
    prekeys = _rows(
        store,
        "SELECT persona, secrets, spk_expires, otpk_first, otpk_count, made_at, bundle"
        " FROM dm_prekeys",
    )
    for row in prekeys:
        row["secrets"] = bytes(row["secrets"]).decode()
        row["bundle"] = json.loads(row["bundle"])
    conversations = _rows(
        store,
        "SELECT persona, peer, state, status, community, seen, created_at, updated_at"
        " FROM dm_conversations ORDER BY created_at, persona, peer",
    )
    for row in conversations:
        row["state"] = None if row["state"] is None else bytes(row["state"]).decode()
    messages = _rows(
        store,
        "SELECT event_id, persona, peer, outgoing, text, cw, community, sent_at, position,"
        " received_at, read, seen_at, evidence FROM dm_messages ORDER BY id",
    )
    return {"dm_prekeys": prekeys, "dm_conversations": conversations, "dm_messages": messages}


def json_bytes(value: Any) -> bytes:
    """UTF-8 JSON, falling back to ASCII escapes when some text is not valid Unicode.

    A setting stored before values were checked can hold a lone surrogate (an
    invalid byte typed on the command line); escaped, the export is still
    written and still JSON, and import refuses that one value with its reason.
    """
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _kdf(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError as exc:  # bytes that are not UTF-8, from the environment
        raise ExportError(
            _("The export passphrase is not valid UTF-8 text; nothing was changed.")
        ) from exc
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)


def seal(data: dict[str, Any], passphrase: str) -> dict[str, Any]:
    """Encrypt the export document under a passphrase."""
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "encrypted": True,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "chacha20-poly1305",
        "nonce": _b64(nonce),
    }
    key = _kdf(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    plaintext = json_bytes(data)
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)
    return {**header, "ciphertext": _b64(ciphertext)}


_DAMAGED_HEADER = "This export file is damaged: its encryption header is incomplete or malformed."


def _field(document: dict[str, Any], name: str, kind: type) -> Any:
    value = document.get(name)
    if type(value) is not kind:
        raise ExportError(_DAMAGED_HEADER)
    return value


def _decode_b64(text: str, sizes: range | None = None) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
        raise ExportError(_DAMAGED_HEADER) from exc
    if sizes is not None and len(raw) not in sizes:
        raise ExportError(_DAMAGED_HEADER)
    return raw


def _is_int(value: Any) -> bool:
    return type(value) is int  # JSON true is not a number here


def _whole(value: Any) -> int:
    if not _is_int(value):
        raise ExportError(_DAMAGED_HEADER)
    result: int = value
    return result


def check_kdf(kdf: Any) -> tuple[bytes, int, int, int]:
    """The salt and scrypt settings of a sealed file, refused before any work when out of range.

    The settings come from the file, so they are the file's author's choice: an
    unbounded ``n`` or ``p`` would make a crafted file cost gigabytes or minutes
    for any passphrase. PeerHaven writes n=2^17, r=8, p=1.
    """
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise ExportError(_("This export uses an encryption this PeerHaven does not know."))
    n, r, p = (_whole(kdf.get(name)) for name in ("n", "r", "p"))
    if (
        not SCRYPT_N_RANGE[0] <= n <= SCRYPT_N_RANGE[1]
        or n & (n - 1)
        or not SCRYPT_R_RANGE[0] <= r <= SCRYPT_R_RANGE[1]
        or not SCRYPT_P_RANGE[0] <= p <= SCRYPT_P_RANGE[1]
        or 128 * n * r * p > SCRYPT_MAX_WORK
    ):
        raise ExportError(
            _(
                "This export asks for key-derivation settings outside what PeerHaven accepts "
                "(scrypt n a power of two from 2^{count} to 2^{count2}, r from {SCRYPT_R_RANGE} "
                "to {SCRYPT_R_RANGE2}, p from {SCRYPT_P_RANGE} to {SCRYPT_P_RANGE2}, and "
                "128·n·r·p at most {count3} MiB); it was not opened."
            ).format(
                count=SCRYPT_N_RANGE[0].bit_length() - 1,
                count2=SCRYPT_N_RANGE[1].bit_length() - 1,
                SCRYPT_R_RANGE=SCRYPT_R_RANGE[0],
                SCRYPT_R_RANGE2=SCRYPT_R_RANGE[1],
                SCRYPT_P_RANGE=SCRYPT_P_RANGE[0],
                SCRYPT_P_RANGE2=SCRYPT_P_RANGE[1],
                count3=SCRYPT_MAX_WORK // 2**20,
            )
        )
    salt = _decode_b64(_field(kdf, "salt", str), range(SALT_BYTES, 65))
    return salt, n, r, p


def unseal(document: dict[str, Any], passphrase: str) -> dict[str, Any]:
    """Decrypt a sealed export; a wrong passphrase or any alteration is one clear error.

    Every header field is checked for type and range before the key is derived.
    """
    header = {
        key: document.get(key)
        for key in ("format", "version", "encrypted", "kdf", "cipher", "nonce")
    }
    if _field(document, "cipher", str) != "chacha20-poly1305":
        raise ExportError(_("This export uses an encryption this PeerHaven does not know."))
    salt, n, r, p = check_kdf(document.get("kdf"))
    nonce = _decode_b64(_field(document, "nonce", str), range(NONCE_BYTES, NONCE_BYTES + 1))
    ciphertext = _decode_b64(_field(document, "ciphertext", str))
    key = _kdf(passphrase, salt, n, r, p)
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    try:
        plaintext = ChaCha20Poly1305(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag as exc:
        raise ExportError(
            _("That passphrase does not open this export file, or the file was altered.")
        ) from exc
    result = _parse_json(plaintext, "The sealed part of this export")
    if not isinstance(result, dict):
        raise ExportError(_("This export file is damaged: its sealed part is not a JSON object."))
    return result


def export_bytes(store: Store, passphrase: str | None) -> tuple[bytes, dict[str, Any]]:
    """The export file's bytes (sealed unless ``passphrase`` is None) and the data it holds."""
    data = collect(store)
    body = {"format": FORMAT, "version": VERSION, "exported_at": now()}
    document = (
        seal({**body, "data": data}, passphrase)
        if passphrase
        else {**body, "encrypted": False, "data": data}
    )
    return json_bytes(document), data


def write_export(
    store: Store, out: Path, passphrase: str | None, *, force: bool = False
) -> tuple[Path, dict[str, Any]]:
    """Write the export to ``out`` (sealed unless ``passphrase`` is None); see ``write_output``.

    The path is checked before the passphrase's key is derived, so a refused
    path costs nothing.
    """
    check_output_path(out, force=force)
    raw, data = export_bytes(store, passphrase)
    return write_output(out, raw, force=force), data


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most the limit."""
    too_large = ExportError(
        _("{path} is larger than the {count} MiB an export may be; it was not read.").format(
            path=path, count=MAX_FILE_BYTES // 2**20
        )
    )
    where = path.expanduser()
    try:
        info = where.stat()
    except FileNotFoundError as exc:
        raise ExportError(_("There is no file at {path}.").format(path=path)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(_("{path} is a folder, not an export file.").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        # a pipe or a device would block or never end
        raise ExportError(
            _("{path} is not a regular file, so it is not an export.").format(path=path)
        )
    if info.st_size > MAX_FILE_BYTES:
        raise too_large
    with where.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise too_large
    if raw[:2] == GZIP_MAGIC:
        raw = _gunzip(raw, path)
    return raw


def _gunzip(raw: bytes, path: Path) -> bytes:
    """Inflate a gzipped export, stopping at the size limit whatever the file claims."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, MAX_FILE_BYTES + 1)
    except zlib.error as exc:
        raise ExportError(
            _("{path} is a damaged gzip file; it was not read.").format(path=path)
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise ExportError(
            _(
                "{path} inflates to more than the {count} MiB an export may be; it was not read."
            ).format(path=path, count=MAX_FILE_BYTES // 2**20)
        )
    if not inflater.eof:
        raise ExportError(_("{path} is a truncated gzip file; it was not read.").format(path=path))
    return data


def _parse_json(raw: bytes, what: str) -> Any:
    """Decoded JSON, or one sentence: invalid UTF-8, bad JSON, absurd nesting or numbers."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExportError(
            _("{what} is not UTF-8 text, so it is not a PeerHaven export.").format(what=what)
        ) from exc
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError as exc:
        raise ExportError(
            _("{what} is nested too deeply to be a PeerHaven export.").format(what=what)
        ) from exc
    except ValueError as exc:  # also numbers of thousands of digits
        raise ExportError(
            _("{what} is not valid JSON, so it is not a PeerHaven export.").format(what=what)
        ) from exc


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_export(path: Path) -> dict[str, Any]:
    """Load an export file's outer document (still sealed if it was), size-bounded."""
    document = _parse_json(_read_bounded(path), str(path))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportError(_("{path} is not a PeerHaven export.").format(path=path))
    version = document.get("version")
    if not _is_int(version) or version != VERSION:
        shown = json.dumps(version, ensure_ascii=True)[:40]
        raise ExportError(
            (
                _(
                    "{path} says it is an export of version {shown}; this PeerHaven reads "
                    "version {version} (the number {version}, not text)."
                )
                if isinstance(version, str)
                else _(
                    "{path} says it is an export of version {shown}; this PeerHaven reads "
                    "version {version}."
                )
            ).format(path=path, shown=shown, version=VERSION)
        )
    if "encrypted" in document and type(document["encrypted"]) is not bool:
        raise ExportError(
            _("{path} is damaged: 'encrypted' must be true or false.").format(path=path)
        )
    return document


def is_sealed(document: dict[str, Any]) -> bool:
    """Whether a passphrase is needed to read the document."""
    return document.get("encrypted") is True
