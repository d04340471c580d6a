"""The command line: every command documented, --help instant, exact errors and exit codes."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main, make_parser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "yanbian-fabu-2021-01-21.txt"


def _commands() -> list[str]:
    """Every command and subcommand, e.g. "build", "glossary lint"."""
    found = []

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append(f"{prefix}{name}")
                    walk(sub, f"{prefix}{name} ")

    walk(make_parser(), "")
    return found


def test_there_are_commands():
    cmds = _commands()
    assert {"build", "models", "models list", "models install", "glossary lint", "glossary review",
            "reading", "ko-style", "cache stats"} <= set(cmds)


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"zhko {command}" in readme, f"README.md never shows `zhko {command}`"


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main(command.split() + ["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: zhko " + command)


def test_help_does_not_import_heavy_modules():
    code = ("import sys; from pipeline.cli import make_parser; make_parser(); "
            "heavy = [m for m in ('ctranslate2', 'weasyprint', 'opencc', 'jieba', 'flask', 'argostranslate', "
            "'sentencepiece', 'trafilatura', 'ruamel') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_missing_file(tmp_path, capsys):
    code = main(["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out")])
    assert code == 1
    assert capsys.readouterr().err.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_no_models_installed(tmp_path, capsys):
    empty = tmp_path / "models"
    empty.mkdir()
    code = main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--models", str(empty)])
    assert code == 3
    err = capsys.readouterr().err
    assert err == (
        f"Error: no zh→ko translation route in {empty}: need a zh→ko package, or zh→en and en→ko "
        "(installed: none); install one with `zhko models install` (downloads from the Argos package "
        "index, needs network) or `zhko models install FILE.argosmodel` (offline, from a file)\n")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_unknown_format_fails_alone(tmp_path, capsys, argos_dir_direct):
    bad = tmp_path / "notes.xyz"
    bad.write_text("你好", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(bad), str(SAMPLE), "-o", str(out), "--models", str(argos_dir_direct),
                 "--no-pdf", "-q", "--beam", "1"])
    assert code == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {bad}: unknown format '.xyz' (expected .txt, .md, .html)"]
    assert (out / "yanbian-fabu-2021-01-21" / "yanbian-fabu-2021-01-21.html").exists()
    assert "Traceback" not in err


def test_bad_glossary_stops_before_any_work(tmp_path, capsys, argos_dir_direct):
    gloss = tmp_path / "g"
    gloss.mkdir()
    (gloss / "a.yaml").write_text("- zh: 州长\n  ko: 주장\n  colour: red\n- ko: 없음\n", encoding="utf-8")
    code = main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--glossary", str(gloss),
                 "--models", str(argos_dir_direct)])
    assert code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and all(re.match(r"Error: .*a\.yaml:\d+: ", line) for line in lines)
    assert not (tmp_path / "out").exists()


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("zhko ")


def test_folder_files_that_are_not_articles_are_named(tmp_path, capsys, argos_dir_direct):
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    code = main(["build", str(folder), "-o", str(tmp_path / "out"), "--models", str(argos_dir_direct),
                 "--no-pdf", "-q", "--beam", "1"])
    assert code == 0
    err = capsys.readouterr().err
    assert f"Warning: {folder / 'photo.jpg'}: skipped, not an article (expected .txt, .md, .html)" in err


def test_same_slug_twice_gets_two_output_folders(tmp_path, capsys, argos_dir_direct):
    for day in ("a", "b"):
        (tmp_path / day).mkdir()
        (tmp_path / day / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    code = main(["build", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out),
                 "--models", str(argos_dir_direct), "--no-pdf", "-q", "--beam", "1"])
    assert code == 0, capsys.readouterr().err
    import json

    second = json.loads((out / f"{SAMPLE.stem}-2" / f"{SAMPLE.stem}-2.json").read_text(encoding="utf-8"))
    assert second["path"].startswith(str(tmp_path / "b"))
    ids = [s["id"] for p in second["paragraphs"] for s in p["segments"]]
    assert ids and all(i.startswith(f"{SAMPLE.stem}-2/p") for i in ids)
    assert (out / SAMPLE.stem / f"{SAMPLE.stem}.html").exists()
