"""The desk's durable state: editors' edits and approvals, the human memory, the
audit log and the desk's accounts, in one SQLite file per output folder.

WHY SQLite and not the JSON outputs: an edit is an editor's work and must
survive a crash, a rebuild and a second editor. The build rewrites JSON files
(atomically, but wholesale); the desk only ever writes here, the build only
ever reads here, so a build running while an editor saves cannot lose the save.

Care taken (as in :mod:`pipeline.cache`, stricter where edits are at stake):

* WAL mode, ``synchronous=FULL`` (an edit acknowledged to the browser is on
  disk), ``busy_timeout`` so concurrent writers queue instead of failing;
* every write is one ``BEGIN IMMEDIATE`` transaction (row, memory, article
  approval, audit record together or not at all), so ``kill -9`` leaves either
  the whole save or none of it;
* every segment row carries a ``version``; a save names the version its page
  showed and is refused with :class:`ConflictError` (HTTP 409, carrying the
  other editor's text) when it changed meanwhile: nothing is silently
  overwritten;
* one connection per operation: safe across threads (the web server) and
  across ``fork``, and cheap next to a human's typing speed.

States of a segment (XLIFF 2 mapping in :data:`XLIFF_STATE`): ``machine`` (no
row here: the engine's text), ``edited`` (a person changed or typed it),
``approved`` (a person confirmed it). An article is approved by a named editor
only when every one of its segments is approved *for its current Chinese*;
any later change to one of its segments withdraws the approval (audited).

A row remembers the hash of the Chinese it was made for. When the article's
Chinese changes, the old edit is kept and reported ``stale`` (never dropped,
never reused as if nothing happened) until an editor saves it again.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import ZhkoError
from pipeline.outputs import DESK_NAME, desk_path

#: File name of the desk database inside an output folder.
DEFAULT_NAME = DESK_NAME
#: 2: ``memory.zh_hash`` (indexed), so the build's up-to-date check finds the
#: memory entries that could serve an article's sentences from their hashes;
#: ``memory.context``, the sentence before the approved one (in-context matches).
SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 30.0
#: Stored states (``machine`` is the absence of a row).
STATES = ("machine", "edited", "approved")
ROLES = ("editor", "chief")
#: Desk state → XLIFF 2.0 ``<segment state>``; ``final`` is an approved segment of
#: an approved article.
XLIFF_STATE = {"machine": "initial", "edited": "translated", "approved": "reviewed"}
#: Longest Korean text one segment may hold (a sentence; a bound for hostile input).
MAX_TEXT = 10_000
MAX_NAME = 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS segments (
    seg_id  TEXT PRIMARY KEY,
    slug    TEXT NOT NULL,
    zh      TEXT NOT NULL,
    zh_hash TEXT NOT NULL,
    ko      TEXT NOT NULL,
    state   TEXT NOT NULL CHECK (state IN ('edited', 'approved')),
    origin  TEXT NOT NULL,
    version INTEGER NOT NULL,
    editor  TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS segments_slug ON segments(slug);
CREATE TABLE IF NOT EXISTS articles (
    slug        TEXT PRIMARY KEY,
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    hashes      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS memory (
    zh_key  TEXT PRIMARY KEY,
    zh      TEXT NOT NULL,
    ko      TEXT NOT NULL,
    editor  TEXT NOT NULL,
    updated TEXT NOT NULL,
    seg_id  TEXT NOT NULL,
    origin  TEXT NOT NULL DEFAULT 'desk',
    zh_hash TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS audit (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    time   TEXT NOT NULL,
    user   TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before TEXT,
    after  TEXT
);
CREATE TABLE IF NOT EXISTS users (
    name     TEXT PRIMARY KEY,
    password TEXT NOT NULL,
    role     TEXT NOT NULL,
    created  TEXT NOT NULL
);
"""
#: Created after any migration (they name columns older schemas lack).
_INDEXES = "CREATE INDEX IF NOT EXISTS memory_hash ON memory(zh_hash);"
_MEMORY_COLS = "zh_key, zh, ko, editor, updated, seg_id, origin, context"
#: ``memory.context`` of the first sentence of an article (nothing before it);
#: ``""`` is an unknown context (TMX imports, older rows): never in context.
START = "<start>"


