"""Every lint problem with its exact message: one folder per case under golden/lint/."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import GlossaryError
from pipeline.glossary import lint, load_glossary

CASES = sorted(p for p in (Path(__file__).parent / "golden" / "lint").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_lint_messages(case: Path) -> None:
    expected = [
        line.replace("{dir}", str(case))
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert lint(case) == expected
    if expected:
        with pytest.raises(GlossaryError) as err:
            load_glossary(case)
        assert err.value.problems == expected
    else:
        load_glossary(case)


def test_missing_folder(tmp_path: Path) -> None:
    assert lint(tmp_path / "nope") == [f"{tmp_path / 'nope'}: glossary folder not found"]


def test_every_golden_case_has_expectations() -> None:
    # a case folder without expected.txt would silently test nothing
    assert all((c / "expected.txt").exists() for c in CASES)
    assert sum(1 for c in CASES if (c / "expected.txt").read_text().strip()) >= 10
