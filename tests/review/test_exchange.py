"""TBX and CSV export/import."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import GlossaryError
from pipeline.review.exchange import export_csv, export_tbx, import_csv, import_file, import_tbx
from pipeline.review.store import GlossaryStore

DATA = Path(__file__).parent / "data" / "glossary"


def _entries() -> list[dict]:
    return [e.data for e in GlossaryStore(DATA).entries()]


def test_yaml_tbx_yaml_round_trip_keeps_every_field():
    entries = _entries()
    hostile = {"zh": "<委员会 & \"x\">", "ko": "위원회 <b>", "note": "a ]]> b", "kind": "org",
               "status": "rejected", "source": "s & t", "match": "word", "priority": 3}
    back = import_tbx(export_tbx(entries + [hostile]))
    want = [dict(e, kind=e.get("kind", "term"), status=e.get("status", "approved")) for e in entries + [hostile]]
    assert back == want


def test_tbx_is_tbx_basic_v3():
    import xml.etree.ElementTree as ET

    root = ET.fromstring(export_tbx(_entries()).encode("utf-8"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    concepts = root.findall(".//t:conceptEntry", ns)
    assert len(concepts) == 7
    xi = concepts[2]
    ko = xi.find("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='ko']/t:termSec", ns)
    assert ko.find("t:term", ns).text == "습근평"
    assert ko.find("t:termNote[@type='administrativeStatus']", ns).text == "preferredTerm-admn-sts"
    assert ko.find("t:termNote[@type='partOfSpeech']", ns).text == "properNoun"
    forbidden = concepts[3].find(".//t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='ko']//t:termNote[@type='administrativeStatus']", ns)
    assert forbidden.text == "deprecatedTerm-admn-sts"
    proposed = concepts[1].find(".//t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='ko']//t:termNote[@type='administrativeStatus']", ns)
    assert proposed.text == "admittedTerm-admn-sts"
    zh_terms = [t.text for t in xi.findall("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='zh']//t:term", ns)]
    assert zh_terms == ["习近平", "習近平"]


def test_csv_export_approved_only_no_header():
    text = export_csv(_entries())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["田锦尘", "전금진"]
    assert ["习近平", "습근평"] in rows and ["習近平", "습근평"] in rows
    assert all(r[1] != "시진핑" for r in rows)  # forbidden never exported
    assert all(r[0] != "金寿浩" for r in rows)  # proposed not exported
    assert all(len(r) == 2 for r in rows)
    back = import_csv(text)
    assert [(e["zh"], e["ko"], e["status"]) for e in back][:2] == [("田锦尘", "전금진", "proposed"), ("习近平", "습근평", "proposed")]


def test_csv_header_and_quoting():
    assert import_csv('zh-CN,ko\n"延边,州",연변주\n') == [{"zh": "延边,州", "ko": "연변주", "status": "proposed"}]


def test_malformed_csv_names_every_line(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("延边,연변\n州委\n,주\n州委,a,b\nYanbian,연변\n延边,연변2\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as exc:
        import_file(p)
    msgs = exc.value.problems
    assert [m.split(": ")[0] for m in msgs] == [f"{p}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "repeated (first on line 1)" in msgs[-1]


def test_malformed_tbx_refused_with_line(tmp_path):
    p = tmp_path / "bad.tbx"
    good = export_tbx(_entries()[:1])
    p.write_text(good.replace("</term>", "</trem>", 1), encoding="utf-8")
    with pytest.raises(GlossaryError) as exc:
        import_file(p)
    line = good.splitlines().index(next(x for x in good.splitlines() if "</term>" in x)) + 1
    assert exc.value.problems[0].startswith(f"{p}:{line}: not well-formed XML")
    missing_ko = good.replace('xml:lang="ko"', 'xml:lang="ja"')
    with pytest.raises(GlossaryError) as exc:
        import_tbx(missing_ko, "m.tbx")
    concept_line = next(i for i, x in enumerate(good.splitlines(), 1) if "<conceptEntry" in x)
    assert exc.value.problems == [f"m.tbx:{concept_line}: conceptEntry 田锦尘 has no Korean (xml:lang=\"ko\") term"]
    bomb = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><tbx>&a;</tbx>'
    with pytest.raises(GlossaryError, match="DOCTYPE"):
        import_tbx(bomb, "b.tbx")


def test_cli_export_import_round_trip(tmp_path):
    import shutil

    gl = tmp_path / "g"
    shutil.copytree(DATA, gl)
    tbx = tmp_path / "out.tbx"
    run = lambda *a: subprocess.run([sys.executable, "-m", "pipeline", "glossary", *a], capture_output=True,
                                    text=True, cwd=Path(__file__).resolve().parents[2])
    r = run("export", "--glossary", str(gl), "--format", "tbx", "-o", str(tbx))
    assert r.returncode == 0, r.stderr
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    r = run("import", str(tbx), "--glossary", str(fresh), "--into", "all.yaml", "--user", "ed")
    assert r.returncode == 0, r.stderr
    want = [dict(e, kind=e.get("kind", "term"), status=e.get("status", "approved")) for e in _entries()]
    got = GlossaryStore(fresh).entries()
    assert [e.data for e in got] == want
    assert all(e.file == "all.yaml" for e in got)
    assert len((fresh / "audit.log").read_text(encoding="utf-8").splitlines()) == 7
    # importing again changes nothing and logs nothing
    assert run("import", str(tbx), "--glossary", str(fresh), "--into", "all.yaml").returncode == 0
    assert [e.data for e in GlossaryStore(fresh).entries()] == want
    assert len((fresh / "audit.log").read_text(encoding="utf-8").splitlines()) == 7
    r = run("export", "--glossary", str(gl), "--format", "csv")
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "田锦尘,전금진"
    bad = tmp_path / "bad.csv"
    bad.write_text("延边\n", encoding="utf-8")
    r = run("import", str(bad), "--glossary", str(fresh))
    assert r.returncode == 1 and f"Error: {bad}:1: expected 2 columns" in r.stderr
