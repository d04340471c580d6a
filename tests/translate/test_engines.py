"""Engine registry, model kinds and packages on tiny random-weight models of each kind."""

from __future__ import annotations

import json
import warnings
import zipfile

import pytest

from pipeline.errors import ModelError
from pipeline.translate import engines
from pipeline.translate.install import install_from_file

ZH = ["会议听取了全州近期疫情防控情况。", "要加强物流管控。", "田锦尘指出，当前，我州疫情防控形势严峻。" * 2]


def _install(tmp_path, engine_packages, argos_packages=None, kinds=(), argos=()):
    d = tmp_path / "packages"
    for k in kinds:
        install_from_file(engine_packages[k], d)
    for k in argos:
        install_from_file(argos_packages[k], d)
    return d


class Spy:
    """Wraps the real CTranslate2 model and records what reaches it."""

    def __init__(self, model):
        self.model, self.calls = model, []

    def translate_batch(self, source, **kw):
        self.calls.append((source, kw))
        return self.model.translate_batch(source, **kw)


@pytest.mark.parametrize("kind, src_first, src_last, prefix", [
    ("m2m100", "__zh__", "</s>", ["__ko__"]),
    ("nllb", "zho_Hans", "</s>", ["kor_Hang"]),
    ("madlad", "<2ko>", "</s>", None),
    ("opus-mt", None, "</s>", None),
])
def test_language_tokens_reach_ctranslate2(kind, src_first, src_last, prefix, engine_packages, tmp_path):
    d = _install(tmp_path, engine_packages, kinds=[kind])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", engines.LicenceWarning)
        tr = engines.make_translator(engines.EngineChoice(engine=kind, packages_dir=str(d), device="cpu"))
    leg = tr._load()[0]
    spy = leg.model = Spy(leg.model)
    out = tr.translate(ZH)
    assert len(out) == 3 and all(out)
    sources = [s for src, _ in spy.calls for s in src]
    assert len(sources) == 3
    for s in sources:
        assert s[-1] == src_last
        if src_first:
            assert s[0] == src_first and s.count(src_first) == 1
    for _, kw in spy.calls:
        if prefix:
            assert all(p == prefix for p in kw["target_prefix"])
        else:
            assert kw["target_prefix"] is None
    assert not any(t in o for o in out for t in ("__ko__", "kor_Hang", "<2ko>"))  # prefix stripped
    sig = tr.signature()
    assert sig["model_kind"] == kind and sig["name"] == kind and sig["device"] == "cpu"


def test_package_metadata_is_argos_readable(engine_packages, tmp_path):
    from argostranslate import package as argos_package

    with zipfile.ZipFile(engine_packages["m2m100"]) as zf:
        top = zf.namelist()[0].split("/")[0]
        zf.extractall(tmp_path)
        meta = json.loads(zf.read(f"{top}/metadata.json"))
    assert meta["target_prefix"] == "__ko__"  # the part Argos can express
    assert meta["zhko"]["source_prefix"] == ["__zh__"] and meta["zhko"]["licence"] == "MIT"
    pkg = argos_package.Package(tmp_path / top)  # argospm / Argos still read it
    assert (pkg.from_code, pkg.to_code, pkg.target_prefix) == ("zh", "ko", "__ko__")


def test_package_checks_language_tokens_in_vocabulary(tiny_models, tmp_path):
    from pipeline.translate.package import package_model

    folder = tiny_models.build_seq2seq(tmp_path / "opus", "opus-mt")  # no __zh__ in vocabulary
    with pytest.raises(ModelError, match="lacks __zh__, __ko__"):
        package_model(folder, "m2m100", "zh", "ko", tmp_path / "x.argosmodel")
    assert not (tmp_path / "x.argosmodel").exists()


def test_package_refuses_unconverted_folder(tmp_path):
    from pipeline.translate.package import package_model

    (tmp_path / "hf").mkdir()
    (tmp_path / "hf" / "pytorch_model.bin").write_bytes(b"x")
    with pytest.raises(ModelError, match="ct2-transformers-converter"):
        package_model(tmp_path / "hf", "m2m100", "zh", "ko", tmp_path / "x.argosmodel")


def test_registry_prefers_direct_and_explains(engine_packages, argos_packages, tmp_path):
    d = _install(tmp_path, engine_packages, argos_packages, kinds=["m2m100", "nllb", "qwen2.5"],
                 argos=["zh-en", "en-ko"])
    found, problems = engines.candidates(d)
    assert not problems
    assert [c.name for c in found] == ["m2m100", "qwen2.5-tiny-instruct", "argos", "nllb"]
    chosen, why = engines.choose(None, d)
    assert chosen.name == "m2m100" and "direct beats pivot" in why
    chosen, why = engines.choose("argos", d)
    assert chosen.route.describe() == "zh→en→ko" and why == "named with --engine"
    with pytest.warns(engines.LicenceWarning, match="NOT for commercial use"):
        assert engines.choose("nllb", d)[0].kind == "nllb"
    with pytest.raises(ModelError, match="no engine m2m100-big .*installed engines: m2m100"):
        engines.choose("m2m100-big", d)


def test_noncommercial_only_is_never_chosen_silently(engine_packages, tmp_path):
    d = _install(tmp_path, engine_packages, kinds=["nllb"])
    with pytest.raises(ModelError, match="never chosen unless named: nllb"):
        engines.choose(None, d)


