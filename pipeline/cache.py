"""Translation memory: a SQLite cache of segment translations.

WHY: decoding is the slow stage. A rebuild after a glossary or template change
must not re-decode sentences whose inputs did not change, and several ``zhko
build`` processes (one per editor or per folder) may share one cache file. So:

* the cache key is a hash of the source sentence *and* everything that shapes
  its translation (route signature, decoding options, the glossary entries that
  matched, names, Korean rules version) — change any of them and the old entry
  is simply not found, never wrongly reused;
* SQLite in WAL mode: readers never block the writer, writers queue on
  ``busy_timeout`` instead of failing with "database is locked", and a process
  killed mid-write leaves only whole transactions behind;
* every write takes the write lock up front (``BEGIN IMMEDIATE``) so two
  processes never deadlock upgrading read locks to write locks.

Only the stdlib ``sqlite3`` is used, so importing this module is cheap.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.errors import ZhkoError

#: File name of the cache inside an output folder.
DEFAULT_NAME = ".zhko-cache.sqlite3"
#: Environment variable that overrides the cache location.
ENV_VAR = "ZHKO_CACHE"
#: Version of the table layout below; bump and migrate when it changes.
SCHEMA_VERSION = 1
#: How long a process waits for another one's write lock before giving up.
BUSY_TIMEOUT_S = 30.0
#: Keys per ``IN (...)`` query; far below SQLite's variable limit (999 on old builds).
CHUNK = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS segments (
    key       TEXT PRIMARY KEY,
    value     TEXT NOT NULL,
    signature TEXT NOT NULL DEFAULT '',
    created   REAL NOT NULL,
    last_used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS segments_last_used ON segments(last_used);
CREATE INDEX IF NOT EXISTS segments_signature ON segments(signature);
"""

#: Connections inherited through fork(); kept alive so they are never closed.
_INHERITED: list[sqlite3.Connection | None] = []

_ADVICE = "run `zhko cache prune --all --cache {path}` or delete the file (it is only a cache)"


class CacheError(ZhkoError):
    """The translation memory cannot be opened, read or written. Names the file."""

    def __init__(self, path: str | os.PathLike, why: str, *, advice: bool = False):
        self.path = str(path)
        self.damaged = advice  # True: the file itself is broken; deleting it is safe
        msg = f"{self.path}: {why}"
        if advice:
            msg += "; " + _ADVICE.format(path=self.path)
        super().__init__(msg)


def default_cache_path(output_dir: str | os.PathLike) -> Path:
    """Where ``zhko build -o OUTPUT_DIR`` keeps its cache: inside the output folder,
    so the cache travels with (and is deleted with) the outputs it produced."""
    return Path(output_dir) / DEFAULT_NAME


def resolve_cache_path(
    cache: str | os.PathLike | None, output_dir: str | os.PathLike
) -> Path:
    """``--cache PATH`` wins, then ``$ZHKO_CACHE``, then the output folder default."""
    if cache:
        return Path(cache)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return default_cache_path(output_dir)


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).isoformat(timespec="seconds")


def _decode(value: Any) -> dict | None:
    """A stored value as a dict, or None when it is not a JSON object."""
    try:
        out = json.loads(value)
    except (TypeError, ValueError, RecursionError):
        return None
    return out if isinstance(out, dict) else None


