"""Build tiny, valid, random-weight Argos Translate packages offline.

WHY: real Argos models cannot be downloaded here (and tests must never need the
network), yet the translation engine must be tested on *real* CTranslate2
decoding of *real* ``.argosmodel`` files. A Transformer with seeded random
weights is structurally identical to a real Argos model (same spec, same
SentencePiece tokenization, same package layout); it only translates into
deterministic garbage. That is enough to test loading, routing, batching,
ordering, length caps and installation.

Random weights never emit the end token, so every decode of such a model runs
to ``max_decoding_length``: callers must always cap it.

The same builder at real Argos size (``--real-size``: 6+6 layers, d_model 512,
8 heads, FFN 2048, vocabulary padded to 32k) gives a realistic cost model for
benchmarks (~87 MB, a few seconds to build).

Usage::

    uv run python -m tests.support.tiny_argos OUTDIR [--pairs zh-ko,zh-en,en-ko] [--real-size]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

LANG_NAMES = {"zh": "Chinese", "ko": "Korean", "en": "English"}


@dataclass(frozen=True)
class ModelSize:
    """Shape of the random Transformer. Defaults are tiny (~0.4 MB, ~0.2 s)."""

    layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    vocab: int = 0  # 0 = the SentencePiece vocabulary as trained; larger pads it


TINY = ModelSize()
REAL = ModelSize(layers=6, d_model=512, heads=8, ffn=2048, vocab=32000)

# A few paragraphs of a Yanbian news release (simplified Chinese, as normalized),
# embedded so the builder never reads files outside this module.
_ZH_TEXT = """田锦尘指出，当前，我州疫情防控形势严峻，外防输入压力加大，危险和挑战正在迅速提升。全州上下务必要在思想认识上再强化，坚决贯彻习近平总书记关于疫情防控重要讲话重要指示和全国疫情防控工作电视电话会议精神，按照省委、省政府要求部署，把疫情防控作为当前头等大事来抓，克服麻痹思想、厌战情绪、松劲心态，严格按照“一精准三确保”要求，精准落实“外防输入、内防反弹”措施，毫不放松筑牢疫情防控严密防线，坚决打赢疫情防控阻击战。
田锦尘强调，务必要在关键环节上再抓实，不折不扣把各项防控举措落实落细落到位。要突出抓好人物同防，充分运用“大数据+网格化”手段掌握各种信息，加强农村地区疫情监测，加强进口冷链、非冷链食品物品全链条管理。要进一步加强对机场车站、商场超市、农贸市场、宾馆饭店、景区景点等重点场所防控，取消室内聚集性大型活动，暂停非生产生活必须的娱乐场所营业，严格落实医疗机构院感防控制度。要突出抓好隔离管控，严把入境人员关口，坚持全流程闭环转运;对密切接触者、次密切接触者执行“应隔尽隔、一人一间、集中隔离”，确保隔离点安全。要按照“应检尽检”“愿检尽检”原则，做好重点人群、重点行业、重点场所特别是与黑龙江交界地带农村人口的核酸检测工作，进一步增强流行病学调查溯源能力，有效提高检测效率。
田锦尘强调，务必要在协同配合上再加力，形成打赢疫情防控阻击战的强大合力。要进一步强化组织领导，坚持全州一盘棋，统一指挥、统一协调、统一调度，做到令行禁止。要建立完善工作专班，确保各项工作落实到具体班组、具体岗位、具体人员。要抓好防控物资保障，进一步充实定点医院、发热门诊的医护人员力量，做好防疫物资储备工作，超前准备充足的隔离场所，做到有备无患。要完善应急措施，加强应急演练，确保关键时刻作出高效反应。
田锦尘强调，务必要在防控责任上再压实，坚决做到守土负责、守土担责、守土尽责。要认真履行州级领导包保县（市）、县级领导包保乡镇、乡镇领导包保村屯的工作机制，一级包一级，层层抓落实。各级党委政府要扛起主体责任，主要负责同志要坚守岗位、靠前指挥，严格落实重点岗位24小时值守、重大紧急信息报告、“日报告、零报告”等制度，确保发生疫情第一时间启动应急处置。要强化督导检查，建立通报机制，对问题严重的依法依规严肃问责。要加强健康教育宣传，及时关心关爱一线疾控人员、医务工作者、社区防控人员，按照规定落实相关补助政策。要坚持“两手抓、两不误、两促进”，统筹抓好疫情防控和经济社会发展，力争实现一季度“开门红”。要安排好市场供应，落实好基本生活保障，确保各族群众过上一个欢乐祥和的春节。
金寿浩强调，要筑牢疫情防控严密防线，确保人民生命安全。要加强重点人群管控，严格实施管控措施。要加强物流管控，持续落实落细“人物同防”措施。要做好流行病学调查工作，加强流调参与人员专业技能培训，坚持关口前移、源头把控，切实提升全州流行病学调查效率和质量。要做好隔离场所储备工作，确保全过程、全链条、全环节规范运行。要提升核酸检测能力，发挥哨点监控作用，加强公共场所管控，加强物资储备保障，提高医疗救治能力，提升大规模检测组织能力建设。要做好舆情引导，坚持正确的舆论导向，及时发布信息公告，主动公开透明回应社会关切，引导广大群众不造谣、不信谣、不传谣，维护社会和谐稳定。要坚决避免疫情防控措施执行中的“一刀切”现象，州直相关部门要下沉县（市）对口指导疫情防控和企业经营，确保疫情防控和经济社会发展两不误。"""

_KO_WORDS = (
    "연변 조선족 자치주 회의 주최 강조 방역 사업 로동 리용 습근평 총서기 중요 연설 정신 관철 "
    "인민 생명 안전 확보 조치 락실 지도 소조 위원회 서기 주장 참가 결정 배치 상황 보고 "
    "농촌 지역 감측 강화 수입 랭동 식품 관리 책임 현 시 향진 마을 간부 군중 경제 발전"
).split()
_KO_ENDINGS = ("했다.", "한다.", "하였다.", "해야 한다.", "할 것이다.", "였다.")

_EN_WORDS = (
    "the meeting was held in Yanbian Korean Autonomous Prefecture and the secretary "
    "stressed that epidemic prevention and control must be strengthened to protect "
    "people's lives safety measures county city township village leaders committee "
    "work report decision deployment rural areas monitoring imported cold chain food"
).split()


def training_lines(n_generated: int = 300, seed: int = 7) -> list[str]:
    """Mixed zh/ko/en lines for SentencePiece: every Chinese character of the
    sample, Hangul syllables, ASCII letters, digits, punctuation and ``_`` (so
    placeholders such as ``__TERM_1__`` tokenize like real text)."""
    rng = random.Random(seed)
    zh = [s for s in re.split(r"(?<=[。；！？，])", _ZH_TEXT.replace("\n", "")) if s.strip()]
    lines = list(zh)
    for i in range(n_generated):
        ko = " ".join(rng.choice(_KO_WORDS) for _ in range(rng.randint(3, 9)))
        lines.append(f"{ko} {rng.choice(_KO_ENDINGS)}")
        en = " ".join(rng.choice(_EN_WORDS) for _ in range(rng.randint(4, 12)))
        lines.append(f"{en.capitalize()} ({i}, {rng.randint(0, 9999)}).")
        lines.append(f"{rng.choice(zh)[:20]} __TERM_{i % 10}__ {rng.randint(1, 31)}日")
    lines.append("0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz _-:/.,;!?()[]\"'")
    return lines


def train_sentencepiece(workdir: Path, vocab_size: int = 1200) -> Path:
    """Train a small byte-fallback SentencePiece model; returns its path."""
    import sentencepiece as spm

    corpus = workdir / "corpus.txt"
    corpus.write_text("\n".join(training_lines()) + "\n", encoding="utf-8")
    prefix = workdir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        byte_fallback=True,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def vocabulary(sp_model: Path, size: int = 0) -> list[str]:
    """The SentencePiece pieces, padded with unused tokens up to ``size``."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pieces += [f"<pad{i}>" for i in range(max(0, size - len(pieces)))]
    return pieces