class DeskError(ZhkoError):
    """A desk operation refused; the message names the segment or article."""

    http_status = 400


class ConflictError(DeskError):
    """The segment changed since the editor's page was loaded (HTTP 409).
    ``current`` is the row as it is now, to show the other editor's text."""

    http_status = 409

    def __init__(self, message: str, current: "SegmentRow | None"):
        self.current = current
        super().__init__(message)


class NotReadyError(DeskError):
    """An article cannot be approved yet; ``pending`` lists the segment ids."""

    http_status = 409

    def __init__(self, message: str, pending: list[str]):
        self.pending = pending
        super().__init__(message)


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalize_key(zh: str) -> str:
    """The key of the human memory: NFKC (full/half width and compatibility
    forms folded, as CAT tools penalise rather than distinguish them) without
    whitespace (Chinese has none that matters). The build already normalized
    script and punctuation with OpenCC, so this only absorbs the rest."""
    return "".join(unicodedata.normalize("NFKC", zh).split())


def zh_hash(zh: str) -> str:
    return _key_hash(normalize_key(zh))


def _context(previous_zh: str | None) -> str:
    """``memory.context`` for a sentence after ``previous_zh`` (:data:`START`:
    an article's first sentence; None: not known)."""
    if previous_zh is None:
        return ""
    return START if previous_zh == START else normalize_key(previous_zh)