def _chunks(seq: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


class TranslationMemory:
    """SQLite (WAL) cache of segment translations; safe for concurrent zhko processes.

    Values are JSON-able dicts chosen by the caller (e.g. ``{"ko_raw": …}``).
    One instance per process: after a ``fork`` the connection is reopened
    automatically, since SQLite connections must not cross processes.
    """

    def __init__(self, path: str | os.PathLike, *, create: bool = True):
        self.path = Path(path)
        self.hits = 0
        self.misses = 0
        #: Keys whose stored value was not a JSON object (read as misses).
        self.bad_rows: list[str] = []
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()
        if not create and not self.path.exists():
            raise CacheError(self.path, "no translation memory here (nothing built yet?)")
        self._open()

    # ------------------------------------------------------------------ opening

    def _open(self) -> None:
        """Connect, switch to WAL and make sure the schema exists and is ours."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(
                self.path, f"cannot create the cache folder: {exc.strerror or exc}"
            ) from exc
        if self.path.is_dir():
            raise CacheError(self.path, "is a folder, expected a cache file")
        try:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise CacheError(self.path, f"cannot open the cache: {exc}") from exc
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._set_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            self._ensure_schema(conn)
        except CacheError:
            self._close_quietly()
            raise
        except sqlite3.Error as exc:
            self._close_quietly()
            raise self._translate(exc, "cannot open the cache") from exc

    def _set_wal(self, conn: sqlite3.Connection) -> None:
        """Switch to WAL. Converting needs a brief exclusive lock, which a racing
        process may hold; the conversion is retried within the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        if str(mode).lower() != "wal":
            raise CacheError(self.path, f"cannot switch the cache to WAL mode (got {mode!r})")

    def _ensure_schema(self, conn: sqlite3.Connection) -> None:
        """Create the tables once; refuse SQLite files that are not a zhko cache
        (we must never add tables to someone else's database) or are newer."""
        with self._write(conn):
            tables = {
                r[0]
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if tables and "meta" not in tables:
                raise CacheError(
                    self.path,
                    "is an SQLite database but not a zhko translation memory "
                    f"(tables: {', '.join(sorted(tables))}); choose another --cache path",
                )
            for statement in _SCHEMA.split(";"):
                if statement.strip():  # not executescript: it would COMMIT early
                    conn.execute(statement)
            row = conn.execute(
                "SELECT value FROM meta WHERE name = 'schema_version'"
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO meta(name, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            elif int(row[0]) > SCHEMA_VERSION:
                raise CacheError(
                    self.path,
                    f"was written by a newer zhko (schema {row[0]}, this one knows "
                    f"{SCHEMA_VERSION}); upgrade zhko or use another --cache path",
                )

    # ---------------------------------------------------------------- plumbing

    def _connection(self) -> sqlite3.Connection:
        if os.getpid() != self._pid:  # forked: never reuse the parent's handle
            # ...and never close it here either (closing may checkpoint or unlock
            # on the parent's behalf): keep it referenced, unused, until exit.
            _INHERITED.append(self._conn)
            self._conn, self._pid = None, os.getpid()
            self._open()
        if self._conn is None:
            raise CacheError(self.path, "the translation memory is closed")
        return self._conn

    @contextmanager
    def _write(self, conn: sqlite3.Connection) -> Iterator[None]:
        """One write transaction, lock taken up front (no upgrade deadlocks)."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _guard(self, doing: str) -> Iterator[sqlite3.Connection]:
        """Serialize threads and turn SQLite errors into a :class:`CacheError`."""
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except sqlite3.Error as exc:
                raise self._translate(exc, doing) from exc

    def _translate(self, exc: sqlite3.Error, doing: str) -> CacheError:
        text = str(exc)
        if isinstance(exc, sqlite3.DatabaseError) and (
            "not a database" in text or "malformed" in text or "corrupt" in text
        ):
            return CacheError(self.path, f"the cache file is damaged ({text})", advice=True)
        if "readonly" in text or "unable to open" in text or "disk I/O" in text:
            return CacheError(self.path, f"{doing}: {text} (is the folder writable?)")
        return CacheError(self.path, f"{doing}: {text}")

    def _close_quietly(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    # -------------------------------------------------------------- public API

    @staticmethod
    def key(source: str, context: dict) -> str:
        """sha256 of canonical JSON of ``{"src": source, **context}``.

        ``context`` must hold everything that changes the translation (route
        signature, decoding options, matched glossary entries, names, Korean
        rules version); anything left out would let a stale entry be reused.
        """
        if "src" in context:
            raise ValueError("context must not contain the key 'src' (reserved for the source)")
        blob = json.dumps(
            {"src": source, **context},
            sort_keys=True, ensure_ascii=False, separators=(",", ":"),
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def get_many(self, keys: Iterable[str], *, touch: bool = False) -> dict[str, dict]:
        """Stored values of the keys that are present (missing keys are absent).

        A stored value that is not a JSON object (a damaged row, a row written
        by a foreign tool) is left out, i.e. treated as a miss, and its key is
        added to :attr:`bad_rows` so the caller can warn: one bad row must cost
        one re-translation, never the build.

        Counts hits/misses for :meth:`stats`. ``touch=True`` also refreshes
        ``last_used`` of the hits (one extra write transaction).
        """
        wanted = list(dict.fromkeys(keys))
        found: dict[str, dict] = {}
        with self._guard("cannot read the cache") as conn:
            for part in _chunks(wanted):
                marks = ",".join("?" * len(part))
                rows = conn.execute(
                    f"SELECT key, value FROM segments WHERE key IN ({marks})", part
                )
                for k, v in rows:
                    value = _decode(v)
                    if value is None:
                        self.bad_rows.append(k)
                    else:
                        found[k] = value
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        if touch and found:
            self.touch(found)
        return found

    def put_many(self, items: dict[str, dict], *, signature: str = "") -> None:
        """Store (or replace) all items in one transaction: all or nothing.

        ``created`` is kept on replace; ``last_used`` and ``signature`` are updated.
        """
        if not items:
            return
        now = time.time()
        rows = [
            (k, json.dumps(v, ensure_ascii=False, sort_keys=True), signature, now, now)
            for k, v in items.items()
        ]  # serialize first: a non-JSON value must fail before the transaction
        with self._guard("cannot write the cache") as conn, self._write(conn):
            conn.executemany(
                "INSERT INTO segments(key, value, signature, created, last_used) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "value = excluded.value, signature = excluded.signature, "
                "last_used = excluded.last_used",
                rows,
            )

    def touch(self, keys: Iterable[str]) -> None:
        """Mark entries as used now, so ``prune --older-than`` keeps live entries."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return
        now = time.time()
        with self._guard("cannot write the cache") as conn, self._write(conn):
            for part in _chunks(wanted):
                marks = ",".join("?" * len(part))
                conn.execute(
                    f"UPDATE segments SET last_used = ? WHERE key IN ({marks})",
                    [now, *part],
                )

    def stats(self) -> dict[str, Any]:
        """Entries, bytes on disk (db + WAL), timestamps, per-signature counts and
        this instance's hits/misses. JSON-able; timestamps are ISO 8601 UTC."""
        with self._guard("cannot read the cache") as conn:
            n, oldest, newest, used = conn.execute(
                "SELECT count(*), min(created), max(created), max(last_used) FROM segments"
            ).fetchone()
            per_sig = dict(
                conn.execute(
                    "SELECT signature, count(*) FROM segments "
                    "GROUP BY signature ORDER BY count(*) DESC, signature"
                ).fetchall()
            )
        return {
            "path": str(self.path),
            "entries": n,
            "size_bytes": self._size_on_disk(),
            "oldest": _iso(oldest),
            "newest": _iso(newest),
            "last_used": _iso(used),
            "signatures": per_sig,
            "hits": self.hits,
            "misses": self.misses,
            "schema_version": SCHEMA_VERSION,
        }

    def _size_on_disk(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            try:
                total += os.path.getsize(f"{self.path}{suffix}")
            except OSError:
                pass
        return total

    def prune(
        self,
        *,
        older_than_days: float | None = None,
        keep_signature: str | None = None,
        everything: bool = False,
    ) -> int:
        """Remove entries; returns how many. Then VACUUM so the file shrinks.

        ``everything`` removes all. Otherwise each given criterion narrows the
        selection: entries not used for ``older_than_days`` days AND (if given)
        whose signature differs from ``keep_signature`` — so the current run's
        entries are never pruned when ``keep_signature`` names it.
        """
        where, params = self._prune_filter(older_than_days, keep_signature, everything)
        with self._guard("cannot prune the cache") as conn:
            with self._write(conn):
                removed = conn.execute(f"DELETE FROM segments WHERE {where}", params).rowcount
            if removed:
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed

    @staticmethod
    def _prune_filter(
        older_than_days: float | None, keep_signature: str | None, everything: bool
    ) -> tuple[str, list[Any]]:
        if everything:
            return "1", []
        clauses: list[str] = []
        params: list[Any] = []
        if older_than_days is not None:
            if older_than_days < 0:
                raise ValueError(f"older_than_days must be >= 0, got {older_than_days}")
            clauses.append("last_used < ?")
            params.append(time.time() - older_than_days * 86400.0)
        if keep_signature is not None:
            clauses.append("signature != ?")
            params.append(keep_signature)
        if not clauses:
            raise ValueError("prune needs older_than_days, keep_signature or everything=True")
        return " AND ".join(clauses), params

    @staticmethod
    def remove_files(path: str | os.PathLike) -> int:
        """Delete a cache file and its ``-wal``/``-shm`` companions (for a damaged
        cache that cannot even be opened). Returns how many files were removed."""
        removed = 0
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.remove(f"{os.fspath(path)}{suffix}")
                removed += 1
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise CacheError(path, f"cannot delete {path}{suffix}: {exc.strerror}") from exc
        return removed

    def integrity_check(self) -> str:
        """``"ok"`` or SQLite's first complaint; for tests and ``zhko cache stats --check``."""
        with self._guard("cannot check the cache") as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        """Close the connection (idempotent). WAL is checkpointed by SQLite on close."""
        with self._lock:
            self._close_quietly()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        with self._guard("cannot read the cache") as conn:
            return conn.execute("SELECT count(*) FROM segments").fetchone()[0]
