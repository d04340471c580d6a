"""Load and lint the editors' glossary (``glossaries/*.yaml``).

The format is fixed by docs/architecture.md (an editor UI writes it). Loading
collects EVERY problem before raising, each as ``<file>:<line>: <message>``, so
an editor fixes the whole glossary in one pass instead of one error per run.
Line numbers come from PyYAML's composed node tree (``start_mark``), not from
the constructed Python objects, which have lost them.

Overlap rule (documented for editors): two approved Chinese forms where one
contains the other are fine — longest match wins, so ``州长`` inside
``州委副书记、州长`` is never ambiguous. Only a PARTIAL overlap can make the
matcher choose arbitrarily: a proper suffix of A equal to a proper prefix of B
(``疫情防控`` / ``防控工作`` collide on ``疫情防控工作``). Those pairs are
reported unless the entries declare different ``priority`` values. Overlaps of
a single character are not reported: nearly every pair of Chinese words shares
some character, such collisions (``领导小组`` / ``组长`` in ``领导小组长``)
are rare in real text, and flagging them would bury editors in noise.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import GlossaryError, InputError, shown
from pipeline.glossary.entry import FIELDS, KINDS, MATCHES, STATUSES, Entry, Match
from pipeline.glossary.files import glossary_files
from pipeline.glossary.match import Matcher
from pipeline.limits import Limits, read_bounded

__all__ = ["FIELDS", "KINDS", "MATCHES", "STATUSES", "Entry", "Glossary", "Match", "glossary_files",
           "lint", "load_glossary"]

#: Minimum shared characters for a partial overlap to count as a collision.
MIN_OVERLAP = 2
#: Most spellings one entry may list under ``variants`` (real entries have one
#: or two: traditional, an old form); every form is matched and linted.
MAX_VARIANTS = 50


class Glossary:
    """The loaded glossary. Build with :func:`load_glossary`.

    ``warnings`` are things lint reports that do not stop a build (e.g. an
    approved one-character term, which matches inside countless words)."""

    def __init__(self, entries: list[Entry], files: list[str] | None = None,
                 warnings: list[str] | None = None):
        self.entries = list(entries)
        self.files = list(files or [])
        self.warnings = list(warnings or [])
        self.approved = [e for e in self.entries if e.status == "approved"]
        self.forbidden = [e for e in self.entries if e.status == "forbidden"]
        self._matcher: Matcher | None = None
        self._approved_by_zh: dict[str, Entry] = {}
        for e in self.approved:
            for form in e.forms:
                self._approved_by_zh.setdefault(form, e)

    @property
    def hash(self) -> str:
        """Short sha256 of the sorted canonical content: stamped on outputs and
        used as part of the translation cache key, so it ignores file layout,
        comments and notes and changes only when matching or renderings change."""
        items = sorted(json.dumps(e.canonical(), ensure_ascii=False, sort_keys=True)
                       for e in self.entries)
        return hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()[:12]

    def approved_for(self, zh: str) -> Entry | None:
        """The approved entry whose Chinese (or variant) is ``zh``, if any."""
        return self._approved_by_zh.get(zh)

    def find(self, text: str) -> list[Match]:
        """Approved terms in ``text``: longest first, non-overlapping, sorted."""
        if self._matcher is None:
            self._matcher = Matcher(self.approved)
        return self._matcher.find(text)

    def __len__(self) -> int:
        return len(self.entries)


# --------------------------------------------------------------------------- loading


def load_glossary(directory: str | Path, *, limits: Limits | None = None) -> Glossary:
    """Read every ``*.yaml`` in ``directory``; raise GlossaryError listing all problems."""
    glossary, problems = _load(Path(directory), limits or Limits.from_env())
    if problems:
        raise GlossaryError(problems)
    return glossary


def lint(directory: str | Path, *, limits: Limits | None = None) -> list[str]:
    """Every problem in the glossary folder, ``<file>:<line>: <message>``; [] when clean."""
    return _load(Path(directory), limits or Limits.from_env())[1]


def lint_warnings(directory: str | Path, *, limits: Limits | None = None) -> list[str]:
    """What lint warns about without calling it a problem (see :class:`Glossary`)."""
    return _load(Path(directory), limits or Limits.from_env())[0].warnings


def _load(directory: Path, limits: Limits) -> tuple[Glossary, list[str]]:
    if not directory.is_dir():
        return Glossary([]), [f"{directory}: glossary folder not found"]
    files = glossary_files(directory)
    entries: list[Entry] = []
    problems: list[str] = []
    for path in files:
        entries.extend(_load_file(path, problems, limits))
    problems.extend(_check_entries(entries))
    problems.sort(key=_problem_order)
    return Glossary(entries, [p.name for p in files], _warnings(entries)), problems


def _warnings(entries: list[Entry]) -> list[str]:
    """An approved one-character form (的, 市) is enforced inside every word
    that contains it: almost always a mistake, sometimes meant."""
    out = []
    for e in entries:
        single = [form for form in e.forms if len(form) == 1] if e.status == "approved" else []
        if single:
            out.append(f"{e.where}: approved term {single[0]} is a single character; it will be "
                       "enforced inside every word containing it (use match: word, or a longer term)"
                       if e.match != "word" else
                       f"{e.where}: approved term {single[0]} is a single character")
    return out


def _problem_order(problem: str) -> tuple[str, int]:
    """File then line, so an editor walks each file top to bottom."""
    where = problem.split(": ", 1)[0]
    path, _, line = where.rpartition(":")
    return (path, int(line)) if line.isdigit() else (where, 0)


def _load_file(path: Path, problems: list[str], limits: Limits) -> list[Entry]:
    """The entries of one file; its problems appended to ``problems``.

    The file must be a regular file within ``limits.glossary_bytes``, valid
    UTF-8, and YAML without anchors/aliases or deep nesting
    (:mod:`pipeline.safeyaml`): an alias bomb is refused as one problem naming
    the file and line instead of expanding to gigabytes.
    """
    from pipeline.safeyaml import SafeLoader, problem_line

    try:
        data = read_bounded(path, limits.glossary_bytes, name="glossary", kind="a glossary file")
    except InputError as exc:
        problems.append(str(exc))
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
        return []
    loader = SafeLoader(text, max_depth=limits.yaml_depth)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        line, why = problem_line(exc)
        problems.append(f"{path}:{line}: invalid YAML: {why}")
        return []
    finally:
        loader.dispose()
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        found = "a mapping" if isinstance(root, yaml.MappingNode) else "a single value"
        problems.append(f"{path}:{_line(root)}: top level must be a list of entries, found {found}")
        return []
    out = []
    for item in root.value:
        entry = _entry(path, item, loader, problems, limits)
        if entry is not None:
            out.append(entry)
    return out


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _entry(path: Path, node: yaml.Node, loader: Any, problems: list[str], limits: Limits) -> Entry | None:
    where = f"{path}:{_line(node)}"
    if not isinstance(node, yaml.MappingNode):
        found = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        problems.append(f"{where}: entry must be a mapping (zh: …, ko: …), found {found}")
        return None
    values: dict[str, Any] = {}
    ok = True
    for key_node, value_node in node.value:
        kwhere = f"{path}:{_line(key_node)}"
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(not text)"
        if key not in FIELDS:
            problems.append(f"{kwhere}: {_unknown_field(key)}")
            ok = False
            continue
        if key in values:
            problems.append(f"{kwhere}: field '{key}' given twice")
            ok = False
            continue
        try:
            value = loader.construct_object(value_node, deep=True)
        except yaml.YAMLError as exc:  # e.g. a bad tag
            from pipeline.safeyaml import problem_line

            problems.append(f"{kwhere}: field '{key}': {problem_line(exc)[1]}")
            ok = False
            continue
        except (ValueError, OverflowError):  # a timestamp PyYAML cannot build
            problems.append(f"{kwhere}: field '{key}': not a valid value; quote it")
            ok = False
            continue
        why = _check_value(key, value) or _check_length(key, value, limits.term_chars)
        if why:
            problems.append(f"{kwhere}: {why}")
            ok = False
            continue
        values[key] = value
    for required in ("zh", "ko"):
        if required not in values and not any(
            isinstance(k, yaml.ScalarNode) and k.value == required for k, _ in node.value
        ):
            problems.append(f"{where}: missing required field '{required}'")
            ok = False
    if not ok:
        return None
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items() if v is not None}
    if "variants" in values:
        values["variants"] = [v.strip() for v in values["variants"]]
    return Entry(file=path.name, path=str(path), line=_line(node), **values)


def _unknown_field(key: str) -> str:
    close = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.6) if len(key) <= 40 else []
    if close:
        return f"unknown field '{key}' (did you mean '{close[0]}'?)"
    return f"unknown field '{shown(key, 40)}' (known fields: {', '.join(FIELDS)})"


def _found(value: Any) -> str:
    """What a wrong value is, for a message: its kind, and a short text for
    scalars only (a list or mapping is never printed: it may be enormous)."""
    if isinstance(value, str):
        return f"'{shown(value, 40)}'"
    if isinstance(value, (bool, int, float)):
        return f"{_type_name(value)} ({shown(value, 40)})"
    return _type_name(value)


def _check_length(key: str, value: Any, max_chars: int) -> str | None:
    """Terms are short; lint's overlap check costs the square of their length,
    so a 50,000-character "term" once made it use 2.5 GB."""
    if key == "variants" and isinstance(value, list) and len(value) > MAX_VARIANTS:
        return f"field 'variants' lists {len(value)} spellings; at most {MAX_VARIANTS} are allowed"
    texts = value if key == "variants" and isinstance(value, list) else [value]
    if key in ("zh", "ko", "variants"):
        for text in texts:
            if isinstance(text, str) and len(text) > max_chars:
                return (f"field '{key}' is {len(text)} characters long; the limit is {max_chars} "
                        "(raise it with ZHKO_MAX_TERM_CHARS)")
    return None


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list",
            dict: "a mapping", type(None): "nothing"}.get(type(value), type(value).__name__)


def _check_value(key: str, value: Any) -> str | None:
    """Why ``value`` is wrong for field ``key``, or None."""
    if key in ("zh", "ko"):
        if not isinstance(value, str):
            return f"field '{key}' must be text, found {_found(value)}; quote it"
        if not value.strip():
            return f"field '{key}' is empty"
        return None
    if key in ("en", "note", "source"):
        if value is not None and not isinstance(value, str):
            return f"field '{key}' must be text, found {_found(value)}; quote it"
        return None
    if key == "variants":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"field 'variants' must be a list of Chinese strings, found {_found(value)}"
        return None
    if key == "priority":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"field 'priority' must be a whole number, found {_found(value)}"
        return None
    allowed = {"kind": KINDS, "status": STATUSES, "match": MATCHES}[key]
    if not isinstance(value, str) or value not in allowed:
        return f"invalid {key} {_found(value)} (expected {', '.join(allowed)})"
    return None


# --------------------------------------------------------------------------- cross-entry checks


def _check_entries(entries: list[Entry]) -> list[str]:
    problems: list[str] = []
    problems += _duplicates(entries)
    approved = [e for e in entries if e.status == "approved"]
    problems += _overlaps(approved)
    problems += _forbidden_inside_approved(entries, approved)
    return problems


def _duplicates(entries: list[Entry]) -> list[str]:
    problems = []
    seen: dict[tuple[str, str], Entry] = {}
    approved_by_form: dict[str, Entry] = {}
    for e in entries:
        first = seen.get((e.zh, e.ko))
        if first is not None:
            problems.append(f"{e.where}: duplicate entry {e.zh} → {e.ko} (first at {first.where})")
            continue
        seen[(e.zh, e.ko)] = e
        if e.status != "approved":
            continue
        for form in e.forms:
            other = approved_by_form.get(form)
            if other is not None and other.ko != e.ko:
                problems.append(
                    f"{e.where}: {form} has two approved renderings: "
                    f"{other.ko} ({other.where}) and {e.ko} ({e.where}); "
                    "keep one approved, mark the other proposed or rejected"
                )
            approved_by_form.setdefault(form, e)
    return problems


def _overlaps(approved: list[Entry]) -> list[str]:
    """Partial overlaps of >= MIN_OVERLAP chars between approved forms, same priority.

    For each proper suffix of each form, the forms it is a proper prefix of
    are found by binary search in the sorted forms, so memory stays linear in
    the glossary (an index of every prefix of every form grew with the square
    of the term length: a 50,000-character term took 2.5 GB).
    """
    import bisect

    forms = [(form, e) for e in approved for form in e.forms]
    ordered = sorted(range(len(forms)), key=lambda i: forms[i][0])
    keys = [forms[i][0] for i in ordered]
    problems, reported = [], set()
    for a_form, a in forms:
        for k in range(MIN_OVERLAP, len(a_form)):
            tail = a_form[-k:]
            lo = bisect.bisect_left(keys, tail)
            hi = bisect.bisect_left(keys, tail + "\U0010ffff", lo)
            for idx in sorted(ordered[lo:hi]):  # in glossary order, as an editor reads it
                b_form, b = forms[idx]
                if len(b_form) <= k or b is a or a.priority != b.priority or a_form in b_form or b_form in a_form:
                    continue
                pair = frozenset((a.where, b.where))
                if pair in reported:
                    continue
                reported.add(pair)
                (first, f_form), (later, l_form) = sorted(
                    ((a, a_form), (b, b_form)), key=lambda x: (x[0].path, x[0].line)
                )
                problems.append(
                    f"{later.where}: {l_form} partially overlaps {f_form} ({first.where}) "
                    f"in '{a_form + b_form[k:]}'; give one of them a higher priority"
                )
    return problems


def _forbidden_inside_approved(entries: list[Entry], approved: list[Entry]) -> list[str]:
    """A forbidden rendering inside an approved one would be 'fixed' inside a correct term."""
    forbidden = [e for e in entries if e.status == "forbidden"]
    if not forbidden:
        return []
    import ahocorasick

    auto = ahocorasick.Automaton()
    for e in forbidden:
        auto.add_word(e.ko, e.ko)
    auto.make_automaton()
    by_ko: dict[str, list[Entry]] = {}
    for e in forbidden:
        by_ko.setdefault(e.ko, []).append(e)
    problems = []
    for a in approved:
        for ko in {v for _, v in auto.iter(a.ko)}:
            for f in by_ko[ko]:
                problems.append(
                    f"{f.where}: forbidden rendering {f.ko} occurs inside approved rendering "
                    f"{a.ko} ({a.where})"
                )
    return problems
