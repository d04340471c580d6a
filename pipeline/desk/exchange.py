"""Exchange with CAT tools: XLIFF 2.0 for the sentences of a batch, TMX 1.4b for
the human memory.

WHY our own small writer and reader instead of translate-toolkit: it is
GPL-3.0-or-later, and linking it would make zhko's distribution GPL. Both
formats are small; the standard library writes them, and **defusedxml**
(PSF licence) parses them with DOCTYPE, entity declarations and external
references refused (no XXE, no billion laughs). Files are size-bounded and
read by expat (no recursion in our code: the structure is walked at fixed
depth).

XLIFF 2.0 (OASIS): ``<xliff version="2.0" srcLang="zh" trgLang="ko">``, one
``<file>`` per article, one ``<unit>`` per segment. XLIFF ids are NMTOKENs
(no ``/``), so a unit's ``id`` is the segment id with ``/`` written ``:``
(``news-a:p1:s2``) and its ``name`` is the segment id itself. States: machine
→ ``initial``, edited (or a human memory text) → ``translated``, approved →
``reviewed``, approved in an approved article → ``final``; ``subState`` says
``zhko:<state>``. Glossary terms, QA findings and a stale edit are ``<note>``s.
Each unit carries ``zhko:version`` (the desk row version it was exported at),
so an import never overwrites an edit made on the desk meanwhile.

Import is all or nothing: every problem (malformed XML, DOCTYPE, an unknown
segment id, a unit whose source no longer matches the article, a conflict
with a newer desk edit) is collected, each naming the file and unit, and the
file is refused; otherwise every change is saved in one transaction.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pipeline.desk.store import MAX_TEXT, DeskError, DeskStore, normalize_key

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
ZHKO_NS = "urn:zhko:desk:1"
#: Largest exchange file read (a day's batch is a few MB).
MAX_BYTES = 50 * 1024 * 1024
#: desk view state → XLIFF 2 state
TO_XLIFF = {"machine": "initial", "stale": "initial", "human": "translated", "edited": "translated",
            "approved": "reviewed"}
XLIFF_STATES = ("initial", "translated", "reviewed", "final")


class ExchangeError(DeskError):
    """A file that cannot be imported; ``problems`` lists each (file: unit: why)."""

    def __init__(self, path: str | os.PathLike[str], problems: list[str]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{path}: not imported, {n} problem{'s' if n != 1 else ''} (nothing was changed)"
        super().__init__(head + ":\n  " + "\n  ".join(self.problems[:50]) +
                         (f"\n  … and {n - 50} more" if n > 50 else ""))


def unit_id(seg_id: str) -> str:
    return seg_id.replace("/", ":")


def seg_id_of(unit: str) -> str:
    return unit.replace(":", "/")


# --------------------------------------------------------------------------- XLIFF export


def export_xliff(out_dir: str | os.PathLike[str], slugs: list[str] | None = None,
                 glossary: Any = None) -> str:
    """XLIFF 2.0 of the built articles in ``out_dir`` (all, or ``slugs``) with the
    desk's current text and states."""
    from pipeline.desk.articles import ArticleCache, article_slugs, article_state, article_views
    from pipeline.qa import human_terms

    store = DeskStore.for_output(out_dir)
    cache = ArticleCache(out_dir)
    wanted = slugs or article_slugs(out_dir)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<xliff xmlns="{XLIFF_NS}" xmlns:zhko="{ZHKO_NS}" version="2.0" srcLang="zh" trgLang="ko">']
    for slug in wanted:
        art = cache.get(slug)
        views = article_views(art, store, glossary)
        state, _ = article_state(art, store, views)
        lines.append(f'<file id={quoteattr(slug)} original={quoteattr(f"{slug}/{slug}.json")}>')
        for v in views:
            xstate = "final" if state == "approved" and v.state == "approved" else TO_XLIFF[v.state]
            lines.append(f'<unit id={quoteattr(unit_id(v.id))} name={quoteattr(v.id)} zhko:version="{v.version}">')
            terms = v.terms or human_terms(v.zh, v.ko, glossary)
            notes = [("term", f"{t.zh} → {t.ko} ({t.status})") for t in terms]
            notes += [("qa", f"{f.severity}: {f.message}") for f in v.findings]
            if v.stale is not None:
                notes.append(("stale", f"edit for earlier Chinese {v.stale.zh}: {v.stale.ko}"))
            if notes:
                lines.append("<notes>" + "".join(f"<note category={quoteattr(c)}>{_xml_text(t)}</note>"
                                                 for c, t in notes) + "</notes>")
            lines.append(f'<segment state="{xstate}" subState="zhko:{v.state.replace(" ", "-")}">'
                         f"<source>{_xml_text(v.zh)}</source><target>{_xml_text(v.ko)}</target></segment>")
            lines.append("</unit>")
        lines.append("</file>")
    lines.append("</xliff>")
    return "\n".join(lines) + "\n"