def _output_bias(vocab: list[str]):
    """Bias that keeps byte-fallback pieces, ``<unk>``, ``<s>`` and padding out of
    the output. WHY: random weights would otherwise string random bytes into
    arbitrary code points (Hebrew accents, control characters) that no font
    covers, and rendering tests would fail on glyphs a real model never emits.
    The output stays garbage made of the zh/ko/en pieces seen in training."""
    import numpy as np

    # language tokens of multilingual kinds (tiny_models.py) too: __ko__, kor_Hang, <2ko>
    banned = re.compile(r"^(<0x[0-9A-F]{2}>|<unk>|<s>|<pad\d+>|__[a-z]{2}__|[a-z]{3}_[A-Z][a-z]{3}|<2[a-z]{2}>)$")
    return np.array([-1e4 if banned.match(p) else 0.0 for p in vocab], dtype=np.float32)


def _spec(vocab: list[str], size: ModelSize, seed: int):
    """A CTranslate2 TransformerSpec filled with seeded random weights."""
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    d, f, v = size.d_model, size.ffn, len(vocab)

    def w(*shape: int) -> "np.ndarray":
        return (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(np.float32)

    def norm(ln) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = np.zeros(d, dtype=np.float32)

    spec = transformer_spec.TransformerSpec.from_config((size.layers, size.layers), size.heads)
    spec.encoder.embeddings[0].weight = w(v, d)
    spec.decoder.embeddings.weight = w(v, d)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    spec.decoder.projection.weight = w(v, d)
    spec.decoder.projection.bias = _output_bias(vocab)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = w(3 * d, d)
        layer.self_attention.linear[1].weight = w(d, d)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = w(f, d)
        layer.ffn.linear_1.weight = w(d, f)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = w(3 * d, d)
        layer.self_attention.linear[1].weight = w(d, d)
        norm(layer.attention.layer_norm)
        layer.attention.linear[0].weight = w(d, d)
        layer.attention.linear[1].weight = w(2 * d, d)
        layer.attention.linear[2].weight = w(d, d)
        norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = w(f, d)
        layer.ffn.linear_1.weight = w(d, f)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    return spec


def metadata(from_code: str, to_code: str, version: str, target_prefix: str = "") -> dict:
    """metadata.json of an Argos translate package."""
    meta = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": LANG_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANG_NAMES.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }
    if target_prefix:
        meta["target_prefix"] = target_prefix
    return meta


def build_package(
    outdir: Path | str,
    from_code: str,
    to_code: str,
    *,
    version: str = "1.0",
    size: ModelSize = TINY,
    seed: int | None = None,
    target_prefix: str = "",
    sp_model: Path | None = None,
) -> Path:
    """Build ``translate-{from}_{to}-{ver}.argosmodel`` in ``outdir``; returns its path.

    ``seed`` defaults to one derived from the pair so zh→en and en→ko differ but
    every build of the same pair is identical. ``sp_model`` reuses an already
    trained SentencePiece model (training is the slow part of a tiny build).
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    if seed is None:
        seed = sum(ord(c) for c in f"{from_code}>{to_code}")
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory(prefix="tiny-argos-") as tmp:
        root = Path(tmp) / name
        root.mkdir()
        sp_path = root / "sentencepiece.model"
        if sp_model is None:
            sp_model = train_sentencepiece(Path(tmp))
        shutil.copyfile(sp_model, sp_path)
        spec = _spec(vocabulary(sp_path, size.vocab), size, seed)
        (root / "model").mkdir()
        spec.save(str(root / "model"))
        meta = metadata(from_code, to_code, version, target_prefix)
        (root / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            f"Random-weight test package {from_code}→{to_code}; translates into garbage.\n",
            encoding="utf-8",
        )
        target = outdir / f"{name}.argosmodel"
        _zip_folder(root, target)
    return target


def build_packages(
    outdir: Path | str, pairs: list[tuple[str, str]], *, size: ModelSize = TINY
) -> dict[tuple[str, str], Path]:
    """Build several packages sharing one SentencePiece model (trained once)."""
    outdir = Path(outdir)
    with tempfile.TemporaryDirectory(prefix="tiny-argos-sp-") as tmp:
        sp_model = train_sentencepiece(Path(tmp))
        return {
            (f, t): build_package(outdir, f, t, size=size, sp_model=sp_model) for f, t in pairs
        }


def _zip_folder(root: Path, target: Path) -> None:
    """Zip ``root`` so the archive holds one top folder, as Argos expects."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(root.rglob("*")):
            zf.write(p, Path(root.name) / p.relative_to(root))
    target.write_bytes(buf.getvalue())


def _parse_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for item in text.split(","):
        f, _, t = item.strip().partition("-")
        if not f or not t:
            raise argparse.ArgumentTypeError(f"bad pair {item!r} (expected e.g. zh-ko)")
        pairs.append((f, t))
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.support.tiny_argos",
        description="Build random-weight Argos packages (.argosmodel) offline.",
    )
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--pairs", type=_parse_pairs, default=_parse_pairs("zh-ko,zh-en,en-ko"))
    ap.add_argument(
        "--real-size",
        action="store_true",
        help="6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary (~87 MB each)",
    )
    args = ap.parse_args(argv)
    built = build_packages(args.outdir, args.pairs, size=REAL if args.real_size else TINY)
    for path in built.values():
        print(f"{path}  ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
