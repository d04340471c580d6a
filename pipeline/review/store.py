"""Round-trip editing of the glossary YAML files, with an audit log.

WHY round-trip: the glossary is written by people. Their comments, key order,
quoting and blank lines carry meaning ("checked with the 2016 norm book"), so
an approval click must change one value in one entry and nothing else. ruamel's
round-trip mode keeps all of that; PyYAML would throw it away.

Every change is (1) checked against a version token so two browser tabs never
silently overwrite each other, (2) written atomically (temp file +
``os.replace``), and (3) appended to a JSON-lines audit log saying who changed
what, when, from what to what, and why.

A change is also linted before it is written: the would-be glossary goes
through the same ``zhko glossary lint`` the build runs, and a change that adds
a problem (a second approved rendering, a forbidden rendering inside an
approved one, …) is refused with lint's own message, so a click on the review
page can never stop the next ``zhko build``.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import re
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from pipeline.errors import GlossaryError, ZhkoError
from pipeline.outputs import write_atomic

KINDS = ("person", "place", "org", "title", "term", "phrase")
STATUSES = ("approved", "proposed", "rejected", "forbidden")
#: The documented field order; new keys are inserted where this order puts them.
FIELD_ORDER = ("zh", "ko", "en", "kind", "status", "note", "source", "variants", "match", "priority")
#: Fields an editor may change from the review page.
EDITABLE = ("ko", "note", "kind", "status")
ACTIONS = ("approve", "reject", "forbid", "edit")
#: Actions that need a short reason in the audit log.
REASON_ACTIONS = ("reject", "forbid")


class StoreError(ZhkoError):
    """A change the store refuses (bad value, unknown entry). HTTP 400."""

    http_status = 400


class ReasonRequired(StoreError):
    """Rejecting, forbidding, or editing an approved entry needs a reason."""


class EntryNotFound(StoreError):
    http_status = 404


class LintRefused(StoreError):
    """The change would make ``zhko glossary lint`` (and so every build) fail."""


class StaleEditError(StoreError):
    """The entry changed since the editor loaded it. HTTP 409."""

    http_status = 409


@dataclass(frozen=True)
class EntryView:
    """One glossary entry as the review page shows it (a plain-data snapshot)."""

    file: str  # file name inside the glossary folder, e.g. "people.yaml"
    index: int  # position in the file's list
    line: int  # 1-based line of the entry's first key
    key: str  # stable key "<file>#<zh>" ("~2" appended for a repeated zh)
    data: dict[str, Any] = field(hash=False)
    token: str = ""

    @property
    def zh(self) -> str:
        return str(self.data.get("zh", ""))

    @property
    def ko(self) -> str:
        return str(self.data.get("ko", ""))

    @property
    def kind(self) -> str:
        return str(self.data.get("kind") or "term")

    @property
    def status(self) -> str:
        return str(self.data.get("status") or "approved")

    @property
    def note(self) -> str:
        return str(self.data.get("note") or "")

    @property
    def variants(self) -> list[str]:
        v = self.data.get("variants") or []
        return [str(x) for x in v] if isinstance(v, list) else [str(v)]

    @property
    def entry_id(self) -> str:
        return f"{self.file}:{self.line}"


def plain(value: Any) -> Any:
    """ruamel's commented containers → plain dicts/lists/str for JSON and hashing."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value if not isinstance(value, float) else float(value)
    return str(value)


