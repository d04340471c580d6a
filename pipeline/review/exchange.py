"""Glossary exchange: TBX-Basic (ISO 30042:2019, TBX v3) and two-column CSV.

TBX is for term bases and CAT tools; it carries everything a zhko entry has:

* one ``conceptEntry`` per entry, with a ``langSec`` per language (zh, ko, en);
* zh: the entry's ``zh`` as preferred term, each of ``variants`` as a further
  ``termSec`` with ``termType`` = ``variant`` (admitted term);
* ko: the rendering, ``administrativeStatus`` from ``status``
  (approved → preferredTerm-admn-sts, proposed → admittedTerm-admn-sts,
  rejected/forbidden → deprecatedTerm-admn-sts), ``note`` as ``<note>``,
  ``source`` as ``<admin type="source">``;
* ``partOfSpeech`` from ``kind`` (person/place/org → properNoun, title/term →
  noun, phrase → other, plus ``termType`` phrase);
* what TBX-Basic has no data category for (the exact kind, rejected vs
  forbidden, ``match``, ``priority``) goes in a concept-level ``<note>`` as
  ``zhko:kind=person; status=forbidden; …``, so a YAML → TBX → YAML round trip
  loses nothing and other tools still see valid TBX-Basic.

CSV is for machine-translation APIs: two columns ``zh,ko``, UTF-8, RFC 4180
quoting, **no header row**, approved entries only (a forbidden rendering must
never reach an MT glossary). DeepL's glossary API takes exactly this
(``source,target`` per line, no header); Google's *unidirectional* glossaries
are a header-less two-column CSV as well (the language-code header is only for
equivalent-term sets). One Chinese form per row; variants are extra rows
mapping to the same Korean (both APIs reject a repeated source term, so
repeats are dropped). On import, a first row ``zh,ko`` (or language codes such
as ``zh-CN,ko``) is recognised as a header and skipped; rows come in as
``proposed`` so an editor approves them in the review page.

Exchange files come from other tools and other people, so they are read as
hostile: at most ``ZHKO_MAX_EXCHANGE_BYTES`` (50 MB), regular files only; XML
with a DOCTYPE is refused by the parser itself (whatever the encoding: the
check is expat's doctype event, not a byte search), elements nested deeper
than :data:`MAX_DEPTH` are refused, and trees are walked without recursion.
A CSV cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
``@``, tab, CR first: OWASP's list) is written with a leading ``'`` on export
and reported on import.
"""

from __future__ import annotations

import csv
import io
import re
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable
from xml.sax.saxutils import escape

from pipeline.errors import GlossaryError

#: Deeper nesting than any TBX needs (TBX-Basic: 6 levels) is refused.
MAX_DEPTH = 64
#: First characters that make a spreadsheet evaluate a cell (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 cannot hold, raw or as character references.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

