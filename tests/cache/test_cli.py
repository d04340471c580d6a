"""``zhko cache stats`` and ``zhko cache prune`` through :func:`pipeline.cli.main`."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from pipeline.cache import TranslationMemory
from pipeline.cli import main


@pytest.fixture
def out(tmp_path, monkeypatch):
    """An output folder with a cache: 30 entries of sig-new, 12 of sig-old (60 days unused)."""
    monkeypatch.delenv("ZHKO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "site"
    with TranslationMemory(folder / ".zhko-cache.sqlite3") as tm:
        tm.put_many({f"n{i}": {"ko": "새"} for i in range(30)}, signature="sig-new")
        tm.put_many({f"o{i}": {"ko": "옛"} for i in range(12)}, signature="sig-old")
        tm.put_many({"x": {"ko": "?"}})
    with sqlite3.connect(folder / ".zhko-cache.sqlite3") as raw:
        raw.execute("UPDATE segments SET last_used = ? WHERE key LIKE 'o%'",
                    (time.time() - 60 * 86400,))
    return folder


def _count(folder) -> int:
    with TranslationMemory(folder / ".zhko-cache.sqlite3", create=False) as tm:
        return len(tm)


def test_stats_is_readable(out, capsys):
    assert main(["cache", "stats", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"translation memory: {out / '.zhko-cache.sqlite3'}" in text
    assert "entries:    43" in text
    assert "signatures: 3" in text
    lines = text.splitlines()
    sig_lines = lines[lines.index("  signatures: 3") + 1:]
    assert [line.split(None, 1) for line in sig_lines] == [
        ["30", "sig-new"], ["12", "sig-old"], ["1", "(none)"]]
    assert " KB (" in text and "bytes)" in text
    assert "UTC" in text and "oldest:" in text and "newest:" in text


def test_stats_json_and_check(out, capsys):
    assert main(["cache", "stats", "--cache", str(out / ".zhko-cache.sqlite3"),
                 "--json", "--check"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entries"] == 43
    assert data["signatures"] == {"sig-new": 30, "sig-old": 12, "": 1}
    assert data["integrity"] == "ok"


def test_stats_uses_zhko_cache_env(out, capsys, monkeypatch):
    monkeypatch.setenv("ZHKO_CACHE", str(out / ".zhko-cache.sqlite3"))
    assert main(["cache", "stats"]) == 0
    assert "entries:    43" in capsys.readouterr().out


def test_stats_of_missing_cache_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ZHKO_CACHE", raising=False)
    assert main(["cache", "stats", "-o", str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "nothing/.zhko-cache.sqlite3" in err
    assert not (tmp_path / "nothing").exists()  # stats never creates a cache


def test_prune_older_than(out, capsys):
    assert main(["cache", "prune", "-o", str(out), "--older-than", "30"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("removed 12 entries from ")
    assert "31 left" in text
    assert _count(out) == 31


def test_prune_keep_signature_and_both(out, capsys):
    assert main(["cache", "prune", "-o", str(out), "--older-than", "90",
                 "--keep-signature", "sig-new"]) == 0
    assert capsys.readouterr().out.startswith("removed 0 entries")
    assert main(["cache", "prune", "-o", str(out), "--keep-signature", "sig-new"]) == 0
    assert capsys.readouterr().out.startswith("removed 13 entries")
    assert _count(out) == 30


def test_prune_all(out, capsys):
    assert main(["cache", "prune", "-o", str(out), "--all"]) == 0
    assert "removed 43 entries" in capsys.readouterr().out
    assert _count(out) == 0
    assert main(["cache", "prune", "-o", str(out), "--all"]) == 0
    assert "removed 0 entries" in capsys.readouterr().out


def test_prune_all_repairs_a_damaged_cache(tmp_path, capsys):
    bad = tmp_path / "c.sqlite3"
    bad.write_bytes(b"\x00garbage" * 1000)
    assert main(["cache", "stats", "--cache", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "zhko cache prune --all" in err
    assert main(["cache", "prune", "--cache", str(bad), "--older-than", "1"]) == 1
    assert "damaged" in capsys.readouterr().err
    assert bad.exists()  # only --all deletes a damaged file
    assert main(["cache", "prune", "--cache", str(bad), "--all"]) == 0
    assert "damaged; deleted it" in capsys.readouterr().out
    assert not bad.exists()
    with TranslationMemory(bad) as tm:  # the next build starts a fresh cache
        assert tm.integrity_check() == "ok"


def test_prune_missing_cache_is_harmless(tmp_path, capsys):
    assert main(["cache", "prune", "--cache", str(tmp_path / "no.sqlite3"), "--all"]) == 0
    assert "nothing removed" in capsys.readouterr().out
    assert not (tmp_path / "no.sqlite3").exists()


@pytest.mark.parametrize("argv", [
    ["cache", "prune"],                                   # nothing said
    ["cache", "prune", "--older-than", "soon"],           # not a number
    ["cache", "prune", "--older-than", "-3"],             # negative
    ["cache", "stats", "--cache", "a", "-o", "b"],         # both locations
])
def test_bad_command_lines_exit_2(argv, out, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "error:" in capsys.readouterr().err.lower()  # argparse or zhko's own Error: line
    assert _count(out) == 43


@pytest.mark.parametrize("action", ["stats", "prune"])
def test_help_has_examples(action, capsys):
    with pytest.raises(SystemExit):
        main(["cache", action, "--help"])
    text = capsys.readouterr().out
    assert "examples:" in text and f"zhko cache {action}" in text
    assert "--cache PATH" in text and "OUTPUT_DIR" in text
