"""Hostile glossary files: YAML bombs, deep nesting, giant terms, non-regular
files, broken UTF-8 — each one problem naming the file (and line), never a
traceback, never gigabytes of memory; and lint stays linear on a 1 MB line."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import GlossaryError
from pipeline.glossary import lint, load_glossary
from pipeline.glossary.load import lint_warnings
from pipeline.limits import Limits

OK = "- zh: 延吉\n  ko: 연길\n"
BOMB = "\n".join(["- zh: 延边", "  ko: 연변", "  note: &a [x, x, x, x, x, x, x, x, x]"]
                 + [f"- zh: 词{i}\n  ko: 말\n  note: &n{i} [{', '.join(['*' + ('a' if i == 0 else f'n{i - 1}')] * 9)}]"
                    for i in range(8)]) + "\n"


def folder(tmp_path: Path, **files: str | bytes) -> Path:
    d = tmp_path / "glossaries"
    d.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = d / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return d


def test_alias_bomb_is_one_problem_naming_file_and_line(tmp_path):
    d = folder(tmp_path, **{"bomb.yaml": BOMB, "ok.yaml": OK})
    assert lint(d) == [f"{d / 'bomb.yaml'}:3: invalid YAML: YAML anchors (&name) are not allowed in this file"]


def test_glossary_lint_command_prints_one_error_line(tmp_path, capsys):
    d = folder(tmp_path, **{"bomb.yaml": BOMB})
    assert main(["glossary", "lint", "--glossary", str(d)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"Error: {d / 'bomb.yaml'}:3: invalid YAML: YAML anchors (&name) are not allowed in this file"]


def test_alias_alone_and_merge_keys_are_refused(tmp_path):
    d = folder(tmp_path, **{"a.yaml": "- zh: 延吉\n  ko: *x\n"})
    assert len(lint(d)) == 1 and "invalid YAML" in lint(d)[0]
    d = folder(tmp_path, **{"a.yaml": "- &base {zh: 延吉, ko: 연길}\n- <<: *base\n  zh: 延边\n"})
    assert lint(d) == [f"{d / 'a.yaml'}:1: invalid YAML: YAML anchors (&name) are not allowed in this file"]


def test_deep_nesting_is_refused(tmp_path):
    d = folder(tmp_path, **{"deep.yaml": "- zh: 延吉\n  ko: 연길\n  note: " + "[" * 30 + "]" * 30 + "\n"})
    [problem] = lint(d)
    assert problem == f"{d / 'deep.yaml'}:3: invalid YAML: YAML nested more than 20 levels deep"


def test_giant_term_is_refused_not_linted_quadratically(tmp_path):
    term = "延" * 50_000
    d = folder(tmp_path, **{"big.yaml": f"- zh: {term}\n  ko: 연\n- zh: 吉{term[:99]}\n  ko: 길\n"})
    [problem] = lint(d)
    assert problem == (f"{d / 'big.yaml'}:1: field 'zh' is 50000 characters long; the limit is 100 "
                       "(raise it with ZHKO_MAX_TERM_CHARS)")
    d2 = folder(tmp_path / "two", **{"long.yaml": f"- zh: {term[:150]}\n  ko: 연\n"})
    assert len(lint(d2)) == 1 and lint(d2, limits=Limits(term_chars=200)) == []


def test_file_size_limit(tmp_path, monkeypatch):
    d = folder(tmp_path, **{"a.yaml": OK * 100})
    monkeypatch.setenv("ZHKO_MAX_GLOSSARY_BYTES", "1K")
    [problem] = lint(d)
    assert problem.startswith(f"{d / 'a.yaml'}: ") and "limit for a glossary YAML file" in problem
    assert "ZHKO_MAX_GLOSSARY_BYTES" in problem


def test_fifo_and_device_link_are_refused_without_hanging(tmp_path):
    d = folder(tmp_path, **{"ok.yaml": OK})
    os.mkfifo(d / "pipe.yaml")
    (d / "zero.yaml").symlink_to("/dev/zero")
    signal.alarm(30)
    try:
        problems = lint(d)
    finally:
        signal.alarm(0)
    assert problems == [f"{d / 'pipe.yaml'}: not a regular file (a named pipe); refusing to read it",
                        f"{d / 'zero.yaml'}: not a regular file (a character device); refusing to read it"]


def test_broken_utf8_names_the_byte(tmp_path):
    d = folder(tmp_path, **{"a.yaml": OK.encode("utf-8") + b"\xff\n"})
    assert lint(d) == [f"{d / 'a.yaml'}: not valid UTF-8 (byte {len(OK.encode())}); save the file as UTF-8"]


def test_values_are_never_repr_d(tmp_path):
    huge = "[" + ", ".join(["x"] * 20_000) + "]"
    d = folder(tmp_path, **{"a.yaml": f"- zh: 延吉\n  ko: {huge}\n  kind: {huge}\n  {'k' * 500}: 1\n"})
    problems = lint(d)
    assert problems == [
        f"{d / 'a.yaml'}:2: field 'ko' must be text, found a list; quote it",
        f"{d / 'a.yaml'}:3: invalid kind a list (expected person, place, org, title, term, phrase)",
        f"{d / 'a.yaml'}:4: unknown field '{'k' * 39}…' (known fields: zh, ko, en, kind, status, note, "
        "source, variants, match, priority)",
    ]


def test_one_character_approved_term_is_a_warning_not_a_problem(tmp_path, capsys):
    d = folder(tmp_path, **{"a.yaml": "- zh: 的\n  ko: 의\n- zh: 市\n  ko: 시\n  status: proposed\n" + OK})
    assert lint(d) == []
    assert lint_warnings(d) == [f"{d / 'a.yaml'}:1: approved term 的 is a single character; it will be enforced "
                                "inside every word containing it (use match: word, or a longer term)"]
    assert load_glossary(d).warnings == lint_warnings(d)
    assert main(["glossary", "lint", "--glossary", str(d)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"Warning: {w}" for w in lint_warnings(d)]


def test_review_store_refuses_the_bomb_too(tmp_path):
    from pipeline.review.store import GlossaryStore

    d = folder(tmp_path, **{"bomb.yaml": BOMB})
    with pytest.raises(GlossaryError) as info:
        GlossaryStore(d).entries()
    assert info.value.problems == ["bomb.yaml:3: not valid YAML: YAML anchors (&name) are not allowed in this file"]


def _scale(n: int) -> dict[str, str]:
    return {
        "long-scalar": "- zh: " + "延" * n + "\n  ko: 연\n",
        "brackets": "- zh: 延吉\n  ko: 연길\n  note: " + "[" * n + "\n",
        "flow-list": "- zh: 延吉\n  ko: 연길\n  variants: [" + "延," * (n // 2) + "]\n",
        "quoted-escapes": '- zh: 延吉\n  ko: "' + "\\t" * (n // 2) + '"\n',
        "long-key": "- zh: 延吉\n  ko: 연길\n  " + "k" * n + ": 1\n",
        "many-entries": "".join(f"- {{zh: 延{i}, ko: 연}}\n" for i in range(n // 20)),
    }


MB = 1_000_000
#: Linear cost grows ~10× from 100 KB to 1 MB, quadratic ~100×.
MAX_RATIO, FLOOR, HANG_GUARD = 30, 0.5, 120


def test_a_megabyte_adversarial_line_is_linted_in_linear_time(tmp_path):
    small, big = _scale(MB // 10), _scale(MB)
    bad = {}
    for name in big:
        times = []
        for size, text in (("small", small[name]), ("big", big[name])):
            d = tmp_path / f"{name}-{size}"
            d.mkdir()
            (d / "g.yaml").write_text(text, encoding="utf-8")
            start = time.monotonic()
            signal.alarm(HANG_GUARD)
            try:
                lint(d)
            finally:
                signal.alarm(0)
            times.append(time.monotonic() - start)
        if times[1] / max(times[0], FLOOR) > MAX_RATIO:
            bad[name] = f"{times[0]:.2f} s → {times[1]:.2f} s"
    assert not bad, f"glossary inputs whose lint cost grows faster than their length (100 KB → 1 MB): {bad}"
