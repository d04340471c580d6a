"""Candidate extraction on the sample article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.review.extract import COMMON_FLAG, candidates_to_entries, extract_from_paths, format_table

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "yanbian-fabu-2021-01-21.txt"


def test_names_orgs_titles_and_terms_found():
    cands = {c.zh: c for c in extract_from_paths([SAMPLE], min_freq=2)}
    tian, kim = cands["田锦尘"], cands["金寿浩"]
    assert (tian.kind, tian.ko, tian.origin) == ("person", "전금진", "names")
    assert (kim.kind, kim.ko) == ("person", "김수호")
    assert tian.freq == 6 and COMMON_FLAG not in tian.flags
    assert tian.contexts[0]["id"].endswith("/title")
    assert cands["州疫情防控领导小组"].kind == "org"
    assert cands["州委书记"].kind == "title" and cands["州委副书记"].kind == "title"
    term = cands["疫情防控"]
    assert term.origin == "frequent" and term.freq >= 10 and COMMON_FLAG in term.flags
    # pattern grew over nouns only: never the verb before the body's name
    assert not any(z.startswith(("召开", "主持")) for z in cands)
    # generic words and pieces of longer candidates are not proposed
    assert "工作" not in cands and "会议" not in cands and "防控" not in cands


def test_glossary_coverage_any_status(dirs):
    gl, _ = dirs
    cands = {c.zh for c in extract_from_paths([SAMPLE], glossary_dir=gl, min_freq=2)}
    # 田锦尘 approved, 金寿浩 proposed, 疫情防控 proposed: all already in the glossary
    assert not cands & {"田锦尘", "金寿浩", "疫情防控", "习近平", "领导小组"}
    assert "州疫情防控领导小组" in cands


def test_table_and_entries():
    cands = extract_from_paths([SAMPLE], min_freq=3)
    table = format_table(cands)
    lines = table.splitlines()
    assert lines[0].split() == ["freq", "kind", "zh", "ko", "check", "context"]
    assert any("田锦尘" in x and "전금진" in x for x in lines)
    entries = candidates_to_entries(cands)
    assert all(e["status"] == "proposed" and e["ko"] for e in entries)
    assert format_table([]).startswith("no candidates")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    from pipeline.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_write_adds_proposed_entries_once(tmp_path, capsys):
    gl = tmp_path / "g"
    shutil.copytree(Path(__file__).parent / "data" / "glossary", gl)
    people = (gl / "people.yaml").read_text(encoding="utf-8")
    cmd = ["glossary", "extract", str(SAMPLE), "--glossary", str(gl), "--json", "--write", "--user", "desk"]
    code, out, err = _run(capsys, *cmd)
    assert code == 0, err
    printed = json.loads(out)
    from pipeline.review.store import GlossaryStore

    proposed = [e for e in GlossaryStore(gl).entries() if e.file == "proposed.yaml"]
    assert [e.zh for e in proposed] == [c["zh"] for c in printed]
    assert all(e.status == "proposed" for e in proposed)
    assert (gl / "people.yaml").read_text(encoding="utf-8") == people
    log = (gl / "audit.log").read_text(encoding="utf-8").splitlines()
    assert len(log) == len(proposed) and json.loads(log[0])["user"] == "desk"
    # second run: everything is covered now, nothing added
    code, out, err = _run(capsys, *cmd)
    assert code == 0 and json.loads(out) == []
    assert len((gl / "audit.log").read_text(encoding="utf-8").splitlines()) == len(log)


def test_single_paragraph_article_is_accepted(tmp_path):
    """A one-paragraph article has no headline line: extraction reads it as body
    instead of failing with "no title found" (issue 11)."""
    text = ("3月18日下午，州委副书记、州长杨健主持召开州疫情防控工作领导小组会议，"
            "杨健强调，延吉市和珲春市要加强州疫情防控工作领导小组的统筹。")
    for name, body in (("one.txt", text), ("one.html", f"<p>{text}</p>"), ("one.md", text)):
        f = tmp_path / name
        f.write_text(body, encoding="utf-8")
        cands = {c.zh: c for c in extract_from_paths([f], min_freq=1)}
        assert cands["杨健"].kind == "person" and cands["杨健"].ko == "양건", name
        assert cands["延吉市"].kind == "place", name


def test_empty_article_still_fails_with_one_clear_error(tmp_path):
    import pytest

    from pipeline.errors import InputError

    f = tmp_path / "empty.txt"
    f.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        extract_from_paths([f])
    assert "empty.txt" in str(exc.value)