def _xml_text(text: str) -> str:
    """Escaped for XML 1.0, with characters XML cannot carry refused loudly."""
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\n\r") or 0xD800 <= ord(c) <= 0xDFFF
           or ord(c) in (0xFFFE, 0xFFFF)]
    if bad:
        raise DeskError(f"text holds a character XML cannot carry (U+{ord(bad[0]):04X}): {text[:40]}")
    return escape(text)


# --------------------------------------------------------------------------- XLIFF import


@dataclass
class ImportResult:
    saved: int
    unchanged: int
    warnings: list[str]


def _parse(path: Path, data: bytes | None = None) -> Any:
    """The XML root, parsed with DOCTYPE/entities refused; one clear error."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        if data is None:
            if path.stat().st_size > MAX_BYTES:
                raise ExchangeError(path, [f"larger than {MAX_BYTES // 2**20} MB"])
            data = path.read_bytes()
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ExchangeError:
        raise
    except DefusedXmlException as exc:
        raise ExchangeError(path, [f"refused: {type(exc).__name__} (DOCTYPE, entities and external "
                                   "references are not accepted)"]) from exc
    except OSError as exc:
        raise ExchangeError(path, [f"cannot read: {exc.strerror or exc}"]) from exc
    except Exception as exc:  # xml.etree.ElementTree.ParseError and expat errors
        raise ExchangeError(path, [f"malformed XML: {exc}"]) from exc


def _text_only(el: Any, where: str, problems: list[str]) -> str | None:
    if el is None:
        return None
    if len(el):
        problems.append(f"{where}: inline markup (<{_local(el[0].tag)}>) is not supported; plain text only")
        return None
    return el.text or ""


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def import_xliff(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], user: str,
                 data: bytes | None = None) -> ImportResult:
    """Apply an XLIFF 2.0 file's targets and states to the desk (all or nothing)."""
    from pipeline.desk.articles import ArticleCache, segment_view

    path = Path(path)
    root = _parse(path, data)
    x = f"{{{XLIFF_NS}}}"
    problems: list[str] = []
    if root.tag != f"{x}xliff" or root.get("version") not in ("2.0", "2.1"):
        raise ExchangeError(path, [f"not an XLIFF 2.0 file (root <{_local(root.tag)}>, version "
                                   f"{root.get('version') or 'missing'}); zhko reads XLIFF 2.0"])
    if (root.get("srcLang") or "").split("-")[0] != "zh" or (root.get("trgLang") or "").split("-")[0] != "ko":
        problems.append(f"srcLang/trgLang must be zh/ko, not {root.get('srcLang')}/{root.get('trgLang')}")
    store = DeskStore.for_output(out_dir)
    cache = ArticleCache(out_dir)
    items: list[dict[str, Any]] = []
    unchanged = 0
    seen: set[str] = set()
    for file_el in root.findall(f"{x}file"):
        for unit in file_el.findall(f"{x}unit"):
            uid = unit.get("id") or ""
            seg_id = unit.get("name") or seg_id_of(uid)
            where = f"unit {uid or '(no id)'}"
            if seg_id in seen:
                problems.append(f"{where}: segment {seg_id} appears twice")
                continue
            seen.add(seg_id)
            segs = unit.findall(f"{x}segment")
            if len(segs) != 1:
                problems.append(f"{where}: expected one <segment>, found {len(segs)}")
                continue
            seg_el = segs[0]
            source = _text_only(seg_el.find(f"{x}source"), where, problems)
            target = _text_only(seg_el.find(f"{x}target"), where, problems)
            state = seg_el.get("state", "initial")
            if state not in XLIFF_STATES:
                problems.append(f"{where}: unknown state '{state[:20]}' (expected {', '.join(XLIFF_STATES)})")
                continue
            if source is None:
                if not any(where in p for p in problems):
                    problems.append(f"{where}: no <source>")
                continue
            try:
                art = cache.get(seg_id.split("/", 1)[0])
            except DeskError:
                problems.append(f"{where}: no built article for segment {seg_id}")
                continue
            seg = next((s for s in art.segments() if s.id == seg_id), None)
            if seg is None:
                problems.append(f"{where}: unknown segment id {seg_id}")
                continue
            if normalize_key(source) != normalize_key(seg.zh):
                problems.append(f"{where}: source no longer matches the article ({seg_id} now reads {seg.zh[:40]})")
                continue
            if not target or not target.strip():
                unchanged += 1
                continue
            row = store.segment(seg_id)
            view = segment_view(seg, row, None)
            exported = unit.get(f"{{{ZHKO_NS}}}version")
            current = row.version if row else 0
            approve = state in ("reviewed", "final")
            if state == "initial" and target.strip() == view.ko.strip():
                unchanged += 1
                continue
            if target.strip() == view.ko.strip() and view.state == ("approved" if approve else "edited"):
                unchanged += 1
                continue
            if exported is not None and exported.isdigit() and int(exported) != current:
                problems.append(f"{where}: changed on the desk since this file was exported "
                                f"(version {current}, file has {exported}); export again")
                continue
            items.append({"seg_id": seg_id, "zh": seg.zh, "ko": target, "expected_version": current,
                          "approve": approve, "origin": "xliff"})
    if not seen and not problems:
        problems.append("no <unit> elements")
    if problems:
        raise ExchangeError(path, problems)
    try:
        store.save_many(items, user)
    except DeskError as exc:
        raise ExchangeError(path, [str(exc)]) from exc
    return ImportResult(saved=len(items), unchanged=unchanged, warnings=[])


# --------------------------------------------------------------------------- TMX


def export_tmx(out_dir: str | os.PathLike[str]) -> str:
    """TMX 1.4b of the human memory (approved sentences), zh → ko."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("zhko")
    except PackageNotFoundError:
        ver = "source"
    store = DeskStore.for_output(out_dir)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
             f'<header creationtool="zhko" creationtoolversion={quoteattr(ver)} segtype="sentence" '
             'o-tmf="zhko-desk" adminlang="en" srclang="zh" datatype="plaintext"/>', "<body>"]
    for e in store.memory_all():
        stamp = _tmx_date(e.updated)
        lines.append(f'<tu creationid={quoteattr(e.editor)}{f" changedate={quoteattr(stamp)}" if stamp else ""}>'
                     + (f'<prop type="x-zhko-segment">{escape(e.seg_id)}</prop>' if e.seg_id else "")
                     + f'<tuv xml:lang="zh"><seg>{_xml_text(e.zh)}</seg></tuv>'
                     f'<tuv xml:lang="ko"><seg>{_xml_text(e.ko)}</seg></tuv></tu>')
    lines += ["</body>", "</tmx>"]
    return "\n".join(lines) + "\n"


def _tmx_date(iso: str) -> str:
    try:
        d = _dt.datetime.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return ""
    return d.strftime("%Y%m%dT%H%M%SZ")


def import_tmx(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], user: str,
               data: bytes | None = None) -> int:
    """Add a TMX file's zh/ko pairs to the human memory (all or nothing)."""
    path = Path(path)
    root = _parse(path, data)
    if root.tag != "tmx":
        raise ExchangeError(path, [f"not a TMX file (root <{_local(root.tag)}>)"])
    body = root.find("body")
    if body is None:
        raise ExchangeError(path, ["no <body>"])
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    pairs: list[tuple[str, str, str]] = []
    problems: list[str] = []
    for n, tu in enumerate(body.findall("tu"), 1):
        where = f"tu {tu.get('tuid') or n}"
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(xml_lang) or tuv.get("lang") or "").lower().split("-")[0]
            seg = tuv.find("seg")
            if seg is None:
                problems.append(f"{where}: <tuv> without <seg>")
                continue
            if len(seg):
                problems.append(f"{where}: inline markup in <seg> is not supported; plain text only")
                continue
            texts[lang] = (seg.text or "").strip()
        if not texts.get("zh") or not texts.get("ko"):
            problems.append(f"{where}: needs a zh and a ko <tuv>")
            continue
        if len(texts["ko"]) > MAX_TEXT or len(texts["zh"]) > MAX_TEXT:
            problems.append(f"{where}: longer than {MAX_TEXT} characters")
            continue
        pairs.append((texts["zh"], texts["ko"], (tu.get("creationid") or "")[:60]))
    if problems:
        raise ExchangeError(path, problems)
    if not pairs:
        raise ExchangeError(path, ["no <tu> entries"])
    return DeskStore.for_output(out_dir).import_memory(pairs, user=user, origin="tmx")
