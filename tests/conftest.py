"""Session fixtures shared by every test folder: tiny random-weight Argos packages.

The builder is loaded by file path, not as ``tests.support.tiny_argos``: the
``argostranslate`` wheel ships a top-level ``tests`` package into site-packages
that would shadow ours when the project root is not first on ``sys.path``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SUPPORT = Path(__file__).parent / "support"


def load_tiny_argos():
    """The ``tests/support/tiny_argos.py`` module, loaded once by path."""
    name = "zhko_tests_tiny_argos"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SUPPORT / "tiny_argos.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def tiny_argos():
    return load_tiny_argos()


@pytest.fixture(scope="session")
def argos_packages(tmp_path_factory, tiny_argos) -> dict[str, Path]:
    """``{"zh-ko": path, "zh-en": path, "en-ko": path}`` of tiny ``.argosmodel`` files,
    built once per session (~1 s)."""
    out = tmp_path_factory.mktemp("argos-packages")
    built = tiny_argos.build_packages(out, [("zh", "ko"), ("zh", "en"), ("en", "ko")])
    return {f"{f}-{t}": path for (f, t), path in built.items()}


def _unpack(packages: dict[str, Path], keys: list[str], target: Path) -> Path:
    """Install with zhko's own installer (the path editors use)."""
    from pipeline.translate.install import install_from_file

    for key in keys:
        install_from_file(packages[key], target)
    return target


@pytest.fixture(scope="session")
def argos_dir_direct(argos_packages, tmp_path_factory) -> Path:
    """A packages dir with only zh→ko installed. Read-only: copy it to modify."""
    return _unpack(argos_packages, ["zh-ko"], tmp_path_factory.mktemp("argos-direct"))


@pytest.fixture(scope="session")
def argos_dir_pivot(argos_packages, tmp_path_factory) -> Path:
    """A packages dir with zh→en and en→ko only (no direct zh→ko). Read-only."""
    return _unpack(argos_packages, ["zh-en", "en-ko"], tmp_path_factory.mktemp("argos-pivot"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One plain line with how many tests ran and from how many files, so a
    folder that silently stopped being collected shows as a drop in the count."""
    stats = terminalreporter.stats
    ran = [r for key in ("passed", "failed", "error", "xfailed", "xpassed") for r in stats.get(key, [])
           if getattr(r, "when", "call") == "call" or key == "error"]
    files = {r.nodeid.split("::", 1)[0] for r in ran}
    if ran:
        terminalreporter.write_line(f"zhko: {len(ran)} tests ran from {len(files)} test files "
                                    f"({len(stats.get('skipped', []))} skipped)")


def load_tiny_models():
    """The ``tests/support/tiny_models.py`` module, loaded once by path."""
    name = "zhko_tests_tiny_models"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SUPPORT / "tiny_models.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def tiny_models():
    return load_tiny_models()


@pytest.fixture(scope="session")
def engine_packages(tmp_path_factory, tiny_models) -> dict[str, Path]:
    """``.argosmodel`` files made by ``zhko models package`` from tiny converted
    models of each kind: ``{"m2m100": …, "nllb": …, "madlad": …, "opus-mt": …,
    "qwen2.5": …}`` (~3 s, once per session)."""
    from pipeline.translate.package import package_model

    root = tmp_path_factory.mktemp("engine-models")
    out: dict[str, Path] = {}
    for kind in ("m2m100", "nllb", "madlad", "opus-mt"):
        folder = tiny_models.build_seq2seq(root / kind, kind)
        out[kind], _ = package_model(folder, kind, "zh", "ko", root / f"{kind}.argosmodel")
    folder = tiny_models.build_decoder(root / "qwen")
    out["qwen2.5"], _ = package_model(folder, "qwen2.5", "zh", "ko", root / "qwen.argosmodel",
                                      name="qwen2.5-tiny-instruct")
    return out
