"""Knowing an article is up to date before reading it.

An unchanged rebuild must cost (nearly) nothing: no jieba dictionary, no
YAML parsing, no segmenting, no translation-memory lookups. So before any
article is read, each input's *build key* is compared with the one recorded
the last time it was built into this output folder. The key hashes everything
that determines the article's outputs:

- the input file's bytes;
- the glossary files' bytes (names and contents; not the parsed glossary);
- the options that change output (Korean style, OpenCC config, name reading,
  output formats), the templates, the Korean-norm rules version, zhko's version;
- the engine signature (:meth:`Translator.signature`: engine, route, package
  versions, decoding options, device) and the route's package files (names,
  sizes and mtimes, ``metadata.json``'s bytes: a package replaced in place
  under the same version makes every article stale).

The check itself must stay cheap: the engine signature comes from the
packages' ``metadata.json`` read directly, the installed CTranslate2 version
from its dist-info, and ``--device auto`` is resolved without importing
CTranslate2 when the machine has no NVIDIA/WSL2 GPU device files (else
CTranslate2 is asked, as for a real build), so an unchanged rebuild imports
neither ``argostranslate.package`` nor ``ctranslate2``.

Beside the key, each record holds the article's *desk key*
(:meth:`pipeline.desk.store.DeskStore.article_keys`: its own edits, approvals
and article approval, and the human-memory entries for the hashes of its
sentences' Chinese, also recorded) as it was when the article was built. An
edit on the desk therefore makes only its own article stale, and an approval
only the articles holding that sentence; the check costs a few indexed SQLite
queries per article and reads no article.

The record is the manifest ``<out>/.zhko-manifest.json``: per input path, its
build key, its slug, its index row and the size and mtime of its JSON output
(so an output deleted or edited by hand makes the article stale again). An
input whose key and outputs match is not read at all; the others go through
the whole pipeline, where the translation memory and the per-article render
fingerprint still save whatever work they can (a glossary edit changes every
key, but re-translates and re-renders only what it touches).

The manifest is only ever a shortcut: a missing, corrupt or foreign manifest
means "nothing known to be up to date". It is written atomically at the end of
a build; two builds writing into one folder at once may lose each other's
records, which only costs the next build some work.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline.errors import ZhkoError
from pipeline.limits import read_bounded
from pipeline.outputs import write_atomic

MANIFEST_NAME = ".zhko-manifest.json"
#: Bump when the manifest's layout or the key's recipe changes.
MANIFEST_VERSION = 2


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(len(p).to_bytes(8, "big"))
        h.update(p)
    return h.hexdigest()


def files_digest(files: Iterable[Path], root: Path | None = None, limit: int = 64 * 1024 * 1024) -> str:
    """Hash of the names and bytes of ``files`` (an unreadable file hashes as
    missing, so the build reads it and reports it properly)."""
    parts: list[bytes] = []
    for p in files:
        name = (p.relative_to(root) if root else p).as_posix()
        try:
            data = read_bounded(p, limit)
        except (OSError, ZhkoError):  # a FIFO, a device, too large: the loader reports it
            data = b"\0unreadable"
        parts += [name.encode("utf-8", "surrogateescape"), data]
    return _sha(*parts)


def packages_stamp(folders: Iterable[Path]) -> str:
    """What the installed packages of a route are made of, without reading the
    models: every file's path, size and mtime, and ``metadata.json``'s bytes."""
    parts: list[bytes] = []
    for folder in folders:
        parts.append(str(folder).encode("utf-8", "surrogateescape"))
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                st = _stat(p)
                parts.append(f"{p.relative_to(folder).as_posix()}:{st}".encode("utf-8", "surrogateescape"))
        try:
            parts.append(read_bounded(folder / "metadata.json", 1024 * 1024))
        except (OSError, ZhkoError):
            parts.append(b"\0unreadable")
    return _sha(*parts)


def batch_key(*, engine: dict[str, Any], glossary_digest: str, templates_digest: str,
              options: dict[str, Any], rules_version: str, zhko_version: str,
              engine_files: str = "") -> str:
    """What every article of this build shares, hashed (see the module docstring)."""
    blob = json.dumps({"engine": engine, "engine_files": engine_files, "glossary": glossary_digest,
                       "templates": templates_digest, "options": options, "rules": rules_version,
                       "zhko": zhko_version},
                      sort_keys=True, ensure_ascii=False, default=str)
    return _sha(blob.encode("utf-8"))


def input_key(data: bytes, batch: str) -> str:
    """One input's build key: its bytes under this batch key."""
    return _sha(batch.encode("ascii"), data)[:40]


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


