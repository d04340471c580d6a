"""Route discovery and real CTranslate2 decoding on tiny random-weight packages."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from pipeline.errors import ModelError
from pipeline.translate.argos import (
    ArgosTranslator,
    PackageWarning,
    find_route,
    make_translator,
    resolve_packages_dir,
)
from pipeline.translate.base import Translator

ZH = [
    "会议听取了全州近期疫情防控情况。",
    "八个县（市）主要负责同志汇报相关情况。",
    "田锦尘指出，当前，我州疫情防控形势严峻。",
    "要加强物流管控。",
]


@pytest.fixture(scope="module")
def direct(argos_dir_direct) -> ArgosTranslator:
    return ArgosTranslator(find_route(packages_dir=argos_dir_direct), beam_size=2)


@pytest.fixture(scope="module")
def pivot(argos_dir_pivot) -> ArgosTranslator:
    return ArgosTranslator(find_route(packages_dir=argos_dir_pivot), beam_size=2)


@pytest.fixture(scope="module")
def greedy(argos_dir_direct) -> ArgosTranslator:
    """Beam 1: greedy decoding is prefix-consistent, so a sentence's capped output
    does not depend on the longest sentence of its batch (with beam search the
    hypothesis kept at a longer batch cap may differ before its own cap)."""
    return ArgosTranslator(find_route(packages_dir=argos_dir_direct), beam_size=1)


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "packages"
    shutil.copytree(src, dst)
    return dst


def test_direct_route(argos_dir_direct):
    route = find_route("zh", "ko", argos_dir_direct)
    assert route.kind == "direct"
    assert route.describe() == "zh→ko"
    assert [p.package_version for p in route.packages] == ["1.0"]


def test_pivot_route(argos_dir_pivot):
    route = find_route("zh", "ko", argos_dir_pivot)
    assert route.kind == "pivot"
    assert route.describe() == "zh→en→ko"
    assert [(p.from_code, p.to_code) for p in route.packages] == [("zh", "en"), ("en", "ko")]


def test_direct_wins_over_pivot(argos_dir_direct, argos_dir_pivot, tmp_path):
    both = _copy(argos_dir_pivot, tmp_path)
    for sub in argos_dir_direct.iterdir():
        shutil.copytree(sub, both / sub.name)
    assert find_route(packages_dir=both).describe() == "zh→ko"


def test_newest_version_wins(argos_dir_direct, tmp_path):
    d = _copy(argos_dir_direct, tmp_path)
    (old,) = list(d.iterdir())
    newer = d / "translate-zh_ko-1_10"
    shutil.copytree(old, newer)
    meta = json.loads((newer / "metadata.json").read_text())
    meta["package_version"] = "1.10"  # 1.10 > 1.9 > 1.0: versions, not strings
    (newer / "metadata.json").write_text(json.dumps(meta))
    route = find_route(packages_dir=d)
    assert route.packages[0].package_version == "1.10"
    assert route.packages[0].path == newer


def test_folder_without_metadata_is_ignored_with_warning(argos_dir_direct, tmp_path):
    d = _copy(argos_dir_direct, tmp_path)
    (d / "leftover").mkdir()
    (d / "leftover" / "model.bin").write_bytes(b"x")
    with pytest.warns(PackageWarning, match="leftover: no metadata.json"):
        route = find_route(packages_dir=d)
    assert route.describe() == "zh→ko"


def test_broken_metadata_is_ignored_with_warning(argos_dir_pivot, tmp_path):
    d = _copy(argos_dir_pivot, tmp_path)
    (d / "broken").mkdir()
    (d / "broken" / "metadata.json").write_text("{not json")
    with pytest.warns(PackageWarning, match="broken/metadata.json: unreadable"):
        assert find_route(packages_dir=d).kind == "pivot"


def test_no_packages_error_names_route_and_both_ways(tmp_path):
    with pytest.raises(ModelError) as exc:
        find_route("zh", "ko", tmp_path)
    msg = str(exc.value)
    assert "no zh→ko translation route" in msg
    assert str(tmp_path) in msg
    assert "zh→en and en→ko" in msg
    assert "`zhko models install`" in msg and "needs network" in msg
    assert "`zhko models install FILE.argosmodel`" in msg and "offline" in msg
    assert exc.value.exit_code == 3


def test_half_a_pivot_is_not_a_route(argos_dir_pivot, tmp_path):
    d = _copy(argos_dir_pivot, tmp_path)
    shutil.rmtree(next(p for p in d.iterdir() if "en_ko" in p.name))
    with pytest.raises(ModelError, match=r"installed: zh→en 1\.0"):
        find_route(packages_dir=d)


def test_env_var_read_at_call_time(argos_dir_pivot, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_dir_pivot))
    assert resolve_packages_dir() == argos_dir_pivot
    assert find_route().describe() == "zh→en→ko"


def test_explicit_dir_beats_env(argos_dir_pivot, argos_dir_direct, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_dir_pivot))
    assert find_route(packages_dir=argos_dir_direct).kind == "direct"


def test_is_a_translator(direct):
    assert isinstance(direct, Translator)


def test_translates_to_nonempty_text(direct):
    out = direct.translate(ZH)
    assert len(out) == len(ZH)
    assert all(isinstance(o, str) and o for o in out)


def test_deterministic(direct, argos_dir_direct):
    again = ArgosTranslator(find_route(packages_dir=argos_dir_direct), beam_size=2)
    assert direct.translate(ZH) == again.translate(ZH) == direct.translate(ZH)


def test_empty_strings_stay_empty(direct, pivot):
    texts = ["", ZH[0], "   ", "", ZH[1], ""]
    for tr in (direct, pivot):
        out = tr.translate(texts)
        assert len(out) == len(texts)
        assert [o == "" for o in out] == [True, False, True, True, False, True]
    assert direct.translate([]) == []
    assert direct.translate(["", ""]) == ["", ""]


def _varied(n: int) -> list[str]:
    return [(ZH[i % 4] * (1 + i % 5))[: 3 + 7 * i % 90] for i in range(n)]


@pytest.mark.parametrize("which", ["argos_dir_direct", "argos_dir_pivot"])
def test_batch_of_50_keeps_order(which, request):
    """Outputs follow their inputs through length sorting: reordering the batch
    reorders the outputs the same way (the batches CTranslate2 forms are the
    same, so the floating-point results are too)."""
    route = find_route(packages_dir=request.getfixturevalue(which))
    tr = ArgosTranslator(route, beam_size=2, max_length=40)  # short cap: fast test
    texts = _varied(50)
    texts[7] = ""
    out = tr.translate(texts)
    assert len(out) == 50 and out[7] == ""
    assert all(o for i, o in enumerate(out) if i != 7)
    assert len(set(out)) > 20  # varied outputs, so a permutation would show
    order = sorted(range(50), key=lambda i: (i * 37) % 50)
    shuffled = tr.translate([texts[i] for i in order])
    assert shuffled == [out[i] for i in order]
    assert tr.translate(list(reversed(texts))) == list(reversed(out))


def test_greedy_batch_equals_one_by_one(greedy):
    """Greedy decoding is prefix-consistent, so each sentence's capped output does
    not depend on the longer sentences of its batch."""
    texts = ZH + ["", ZH[3] * 6]
    assert greedy.translate(texts) == [greedy.translate([t])[0] for t in texts]


def test_pivot_feeds_each_sentence_of_the_first_leg(pivot):
    """Leg two must see leg one's output sentence by sentence (not joined)."""
    first, second = pivot._load()
    en = pivot._translate_leg(first, ZH)
    ko = pivot._translate_leg(second, en)
    assert pivot.translate(ZH) == ko


