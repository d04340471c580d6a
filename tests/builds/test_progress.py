"""Progress display: live line on a TTY, quiet lines in logs, silent with -q."""

from __future__ import annotations

import io
import re

from pipeline.cli import main
from pipeline.progress import Progress

from .conftest import GLOSSARY, make_batch


def _run_phases(p: Progress) -> None:
    p.phase("translating", 40, unit="segments")
    p.set_extra("10 from cache")
    for _ in range(40):
        p.advance()
    p.note("Warning: something")
    p.phase("rendering", 3, unit="articles")
    p.advance(3)
    p.close()


def test_log_output_is_one_line_per_phase_without_control_codes():
    stream = io.StringIO()
    _run_phases(Progress(stream=stream, tty=False, log_every=3600))
    text = stream.getvalue()
    assert "\r" not in text and "\x1b" not in text
    lines = text.splitlines()
    assert lines[0] == "Warning: something"
    assert re.fullmatch(r"translating: 40/40 segments, 10 from cache \(\d+\.\ds\)", lines[1])
    assert re.fullmatch(r"rendering: 3/3 articles \(\d+\.\ds\)", lines[2])
    assert len(lines) == 3


def test_tty_output_redraws_one_line_with_eta():
    stream = io.StringIO()
    p = Progress(stream=stream, tty=True)
    p.phase("translating", 10, unit="segments")
    p._last = -1e9  # as if the previous draw were long ago
    p.advance(4, extra="3 from cache")
    assert re.search(r"\r\x1b\[2Ktranslating: 4/10 segments, 3 from cache \(\d+\.\ds, ETA \d+s\)$",
                     stream.getvalue())
    p.close()
    assert stream.getvalue().endswith("\n")


def test_quiet_prints_nothing():
    stream = io.StringIO()
    p = Progress(stream=stream, quiet=True, verbose=True)
    _run_phases(p)
    p.detail("x")
    assert stream.getvalue() == ""


def test_cli_progress_quiet_and_verbose(tmp_path, packages, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 2, per_article=1)
    common = ["build", str(src), "-o", str(out), "--glossary", str(GLOSSARY), "--models", str(packages),
              "--beam", "1", "--no-pdf", "--no-names"]

    assert main(common + ["-v"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err  # stderr is not a terminal here
    assert re.search(r"^reading: 2/2 articles", err, re.M)
    assert re.search(r"^translating: 4/4 segments, 0 from cache", err, re.M)
    assert re.search(r"^rendering: 2/2 articles, 0 up to date", err, re.M)
    assert len(re.findall(r": built → ", err)) == 2
    assert "2 built, 0 up to date, 0 failed; 4 segments (0 from cache, 4 decoded)" in err

    assert main(common + ["-q"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "0 built, 2 up to date, 0 failed; 4 segments (4 unchanged, 0 from cache, 0 decoded)"
    assert err[1].startswith("terms: ") and err[2].startswith("QA findings: ")
    assert err[3].startswith("output: ") and len(err) == 4