def _key_hash(key: str) -> str:
    """The hash of an already normalized key (the memory's ``zh_hash``)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def slug_of(seg_id: str) -> str:
    return seg_id.split("/", 1)[0]


@dataclass
class SegmentRow:
    """A human translation of one segment, as stored."""

    seg_id: str
    slug: str
    zh: str
    zh_hash: str
    ko: str
    state: str  # edited | approved
    origin: str  # editor | memory | machine | xliff
    version: int
    editor: str
    updated: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def matches(self, zh: str) -> bool:
        """True when this row was made for this Chinese (else it is stale)."""
        return self.zh_hash == zh_hash(zh)


@dataclass
class MemoryEntry:
    zh_key: str
    zh: str
    ko: str
    editor: str
    updated: str
    seg_id: str
    origin: str = "desk"
    #: normalized Chinese of the sentence before it where it was approved
    #: (:data:`START` for an article's first; "" unknown)
    context: str = ""


def default_desk_path(output_dir: str | os.PathLike[str]) -> Path:
    return desk_path(output_dir)


class DeskStore:
    """Edits, approvals, human memory, audit and accounts of one output folder."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise DeskError(f"{self.path}: no desk database here (nothing edited yet)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                self._set_wal(conn)
                conn.executescript(_SCHEMA)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('memory_version', '0')")
                found = conn.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()[0]
                if found == "1":
                    self._migrate_1_to_2(conn)
                    found = str(SCHEMA_VERSION)
                if found != str(SCHEMA_VERSION):
                    raise DeskError(f"{self.path}: desk database schema {found}, this zhko reads {SCHEMA_VERSION}")
                conn.executescript(_INDEXES)
        except sqlite3.DatabaseError as exc:
            raise DeskError(f"{self.path}: cannot open the desk database: {exc}") from exc
        except OSError as exc:
            raise DeskError(f"{self.path}: cannot open the desk database: {exc.strerror or exc}") from exc

    @classmethod
    def for_output(cls, output_dir: str | os.PathLike[str], *, create: bool = True) -> "DeskStore":
        return cls(default_desk_path(output_dir), create=create)

    # ----------------------------------------------------------------- plumbing

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA synchronous = FULL")
            yield conn
        finally:
            conn.close()

    @staticmethod
    def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
        """Schema 1 → 2: hash every memory key into the new ``zh_hash`` column
        (and add ``context``, unknown for the old rows)."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()[0] == "1":
                cols = {r[1] for r in conn.execute("PRAGMA table_info(memory)")}
                for col in ("zh_hash", "context"):
                    if col not in cols:
                        conn.execute(f"ALTER TABLE memory ADD COLUMN {col} TEXT NOT NULL DEFAULT ''")
                keys = [r[0] for r in conn.execute("SELECT zh_key FROM memory")]
                conn.executemany("UPDATE memory SET zh_hash = ? WHERE zh_key = ?",
                                 [(_key_hash(k), k) for k in keys])
                conn.execute("UPDATE meta SET value = ? WHERE name = 'schema'", (str(SCHEMA_VERSION),))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    def _set_wal(conn: sqlite3.Connection) -> None:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # e.g. a file system without shared memory
            raise sqlite3.OperationalError(f"journal mode {mode}, WAL needed")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock up front (no deadlocks)."""
        try:
            with self._connect() as conn:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise DeskError(f"{self.path}: desk database write failed: {exc}") from exc

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._connect() as conn:
                yield conn
        except sqlite3.Error as exc:
            raise DeskError(f"{self.path}: desk database read failed: {exc}") from exc

    @staticmethod
    def _audit(conn: sqlite3.Connection, user: str, action: str, target: str,
               before: Any, after: Any) -> None:
        conn.execute(
            "INSERT INTO audit (time, user, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            (now(), user, action, target,
             None if before is None else json.dumps(before, ensure_ascii=False),
             None if after is None else json.dumps(after, ensure_ascii=False)))

    @staticmethod
    def _row(r: tuple | None) -> SegmentRow | None:
        return None if r is None else SegmentRow(*r)

    _COLS = "seg_id, slug, zh, zh_hash, ko, state, origin, version, editor, updated"

    def _get(self, conn: sqlite3.Connection, seg_id: str) -> SegmentRow | None:
        return self._row(conn.execute(f"SELECT {self._COLS} FROM segments WHERE seg_id = ?",
                                      (seg_id,)).fetchone())

    # ----------------------------------------------------------------- segments

    def segment(self, seg_id: str) -> SegmentRow | None:
        with self._read() as conn:
            return self._get(conn, seg_id)

    def segments(self, seg_ids: Iterable[str] | None = None, *, slug: str | None = None) -> dict[str, SegmentRow]:
        """Rows by segment id: of the given ids, of one article, or all."""
        with self._read() as conn:
            if slug is not None:
                rows = conn.execute(f"SELECT {self._COLS} FROM segments WHERE slug = ?", (slug,)).fetchall()
            elif seg_ids is None:
                rows = conn.execute(f"SELECT {self._COLS} FROM segments").fetchall()
            else:
                ids = list(seg_ids)
                rows = []
                for i in range(0, len(ids), 500):
                    part = ids[i:i + 500]
                    rows += conn.execute(f"SELECT {self._COLS} FROM segments WHERE seg_id IN "
                                         f"({','.join('?' * len(part))})", part).fetchall()
        return {r[0]: SegmentRow(*r) for r in rows}

    def save(self, seg_id: str, *, zh: str, ko: str, expected_version: int, user: str,
             approve: bool = False, origin: str = "editor", context: str | None = None) -> SegmentRow:
        """Store an editor's text for ``seg_id`` (state ``edited``, or ``approved``
        with ``approve``), if the row is still at ``expected_version`` (0: the
        page showed machine text). Raises :class:`ConflictError` otherwise.

        Approving puts the sentence in the human memory; un-approving (saving
        as edited) takes this segment's entry out again; any change withdraws
        the article's approval. All audited, all in one transaction.
        ``context``: the Chinese of the sentence before this one (:data:`START`
        for an article's first; None: not known), kept with the memory entry
        for in-context matches.
        """
        user = _check_name(user, "editor name")
        with self._write() as conn:
            return self._save_in(conn, seg_id, zh, ko, expected_version, user, approve, origin,
                                 _context(context))

    def save_many(self, items: list[dict[str, Any]], user: str) -> list[SegmentRow]:
        """Several saves (``seg_id, zh, ko, expected_version, approve, origin``)
        in ONE transaction: all of them or, on any conflict or bad text, none."""
        user = _check_name(user, "editor name")
        with self._write() as conn:
            return [self._save_in(conn, i["seg_id"], i["zh"], i["ko"], i["expected_version"], user,
                                  bool(i.get("approve")), i.get("origin", "editor"),
                                  _context(i.get("context"))) for i in items]

    def _save_in(self, conn: sqlite3.Connection, seg_id: str, zh: str, ko: str, expected_version: int,
                 user: str, approve: bool, origin: str, context: str = "") -> SegmentRow:
        ko = ko.strip()
        if not ko:
            raise DeskError(f"{seg_id}: empty Korean text; type a translation")
        if len(ko) > MAX_TEXT:
            raise DeskError(f"{seg_id}: Korean text longer than {MAX_TEXT} characters")
        if "\x00" in ko:
            raise DeskError(f"{seg_id}: Korean text contains a NUL character")
        state = "approved" if approve else "edited"
        old = self._get(conn, seg_id)
        current = old.version if old else 0
        if current != expected_version:
            who = f"{old.editor} at {old.updated}" if old else "nobody (machine text)"
            raise ConflictError(f"{seg_id}: changed by {who} since your page was loaded "
                                f"(version {current}, your page had {expected_version}); "
                                "nothing was saved", old)
        h = zh_hash(zh)
        if old and (old.ko, old.state, old.zh_hash) == (ko, state, h):
            return old  # nothing changed: no new version, no audit noise
        row = SegmentRow(seg_id, slug_of(seg_id), zh, h, ko, state, origin, current + 1, user, now())
        conn.execute(
            "INSERT OR REPLACE INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.seg_id, row.slug, row.zh, row.zh_hash, row.ko, row.state, row.origin,
             row.version, row.editor, row.updated))
        before = {"ko": old.ko, "state": old.state, "version": old.version} if old else {"state": "machine"}
        after = {"ko": ko, "state": state, "version": row.version, "origin": origin}
        self._audit(conn, user, "approve" if approve else "edit", seg_id, before, after)
        if approve:
            self._remember(conn, zh, ko, user, seg_id, "desk", context)
        elif old and old.state == "approved":
            self._forget(conn, old, user)
        self._withdraw(conn, row.slug, user, f"{seg_id} changed")
        return row

    def _remember(self, conn: sqlite3.Connection, zh: str, ko: str, user: str, seg_id: str,
                  origin: str, context: str = "") -> None:
        key = normalize_key(zh)
        conn.execute(f"INSERT OR REPLACE INTO memory ({_MEMORY_COLS}, zh_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (key, zh, ko, user, now(), seg_id, origin, context, _key_hash(key)))
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'memory_version'")

    def _forget(self, conn: sqlite3.Connection, old: SegmentRow, user: str) -> None:
        n = conn.execute("DELETE FROM memory WHERE zh_key = ? AND seg_id = ? AND ko = ?",
                         (normalize_key(old.zh), old.seg_id, old.ko)).rowcount
        if n:
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'memory_version'")
            self._audit(conn, user, "memory-remove", old.seg_id, {"zh": old.zh, "ko": old.ko}, None)

    def _withdraw(self, conn: sqlite3.Connection, slug: str, user: str, why: str) -> None:
        old = conn.execute("SELECT approved_by, approved_at FROM articles WHERE slug = ?", (slug,)).fetchone()
        if old:
            conn.execute("DELETE FROM articles WHERE slug = ?", (slug,))
            self._audit(conn, user, "withdraw-approval", slug,
                        {"approved_by": old[0], "approved_at": old[1]}, {"why": why})

    # ----------------------------------------------------------------- articles

    def approve_article(self, slug: str, segments: list[tuple[str, str]], user: str) -> dict[str, Any]:
        """Approve article ``slug`` whose current segments are ``(id, zh)`` pairs.

        Refused (:class:`NotReadyError`, naming the segments) unless every one
        is approved for its current Chinese. Whoever calls this checks the
        caller's role (the desk: a chief editor when accounts are on).
        """
        user = _check_name(user, "editor name")
        if not segments:
            raise DeskError(f"{slug}: article has no segments")
        with self._write() as conn:
            pending = []
            for seg_id, zh in segments:
                row = self._get(conn, seg_id)
                if row is None or row.state != "approved" or not row.matches(zh):
                    pending.append(seg_id)
            if pending:
                raise NotReadyError(f"{slug}: {len(pending)} of {len(segments)} sentences not approved yet "
                                    f"(first: {pending[0]})", pending)
            hashes = json.dumps({s: zh_hash(z) for s, z in segments}, ensure_ascii=False, sort_keys=True)
            stamp = now()
            conn.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)", (slug, user, stamp, hashes))
            self._audit(conn, user, "approve-article", slug, None,
                        {"approved_by": user, "segments": len(segments)})
            return {"slug": slug, "approved_by": user, "approved_at": stamp}

    def article_approval(self, slug: str, segments: list[tuple[str, str]]) -> dict[str, Any] | None:
        """The approval of ``slug`` if it still holds for these segments, else None."""
        with self._read() as conn:
            r = conn.execute("SELECT approved_by, approved_at, hashes FROM articles WHERE slug = ?",
                             (slug,)).fetchone()
        if not r:
            return None
        want = {s: zh_hash(z) for s, z in segments}
        if json.loads(r[2]) != want:
            return None  # the article's Chinese (or its segmentation) changed since
        return {"slug": slug, "approved_by": r[0], "approved_at": r[1]}

    def article_state(self, slug: str, segments: list[tuple[str, str]],
                      rows: dict[str, SegmentRow] | None = None) -> str:
        """``approved``, ``in review`` (some human work) or ``draft`` (none)."""
        if self.article_approval(slug, segments):
            rows = rows if rows is not None else self.segments(slug=slug)
            if all(s in rows and rows[s].state == "approved" and rows[s].matches(z) for s, z in segments):
                return "approved"
        rows = rows if rows is not None else self.segments(slug=slug)
        return "in review" if any(s in rows for s, _ in segments) else "draft"

    # ----------------------------------------------------------------- memory

    def memory_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute("SELECT value FROM meta WHERE name = 'memory_version'").fetchone()[0])

    def memory_exact(self, zhs: Iterable[str]) -> dict[str, MemoryEntry]:
        """Normalized key → memory entry, for the keys present."""
        keys = list(dict.fromkeys(normalize_key(z) for z in zhs))
        out: dict[str, MemoryEntry] = {}
        with self._read() as conn:
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                for r in conn.execute(f"SELECT {_MEMORY_COLS} FROM memory "
                                      f"WHERE zh_key IN ({','.join('?' * len(part))})", part):
                    out[r[0]] = MemoryEntry(*r)
        return out

    def memory_all(self) -> list[MemoryEntry]:
        with self._read() as conn:
            return [MemoryEntry(*r) for r in conn.execute(
                f"SELECT {_MEMORY_COLS} FROM memory ORDER BY zh_key")]

    def import_memory(self, pairs: Iterable[tuple[str, str, str]], user: str, origin: str = "tmx") -> int:
        """Add ``(zh, ko, editor)`` pairs to the human memory in one transaction."""
        user = _check_name(user, "editor name")
        n = 0
        with self._write() as conn:
            for zh, ko, who in pairs:
                key = normalize_key(zh)
                conn.execute(f"INSERT OR REPLACE INTO memory ({_MEMORY_COLS}, zh_hash) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (key, zh, ko, who or user, now(), "", origin,
                                                                    "", _key_hash(key)))
                n += 1
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'memory_version'")
            self._audit(conn, user, "memory-import", origin, None, {"entries": n})
        return n

    # ----------------------------------------------------------------- rebuilds

    def article_keys(self, wanted: Mapping[str, Iterable[str]]) -> dict[str, str]:
        """slug → digest of everything on the desk that article's build reads:
        its own rows (edits, approvals, stale ones), its article approval, and
        the memory entries for the hashes (:func:`zh_hash`) of its sentences'
        Chinese, which could serve them. ``""`` when there is none of these,
        exactly as when there is no desk database at all.

        The build records this per article; the next build's up-to-date check
        compares it (three indexed queries an article, no article read), so an
        edit re-reads only its article, and an approval only the articles
        holding the same sentence."""
        out: dict[str, str] = {}
        with self._read() as conn:
            conn.execute("BEGIN")  # one snapshot for the whole batch
            try:
                for slug, hashes in wanted.items():
                    out[slug] = _digest(conn, slug, sorted(set(hashes)))
            finally:
                conn.execute("COMMIT")
        return out

    # ----------------------------------------------------------------- audit

    def log(self, user: str, action: str, target: str, before: Any, after: Any) -> None:
        """One audit record of something that is not a save (a login lockout …)."""
        with self._write() as conn:
            self._audit(conn, user, action, target, before, after)

    def audit(self, target: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        with self._read() as conn:
            if target:
                rows = conn.execute("SELECT id, time, user, action, target, before, after FROM audit "
                                    "WHERE target = ? OR target = ? ORDER BY id DESC LIMIT ?",
                                    (target, slug_of(target), limit)).fetchall()
            else:
                rows = conn.execute("SELECT id, time, user, action, target, before, after FROM audit "
                                    "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [{"id": r[0], "time": r[1], "user": r[2], "action": r[3], "target": r[4],
                 "before": json.loads(r[5]) if r[5] else None, "after": json.loads(r[6]) if r[6] else None}
                for r in rows]

    # ----------------------------------------------------------------- accounts

    def add_user(self, name: str, password: str, role: str, *, by: str = "zhko desk add-user") -> None:
        """Create or update an account. The password is hashed with werkzeug's
        scrypt default (memory-hard); it is never stored or logged plain."""
        from werkzeug.security import generate_password_hash

        name = _check_name(name, "user name")
        if role not in ROLES:
            raise DeskError(f"unknown role '{role}' (expected {', '.join(ROLES)})")
        if len(password) < 8:
            raise DeskError(f"{name}: password too short (at least 8 characters)")
        with self._write() as conn:
            existed = conn.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
            conn.execute("INSERT OR REPLACE INTO users VALUES (?, ?, ?, ?)",
                         (name, generate_password_hash(password), role, now()))
            self._audit(conn, by, "add-user" if not existed else "update-user", name,
                        {"role": existed[0]} if existed else None, {"role": role})

    def check_password(self, name: str, password: str) -> str | None:
        """The user's role when the password is right, else None."""
        from werkzeug.security import check_password_hash

        with self._read() as conn:
            r = conn.execute("SELECT password, role FROM users WHERE name = ?", (name,)).fetchone()
        if r is None:
            check_password_hash("scrypt:32768:8:1$x$" + "0" * 128, password)  # same time either way
            return None
        return r[1] if check_password_hash(r[0], password) else None

    def has_users(self) -> bool:
        with self._read() as conn:
            return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def role_of(self, name: str) -> str | None:
        with self._read() as conn:
            r = conn.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
        return r[0] if r else None

    # ----------------------------------------------------------------- checks

    def integrity_check(self) -> str:
        with self._read() as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _digest(conn: sqlite3.Connection, slug: str, hashes: list[str]) -> str:
    rows = conn.execute("SELECT seg_id, zh_hash, ko, state, origin, version, editor, updated FROM segments "
                        "WHERE slug = ? ORDER BY seg_id", (slug,)).fetchall()
    approval = conn.execute("SELECT approved_by, approved_at, hashes FROM articles WHERE slug = ?",
                            (slug,)).fetchall()
    memory: list[Any] = []
    for i in range(0, len(hashes), 500):
        part = hashes[i:i + 500]
        memory += conn.execute(f"SELECT {_MEMORY_COLS} FROM memory WHERE zh_hash IN "
                               f"({','.join('?' * len(part))}) ORDER BY zh_key", part).fetchall()
    if not (rows or approval or memory):
        return ""
    blob = json.dumps([rows, approval, sorted(memory)], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def article_desk_keys(output_dir: str | os.PathLike[str], wanted: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """:meth:`DeskStore.article_keys` of the output folder's desk, ``""`` for
    every article when the folder has no desk database (none is created)."""
    path = default_desk_path(output_dir)
    if not path.exists():
        return {slug: "" for slug in wanted}
    return DeskStore(path).article_keys(wanted)


def _check_name(name: str, what: str) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise DeskError(f"missing {what}")
    if len(name) > MAX_NAME:
        raise DeskError(f"{what} longer than {MAX_NAME} characters")
    return name