def test_max_length_cap(argos_dir_direct):
    """Random weights never emit </s>: the output always reaches the cap, never more."""
    tr = ArgosTranslator(find_route(packages_dir=argos_dir_direct), beam_size=1,
                         max_length=40, length_ratio=1.0, length_extra=3)
    leg = tr._load()[0]
    texts = ["要", ZH[0], ZH[2] * 4]
    outs = tr.translate(texts)
    for text, out in zip(texts, outs):
        n_src = len(leg.sp.encode(text, out_type=str))
        n_out = len(leg.sp.encode(out, out_type=str))
        cap = min(40, n_src + 3)
        assert tr.cap(n_src) == cap
        assert n_out <= cap + 2  # re-encoding decoded pieces may merge/split a little
    long_src = len(leg.sp.encode(texts[2], out_type=str))
    assert long_src + 3 > 40  # the long one is bounded by max_length
    assert len(leg.sp.encode(outs[0], out_type=str)) < len(leg.sp.encode(outs[2], out_type=str))


def test_underscores_survive_detokenization(direct):
    """Argos turns every ``_`` into a space; zhko decodes with SentencePiece only."""
    leg = direct._load()[0]
    pieces = leg.sp.encode("甲__TERM_1__乙", out_type=str)
    assert leg.sp.decode(pieces) == "甲__TERM_1__乙"


