"""Decoder-only chat models on the real ctranslate2.Generator (tiny random weights)."""

from __future__ import annotations

import pytest

from pipeline.translate import engines
from pipeline.translate.base import PromptItem, PromptTerm
from pipeline.translate.generator import NAMES_HEAD, STRESS, TERMS_HEAD, build_user, clean, fill_template
from pipeline.translate.install import install_from_file
from pipeline.translate.kinds import CHATML

ZH = ["会议听取了全州近期疫情防控情况。", "要加强物流管控。"]


@pytest.fixture(scope="module")
def qwen(engine_packages, tmp_path_factory):
    d = tmp_path_factory.mktemp("qwen-packages")
    install_from_file(engine_packages["qwen2.5"], d)
    return engines.make_translator(engines.EngineChoice(packages_dir=str(d), device="cpu"))


class Spy:
    def __init__(self, model):
        self.model, self.calls = model, []

    def generate_batch(self, prompts, **kw):
        self.calls.append((prompts, kw))
        return self.model.generate_batch(prompts, **kw)


def test_chosen_when_only_route_and_explained(qwen):
    assert qwen.name == "qwen2.5-tiny-instruct"
    assert "decoder-only" in qwen.reason


def test_prompt_carries_terms_and_template(qwen):
    model, tok = qwen._load()
    spy = qwen._model = Spy(model)
    try:
        out = qwen.translate_prompted([PromptItem(ZH[0], (PromptTerm("全州", "전 주"),)),
                                       PromptItem(ZH[1], (), True)])
    finally:
        qwen._model = model
    assert len(out) == 2 and all(out) and all("\n" not in o for o in out)
    hf = tok.tok  # the tokenizers.Tokenizer: show the prompts with their special tokens
    prompts = [hf.decode([hf.token_to_id(t) for t in (kw["static_prompt"] or []) + p], skip_special_tokens=False)
               for src, kw in spy.calls for p in src]
    # the system turn is the static prompt (forwarded once, cached), the same for every call
    static = {hf.decode([hf.token_to_id(t) for t in kw["static_prompt"]], skip_special_tokens=False)
              for _, kw in spy.calls}
    assert len(static) == 1 and static.pop().endswith("<|im_start|>user\n")
    assert all(not p[0].startswith("<|im_start|>system") for src, _ in spy.calls for p in [src[0]])
    assert any("全州 → 전 주" in p and ZH[0] in p and p.startswith("<|im_start|>system") for p in prompts)
    assert any(ZH[1] in p and "全州" not in p.split("原文")[0].split("user")[-1] for p in prompts)
    assert all(kw["sampling_topk"] == 1 and kw["end_token"] == "<|im_end|>" for _, kw in spy.calls)
    assert all(kw["include_prompt_in_result"] is False for _, kw in spy.calls)


def _prompts(spy, tok) -> list[str]:
    """Whole prompts as the model sees them: static system turn + each sentence's part."""
    hf = tok.tok
    return [hf.decode([hf.token_to_id(t) for t in (kw["static_prompt"] or []) + p], skip_special_tokens=False)
            for src, kw in spy.calls for p in src]


def test_detected_names_reach_the_real_prompt_through_enforcement(qwen):
    """The build's path on the real Generator: glossary terms and detected
    names (glossary wins over a name) in the prompt, per sentence."""
    from pathlib import Path

    from pipeline.glossary import load_glossary, translate_segments
    from pipeline.glossary.match import names_outside
    from pipeline.korean.names import detect_names
    from pipeline.model import Segment

    glossary = load_glossary(Path(__file__).resolve().parents[2] / "glossaries")
    segs = [Segment(id="t/p1/s1", zh="副州长李明浩在和龙市光东村调研。"), Segment(id="t/p1/s2", zh=ZH[1])]
    names = {s.id: names_outside(glossary.find(s.zh), detect_names(s.zh)) for s in segs}
    model, tok = qwen._load()
    spy = qwen._model = Spy(model)
    try:
        translate_segments(segs, qwen, glossary, names=names)
    finally:
        qwen._model = model
    prompts = _prompts(spy, tok)
    first = [p for p in prompts if "李明浩在" in p]
    assert len(first) == 2  # random weights never obey: the prompt, then the one stressed re-prompt
    user = first[0].split("<|im_start|>user\n")[1]
    assert TERMS_HEAD in user and "- 和龙市 → 화룡시" in user
    assert NAMES_HEAD in user and "- 李明浩（人名） → 리명호" in user and "- 光东村（地名） → 광동촌" in user
    assert "和龙市（地名）" not in user  # the glossary term beats the detected place
    assert user.index(TERMS_HEAD) < user.index(NAMES_HEAD) < user.index("原文：")
    assert STRESS in first[1] and STRESS not in first[0]
    other = [p for p in prompts if ZH[1] in p][0].split("<|im_start|>user\n")[1]
    assert NAMES_HEAD not in other and "李明浩" not in other
    hits = {t.zh: t for t in segs[0].terms}
    assert hits["李明浩"].status == "proposed" and hits["光东村"].kind == "place"
    assert all(t.ko in segs[0].ko for t in segs[0].terms)