def entry_token(data: dict[str, Any]) -> str:
    """Version token: a hash of the entry's current content. Any change to the
    entry (from this page, another tab, or a text editor) changes it."""
    blob = json.dumps(plain(data), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_user() -> str:
    return os.environ.get("ZHKO_USER") or os.environ.get("USER") or "unknown"


def _read_checked(path: Path) -> str:
    """The text of a glossary file, under the same rules as the linter
    (:func:`pipeline.glossary.load._load_file`): a regular file within the size
    limit, UTF-8, no YAML anchors/aliases, bounded nesting. ruamel would
    otherwise expand an alias bomb while loading or dumping (1.6 GB, 23 s)."""
    import yaml as pyyaml

    from pipeline.errors import InputError
    from pipeline.limits import Limits, read_bounded
    from pipeline.safeyaml import check_text, problem_line

    limits = Limits.from_env()
    try:
        data = read_bounded(path, limits.glossary_bytes, name="glossary", kind="a glossary file")
        text = data.decode("utf-8")
    except InputError as exc:
        raise GlossaryError([str(exc)]) from exc
    except UnicodeDecodeError as exc:
        raise GlossaryError([f"{path.name}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8"]) from exc
    try:
        check_text(text, max_depth=limits.yaml_depth)
    except pyyaml.YAMLError as exc:
        line, why = problem_line(exc)
        raise GlossaryError([f"{path.name}:{line}: not valid YAML: {why}"]) from exc
    return text


class _Doc:
    """One loaded YAML file: the ruamel object and the YAML instance that dumps it
    back with the indentation it was read with."""

    def __init__(self, path: Path):
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedSeq
        from ruamel.yaml.error import MarkedYAMLError
        from ruamel.yaml.util import load_yaml_guess_indent

        self.path = path
        text = _read_checked(path) if path.exists() else ""
        self.text = text
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        # One parse: the indent guesser loads the text with our YAML instance
        # (a second full parse doubled the cost of every large file).
        try:
            try:
                data, indent, seq_indent = load_yaml_guess_indent(text, yaml=yaml) if text.strip() else (None, 2, 0)
            except (IndexError, ValueError):  # the guesser's own line scan; the YAML is loaded alone
                data, indent, seq_indent = yaml.load(text), 2, 0
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            raise GlossaryError([f"{path.name}:{line}: not valid YAML: {exc.problem or exc}"]) from exc
        indent = indent or 2
        yaml.indent(mapping=indent, sequence=indent if seq_indent is None else max(indent, seq_indent + 2), offset=seq_indent or 0)
        self.yaml = yaml
        # A file holding only comments loads as None; keep those comments.
        self.prefix = text if data is None and text.strip() else ""
        if self.prefix and not self.prefix.endswith("\n"):
            self.prefix += "\n"
        if data is None:
            data = CommentedSeq()
        if not isinstance(data, list):
            raise GlossaryError([f"{path.name}:1: the file must be a YAML list of entries (- zh: …)"])
        self.data = data

    def dump(self) -> str:
        if not self.data:
            return self.prefix or "[]\n"
        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        return self.prefix + buf.getvalue()


class GlossaryStore:
    """Read and change the glossary files in ``glossary_dir``.

    Every read goes to disk, so the page always shows what the files say now
    (an editor may also have a text editor open). Changes take a lock file so
    the review server and ``zhko glossary extract --write`` never interleave.
    """

    def __init__(self, glossary_dir: str | os.PathLike[str], audit_log: str | os.PathLike[str] | None = None):
        self.dir = Path(glossary_dir)
        self.audit_path = Path(audit_log) if audit_log else self.dir / "audit.log"
        self._lock = threading.RLock()

    # ---- reading -----------------------------------------------------------------

    def files(self) -> list[Path]:
        if not self.dir.is_dir():
            return []
        from pipeline.glossary.files import glossary_files

        return glossary_files(self.dir)

    def load_all(self) -> tuple[list[EntryView], list[str]]:
        """Every entry of every file, plus the problems of files that could not
        be read (the page shows those instead of crashing)."""
        views: list[EntryView] = []
        problems: list[str] = []
        for path in self.files():
            try:
                views.extend(self._views(_Doc(path)))
            except GlossaryError as exc:
                problems.extend(exc.problems)
        return views, problems

    def entries(self) -> list[EntryView]:
        """Every entry; raises :class:`GlossaryError` if any file is unreadable."""
        views, problems = self.load_all()
        if problems:
            raise GlossaryError(problems)
        return views

    def get(self, key: str) -> EntryView:
        file = key.split("#", 1)[0]
        path = self.dir / file
        if "#" not in key or path not in self.files() or not path.is_file():
            raise EntryNotFound("no such glossary entry (reload the page)")
        for view in self._views(_Doc(path)):
            if view.key == key:
                return view
        raise EntryNotFound(f"{file}: no entry {key.split('#', 1)[1]} (renamed or removed since the page was loaded?)")

    def _views(self, doc: _Doc) -> Iterator[EntryView]:
        seen: dict[str, int] = {}
        for i, item in enumerate(doc.data):
            if not isinstance(item, dict):
                continue
            zh = str(item.get("zh", ""))
            seen[zh] = seen.get(zh, 0) + 1
            key = f"{doc.path.name}#{zh}" + (f"~{seen[zh]}" if seen[zh] > 1 else "")
            line = item.lc.line + 1 if hasattr(item, "lc") and item.lc.line is not None else 0
            data = plain(item)
            yield EntryView(doc.path.name, i, line, key, data, entry_token(data))

    # ---- changing ----------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.dir.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.dir / ".zhko-review.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def apply(
        self,
        key: str,
        token: str,
        action: str,
        *,
        changes: dict[str, Any] | None = None,
        user: str | None = None,
        reason: str = "",
        session: str = "",
    ) -> EntryView:
        """Approve, reject, forbid or edit one entry; returns the entry after.

        ``token`` must be the version token the editor saw; a different current
        token means someone changed the entry meanwhile → :class:`StaleEditError`.
        A change that would make lint fail → :class:`LintRefused`, nothing written.
        ``session``: the browser session's id, kept in the audit record.
        """
        if action not in ACTIONS:
            raise StoreError(f"unknown action (expected one of {', '.join(ACTIONS)})")
        reason = (reason or "").strip()
        with self._locked():
            current = self.get(key)
            if not token or token != current.token:
                raise StaleEditError(
                    f"{current.file}:{current.line}: the entry {current.zh} was changed by someone else "
                    "since you opened this page; reload to see the current version, then redo your change"
                )
            wanted = self._wanted(action, changes or {}, current)
            if action in REASON_ACTIONS and not reason:
                raise ReasonRequired(f"{current.file}:{current.line}: give a short reason to {action} {current.zh}")
            if action == "edit" and current.status == "approved" and not reason:
                raise ReasonRequired(
                    f"{current.file}:{current.line}: {current.zh} is approved; give a short reason for editing it"
                )
            doc = _Doc(self.dir / current.file)
            item = doc.data[current.index]
            if not any(_differs(item.get(k), v) for k, v in wanted.items()):
                return current  # nothing to do: no write, no audit line
            for k, v in wanted.items():
                _set_field(item, k, v)
            text = doc.dump()
            self._check_lint(current.file, text)
            write_atomic(doc.path, text)
            after = self.get(key)
            self._audit([self._record(action, user, current, after.data, reason, file=current.file, key=key,
                                      line=current.line, session=session)])
            return after

    def _check_lint(self, file: str, text: str) -> None:
        """Refuse ``text`` as the new content of ``file`` if the glossary would
        then have a lint problem it does not have now.

        WHY compare with the current problems: a glossary that already has a
        problem (an editor's typo in another file) must not block every click;
        only a change that adds one is refused. Problems are compared without
        line numbers, which an edit may shift."""
        from pipeline.glossary.load import lint

        def norm(problems: list[str], root: str) -> dict[str, str]:
            out = {}
            for p in problems:
                p = p.replace(root + os.sep, "")
                out[re.sub(r"(\.ya?ml):\d+", r"\1", p)] = p
            return out

        before = norm(lint(self.dir), str(self.dir))
        with tempfile.TemporaryDirectory(prefix="zhko-lint-") as tmp:
            for path in self.files():
                (Path(tmp) / path.name).write_bytes(path.read_bytes())
            (Path(tmp) / file).write_text(text, encoding="utf-8")
            after = norm(lint(tmp), tmp)
        added = [p for k, p in after.items() if k not in before]
        if added:
            raise LintRefused(
                "not saved: after this change `zhko glossary lint` would report "
                + ("; ".join(added[:5]) + (f" (and {len(added) - 5} more)" if len(added) > 5 else ""))
                + " — and `zhko build` would stop. Nothing was written; change the other entry first "
                "(e.g. mark it proposed), then try again.")

    @staticmethod
    def _wanted(action: str, changes: dict[str, Any], current: EntryView) -> dict[str, Any]:
        """The field values an action sets, validated."""
        if action == "approve":
            return {"status": "approved"}
        if action == "reject":
            return {"status": "rejected"}
        if action == "forbid":
            return {"status": "forbidden"}
        wanted: dict[str, Any] = {}
        for k, v in changes.items():
            if k not in EDITABLE:
                raise StoreError(f"that field cannot be edited here (editable: {', '.join(EDITABLE)})")
            v = "" if v is None else str(v).strip()
            if k == "ko" and not v:
                raise StoreError(f"{current.file}:{current.line}: the Korean rendering cannot be empty")
            if k == "kind" and v not in KINDS:
                raise StoreError(f"unknown kind (expected one of {', '.join(KINDS)})")
            if k == "status" and v not in STATUSES:
                raise StoreError(f"unknown status (expected one of {', '.join(STATUSES)})")
            if "\n" in v or "\r" in v:
                raise StoreError(f"{k}: one line only, please")
            wanted[k] = v or None  # empty note → remove the key
        return wanted

    def add_entries(
        self,
        new: list[dict[str, Any]],
        file: str = "proposed.yaml",
        *,
        user: str | None = None,
        reason: str = "",
        action: str = "add",
    ) -> list[EntryView]:
        """Append entries to ``file`` (created if missing). An entry whose ``zh``
        and ``ko`` already exist in that file updates it instead (only the given
        fields), so re-running extract or import never duplicates entries.
        Returns the views of the added/updated entries. Like :meth:`apply`,
        refuses (:class:`LintRefused`) what would make lint fail."""
        path = self.dir / file
        if path.parent != self.dir or path.suffix not in (".yaml", ".yml"):
            raise StoreError(f"{file}: must be a .yaml file inside {self.dir}")
        from ruamel.yaml.comments import CommentedMap

        with self._locked():
            doc = _Doc(path)
            # (zh, ko) → entry, built once: looking each new entry up by scanning
            # the file made an 8,000-entry import quadratic (21 s).
            index: dict[tuple[str, str], Any] = {}
            for it in doc.data:
                if isinstance(it, dict):
                    index.setdefault((str(it.get("zh")), str(it.get("ko"))), it)
            befores: dict[tuple[str, str], dict[str, Any] | None] = {}
            for n, entry in enumerate(new, 1):
                zh, ko = str(entry.get("zh", "")).strip(), str(entry.get("ko", "")).strip()
                if not zh or not ko:
                    raise StoreError(f"{file}: new entry {n} needs both zh and ko")
                existing = index.get((zh, ko))
                befores.setdefault((zh, ko), plain(existing) if existing is not None else None)
                if existing is None:
                    existing = CommentedMap()
                    doc.data.append(existing)
                    index[(zh, ko)] = existing
                for k in FIELD_ORDER:
                    if k in entry and entry[k] not in (None, "", []):
                        _set_field(existing, k, entry[k])
            text = doc.dump()
            self._check_lint(file, text)  # a TBX import may bring approved renderings too
            write_atomic(path, text)
            views = {(v.zh, v.ko): v for v in self._views(_Doc(path))}
            out, records = [], []
            for pair, before in befores.items():
                after = views[pair]
                if before is None or _differs(before, after.data):
                    records.append(self._record(action, user, before, after.data, reason, file=file,
                                                key=after.key, line=after.line))
                out.append(after)
            self._audit(records)
            return out

    # ---- audit -------------------------------------------------------------------

    @staticmethod
    def _record(
        action: str,
        user: str | None,
        before: EntryView | dict[str, Any] | None,
        after: dict[str, Any],
        reason: str,
        *,
        file: str,
        key: str,
        line: int,
        session: str = "",
    ) -> dict[str, Any]:
        before_data = before.data if isinstance(before, EntryView) else before
        record = {
            "time": utc_now(),
            "user": (user or "").strip() or default_user(),
            "action": action,
            "file": file,
            "line": line,
            "key": key,
            "before": before_data,
            "after": after,
            "reason": reason,
        }
        if session:
            record["session"] = session
        return record

    def _audit(self, records: list[dict[str, Any]]) -> None:
        """Append records, one JSON object per line, with one fsync."""
        if not records:
            return
        self.audit_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.audit_path, "a", encoding="utf-8") as fh:
            fh.write("".join(audit_line(r) for r in records))
            fh.flush()
            os.fsync(fh.fileno())

    def read_audit(self) -> list[dict[str, Any]]:
        """Every readable audit record (see :meth:`read_audit_checked`)."""
        return self.read_audit_checked()[0]

    def read_audit_checked(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The audit records, and a problem line for each line that is not one.

        WHY split on ``\\n`` only: ``str.splitlines`` also splits on U+2028,
        U+0085 …, which a note pasted from Word may hold; one such line made the
        History page fail for good. A corrupt line (a crash mid-write, a hand
        edit) is reported and skipped, never fatal."""
        if not self.audit_path.exists():
            return [], []
        records: list[dict[str, Any]] = []
        problems: list[str] = []
        with open(self.audit_path, encoding="utf-8", errors="replace", newline="") as fh:
            for n, line in enumerate(fh, 1):  # file iteration splits on "\n" only
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError:
                    rec = None
                if not isinstance(rec, dict) or not isinstance(rec.get("after"), dict) or \
                        not isinstance(rec.get("before") or {}, dict):
                    problems.append(f"{self.audit_path.name}:{n}: not an audit record (skipped)")
                    continue
                records.append(rec)
        return records, problems


#: Characters ``json.dumps(ensure_ascii=False)`` leaves raw that line-based
#: readers (``splitlines``, many log tools) take as line breaks.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def audit_line(record: dict[str, Any]) -> str:
    """One audit record as one line of JSON: Korean and Chinese readable, but
    every line-break character escaped, so a record is always one line."""
    text = json.dumps(record, ensure_ascii=False)
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return text + "\n"


def _differs(a: Any, b: Any) -> bool:
    return plain(a) != plain(b)


def _set_field(item: Any, key: str, value: Any) -> None:
    """Set (or with ``None`` remove) one key of a ruamel mapping, keeping its
    comments; a new key goes where FIELD_ORDER puts it, not at the end."""
    if value is None:
        if key in item:
            _move_trailing_comment_before_delete(item, key)
            del item[key]
        return
    if isinstance(value, list):
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        value = seq
    if key in item:
        old = item[key]
        item[key] = _like(old, value)
        return
    keys = list(item.keys())
    rank = FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
    pos = 0
    for i, k in enumerate(keys):
        if (FIELD_ORDER.index(k) if k in FIELD_ORDER else len(FIELD_ORDER)) <= rank:
            pos = i + 1
    if keys and pos == len(keys):
        # The blank line / comment after an entry hangs on its last key; keep it
        # after the entry by moving it to the new last key.
        last = keys[-1]
        slot = item.ca.items.get(last)
        item.insert(pos, key, value)
        if slot is not None and len(slot) > 2 and slot[2] is not None:
            _split_trailing(item, last, key)
        return
    item.insert(pos, key, value)


def _split_comment(value: str) -> tuple[str, str]:
    """A key's comment token = its end-of-line comment + what follows the
    entry (blank lines, comment lines). Return (eol part, following part)."""
    if value.startswith("#") and "\n" in value:
        head, rest = value.split("\n", 1)
        return head + "\n", rest
    return "", value[1:] if value.startswith("\n") else value


def _split_trailing(item: Any, old_key: str, new_key: str) -> None:
    """Keep ``old_key``'s end-of-line comment on it, move the blank lines and
    comments after the entry to ``new_key`` (now the last key)."""
    import copy

    tok = item.ca.items[old_key][2]
    head, rest = _split_comment(tok.value)
    if head:
        tok.value = head
    else:
        item.ca.items.pop(old_key, None)
    if rest:
        moved = copy.copy(tok)
        moved.value = "\n" + rest
        item.ca.items[new_key] = [None, None, moved, None]


def _move_trailing_comment_before_delete(item: Any, key: str) -> None:
    """Deleting the last key: its end-of-line comment goes with it, but the
    blank lines/comments after the entry move to the previous key."""
    import copy

    keys = list(item.keys())
    slot = item.ca.items.pop(key, None)
    if not (keys and keys[-1] == key and len(keys) > 1 and slot and len(slot) > 2 and slot[2] is not None):
        return
    _, rest = _split_comment(slot[2].value)
    if not rest:
        return
    prev = keys[-2]
    pslot = item.ca.items.get(prev)
    if pslot is not None and len(pslot) > 2 and pslot[2] is not None:
        pslot[2].value = pslot[2].value.rstrip("\n") + "\n" + rest
    else:
        moved = copy.copy(slot[2])
        moved.value = "\n" + rest
        item.ca.items[prev] = [None, None, moved, None]


def _like(old: Any, value: Any) -> Any:
    """Keep the quoting style of the old scalar (a quoted string stays quoted)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, str):
        if isinstance(old, DoubleQuotedScalarString):
            return DoubleQuotedScalarString(value)
        if isinstance(old, SingleQuotedScalarString):
            return SingleQuotedScalarString(value)
    return value