def test_target_prefix_is_passed_and_stripped(argos_packages, tiny_argos, tmp_path):
    from pipeline.translate.install import install_from_file

    path = tiny_argos.build_package(tmp_path / "build", "zh", "ko", target_prefix="▁")
    d = tmp_path / "pk"
    install_from_file(path, d)
    tr = ArgosTranslator(find_route(packages_dir=d), beam_size=1)
    assert tr._load()[0].prefix == ["▁"]
    out = tr.translate(ZH[:2])
    assert len(out) == 2 and all(out)


def test_models_loaded_once(direct):
    direct.translate(ZH[:1])
    legs = direct._load()
    direct.translate(ZH[1:2])
    assert direct._load() is legs
    assert legs[0].model is direct._load()[0].model


def test_signature(pivot):
    import ctranslate2

    sig = pivot.signature()
    assert sig["engine"] == f"ctranslate2 {ctranslate2.__version__}"
    assert sig["route"] == "zh→en→ko"
    assert sig["packages"] == [
        {"from_code": "zh", "to_code": "en", "package_version": "1.0"},
        {"from_code": "en", "to_code": "ko", "package_version": "1.0"},
    ]
    assert sig["beam_size"] == 2
    assert sig["compute_type"] == "int8"
    assert "/" not in json.dumps(sig["packages"])  # no paths: the signature keys the cache


def test_make_translator(argos_dir_pivot, tmp_path):
    tr = make_translator(packages_dir=argos_dir_pivot, beam_size=1)
    assert tr.route.describe() == "zh→en→ko" and tr.beam_size == 1
    with pytest.raises(ModelError):
        make_translator(packages_dir=tmp_path)


def test_no_warning_for_clean_dir(argos_dir_direct):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        find_route(packages_dir=argos_dir_direct)


def test_argostranslate_translate_is_never_imported(argos_dir_direct):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipeline.translate.argos import find_route, ArgosTranslator\n"
        f"ArgosTranslator(find_route(packages_dir={str(argos_dir_direct)!r})).translate(['会议'])\n"
        "bad = [m for m in ('argostranslate.translate', 'torch', 'stanza') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_corrupt_model_is_a_model_error(argos_dir_direct, tmp_path):
    d = _copy(argos_dir_direct, tmp_path)
    (pkg,) = list(d.iterdir())
    (pkg / "model" / "model.bin").write_bytes(b"\0" * 100)
    tr = ArgosTranslator(find_route(packages_dir=d))
    with pytest.raises(ModelError, match=f"{pkg}: cannot load package zh→ko 1.0"):
        tr.translate(ZH[:1])


