"""The project glossary and the Glossary object."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.cli import main
from pipeline.glossary import lint, load_glossary

ROOT = Path(__file__).resolve().parents[2]


def test_project_glossary_lints_clean(glossary) -> None:
    assert lint(ROOT / "glossaries") == []
    assert set(glossary.files) == {
        "people.yaml", "places.yaml", "bodies.yaml", "titles.yaml", "covid.yaml", "phrases.yaml"
    }


def test_project_glossary_has_the_style_notes_names(glossary) -> None:
    approved = {(e.zh, e.ko) for e in glossary.approved}
    for pair in [("习近平", "습근평"), ("田锦尘", "전금진"), ("金寿浩", "김수호"), ("黑龙江", "흑룡강"),
                 ("延边朝鲜族自治州", "연변조선족자치주"), ("延吉", "연길"), ("延吉市", "연길시"),
                 ("图们市", "도문시"), ("敦化市", "돈화시"), ("珲春市", "훈춘시"), ("龙井市", "룡정시"),
                 ("和龙市", "화룡시"), ("汪清县", "왕청현"), ("安图县", "안도현"), ("哈尔滨", "할빈"),
                 ("领导小组", "지도소조"), ("组长", "조장"), ("州长", "주장")]:
        assert pair in approved
    forbidden = {(e.zh, e.ko) for e in glossary.forbidden}
    assert ("习近平", "시진핑") in forbidden and ("延边", "옌볜") in forbidden
    for e in glossary.entries:
        assert e.note and e.source, e.id


def test_entry_ids_keys_and_lines(glossary) -> None:
    xi = next(e for e in glossary.approved if e.zh == "习近平")
    assert xi.id == f"people.yaml:{xi.line}"
    assert xi.key == "people.yaml#习近平"
    lines = (ROOT / "glossaries" / "people.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[xi.line - 1] == "- zh: 习近平"


def test_hash_ignores_layout_and_notes(tmp_path: Path) -> None:
    a = tmp_path / "a"
    a.mkdir()
    (a / "x.yaml").write_text("- zh: 国务院\n  ko: 국무원\n- zh: 党中央\n  ko: 당중앙\n", encoding="utf-8")
    b = tmp_path / "b"
    b.mkdir()
    (b / "y.yaml").write_text("# moved\n- zh: 党中央\n  ko: 당중앙\n  note: n\n", encoding="utf-8")
    (b / "z.yaml").write_text("- {zh: 国务院, ko: 국무원}\n", encoding="utf-8")
    h = load_glossary(a).hash
    assert h == load_glossary(b).hash and len(h) == 12
    (b / "z.yaml").write_text("- {zh: 国务院, ko: 국무원청}\n", encoding="utf-8")
    assert load_glossary(b).hash != h


def test_cli_lint_clean(capsys) -> None:
    assert main(["glossary", "lint", "--glossary", str(ROOT / "glossaries")]) == 0
    out = capsys.readouterr().out.strip()
    n = len(load_glossary(ROOT / "glossaries").entries)
    assert out == f"{n} entries in 6 files, no problems"


def test_cli_lint_problems(tmp_path: Path, capsys) -> None:
    case = Path(__file__).parent / "golden" / "lint" / "unknown_field"
    shutil.copytree(case, tmp_path / "g")
    assert main(["glossary", "lint", "--glossary", str(tmp_path / "g")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"Error: {tmp_path / 'g'}/terms.yaml:3: unknown field 'kindd' (did you mean 'kind'?)",
                   f"Error: {tmp_path / 'g'}/terms.yaml:6: unknown field 'colour' (known fields: zh, ko, "
                   "en, kind, status, note, source, variants, match, priority)",
                   f"Error: {tmp_path / 'g'}/terms.yaml:9: unknown field 'varaints' (did you mean 'variants'?)"]