def test_build_user_lists_terms_then_names():
    user = build_user("田锦尘会见李明浩。", [PromptTerm("田锦尘", "전금진", "person"),
                                          PromptTerm("李明浩", "리명호", "person", True)], stress=True)
    assert user.splitlines() == [STRESS, TERMS_HEAD, "- 田锦尘 → 전금진", NAMES_HEAD,
                                 "- 李明浩（人名） → 리명호", "原文：田锦尘会见李明浩。"]
    assert build_user("要加强物流管控。") == "原文：要加强物流管控。"


def test_short_prompt_decodes_to_its_own_cap(qwen):
    _, tok = qwen._load()
    long_ = ZH[0] * 4
    qwen.translate([long_, ZH[1]])
    n_long, n_short = (len(tok.encode(t)) for t in (long_, ZH[1]))
    assert len(qwen.last_tokens[1]) == qwen.cap(n_short)
    assert len(qwen.last_tokens[0]) > qwen.cap(n_short)


def test_deterministic_and_ordered(qwen):
    a = qwen.translate(ZH + [""])
    assert a[2] == "" and qwen.translate(list(reversed(ZH))) == list(reversed(a[:2]))


def test_signature_owns_its_fields(qwen):
    from pipeline.signature import format_signature

    sig = qwen.signature()
    assert sig["decoding"] == "greedy" and sig["model_kind"] == "qwen2.5" and len(sig["prompt"]) == 8
    short = format_signature({"translator": sig})
    assert "beam:?" not in short and "model:qwen2.5-tiny-instruct" in short and "greedy" in short


def test_clean_output():
    user = build_user("要加强物流管控。", [PromptTerm("物流", "물류")])
    assert clean("译文：“물류 관리를 강화해야 한다.”\n说明：……", user) == "물류 관리를 강화해야 한다."
    assert clean("原文：要加强物流管控。\n물류를 강화한다.", user) == "물류를 강화한다."
    assert clean("   \n", user) == ""


def test_split_template_static_part_is_the_system_turn():
    from pipeline.translate.generator import split_template
    from pipeline.translate.kinds import GEMMA

    static, rest = split_template(CHATML, "S")
    assert static == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\n"
    assert rest == "{user}<|im_end|>\n<|im_start|>assistant\n"
    assert static + rest.replace("{user}", "U {system}") == fill_template(CHATML, "S", "U {system}")
    static, rest = split_template(GEMMA, "S")
    assert static.endswith("S\n\n") and rest.startswith("{user}")


def test_template_fill_is_not_format():
    text = fill_template(CHATML, "S", "a {system} {0} {user}")
    assert "a {system} {0} {user}" in text and "{0}" in text


def test_longest_chunk_is_submitted_first(qwen):
    """The decoder-only engine submits its chunks most tokens first too (see
    ``chunks.submission_order``), and the outputs stay in input order."""
    model, _ = qwen._load()
    spy = qwen._model = Spy(model)
    size, qwen.max_batch_size = qwen.max_batch_size, 1
    try:
        texts = [ZH[1], ZH[0] * 3, ZH[0]]
        out = qwen.translate(texts)
        tokens = list(qwen.last_tokens)
        again = qwen.translate(list(reversed(texts)))
    finally:
        qwen._model, qwen.max_batch_size = model, size
    caps = [kw["max_length"] for _, kw in spy.calls[:3]]
    assert caps == sorted(caps, reverse=True) and len(set(caps)) == 3
    assert len(tokens[1]) == max(caps) and len(tokens[0]) == min(caps)
    assert again == list(reversed(out))