@dataclass
class Record:
    """What the manifest knows about one input built into this folder."""

    key: str
    slug: str
    item: dict[str, Any]  # its row of the index (title, counts, links, opencc …)
    glossary_hash: str  # Glossary.hash of the glossary it was built with (for the signature)
    json_stat: list[int] | None  # [size, mtime_ns] of <slug>/<slug>.json when recorded
    desk_key: str | None = None  # the desk key it was built with (None: unknown, so stale)
    desk_zh: list[str] = field(default_factory=list)  # hashes of its sentences' normalized Chinese

    @property
    def opencc(self) -> str:
        return str(self.item.get("opencc") or "t2s")

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "slug": self.slug, "item": self.item, "glossary_hash": self.glossary_hash,
                "json": self.json_stat, "desk": None if self.desk_key is None else
                {"key": self.desk_key, "zh": self.desk_zh}}

    @classmethod
    def from_dict(cls, d: Any) -> Record | None:
        try:
            desk = d.get("desk")
            return cls(str(d["key"]), str(d["slug"]), dict(d["item"]), str(d["glossary_hash"]),
                       [int(x) for x in d["json"]] if d.get("json") else None,
                       str(desk["key"]) if desk else None, [str(h) for h in desk["zh"]] if desk else [])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


class Manifest:
    """The output folder's record of what was built from what."""

    def __init__(self, out_dir: str | os.PathLike[str]):
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / MANIFEST_NAME
        self.records: dict[str, Record] = {}
        #: digest of the index last written (rows + signature), "" when unknown
        self.index_digest = ""
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no manifest (or a damaged one): nothing is known to be up to date
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return
        self.index_digest = str(data.get("index") or "")
        for path, raw in (data.get("articles") or {}).items():
            rec = Record.from_dict(raw)
            if rec is not None:
                self.records[str(path)] = rec

    def fresh(self, keys: dict[Path, str], json_name: str = "{slug}.json") -> dict[Path, Record]:
        """The inputs (path → build key) whose recorded key matches and whose
        JSON output is still the one recorded (same size and mtime)."""
        out: dict[Path, Record] = {}
        for path, key in keys.items():
            rec = self.records.get(str(path))
            if rec is None or rec.key != key or rec.json_stat is None:
                continue
            if _stat(self.out_dir / rec.slug / json_name.format(slug=rec.slug)) != rec.json_stat:
                continue
            if not all((self.out_dir / str(href)).is_file() for href in _hrefs(rec.item)):
                continue
            out[path] = rec
        return out

    def record(self, path: Path, key: str, item: dict[str, Any], glossary_hash: str,
               desk: tuple[str, list[str]] | None = None) -> None:
        """``desk``: the article's desk key and sentence hashes (None: unknown)."""
        slug = str(item["slug"])
        self.records[str(path)] = Record(key, slug, item, glossary_hash,
                                         _stat(self.out_dir / slug / f"{slug}.json"),
                                         desk[0] if desk else None, list(desk[1]) if desk else [])

    def desk_unchanged(self, fresh: dict[Path, Record]) -> dict[Path, Record]:
        """Those of ``fresh`` whose desk key is still the recorded one."""
        from pipeline.outputs import desk_path

        known = {p: r for p, r in fresh.items() if r.desk_key is not None}
        if not known:
            return {}
        if not desk_path(self.out_dir).exists():
            # no desk database: every article's desk key is "" (the store's own
            # rule), known without importing the store and sqlite3
            return {p: r for p, r in known.items() if r.desk_key == ""}
        from pipeline.desk.store import article_desk_keys

        try:
            now = article_desk_keys(self.out_dir, {r.slug: r.desk_zh for r in known.values()})
        except ZhkoError:  # a damaged desk database: the build reads every article and reports it
            return {}
        return {p: r for p, r in known.items() if now.get(r.slug) == r.desk_key}

    def forget(self, path: Path) -> None:
        self.records.pop(str(path), None)

    def save(self) -> None:
        """Write the manifest atomically (errors are the caller's to report)."""
        data = {"version": MANIFEST_VERSION, "index": self.index_digest,
                "articles": {p: r.to_dict() for p, r in sorted(self.records.items())}}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True))


def _hrefs(item: dict[str, Any]) -> list[str]:
    hrefs = [item.get("html")] + [f.get("href") for f in item.get("files") or [] if isinstance(f, dict)]
    return [h for h in hrefs if isinstance(h, str) and h]
