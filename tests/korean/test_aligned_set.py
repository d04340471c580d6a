"""The real aligned Chinese–Korean test set (bench/data/yanbian_aligned.tsv) stays well-formed.

Only the file's shape is checked here (no sentence is copied or tuned on): four
columns, a Yanbian Korean sentence beside a Chinese one, blocks per article pair
that the bench reports one by one."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data" / "yanbian_aligned.tsv"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_korean_norm", ROOT / "bench" / "korean_norm.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_rows_have_four_columns_korean_then_chinese() -> None:
    rows = [ln for ln in DATA.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(rows) >= 150
    for ln in rows:
        ko_url, zh_url, ko, zh = ln.split("\t")
        assert ko_url.startswith("http") and zh_url.startswith("http")
        assert re.search(r"[\uac00-\ud7a3]", ko) and not re.search(r"[\uac00-\ud7a3]", zh)
        assert re.search(r"[\u4e00-\u9fff]", zh)


def test_loader_reports_blocks_per_article_pair() -> None:
    bench = _bench()
    rows = bench.load_aligned()
    blocks = {bench.aligned_blocks[ko] for ko, _ in rows}
    assert len(blocks) >= 23 and "[1]" in blocks
    assert len(rows) == len(DATA.read_text(encoding="utf-8").split("\n")) - sum(
        1 for ln in DATA.read_text(encoding="utf-8").split("\n") if not ln.strip() or ln.startswith("#"))
