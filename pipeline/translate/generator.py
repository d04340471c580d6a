"""Decoder-only instruction models (Qwen2.5 style) on ``ctranslate2.Generator``.

One sentence per prompt, so alignment stays one Korean sentence per Chinese
sentence. The prompt follows the package's chat template and carries the
sentence's approved glossary terms and, listed apart, its detected person and
place names with their Korean readings (:class:`~pipeline.translate.base.PromptItem`), plus
a short instruction for the Yanbian norm: a model that *knows* the terms does
better than one that sees placeholders it was never trained on. Whether it
obeyed is checked afterwards by the glossary stage (verify, re-prompt once
with the terms stressed, then the placeholder repair).

Decoding is greedy (``sampling_topk=1``), prompts are batched with
``generate_batch`` in length-sorted chunks, each chunk capped by its own
longest sentence (:mod:`pipeline.translate.chunks`). The output is cleaned:
echoed prompt parts, "译文："-style labels, quotes around the whole answer and
anything after the first line are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pipeline.errors import ModelError
from pipeline.translate.argos import (LENGTH_EXTRA, LENGTH_RATIO, MAX_LENGTH, PackageInfo,
                                      default_threads)
from pipeline.translate.base import PromptItem, PromptTerm

#: The instruction (system turn). Chinese, because the models follow an
#: instruction in the source language best; it names the norm by examples.
SYSTEM = ("你是延边朝鲜族自治州报社的翻译。把用户给出的一句中文新闻翻译成中国朝鲜语，"
          "遵守中国朝鲜语规范（《朝鲜语规范集》）：词首保留ㄹ、ㄴ（로동、리용、력사、녀성），"
          "用“되였다”“하였다”，不用韩国的拼写。只输出一句译文，不要解释。")
TERMS_HEAD = "必须使用的译名："
#: Detected person/place names, read by rule: listed apart from the approved
#: terms, each with its kind, so the model knows what the Korean stands for.
NAMES_HEAD = "人名、地名按下列朝鲜语读法："
NAME_KINDS = {"person": "人名", "place": "地名"}
STRESS = "上次的译文没有使用下列规定译名，这次每个都必须原样出现："
SOURCE_HEAD = "原文："

#: Labels a model may put before its answer, and trailing commentary.
_LABEL = re.compile(r"^\s*(?:译文|翻译|번역(?:문)?|朝鲜语|조선어|Korean|Translation)\s*[:：]\s*", re.I)
_QUOTES = (("“", "”"), ('"', '"'), ("「", "」"), ("『", "』"), ("'", "'"))


def build_user(text: str, terms: Sequence[PromptTerm] = (), stress: bool = False) -> str:
    """The user turn for one sentence: its approved terms, its detected names
    (each with 人名/地名), then the sentence. ``stress`` (the re-prompt) puts
    the warning that the last answer lacked some of them first."""
    approved = [t for t in terms if not t.name]
    names = [t for t in terms if t.name]
    lines = []
    if stress and terms:
        lines.append(STRESS)
    if approved:
        lines.append(TERMS_HEAD)
        lines += [f"- {t.zh} → {t.ko}" for t in approved]
    if names:
        lines.append(NAMES_HEAD)
        lines += [f"- {t.zh}（{NAME_KINDS.get(t.kind, '名称')}） → {t.ko}" for t in names]
    lines.append(SOURCE_HEAD + text)
    return "\n".join(lines)


def fill_template(template: str, system: str, user: str) -> str:
    """Plain replacement, never ``str.format``: the sentence may contain braces.
    ``{user}`` last, so text in the system turn cannot inject a user slot."""
    return template.replace("{system}", system).replace("{user}", user)


def split_template(template: str, system: str) -> tuple[str, str]:
    """``(static, rest)``: the filled template up to the ``{user}`` slot — the
    same for every sentence (the system turn) — and the rest, still with its
    ``{user}`` slot.

    WHY: the static part goes to CTranslate2 as ``static_prompt``: forwarded
    once and its state cached per model replica, instead of once per sentence.
    It is most of each prompt (~250 of ~300 tokens for a news sentence). And
    ``generate_batch`` forwards prompts of different lengths at once only up to
    the shortest one; the rest goes token by token, so a batch of long prompts
    of different lengths was slower than the same prompts one by one
    (``bench/engines.py``)."""
    filled = template.replace("{system}", system)
    at = filled.find("{user}")
    return (filled[:at], filled[at:]) if at >= 0 else ("", filled)


def clean(output: str, prompt_user: str = "") -> str:
    """One line of Korean: no echoed source/terms, no label, no commentary."""
    lines = [ln.strip() for ln in output.strip().splitlines() if ln.strip()]
    skip = {ln.strip() for ln in prompt_user.splitlines() if ln.strip()}
    lines = [ln for ln in lines if ln not in skip and not ln.startswith((SOURCE_HEAD, TERMS_HEAD, NAMES_HEAD, STRESS))]
    if not lines:
        return ""
    line = _LABEL.sub("", lines[0]).strip()
    for a, b in _QUOTES:
        if len(line) >= 2 and line[0] == a and line[-1] == b:
            line = line[1:-1].strip()
    return line


class GeneratorTranslator:
    """A decoder-only chat model from one zhko package; implements
    :class:`~pipeline.translate.base.Translator` and
    :class:`~pipeline.translate.base.PromptedTranslator`."""

    def __init__(self, info: PackageInfo, *, device: str = "cpu", compute_type: str = "int8",
                 inter_threads: int | None = None, intra_threads: int = 1, max_batch_size: int = 16,
                 max_length: int = MAX_LENGTH, length_ratio: float = LENGTH_RATIO,
                 length_extra: int = LENGTH_EXTRA):
        if info.engine is None or info.engine.family != "generator":
            raise ModelError(f"{info.path}: not a decoder-only model package")
        self.info, self.engine = info, info.engine
        self.name = info.engine.name
        self.source, self.target = info.from_code, info.to_code
        self.device, self.compute_type = device, compute_type
        self.inter_threads = inter_threads if inter_threads is not None else default_threads()
        self.intra_threads = intra_threads
        self.max_batch_size = max_batch_size
        self.max_length, self.length_ratio, self.length_extra = max_length, length_ratio, length_extra
        self._model: Any = None
        self._tok: Any = None
        #: raw generated tokens of the last call, in input order (tests check caps)
        self.last_tokens: list[list[str]] = []

    def release(self) -> None:
        """Free the loaded model (a build calls this before rendering); the
        next call loads it again."""
        self._model = None

    def _load(self) -> tuple[Any, Any]:
        if self._model is None:
            import ctranslate2

            from pipeline.translate import tokenize

            self._tok = tokenize.load(self.info.tokenizer_path)
            try:
                self._model = ctranslate2.Generator(
                    str(self.info.model_dir), device=self.device, compute_type=self.compute_type,
                    inter_threads=self.inter_threads, intra_threads=self.intra_threads)
            except Exception as exc:  # RuntimeError (OOM, CUDA), ValueError (bad model)
                raise ModelError(f"{self.info.path}: cannot load model {self.name} on "
                                 f"{self.device}: {exc}") from exc
        return self._model, self._tok

    def cap(self, source_tokens: int) -> int:
        return max(1, min(self.max_length, int(self.length_ratio * source_tokens) + self.length_extra))

    def translate(self, texts: list[str]) -> list[str]:
        """Without terms (the placeholder path: placeholders are kept as written)."""
        return self.translate_prompted([PromptItem(t) for t in texts])

    def translate_prompted(self, items: Sequence[PromptItem]) -> list[str]:
        """One cleaned Korean line per :class:`~pipeline.translate.base.PromptItem`
        (its sentence, approved terms and detected names, stress)."""
        from pipeline.translate import chunks

        model, tok = self._load()
        out = [""] * len(items)
        todo = [i for i, item in enumerate(items) if item.text.strip()]
        if not todo:
            return out
        users = {i: build_user(items[i].text.strip(), items[i].terms, items[i].stress) for i in todo}
        static, rest = split_template(self.engine.prompt_template, SYSTEM)
        static_tokens = tok.encode(static) if static else None
        prompts = [tok.encode(rest.replace("{user}", users[i])) for i in todo]
        sources = [tok.encode(items[i].text.strip()) for i in todo]
        end = self.engine.end_token or None

        def chunk_cap(chunk: list[int]) -> int:
            return self.cap(max(len(sources[k]) for k in chunk))

        def submit(chunk: list[int]) -> list[Any]:
            return model.generate_batch(
                [prompts[k] for k in chunk], max_length=chunk_cap(chunk),
                sampling_topk=1, include_prompt_in_result=False, end_token=end,
                static_prompt=static_tokens, max_batch_size=0, asynchronous=True)

        # chunked by the sentence's length, so each chunk gets its own cap
        plan = chunks.plan(sources, self.cap, self.max_batch_size)
        try:
            done = chunks.run(plan, submit, chunk_cap)
        except (RuntimeError, ValueError, MemoryError) as exc:
            raise ModelError(f"{self.info.path}: generation with {self.name} failed: {exc}") from exc
        self.last_tokens = [list(done[k].sequences[0]) for k in range(len(todo))]
        for k, i in enumerate(todo):
            tokens = self.last_tokens[k][: self.cap(len(sources[k]))]
            out[i] = clean(tok.decode(tokens), users[i])
        return out

    def signature(self) -> dict[str, Any]:
        # the installed version without importing ctranslate2, as ArgosTranslator
        from pipeline.signature import dist_version

        return {
            "engine": f"ctranslate2 {dist_version('ctranslate2')}",
            "name": self.name,
            "model_kind": self.engine.kind,
            "route": f"{self.source}→{self.target}",
            "kind": "direct",
            "packages": [self.info.signature()],
            "device": self.device,
            "compute_type": self.compute_type,
            "decoding": "greedy",
            "prompt": _prompt_hash(self.engine.prompt_template),
            "max_decoding_length": (
                f"min({self.max_length}, {self.length_ratio:g}*src+{self.length_extra})"),
        }


def _prompt_hash(template: str) -> str:
    """The prompt (template + zhko's instruction) changes outputs: it is in the
    signature, and so in the translation-memory key."""
    import hashlib

    return hashlib.sha256(("static-prompt:" + template + SYSTEM + TERMS_HEAD + NAMES_HEAD + STRESS + SOURCE_HEAD).encode()).hexdigest()[:8]
