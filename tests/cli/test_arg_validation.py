"""Bad command-line values are refused up front: one ``Error:`` line, exit 2,
before any model, glossary or article is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import EXIT_USAGE

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "examples" / "yanbian-fabu-2021-01-21.txt")


@pytest.mark.parametrize("argv, why", [
    (["build", SAMPLE, "--beam", "0"], "argument --beam: must be from 1 to 16, got 0"),
    (["build", SAMPLE, "--beam", "100000"], "argument --beam: must be from 1 to 16, got 100000"),
    (["build", SAMPLE, "--beam", "wide"], "argument --beam: expected a beam size from 1 to 16, got 'wide'"),
    (["build", SAMPLE, "--opencc", "bogus"], "argument --opencc: unknown OpenCC config 'bogus'"),
    (["build", SAMPLE, "-o", ""], "argument -o/--output: an empty path is not allowed"),
    (["build", ""], "argument ARTICLE_OR_FOLDER: an empty path is not allowed"),
    (["build", SAMPLE, "--glossary", " "], "argument --glossary: an empty path is not allowed"),
    (["build", SAMPLE, "-j", "0"], "argument -j/--jobs: must be from 1 to 64, got 0"),
    (["build", SAMPLE, "--max-article-size", "lots"], "argument --max-article-size: expected a size like 4M"),
    (["glossary", "review", "--port", "99999"], "argument --port: must be from 0 to 65535, got 99999"),
    (["glossary", "review", "--port", "-1"], "argument --port: must be from 0 to 65535, got -1"),
])
def test_bad_values_are_one_error_line_and_exit_2(argv, why, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written anywhere, least of all here
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: zhko "), err
    assert why in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_good_values_still_parse():
    from pipeline.cli import make_parser

    args = make_parser().parse_args(["build", SAMPLE, "--beam", "16", "--opencc", "tw2sp.json",
                                     "--max-article-size", "8M", "-j", "2"])
    assert (args.beam, args.opencc, args.max_article_size, args.jobs) == (16, "tw2sp", 8 * 1024 * 1024, 2)
    assert make_parser().parse_args(["glossary", "review", "--port", "0"]).port == 0


def test_a_bad_limit_in_the_environment_is_one_error_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("ZHKO_MAX_ARTICLE_BYTES", "huge")
    monkeypatch.chdir(tmp_path)
    code = main(["build", SAMPLE, "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and err == ["Error: ZHKO_MAX_ARTICLE_BYTES: expected a positive size like 4M, 512K or 1000, "
                                 "got 'huge'"]
