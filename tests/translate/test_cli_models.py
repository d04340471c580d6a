"""``zhko models list`` / ``zhko models install`` through the real CLI entry point."""

from __future__ import annotations

import io
import shutil

import pytest

from pipeline.cli import main
from pipeline.cli.models import ProgressDisplay


def test_list_direct(argos_dir_direct, capsys):
    assert main(["models", "list", "--packages-dir", str(argos_dir_direct)]) == 0
    out = capsys.readouterr().out
    assert f"packages dir: {argos_dir_direct}" in out
    assert "zh→ko" in out and "1.0" in out and "translate-zh_ko-1_0" in out
    assert "zh→ko route: direct (zh→ko 1.0)" in out


def test_list_pivot_via_env(argos_dir_pivot, capsys, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_dir_pivot))
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "zh→ko route: pivot zh→en→ko (zh→en 1.0, en→ko 1.0)" in out


def test_list_none_exit_3(tmp_path, capsys):
    assert main(["models", "list", "--packages-dir", str(tmp_path)]) == 3
    out = capsys.readouterr().out
    assert "(no packages installed)" in out
    assert "zh→ko route: none:" in out and "zhko models install FILE.argosmodel" in out


def test_list_warns_about_non_package_folder(argos_dir_direct, tmp_path, capsys):
    d = tmp_path / "pk"
    shutil.copytree(argos_dir_direct, d)
    (d / "stray").mkdir()
    assert main(["models", "list", "--packages-dir", str(d)]) == 0
    err = capsys.readouterr().err
    assert "Warning:" in err and "stray: no metadata.json" in err


def test_install_files(argos_packages, tmp_path, capsys):
    d = tmp_path / "pk"
    files = [str(argos_packages["zh-en"]), str(argos_packages["en-ko"])]
    assert main(["models", "install", *files, "--packages-dir", str(d)]) == 0
    out = capsys.readouterr().out
    assert "installed zh→en 1.0" in out and "installed en→ko 1.0" in out
    assert main(["models", "list", "--packages-dir", str(d)]) == 0
    assert "pivot zh→en→ko" in capsys.readouterr().out


def test_install_bad_file_exit_3(tmp_path, capsys):
    bad = tmp_path / "bad.argosmodel"
    bad.write_text("nope")
    assert main(["models", "install", str(bad), "--packages-dir", str(tmp_path / "pk")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "bad.argosmodel: not a zip archive" in err


def test_install_offline_exit_3(tmp_path, capsys):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    code = main(["models", "install", "--index-url", f"http://127.0.0.1:{port}/index.json",
                 "--packages-dir", str(tmp_path)])
    assert code == 3
    assert "seems offline" in capsys.readouterr().err


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["models", "install", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "zhko models install translate-zh_en-1_9.argosmodel" in out
    assert "--index-url" in out


def test_progress_lines_when_not_a_tty():
    buf = io.StringIO()
    show = ProgressDisplay(buf)
    for done in range(0, 1001, 50):
        show(done, 1000, "zh→ko 1.0")
    show.close()
    lines = buf.getvalue().splitlines()
    assert [line.split()[3] for line in lines] == ["0%", "25%", "50%", "75%", "100%"]
    assert "\r" not in buf.getvalue()


def test_progress_bar_on_a_tty():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    buf = Tty()
    show = ProgressDisplay(buf)
    show(0, 2_000_000, "en→ko 1.1")
    show(2_000_000, 2_000_000, "en→ko 1.1")
    show.close()
    text = buf.getvalue()
    assert text.startswith("\ren→ko 1.1 [")
    assert "100% 2.0/2.0 MB" in text and text.endswith("\n")


def test_install_from_index_with_progress(serve, publish, argos_packages, tmp_path, capsys):
    root, base = serve
    url = publish(root, base, argos_packages, ["zh-en", "en-ko"])
    d = tmp_path / "pk"
    assert main(["models", "install", "--index-url", url, "--packages-dir", str(d)]) == 0
    captured = capsys.readouterr()
    assert "installed zh→en 1.0" in captured.out and "installed en→ko 1.0" in captured.out
    assert "downloading zh→en 1.0 100%" in captured.err  # stderr is not a TTY here
    assert "downloading en→ko 1.0 0%" in captured.err
    assert main(["models", "list", "--packages-dir", str(d)]) == 0
    assert "pivot zh→en→ko" in capsys.readouterr().out


def test_install_if_missing_needs_no_network_when_a_route_exists(argos_dir_direct, capsys):
    from pipeline.cli import main

    code = main(["models", "install", "--if-missing", "--packages-dir", str(argos_dir_direct),
                 "--index-url", "http://127.0.0.1:9/unreachable.json"])
    assert code == 0
    assert capsys.readouterr().err.startswith("zh→ko route already installed: zh→ko")


def test_install_if_missing_offline_names_both_ways(tmp_path, capsys):
    from pipeline.cli import main

    code = main(["models", "install", "--if-missing", "--packages-dir", str(tmp_path),
                 "--index-url", "http://127.0.0.1:9/unreachable.json"])
    assert code == 3
    err = capsys.readouterr().err
    assert "zhko models install FILE.argosmodel" in err and "offline" in err
