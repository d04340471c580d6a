"""Atomic writes: complete files or none, readable by others, clear errors."""

import os
import stat

import pytest

from pipeline.errors import ZhkoError
from pipeline.outputs import write_atomic


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "a" / "b.json"
    write_atomic(target, "one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]


def test_mode_follows_umask(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "x.html", "<p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_folder_is_a_file(tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(ZhkoError, match=r"cannot write output folder"):
        write_atomic(tmp_path / "f" / "x.html", "x")


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    import pipeline.outputs as outputs

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", boom)
    with pytest.raises(ZhkoError, match="No space left on device"):
        write_atomic(tmp_path / "x.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []
