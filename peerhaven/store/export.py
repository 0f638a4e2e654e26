"""Export and import of everything a person owns, optionally sealed with a passphrase.

The sealed form is scrypt (memory-hard, so a stolen export resists guessing)
feeding ChaCha20-Poly1305, with the header as associated data so no parameter
can be altered unnoticed. Files are written beside their destination and
renamed into place, so a killed export never leaves a half-written file.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from peerhaven.core.batch import Verifier
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import ExportError
from peerhaven.store.events import ingest

FORMAT = "peerhaven-export"
VERSION = 1
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1


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
    }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _kdf(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(data: dict[str, Any], passphrase: str) -> dict[str, Any]:
    """Encrypt the export document under a passphrase."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "encrypted": True,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "chacha20-poly1305",
        "nonce": _b64(nonce),
    }
    key = _kdf(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    plaintext = json.dumps(data, ensure_ascii=False).encode("utf-8")
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)
    return {**header, "ciphertext": _b64(ciphertext)}


def unseal(document: dict[str, Any], passphrase: str) -> dict[str, Any]:
    """Decrypt a sealed export; a wrong passphrase or any alteration is one clear error."""
    try:
        kdf = document["kdf"]
        header = {
            key: document[key]
            for key in ("format", "version", "encrypted", "kdf", "cipher", "nonce")
        }
        if kdf["name"] != "scrypt" or document["cipher"] != "chacha20-poly1305":
            raise ExportError("This export uses an encryption this PeerHaven does not know.")
        key = _kdf(
            passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        )
        aad = json.dumps(header, sort_keys=True).encode("utf-8")
        plaintext = ChaCha20Poly1305(key).decrypt(
            base64.b64decode(document["nonce"]), base64.b64decode(document["ciphertext"]), aad
        )
    except InvalidTag as exc:
        raise ExportError(
            "That passphrase does not open this export file, or the file was altered."
        ) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(
            "This export file is damaged: its encryption header is incomplete."
        ) from exc
    result: dict[str, Any] = json.loads(plaintext)
    return result


def write_export(store: Store, out: Path, passphrase: str | None) -> Path:
    """Write the export to ``out`` (sealed unless ``passphrase`` is None), atomically, mode 0600."""
    data = collect(store)
    body = {"format": FORMAT, "version": VERSION, "exported_at": now()}
    document = (
        seal({**body, "data": data}, passphrase)
        if passphrase
        else {**body, "encrypted": False, "data": data}
    )
    out = out.expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        os.replace(tmp_name, out)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return out


def read_export(path: Path) -> dict[str, Any]:
    """Load an export file's outer document (still sealed if it was)."""
    try:
        document = json.loads(path.expanduser().read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ExportError(f"There is no file at {path}.") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path} is not a PeerHaven export (it is not JSON).") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportError(f"{path} is not a PeerHaven export.")
    if document.get("version") != VERSION:
        raise ExportError(
            f"{path} is an export of version {document.get('version')}, "
            "which this PeerHaven cannot read."
        )
    return document


def is_sealed(document: dict[str, Any]) -> bool:
    """Whether a passphrase is needed to read the document."""
    return bool(document.get("encrypted"))


@dataclass
class ImportReport:
    """How many items of each kind were added (already present ones are skipped)."""

    added: dict[str, int] = field(default_factory=dict)

    def total(self) -> int:
        """Everything added."""
        return sum(self.added.values())


def import_data(
    store: Store, document: dict[str, Any], passphrase: str | None = None
) -> ImportReport:
    """Merge an export into this store; importing the same file twice adds nothing twice."""
    if is_sealed(document):
        if passphrase is None:
            raise ExportError("This export is encrypted; give its passphrase.")
        payload = unseal(document, passphrase)
    else:
        payload = document
    data = payload.get("data")
    if not isinstance(data, dict):
        raise ExportError("This export file is damaged: it has no data section.")
    try:
        return _merge(store, data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(
            "This export file is damaged: part of its data is missing or not what it should be."
        ) from exc


def _insert(store: Store, table: str, rows: list[dict[str, Any]]) -> int:
    """INSERT OR IGNORE through sqlite-utils; returns how many rows were new."""
    if not rows:
        return 0
    target = store.db.table(table)
    before = target.count
    target.insert_all(rows, ignore=True)
    return target.count - before


def _merge(store: Store, data: dict[str, Any]) -> ImportReport:
    # Every row carries its natural key (pubkey, uid, url, slug…), so each insert
    # is idempotent: an import killed half-way is simply run again.
    has_default = store.execute("SELECT 1 FROM personas WHERE is_default = 1").fetchone()
    personas = []
    for persona in data.get("personas", []):
        keys = Keypair.from_secret(bytes.fromhex(persona["secret"]))
        if keys.pubkey != persona["pubkey"]:
            raise ExportError("This export file is damaged: a persona's key does not match.")
        personas.append(
            {
                "pubkey": keys.pubkey,
                "secret": keys.secret_bytes(),
                "label": str(persona.get("label", "")),
                "created_at": int(persona["created_at"]),
                "is_default": int(bool(persona.get("is_default")) and not has_default),
            }
        )
    journal = [
        {**entry, "tags": json.dumps(list(entry.get("tags", [])), ensure_ascii=False)}
        for entry in data.get("journal", [])
    ]
    drafts = [
        {**draft, "cw": json.dumps(list(draft.get("cw", [])), ensure_ascii=False)}
        for draft in data.get("drafts", [])
    ]
    communities = []
    for definition in data.get("communities", []):
        event = Event.from_wire(definition)
        body = json.loads(event.content)
        communities.append(
            {
                "slug": event.community,
                "owner": event.pubkey,
                "name": body.get("name", event.community),
                "description": body.get("description", ""),
                "definition": event.to_json(),
                "updated_at": event.created_at,
            }
        )
    when = now()
    report = ImportReport()
    report.added = {
        "personas": _insert(store, "personas", personas),
        "journal": _insert(store, "journal", journal),
        "drafts": _insert(store, "drafts", drafts),
        "settings": _insert(
            store,
            "settings",
            [{"key": str(k), "value": json.dumps(v)} for k, v in data.get("settings", {}).items()],
        ),
        "relays": _insert(
            store, "relays", [{"url": str(url), "added_at": when} for url in data.get("relays", [])]
        ),
        "communities": _insert(store, "communities", communities),
        "community_relays": _insert(store, "community_relays", data.get("community_relays", [])),
        "memberships": _insert(store, "memberships", data.get("memberships", [])),
        "blocks": _insert(store, "blocks", data.get("blocks", [])),
        "mutes": _insert(store, "mutes", data.get("mutes", [])),
    }
    events = data.get("events", [])
    if events:
        with Verifier(processes=True) as verifier:
            report.added["events"] = ingest(store, events, verifier).accepted
    return report
