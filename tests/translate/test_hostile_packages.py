"""Hostile and unlucky model packages (issue 10): a folder-name collision with
another pair, an unloadable model.bin, a metadata-only folder with a higher
version, a metadata.json that is a list, size limits. Real tiny Argos
packages from tests/support/tiny_argos.py."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import ModelError
from pipeline.translate.argos import ArgosTranslator, PackageWarning, find_route
from pipeline.translate.install import install_from_file, list_installed

ROOT = Path(__file__).resolve().parents[2]


def _rezip(src: Path, dst: Path, *, top: str | None = None, replace: dict[str, bytes] | None = None,
           meta: dict | None = None) -> Path:
    """A copy of a package archive with its top folder renamed, members replaced
    or metadata fields changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            old_top, rest = item.filename.split("/", 1)
            data = zin.read(item.filename)
            if replace and rest in replace:
                data = replace[rest]
            if meta and rest == "metadata.json":
                data = json.dumps({**json.loads(data), **meta}).encode()
            zout.writestr(f"{top or old_top}/{rest}", data)
    return dst


def _pairs(d: Path) -> list[str]:
    return sorted(p.describe() for p in list_installed(d))


def test_a_colliding_folder_name_never_removes_another_pair(argos_packages, tmp_path):
    d = tmp_path / "pk"
    install_from_file(argos_packages["zh-ko"], d)
    # an en→ko package whose archive uses the zh→ko folder name
    odd = _rezip(argos_packages["en-ko"], tmp_path / "odd.argosmodel", top="translate-zh_ko-1_0")
    info = install_from_file(odd, d)
    assert info.path.name != "translate-zh_ko-1_0" and info.path.parent == d
    assert _pairs(d) == ["en→ko 1.0", "zh→ko 1.0"]
    assert ArgosTranslator(find_route(packages_dir=d), beam_size=1).translate(["会议"])[0]
    # a folder of the user's with the package's name is left alone too
    (d / "translate-zh_en-1_0").mkdir()
    (d / "translate-zh_en-1_0" / "mine.txt").write_text("keep me", encoding="utf-8")
    install_from_file(argos_packages["zh-en"], d)
    assert (d / "translate-zh_en-1_0" / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert _pairs(d) == ["en→ko 1.0", "zh→en 1.0", "zh→ko 1.0"]


@pytest.mark.parametrize("garbage", [b"not a model", b"\x00" * 4096])
def test_an_unloadable_model_is_refused_and_the_working_one_kept(argos_packages, tmp_path, garbage):
    d = tmp_path / "pk"
    install_from_file(argos_packages["zh-ko"], d)
    before = sorted(p.name for p in d.rglob("*"))
    bad = _rezip(argos_packages["zh-ko"], tmp_path / "bad.argosmodel", top="translate-zh_ko-1_1",
                 replace={"model/model.bin": garbage}, meta={"package_version": "1.1"})
    with pytest.raises(ModelError) as exc:
        install_from_file(bad, d)
    assert str(bad) in str(exc.value) and "model/model.bin does not load" in str(exc.value)
    assert "nothing was installed or replaced" in str(exc.value)
    assert sorted(p.name for p in d.rglob("*")) == before  # no staging folder left either
    assert _pairs(d) == ["zh→ko 1.0"]


def test_a_metadata_only_folder_does_not_shadow_a_working_package(argos_dir_direct, tmp_path, capsys):
    d = tmp_path / "pk"
    shutil.copytree(argos_dir_direct, d)
    ghost = d / "translate-zh_ko-9_0"
    ghost.mkdir()
    meta = json.loads((d / "translate-zh_ko-1_0" / "metadata.json").read_text(encoding="utf-8"))
    (ghost / "metadata.json").write_text(json.dumps({**meta, "package_version": "9.0"}), encoding="utf-8")
    with pytest.warns(PackageWarning, match="no model/model.bin"):
        route = find_route(packages_dir=d)
    assert [p.describe() for p in route.packages] == ["zh→ko 1.0"]
    assert main(["models", "list", "--packages-dir", str(d)]) == 0
    err = capsys.readouterr().err
    assert f"Warning: {ghost}: no model/model.bin, not a complete package (ignored)" in err


@pytest.mark.parametrize("content", ["[1, 2]", '"text"', "null", '{"from_code": ["zh"], "to_code": "ko"}',
                                     "{" * 50_000, "\xff\xfe"])
def test_malformed_metadata_is_skipped_with_a_warning(argos_dir_direct, tmp_path, capsys, content):
    d = tmp_path / "pk"
    shutil.copytree(argos_dir_direct, d)
    odd = d / "odd"
    shutil.copytree(d / "translate-zh_ko-1_0", odd)
    (odd / "metadata.json").write_bytes(content.encode("latin-1") if content == "\xff\xfe" else content.encode())
    assert main(["models", "list", "--packages-dir", str(d)]) == 0
    err = capsys.readouterr().err
    assert f"Warning: {odd}/metadata.json:" in err and "(ignored)" in err
    assert "Traceback" not in err and "internal error" not in err
    with pytest.warns(PackageWarning, match="odd/metadata.json"):
        route = find_route(packages_dir=d)
    assert [p.describe() for p in route.packages] == ["zh→ko 1.0"]


def test_a_build_with_a_list_metadata_warns_and_builds(argos_dir_direct, tmp_path, capsys):
    d = tmp_path / "pk"
    shutil.copytree(argos_dir_direct, d)
    (d / "listy").mkdir()
    (d / "listy" / "metadata.json").write_text("[]", encoding="utf-8")
    art = tmp_path / "in" / "a.txt"
    art.parent.mkdir()
    art.write_text("延边新闻\n\n延边州召开会议。\n", encoding="utf-8")
    code = main(["build", str(art), "-o", str(tmp_path / "out"), "--glossary", str(ROOT / "glossaries"),
                 "--models", str(d), "--no-pdf", "--beam", "1", "-j", "1", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"Warning: {d / 'listy'}/metadata.json: not a JSON object (ignored)" in err
    assert "internal error" not in err


def test_package_size_limits_packed_and_unpacked(argos_packages, tmp_path, monkeypatch):
    src = argos_packages["zh-ko"]
    d = tmp_path / "pk"
    monkeypatch.setenv("ZHKO_MAX_MODEL_PACKAGE_BYTES", "1K")
    with pytest.raises(ModelError) as exc:
        install_from_file(src, d)
    assert "limit for a model package" in str(exc.value) and "ZHKO_MAX_MODEL_PACKAGE_BYTES" in str(exc.value)
    # a zip bomb: within the limit packed, over it unpacked
    bomb = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename))
        zout.writestr("translate-zh_ko-1_0/padding.bin", b"\0" * (20 * 1024 * 1024))
    assert bomb.stat().st_size < 10 * 1024 * 1024
    monkeypatch.setenv("ZHKO_MAX_MODEL_PACKAGE_BYTES", "10M")
    with pytest.raises(ModelError, match="unpacked size"):
        install_from_file(bomb, d)
    assert not d.exists() or not any(d.iterdir())
    monkeypatch.delenv("ZHKO_MAX_MODEL_PACKAGE_BYTES")
    assert install_from_file(src, d).describe() == "zh→ko 1.0"


def test_downloads_stop_at_the_package_size_limit(serve, publish, argos_packages, tmp_path, monkeypatch):
    root, base = serve
    url = publish(root, base, argos_packages, ["zh-ko"])
    d = tmp_path / "pk"
    monkeypatch.setenv("ZHKO_MAX_MODEL_PACKAGE_BYTES", "4K")
    from pipeline.translate.install import install_from_index

    with pytest.raises(ModelError) as exc:
        install_from_index(url, packages_dir=d)
    assert "limit for a model package" in str(exc.value)
    assert not any(d.rglob("*.argosmodel"))  # the partial download is gone
    (root / "index.json").write_bytes(b" " * (17 * 1024 * 1024))
    with pytest.raises(ModelError, match="larger than 16 MB"):
        install_from_index(url, packages_dir=d)