def test_bpe_package_is_a_model_error(argos_dir_direct, tmp_path):
    d = _copy(argos_dir_direct, tmp_path)
    (pkg,) = list(d.iterdir())
    (pkg / "sentencepiece.model").rename(pkg / "bpe.model")
    tr = ArgosTranslator(find_route(packages_dir=d))
    with pytest.raises(ModelError, match="BPE tokenization"):
        tr.translate(ZH[:1])


def test_tiny_models_emit_only_trained_characters(greedy, tiny_argos, argos_dir_pivot):
    """The test packages must not produce glyphs no font has (byte-fallback garbage):
    rendering tests downstream rely on it."""
    allowed = set("".join(tiny_argos.training_lines())) | {" "}
    pivot = ArgosTranslator(find_route(packages_dir=argos_dir_pivot), beam_size=1)
    for tr in (greedy, pivot):
        out = "".join(tr.translate(ZH + ["Hello world", "__TERM_1__ 的"]))
        assert out and set(out) <= allowed, sorted(set(out) - allowed)


def test_short_sentence_batched_with_long_one_decodes_to_its_own_cap(argos_dir_direct):
    """Random weights never stop, so the tokens CTranslate2 produced for a sentence
    equal the cap its call ran with: the short one must get its own, not the
    long one's (one cap per call would decode it to the long one's)."""
    tr = ArgosTranslator(find_route(packages_dir=argos_dir_direct), beam_size=2, max_length=120)
    leg = tr._load()[0]
    short, long_ = leg.sp.encode("要加强物流管控。", out_type=str), leg.sp.encode(ZH[2] * 3, out_type=str)
    assert tr.cap(len(short)) < tr.cap(len(long_)) // 2
    produced = tr._decode(leg, [long_, short])
    assert [len(p) for p in produced] == [tr.cap(len(long_)), tr.cap(len(short))]


def test_chunks_depend_on_the_set_of_sources_not_their_order():
    from pipeline.translate import chunks

    keys = [["a"] * n for n in (30, 3, 5, 3, 60, 4, 31, 29)] + [["b"] * 3]
    cap = lambda n: 2 * n + 10  # noqa: E731
    plan = chunks.plan(keys, cap, max_size=3)
    as_sets = [[keys[i] for i in c] for c in plan]
    assert sorted(i for c in plan for i in c) == list(range(len(keys)))
    assert all(len(c) <= 3 for c in plan)
    for c in plan:  # within a chunk no cap exceeds the first by more than the slack
        caps = [cap(len(keys[i])) for i in c]
        assert max(caps) <= min(caps) * chunks.SLACK + chunks.SLACK_TOKENS
    rev = list(reversed(keys))
    assert [[rev[i] for i in c] for c in chunks.plan(rev, cap, max_size=3)] == as_sets


def test_chunks_are_submitted_longest_first():
    """Most tokens to decode (size x cap) first, so the last calls on the
    workers are small ones; ties keep the plan's order. The plan's own order
    (shortest first) left the longest chunk running alone at the end."""
    from pipeline.translate import chunks

    keys = [["a"] * n for n in (3, 4, 5, 20, 21, 60, 3, 4)]
    cap = lambda n: 2 * n + 10  # noqa: E731
    plan = chunks.plan(keys, cap, max_size=2)
    chunk_cap = lambda c: cap(max(len(keys[i]) for i in c))  # noqa: E731
    submitted: list[list[int]] = []

    def submit(chunk: list[int]) -> list[str]:
        submitted.append(chunk)
        return [f"r{i}" for i in chunk]

    done = chunks.run(plan, submit, chunk_cap)
    assert done == {i: f"r{i}" for i in range(len(keys))}
    costs = [len(c) * chunk_cap(c) for c in submitted]
    assert costs == sorted(costs, reverse=True) and costs[0] > costs[-1]
    assert submitted[0] == plan[-1]  # the 60-token sentence's chunk
    # a pure function of the plan: the same set of inputs, the same order of calls
    rev = list(reversed(keys))
    rplan = chunks.plan(rev, cap, max_size=2)
    order = [[keys[i] for i in plan[k]] for k in chunks.submission_order(plan, chunk_cap)]
    rcap = lambda c: cap(max(len(rev[i]) for i in c))  # noqa: E731
    assert [[rev[i] for i in rplan[k]] for k in chunks.submission_order(rplan, rcap)] == order


