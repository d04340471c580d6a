"""Installing packages from files and from an Argos index served on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import ModelError
from pipeline.translate.argos import ArgosTranslator, find_route
from pipeline.translate.install import (
    check_archive,
    install_from_file,
    install_from_index,
    list_installed,
)


def _visible(d: Path) -> list[str]:
    return sorted(p.name for p in d.iterdir())


# -- from a file ----------------------------------------------------------------


def test_install_valid_file_then_translate(argos_packages, tmp_path):
    info = install_from_file(argos_packages["zh-ko"], tmp_path)
    assert (info.from_code, info.to_code, info.package_version) == ("zh", "ko", "1.0")
    assert info.path == tmp_path / "translate-zh_ko-1_0"
    assert _visible(tmp_path) == ["translate-zh_ko-1_0"]  # no staging folder left
    assert [p.describe() for p in list_installed(tmp_path)] == ["zh→ko 1.0"]
    out = ArgosTranslator(find_route(packages_dir=tmp_path), beam_size=1).translate(["会议"])
    assert len(out) == 1 and out[0]


def test_reinstall_replaces_same_pair(argos_packages, tiny_argos, tmp_path):
    install_from_file(argos_packages["zh-ko"], tmp_path)
    newer = tiny_argos.build_package(tmp_path / "build", "zh", "ko", version="1.1")
    d = tmp_path / "pk"
    install_from_file(argos_packages["zh-ko"], d)
    install_from_file(newer, d)
    assert [p.describe() for p in list_installed(d)] == ["zh→ko 1.1"]
    assert _visible(d) == ["translate-zh_ko-1_1"]


def _rezip(src: Path, dst: Path, *, drop: str = "", rename_top: str = "",
           extra: dict[str, bytes] | None = None, edit_meta=None) -> Path:
    """A copy of a package archive with one thing broken."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            name = item.filename
            if drop and name.endswith(drop):
                continue
            data = zin.read(name)
            if edit_meta and name.endswith("metadata.json"):
                data = edit_meta(data)
            if rename_top:
                name = rename_top + name[name.index("/"):]
            zout.writestr(name, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def _meta_without(field: str):
    def edit(data: bytes) -> bytes:
        meta = json.loads(data)
        del meta[field]
        return json.dumps(meta).encode()
    return edit


BROKEN = {
    "not-a-zip": ("not a zip archive", None),
    "two-tops": ("expected one top folder, found 2", dict(extra={"other/x.txt": b"x"})),
    "no-metadata": ("no translate-zh_ko-1_0/metadata.json", dict(drop="metadata.json")),
    "bad-json": ("metadata.json is not valid JSON", dict(edit_meta=lambda d: b"{oops")),
    "no-version": ("lacks package_version", dict(edit_meta=_meta_without("package_version"))),
    "no-model": ("no translate-zh_ko-1_0/model/model.bin", dict(drop="model.bin")),
    "no-tokenizer": ("no translate-zh_ko-1_0/sentencepiece.model or",
                     dict(drop="sentencepiece.model")),
    "zip-slip": ("unsafe member name", dict(extra={"translate-zh_ko-1_0/../evil": b"x"})),
    "bad-sp": ("sentencepiece.model does not load",
               dict(drop="sentencepiece.model",
                    extra={"translate-zh_ko-1_0/sentencepiece.model": b"garbage"})),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_archives_rejected_and_nothing_left(case, argos_packages, tmp_path):
    why, how = BROKEN[case]
    bad = tmp_path / f"{case}.argosmodel"
    if how is None:
        bad.write_bytes(b"this is not a zip at all")
    else:
        _rezip(argos_packages["zh-ko"], bad, **how)
    d = tmp_path / "pk"
    d.mkdir()
    with pytest.raises(ModelError) as exc:
        install_from_file(bad, d)
    assert str(bad) in str(exc.value)
    assert why in str(exc.value)
    assert _visible(d) == []  # not even a hidden staging folder


def test_truncated_download_rejected(argos_packages, tmp_path):
    data = argos_packages["zh-ko"].read_bytes()
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="cut.argosmodel"):
        install_from_file(cut, tmp_path / "pk")


def test_missing_file(tmp_path):
    with pytest.raises(ModelError, match="no such file"):
        install_from_file(tmp_path / "nope.argosmodel", tmp_path)


def test_check_archive_returns_top_and_metadata(argos_packages):
    top, meta = check_archive(argos_packages["en-ko"])
    assert top == "translate-en_ko-1_0"
    assert (meta["from_code"], meta["to_code"], meta["type"]) == ("en", "ko", "translate")


# -- from an index served over HTTP ---------------------------------------------


def test_index_direct(serve, publish, argos_packages, tmp_path):
    root, base = serve
    url = publish(root, base, argos_packages, ["zh-ko", "zh-en", "en-ko"])
    seen: list[tuple[int, int | None, str]] = []
    d = tmp_path / "pk"
    got = install_from_index(url, packages_dir=d, progress=lambda *a: seen.append(a))
    assert [p.describe() for p in got] == ["zh→ko 1.0"]  # direct wins, legs not fetched
    assert find_route(packages_dir=d).kind == "direct"
    size = argos_packages["zh-ko"].stat().st_size
    assert seen[0] == (0, size, "zh→ko 1.0") and seen[-1] == (size, size, "zh→ko 1.0")
    assert _visible(d) == ["translate-zh_ko-1_0"]


def test_index_pivot(serve, publish, argos_packages, tmp_path):
    root, base = serve
    older_zh_ko_without_links = {"from_code": "zh", "to_code": "ko", "package_version": "0.1",
                                 "type": "sbd", "links": []}
    url = publish(root, base, argos_packages, ["zh-en", "en-ko"], [older_zh_ko_without_links])
    d = tmp_path / "pk"
    got = install_from_index(url, packages_dir=d)
    assert [p.describe() for p in got] == ["zh→en 1.0", "en→ko 1.0"]
    assert find_route(packages_dir=d).describe() == "zh→en→ko"
    # already installed at the same version: nothing downloaded again
    (root / argos_packages["zh-en"].name).unlink()
    again = install_from_index(url, packages_dir=d)
    assert [p.describe() for p in again] == ["zh→en 1.0", "en→ko 1.0"]


def test_index_without_route(serve, publish, argos_packages, tmp_path):
    root, base = serve
    url = publish(root, base, argos_packages, ["zh-en"])
    with pytest.raises(ModelError, match="no zh→ko package and no zh→en \\+ en→ko pair"):
        install_from_index(url, packages_dir=tmp_path / "pk")


def test_dead_download_link(serve, publish, argos_packages, tmp_path):
    root, base = serve
    url = publish(root, base, argos_packages, ["zh-ko"])
    (root / argos_packages["zh-ko"].name).unlink()
    d = tmp_path / "pk"
    with pytest.raises(ModelError, match="cannot download zh→ko 1.0.*HTTP 404") as exc:
        install_from_index(url, packages_dir=d)
    assert "offline" not in str(exc.value)  # the server answered
    assert _visible(d) == []


def test_index_http_error(serve, tmp_path):
    root, base = serve
    with pytest.raises(ModelError, match="index.json \\(HTTP 404"):
        install_from_index(f"{base}/index.json", packages_dir=tmp_path)


def test_server_down_says_offline(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(ModelError) as exc:
        install_from_index(f"http://127.0.0.1:{port}/index.json", packages_dir=tmp_path)
    msg = str(exc.value)
    assert f"127.0.0.1:{port}/index.json" in msg
    assert "seems offline" in msg and "zhko models install FILE.argosmodel" in msg


def test_index_not_json(serve, tmp_path):
    root, base = serve
    (root / "index.json").write_text("<html>captive portal</html>")
    with pytest.raises(ModelError, match="not valid JSON"):
        install_from_index(f"{base}/index.json", packages_dir=tmp_path)