TBX_NS = "urn:iso:std:iso:30042:ed-2"
TBX_MODEL = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
STATUS_TO_ADMN = {
    "approved": "preferredTerm-admn-sts",
    "proposed": "admittedTerm-admn-sts",
    "rejected": "deprecatedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
ADMN_TO_STATUS = {
    "preferredTerm-admn-sts": "approved",
    "admittedTerm-admn-sts": "proposed",
    "deprecatedTerm-admn-sts": "forbidden",
    "supersededTerm-admn-sts": "rejected",
}
KIND_TO_POS = {"person": "properNoun", "place": "properNoun", "org": "properNoun",
               "title": "noun", "term": "noun", "phrase": "other"}
POS_TO_KIND = {"properNoun": "term", "noun": "term", "other": "phrase"}
KINDS = ("person", "place", "org", "title", "term", "phrase")
STATUSES = ("approved", "proposed", "rejected", "forbidden")
EXTRA_KEYS = ("kind", "status", "match", "priority")
HEADER_CODES = {"zh", "zh-cn", "zh-hans", "zh_cn", "zh-hans-cn", "chinese", "source"}


# --------------------------------------------------------------------------- export


def export_tbx(entries: Iterable[dict[str, Any]]) -> str:
    """Every entry (any status) as a TBX-Basic document."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml-model href="{TBX_MODEL}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>',
        f'<tbx style="dca" type="TBX-Basic" xml:lang="zh" xmlns="{TBX_NS}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        "      <titleStmt><title>zhko glossary</title></titleStmt>",
        "      <sourceDesc><p>Exported by zhko glossary export (Chinese → Korean, Yanbian norm)</p></sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for n, e in enumerate(entries, 1):
        out += _concept(n, e)
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def _x(value: Any) -> str:
    """Text for an XML text node: escaped, and without the characters XML 1.0
    cannot hold (C0 controls, U+FFFE/U+FFFF, lone surrogates), which would make
    the file not well-formed, so no tool, zhko included, could read it back."""
    return escape(_NOT_XML.sub("", str(value)))


def _concept(n: int, e: dict[str, Any]) -> list[str]:
    kind = str(e.get("kind") or "term")
    status = str(e.get("status") or "approved")
    extras = {"kind": kind, "status": status}
    if e.get("match"):
        extras["match"] = str(e["match"])
    if e.get("priority") not in (None, ""):
        extras["priority"] = str(e["priority"])
    pos = KIND_TO_POS.get(kind, "noun")
    lines = [f'      <conceptEntry id="c{n}">',
             f"        <note>{_x('zhko:' + '; '.join(f'{k}={v}' for k, v in extras.items()))}</note>",
             '        <langSec xml:lang="zh">']
    lines += _term_sec(str(e["zh"]), pos, "preferredTerm-admn-sts", phrase=kind == "phrase")
    for v in e.get("variants") or []:
        lines += _term_sec(str(v), pos, "admittedTerm-admn-sts", term_type="variant")
    lines += ["        </langSec>", '        <langSec xml:lang="ko">']
    lines += _term_sec(str(e["ko"]), pos, STATUS_TO_ADMN.get(status, "admittedTerm-admn-sts"),
                       phrase=kind == "phrase", note=e.get("note"), source=e.get("source"))
    lines.append("        </langSec>")
    if e.get("en"):
        lines += ['        <langSec xml:lang="en">', *_term_sec(str(e["en"]), pos, None), "        </langSec>"]
    lines.append("      </conceptEntry>")
    return lines


def _term_sec(term: str, pos: str, admn: str | None, *, term_type: str | None = None, phrase: bool = False,
              note: Any = None, source: Any = None) -> list[str]:
    ind = "            "
    lines = ["          <termSec>", f"{ind}<term>{_x(term)}</term>",
             f'{ind}<termNote type="partOfSpeech">{pos}</termNote>']
    if term_type or phrase:
        lines.append(f'{ind}<termNote type="termType">{term_type or "phrase"}</termNote>')
    if admn:
        lines.append(f'{ind}<termNote type="administrativeStatus">{admn}</termNote>')
    if source:
        lines.append(f'{ind}<admin type="source">{_x(source)}</admin>')
    if note:
        lines.append(f"{ind}<note>{_x(note)}</note>")
    lines.append("          </termSec>")
    return lines


def export_csv(entries: Iterable[dict[str, Any]]) -> str:
    """Approved entries as header-less ``zh,ko`` rows (DeepL / Google format)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    seen: set[str] = set()
    for e in entries:
        if (e.get("status") or "approved") != "approved":
            continue
        ko = _one_line(e["ko"])
        for zh in [e["zh"], *(e.get("variants") or [])]:
            zh = _one_line(zh)
            if zh and ko and zh not in seen:
                seen.add(zh)
                w.writerow([_no_formula(zh), _no_formula(ko)])
    return buf.getvalue()


def _no_formula(cell: str) -> str:
    """OWASP's CSV-injection advice: a cell a spreadsheet would evaluate
    (``=cmd|…``, ``+``, ``-``, ``@``) gets a leading ``'`` so it stays text."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _one_line(value: Any) -> str:
    """MT glossary APIs reject tabs, newlines and surrounding spaces in terms."""
    return " ".join(str(value).split())


# --------------------------------------------------------------------------- import


def import_file(path: str | Path, warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Entries from a .tbx (or .xml) or .csv file; raises :class:`GlossaryError`
    listing every problem with its line number. ``warn`` receives notes that do
    not stop the import (e.g. a CSV cell that looks like a spreadsheet formula)."""
    from pipeline.limits import LimitError, read_regular_file

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".tbx", ".xml", ".csv", ".txt"):
        raise GlossaryError([f"{path}: unknown format '{suffix}' (expected .tbx or .csv)"])
    try:
        data = read_regular_file(path, "exchange")
    except LimitError as exc:
        raise GlossaryError([str(exc)]) from exc
    if suffix in (".tbx", ".xml"):
        return import_tbx(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError([f"{path}:{line}: not UTF-8 text (byte {exc.start + 1})"]) from exc
    return import_csv(text, str(path), warn=warn)


def import_csv(text: str, name: str = "<csv>", warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if len(entries) == 0 and not problems and not seen and _is_header(row):
                continue
            if len(row) != 2:
                problems.append(f"{name}:{line}: expected 2 columns zh,ko, found {len(row)}")
                continue
            zh, ko = (_from_cell(c, f"{name}:{line}", warn) for c in row)
            if not zh or not ko:
                problems.append(f"{name}:{line}: empty {'zh' if not zh else 'ko'} column")
                continue
            if not re.search(r"[\u3400-\u9fff]", zh):
                problems.append(f"{name}:{line}: first column has no Chinese characters (expected zh,ko)")
                continue
            if zh in seen:
                problems.append(f"{name}:{line}: {zh} repeated (first on line {seen[zh]})")
                continue
            seen[zh] = line
            entries.append({"zh": zh, "ko": ko, "status": "proposed"})
    except csv.Error as exc:
        problems.append(f"{name}:{reader.line_num}: malformed CSV: {exc}")
    if problems:
        raise GlossaryError(problems)
    return entries


def _from_cell(cell: str, where: str, warn: Callable[[str], None] | None) -> str:
    """A CSV cell as glossary text: the ``'`` zhko's export puts before a
    formula-like cell is removed again; a formula-like cell is kept as text
    (YAML never evaluates it) but reported, since it came from a spreadsheet
    or from someone who hoped for one."""
    cell = cell.strip()
    if cell.startswith("'") and cell[1:2] and cell[1] in "=+-@":
        return cell[1:]
    if cell.startswith(FORMULA_START) and warn is not None:
        warn(f"{where}: cell starts with '{cell[0]}' like a spreadsheet formula; imported as plain text, check it")
    return cell


def _is_header(row: list[str]) -> bool:
    return len(row) >= 1 and row[0].strip().lower() in HEADER_CODES


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list["_Node"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find(self, tag: str) -> list["_Node"]:
        return [c for c in self.children if c.tag == tag]


def _parse_xml(data: bytes, name: str) -> _Node:
    """A small tree with line numbers (ElementTree keeps none).

    DTDs and entities are refused by the parser itself, at its doctype event,
    so no encoding (UTF-16, UTF-32 …) slips past: nothing legitimate in TBX
    needs them, and they are how XML bombs and external-entity reads work.
    Nesting deeper than :data:`MAX_DEPTH` is refused (200,000 nested elements
    used to end in a RecursionError)."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[_Node] = []
    stack: list[_Node] = []

    class Refused(Exception):
        def __init__(self, why: str):
            self.why, self.line = why, parser.CurrentLineNumber

    def doctype(*_: Any) -> Any:  # never returns: a handler that raises stops the parse
        raise Refused("DOCTYPE/ENTITY declarations are not accepted in TBX imports")

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise Refused(f"elements nested more than {MAX_DEPTH} deep; not a TBX file")
        node = _Node(tag.split(" ")[-1], {k.split(" ")[-1]: v for k, v in attrs.items()}, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].parts.append(text)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ExternalEntityRefHandler = doctype
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    try:
        parser.Parse(data, True)
    except Refused as exc:
        raise GlossaryError([f"{name}:{exc.line}: {exc.why}"]) from None
    except xml.parsers.expat.ExpatError as exc:
        raise GlossaryError([f"{name}:{exc.lineno}: not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)}"]) from exc
    except (ValueError, LookupError) as exc:  # e.g. an encoding expat does not know
        raise GlossaryError([f"{name}:1: not readable XML ({exc.__class__.__name__})"]) from exc
    if not root:
        raise GlossaryError([f"{name}:1: no XML element found"])
    return root[0]


def import_tbx(data: bytes | str, name: str = "<tbx>") -> list[dict[str, Any]]:
    """Entries from a TBX (v3 TBX-Basic; v2 ``termEntry``/``langSet``/``tig`` is
    read too, since many CAT tools still write it)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    root = _parse_xml(raw, name)
    if root.tag not in ("tbx", "martif"):
        raise GlossaryError([f"{name}:{root.line}: root element is <{root.tag}>, expected <tbx>"])
    problems: list[str] = []
    entries = []
    for concept in _walk(root, ("conceptEntry", "termEntry")):
        entry = _concept_entry(concept, name, problems)
        if entry:
            entries.append(entry)
    if not entries and not problems:
        problems.append(f"{name}:{root.line}: no conceptEntry elements found")
    if problems:
        raise GlossaryError(problems)
    return entries


def _walk(node: _Node, tags: tuple[str, ...]) -> Iterable[_Node]:
    """The outermost descendants with one of ``tags``, in document order,
    with an explicit stack (no recursion, whatever the depth)."""
    todo = list(reversed(node.children))
    while todo:
        c = todo.pop()
        if c.tag in tags:
            yield c
        else:
            todo.extend(reversed(c.children))


def _lang(node: _Node) -> str:
    return (node.attrs.get("lang") or "").lower().split("-")[0]


def _terms(lang_sec: _Node) -> list[dict[str, Any]]:
    out = []
    for sec in lang_sec.find("termSec") + lang_sec.find("tig"):
        terms = sec.find("term")
        notes = {n.attrs.get("type", ""): n.text.strip() for n in sec.find("termNote")}
        admins = {n.attrs.get("type", ""): n.text.strip() for n in sec.find("admin")}
        out.append({
            "term": terms[0].text.strip() if terms else "",
            "line": sec.line,
            "notes": notes,
            "source": admins.get("source", ""),
            "note": "; ".join(n.text.strip() for n in sec.find("note") if n.text.strip()),
        })
    return out


def _concept_entry(concept: _Node, name: str, problems: list[str]) -> dict[str, Any] | None:
    langs: dict[str, list[dict[str, Any]]] = {}
    for ls in concept.find("langSec") + concept.find("langSet"):
        langs.setdefault(_lang(ls), []).extend(_terms(ls))
    extras = _extras(concept)
    zh_terms, ko_terms = langs.get("zh", []), langs.get("ko", [])
    where = f"{name}:{concept.line}"
    if not zh_terms or not zh_terms[0]["term"]:
        problems.append(f"{where}: conceptEntry has no Chinese (xml:lang=\"zh\") term")
        return None
    if not ko_terms or not ko_terms[0]["term"]:
        problems.append(f"{where}: conceptEntry {zh_terms[0]['term']} has no Korean (xml:lang=\"ko\") term")
        return None
    for t in zh_terms + ko_terms:
        if not t["term"]:
            problems.append(f"{name}:{t['line']}: empty <term>")
    main_zh = next((t for t in zh_terms if t["notes"].get("termType") != "variant"), zh_terms[0])
    ko = ko_terms[0]
    status = extras.get("status") or ADMN_TO_STATUS.get(ko["notes"].get("administrativeStatus", ""), "proposed")
    kind = extras.get("kind") or POS_TO_KIND.get(ko["notes"].get("partOfSpeech", ""), "term")
    if status not in STATUSES:
        problems.append(f"{where}: unknown status (expected {', '.join(STATUSES)})")
    if kind not in KINDS:
        problems.append(f"{where}: unknown kind (expected {', '.join(KINDS)})")
    entry: dict[str, Any] = {"zh": main_zh["term"], "ko": ko["term"]}
    if langs.get("en") and langs["en"][0]["term"]:
        entry["en"] = langs["en"][0]["term"]
    entry["kind"] = kind
    entry["status"] = status
    if ko["note"]:
        entry["note"] = ko["note"]
    if ko["source"]:
        entry["source"] = ko["source"]
    variants = [t["term"] for t in zh_terms if t is not main_zh and t["term"]]
    if variants:
        entry["variants"] = variants
    if extras.get("match"):
        entry["match"] = extras["match"]
    if extras.get("priority"):
        try:
            entry["priority"] = int(extras["priority"])
        except ValueError:
            problems.append(f"{where}: priority is not a whole number")
    return entry


def _extras(concept: _Node) -> dict[str, str]:
    """The ``zhko:key=value; …`` note that carries what TBX-Basic cannot."""
    out: dict[str, str] = {}
    for n in concept.find("note"):
        text = n.text.strip()
        if text.startswith("zhko:"):
            for part in text[5:].split(";"):
                k, _, v = part.partition("=")
                if k.strip() in EXTRA_KEYS:
                    out[k.strip()] = v.strip()
    return out
