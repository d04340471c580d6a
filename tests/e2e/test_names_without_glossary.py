"""Names are read in Hanja even when the glossary lacks them (the Korean-norm issue):
on the sample, 전금진, 김수호 and 습근평 appear with their entries removed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "yanbian-fabu-2021-01-21.txt"
NAMES = {"田锦尘": "전금진", "金寿浩": "김수호", "习近平": "습근평"}


def _glossary_without_names(target: Path) -> Path:
    shutil.copytree(ROOT / "glossaries", target)
    removed = 0
    for path in target.glob("*.yaml"):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        kept = [e for e in entries if not any(n in e["zh"] for n in NAMES)]
        removed += len(entries) - len(kept)
        path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert removed >= 3
    return target


def test_names_read_without_glossary_entries(tmp_path, argos_dir_direct, capsys):
    gloss = _glossary_without_names(tmp_path / "glossaries")
    out = tmp_path / "out"
    code = main(["build", str(SAMPLE), "-o", str(out), "--glossary", str(gloss),
                 "--models", str(argos_dir_direct), "--no-pdf", "--beam", "1", "-q", "--no-cache"])
    assert code == 0, capsys.readouterr().err
    data = json.loads((out / SAMPLE.stem / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    segments = [data["heading"]] + [s for p in data["paragraphs"] for s in p["segments"]]
    for zh, ko in NAMES.items():
        with_name = [s for s in segments if zh in s["zh"]]
        assert with_name, zh
        for seg in with_name:
            assert ko in seg["ko"], (seg["id"], zh, seg["ko"])
            hit = [t for t in seg["terms"] if t["zh"] == zh]
            assert hit and hit[0]["status"] == "proposed", (seg["id"], seg["terms"])
