"""`zhko models package` → `zhko models install` → `zhko build --engine` for each
engine family, on tiny converted models (real CTranslate2 Translator/Generator)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "标题：会议召开\n\n要加强物流管控。会议听取了全州近期疫情防控情况。州委书记田锦尘主持会议。\n"


@pytest.fixture(scope="module")
def installed(tiny_models, argos_packages, tmp_path_factory):
    """A packages dir with Argos zh→en + en→ko and, packaged through the CLI,
    an M2M100 and a Qwen-style model."""
    root = tmp_path_factory.mktemp("engines-e2e")
    pk = root / "packages"
    m2m = tiny_models.build_seq2seq(root / "m2m-ct2", "m2m100")
    qwen = tiny_models.build_decoder(root / "qwen-ct2")
    assert main(["models", "package", str(m2m), "--kind", "m2m100", "--from", "zh", "--to", "ko",
                 "-o", str(root / "m2m.argosmodel")]) == 0
    assert main(["models", "package", str(qwen), "--kind", "qwen2.5", "--name", "qwen2.5-tiny",
                 "-o", str(root / "qwen.argosmodel")]) == 0
    files = [root / "m2m.argosmodel", root / "qwen.argosmodel", argos_packages["zh-en"], argos_packages["en-ko"]]
    assert main(["models", "install", *map(str, files), "--packages-dir", str(pk)]) == 0
    return pk


def _build(tmp_path, pk, *extra):
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(src), "-o", str(out), "--packages-dir", str(pk), "--no-pdf",
                 "--beam", "1", "-j", "1", "--glossary", str(ROOT / "glossaries"), *extra])
    page = json.loads(next(out.glob("*/*.json")).read_text(encoding="utf-8"))
    return code, page


def test_models_list_explains_the_choice(installed, capsys):
    assert main(["models", "list", "--packages-dir", str(installed)]) == 0
    out = capsys.readouterr().out
    assert "m2m100" in out and "qwen2.5-tiny" in out and "argos" in out
    assert "build takes: m2m100 (direct beats pivot" in out


@pytest.mark.parametrize("engine, kind", [("m2m100", "m2m100"), ("qwen2.5-tiny", "qwen2.5"),
                                          ("argos", "argos")])
def test_build_with_each_engine(engine, kind, installed, tmp_path, capsys):
    code, page = _build(tmp_path, installed, "--engine", engine, "--device", "auto")
    err = capsys.readouterr().err
    assert code in (0, 4) or "Error" not in err, err
    assert f"engine: {engine} (" in err
    sig = page["signature"]
    assert sig["translator"]["model_kind"] == kind and sig["translator"]["device"] == "cpu"
    assert "beam:?" not in sig["short"]
    segs = [s for par in page["paragraphs"] for s in par["segments"]]
    assert segs and all(s["ko"] for s in segs)
    if kind == "qwen2.5":  # terms were offered in the prompt first
        strategies = {t["strategy"] for s in segs for t in s["terms"]}
        assert strategies <= {"prompt", "reprompt", "placeholder", "split", "insert", "forbidden"}
        assert "prompted terms:" in err


def test_switching_engines_never_reuses_the_memory(installed, tmp_path, capsys):
    _build(tmp_path, installed, "--engine", "m2m100")
    capsys.readouterr()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE + "\n新的一段。\n", encoding="utf-8")
    _build(tmp_path, installed, "--engine", "argos")
    err = capsys.readouterr().err
    assert "(0 from cache" in err
    _build(tmp_path, installed, "--engine", "argos")
    assert "(0 from cache" not in capsys.readouterr().err


def test_unknown_engine_and_missing_cuda_are_one_line_exit_3(installed, tmp_path, capsys, monkeypatch):
    import ctranslate2

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["build", str(src), "-o", str(tmp_path / "out"), "--packages-dir", str(installed), "--no-pdf"]
    assert main([*args, "--engine", "nope"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: no engine nope")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert main([*args, "--device", "cuda"]) == 3
    assert capsys.readouterr().err.strip() == ("Error: --device cuda: no CUDA device found by "
                                               "CTranslate2 (use --device auto or cpu)")