def test_real_model_gets_the_longest_chunk_first(argos_dir_direct, monkeypatch):
    """Through ArgosTranslator on the tiny model: the calls reach CTranslate2
    most tokens (size x cap) first, not in the plan's shortest-first order, and
    every sentence still decodes to its own chunk's cap, in input order."""
    tr = ArgosTranslator(find_route(packages_dir=argos_dir_direct), beam_size=1, max_length=120,
                         max_batch_size=2)
    leg = tr._load()[0]
    calls: list[tuple[int, int]] = []
    real = leg.model

    class Spy:
        def translate_batch(self, batch, **kw):
            calls.append((len(batch), kw["max_decoding_length"]))
            return real.translate_batch(batch, **kw)

    monkeypatch.setattr(leg, "model", Spy())
    texts = ["要加强物流管控。", ZH[2] * 3, ZH[0], ZH[1] * 2, "会议。"]
    sources = [leg.encode(t) for t in texts]
    produced = tr._decode(leg, sources)
    costs = [n * cap for n, cap in calls]
    assert len(calls) == 3 and costs == sorted(costs, reverse=True)
    assert [cap for _, cap in calls] != sorted(cap for _, cap in calls)  # not the plan's order
    # random weights never stop: the short ones decode to their chunk's small cap
    assert len(produced[0]) == len(produced[4]) == max(tr.cap(len(sources[0])), tr.cap(len(sources[4])))
    assert len(produced[1]) == tr.cap(len(sources[1]))


def test_package_metadata_read_as_argostranslate_reads_it(argos_dir_pivot, tmp_path):
    """zhko reads metadata.json itself (an unchanged rebuild must not import
    argostranslate.package); every field it keeps equals argostranslate's."""
    from argostranslate.package import Package

    from pipeline.translate.argos import read_package

    root = tmp_path / "pk"
    shutil.copytree(argos_dir_pivot, root)
    odd = root / "odd"
    shutil.copytree(next(root.iterdir()), odd)
    meta = json.loads((odd / "metadata.json").read_text(encoding="utf-8"))
    meta.update(package_version="", from_name=None, target_prefix="__ko__", argos_version=2,
                languages=[{"code": "zh"}])
    meta.pop("to_name", None)
    (odd / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    assert len(folders) >= 3
    for folder in folders:
        mine, theirs = read_package(folder), Package(folder)
        assert mine is not None
        assert (mine.from_code, mine.to_code, mine.package_version, mine.from_name, mine.to_name,
                mine.argos_version, mine.target_prefix) == (
            theirs.from_code, theirs.to_code, str(theirs.package_version or "0"), theirs.from_name or "",
            theirs.to_name or "", str(theirs.argos_version or ""), theirs.target_prefix or ""), folder


def test_package_metadata_argostranslate_cannot_read_is_refused(argos_dir_direct, tmp_path):
    from argostranslate.package import Package

    from pipeline.translate.argos import read_package

    d = tmp_path / "bad"
    shutil.copytree(next(p for p in argos_dir_direct.iterdir() if p.is_dir()), d)
    meta = json.loads((d / "metadata.json").read_text(encoding="utf-8"))
    (d / "metadata.json").write_text(json.dumps({**meta, "source_languages": "zh"}), encoding="utf-8")
    with pytest.raises(AttributeError):
        Package(d)
    with pytest.raises(ModelError, match="unreadable"):
        read_package(d)


def test_installed_versions_read_without_importlib_metadata():
    from importlib.metadata import version

    from pipeline.signature import dist_version

    for name in ("zhko", "ctranslate2", "argostranslate", "PyYAML", "pyyaml", "Jinja2"):
        assert dist_version(name) == version(name), name
    assert dist_version("no-such-distribution-zhko") is None