def test_engine_package_does_not_replace_argos_package(engine_packages, argos_packages, tmp_path):
    d = _install(tmp_path, engine_packages, argos_packages, argos=["zh-ko"], kinds=["m2m100"])
    names = sorted(c.name for c in engines.candidates(d)[0])
    assert names == ["argos", "m2m100"]


def test_devices(monkeypatch):
    import ctranslate2

    assert engines.resolve_device("cpu") == ("cpu", "int8")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert engines.resolve_device("auto") == ("cpu", "int8")
    with pytest.raises(ModelError, match="no CUDA device"):
        engines.resolve_device("cuda")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(engines, "cuda_possible", lambda: True)
    assert engines.resolve_device("auto") == ("cuda", "int8_float16")


def test_devices_quiet_auto_and_broken_driver(monkeypatch):
    """``auto`` falls back to the CPU without a word; a CUDA driver that raises
    counts as no GPU (``auto`` quiet, ``cuda`` the one clear ModelError)."""
    import ctranslate2

    def broken():
        raise RuntimeError("CUDA driver version is insufficient for CUDA runtime version")

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", broken)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        assert engines.resolve_device("auto") == ("cpu", "int8")
    with pytest.raises(ModelError) as err:
        engines.resolve_device("cuda")
    assert str(err.value) == "--device cuda: no CUDA device found by CTranslate2 (use --device auto or cpu)"
    assert err.value.exit_code == 3
    with pytest.raises(ModelError, match="unknown device"):
        engines.resolve_device("gpu")


def test_real_ctranslate2_here_has_no_cuda_and_auto_is_cpu():
    """This machine has no GPU: the real (unpatched) query says so."""
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("a CUDA device is present")
    assert engines.resolve_device("auto") == ("cpu", "int8")
    with pytest.raises(ModelError, match="no CUDA device"):
        engines.resolve_device("cuda")


def test_qwen2_architecture_packages_and_generates(tiny_models, tmp_path):
    """Grouped-query attention, SwiGLU, RMSNorm and rotary positions (Qwen2.5
    as CTranslate2's converter writes it) package as ``qwen2.5`` and run on
    the real Generator."""
    from pipeline.translate.base import PromptItem, PromptTerm
    from pipeline.translate.package import package_model

    folder = tiny_models.build_qwen_like(tmp_path / "qwen2", heads=4, kv_heads=2)
    pkg, _ = package_model(folder, "qwen2.5", "zh", "ko", tmp_path / "q.argosmodel", name="qwen2-gqa")
    d = tmp_path / "pk"
    install_from_file(pkg, d)
    tr = engines.make_translator(engines.EngineChoice(packages_dir=str(d), device="cpu"))
    assert tr.name == "qwen2-gqa"
    out = tr.translate_prompted([PromptItem(ZH[0], (PromptTerm("全州", "전 주"),)), PromptItem(ZH[1])])
    assert len(out) == 2 and all(out)


def test_auto_device_without_cuda_device_files_does_not_ask_ctranslate2(monkeypatch):
    """No NVIDIA/WSL2 device files: CPU, without importing ctranslate2 (an
    unchanged rebuild needs the device only for the engine signature)."""
    import ctranslate2

    asked: list[int] = []
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: asked.append(1) or 1)
    monkeypatch.setattr(engines, "cuda_possible", lambda: False)
    assert engines.resolve_device("auto") == ("cpu", "int8")
    assert asked == []
    assert engines.resolve_device("cuda") == ("cuda", "int8_float16")  # named: always asked
    assert asked == [1]


def test_cuda_possible_reads_the_driver_files(monkeypatch):
    import os
    import sys

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os.path, "exists", lambda p: False)
    monkeypatch.setattr("glob.glob", lambda pattern: [])
    assert engines.cuda_possible() is False
    monkeypatch.setattr("glob.glob", lambda pattern: ["/dev/nvidia0"])
    assert engines.cuda_possible() is True
    monkeypatch.setattr("glob.glob", lambda pattern: [])
    monkeypatch.setattr(os.path, "exists", lambda p: p == "/dev/dxg")  # WSL2
    assert engines.cuda_possible() is True
    monkeypatch.setattr(sys, "platform", "win32")  # unsure: ask CTranslate2
    monkeypatch.setattr(os.path, "exists", lambda p: False)
    assert engines.cuda_possible() is True


def test_broken_engine_package_is_refused_at_install(engine_packages, tmp_path):
    src = engine_packages["m2m100"]
    bad = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.endswith("model/model.bin"):
                data = data[: len(data) // 3]
            zout.writestr(item, data)
    with pytest.raises(ModelError, match="does not load"):
        install_from_file(bad, tmp_path / "pk")
    assert not engines.candidates(tmp_path / "pk")[0]


def test_seq2seq_short_sentence_keeps_its_own_cap(engine_packages, tmp_path):
    d = _install(tmp_path, engine_packages, kinds=["m2m100"])
    tr = engines.make_translator(engines.EngineChoice(engine="m2m100", packages_dir=str(d), device="cpu"))
    leg = tr._load()[0]
    short, long_ = leg.encode("要加强物流管控。"), leg.encode(ZH[2] * 3)
    produced = tr._decode(leg, [long_, short])
    assert len(produced[1]) == tr.cap(len(short))
    assert len(produced[0]) > tr.cap(len(short)) * 2  # it did run long in the same call
