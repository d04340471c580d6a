"""``zhko models package``: wrap a converted CTranslate2 model into an installable package.

Conversion needs transformers and torch, which zhko does not depend on; users
run CTranslate2's own converter first, e.g.::

    ct2-transformers-converter --model facebook/m2m100_1.2B --output_dir m2m-ct2 --quantization int8

and then this wraps the folder (``model.bin``, ``config.json``, the vocabulary)
and its tokenizer into the Argos layout: ``metadata.json``, ``model/``,
``sentencepiece.model`` (SentencePiece models are renamed to the name Argos
reads) or ``tokenizer.json``, ``README.md``. Argos can read the single-token
``target_prefix`` (M2M100 ``__ko__``, NLLB ``kor_Hang``); the rest (source
tokens, chat template, kind, licence) is zhko's ``"zhko"`` metadata section
(:mod:`pipeline.translate.kinds`). Every language and special token the kind
needs is checked against the model's vocabulary before anything is written.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from pipeline.errors import ModelError
from pipeline.translate.kinds import EngineMeta, get_kind, meta_for

#: Tokenizer file names converted models come with, in the order tried.
SP_NAMES = ("sentencepiece.model", "sentencepiece.bpe.model", "spiece.model", "source.spm")
HF_NAME = "tokenizer.json"
VOCAB_NAMES = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json",
               "source_vocabulary.txt", "vocabulary.json", "vocabulary.txt")
TARGET_VOCAB_NAMES = ("shared_vocabulary.json", "shared_vocabulary.txt", "target_vocabulary.json",
                      "target_vocabulary.txt", "vocabulary.json", "vocabulary.txt")
#: Files of the tokenizer side that do not belong inside ``model/``.
_NOT_MODEL = set(SP_NAMES) | {HF_NAME, "target.spm", "tokenizer_config.json",
                              "special_tokens_map.json", "generation_config.json"}


def _vocab(model_dir: Path, names: tuple[str, ...]) -> set[str]:
    for name in names:
        path = model_dir / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if name.endswith(".json"):
                data = json.loads(text)
                return {str(t) for t in data} if isinstance(data, list) else set()
            return set(text.splitlines())
    raise ModelError(f"{model_dir}: no CTranslate2 vocabulary file ({', '.join(names[:3])} …): "
                     "is this a folder written by ct2-transformers-converter?")


def _find_tokenizer(model_dir: Path, family: str, explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise ModelError(f"{explicit}: no such tokenizer file")
        return explicit
    names = (HF_NAME,) if family == "generator" else (*SP_NAMES, HF_NAME)
    for name in names:
        if (model_dir / name).is_file():
            return model_dir / name
    raise ModelError(f"{model_dir}: no tokenizer ({', '.join(names)}); copy the model's tokenizer "
                     "into the folder or pass --tokenizer FILE")


def package_model(model_dir: str | Path, kind: str, from_code: str, to_code: str,
                  output: str | Path, *, name: str = "", version: str = "1.0",
                  licence: str = "", tokenizer: str | Path | None = None,
                  target_tokenizer: str | Path | None = None) -> tuple[Path, EngineMeta]:
    """Write ``output`` (a ``.argosmodel`` zip); returns its path and metadata."""
    src = Path(model_dir)
    kind_info = get_kind(kind)
    if not (src / "model.bin").is_file() or not (src / "config.json").is_file():
        raise ModelError(f"{src}: no model.bin and config.json: not a converted CTranslate2 model "
                         "(convert it first with ct2-transformers-converter, see --help)")
    tok = _find_tokenizer(src, kind_info.family, Path(tokenizer) if tokenizer else None)
    tgt: Path | None = Path(target_tokenizer) if target_tokenizer else (
        src / "target.spm" if kind == "opus-mt" and (src / "target.spm").is_file() else None)
    tok_name = HF_NAME if tok.suffix == ".json" else "sentencepiece.model"
    meta = meta_for(kind, from_code, to_code, name=name, tokenizer=tok_name,
                    target_tokenizer="target.spm" if tgt else "", licence=licence)
    _check_tokens(src, meta)
    from pipeline.translate import tokenize

    tokenize.load(tok)  # a broken tokenizer fails here, naming the file
    if tgt is not None:
        tokenize.load(tgt)
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in meta.name)
    top = f"translate-{from_code}_{to_code}-{safe}-{version.replace('.', '_')}"
    metadata: dict = {
        "package_version": version, "argos_version": "1.9.0",
        "from_code": from_code, "from_name": from_code, "to_code": to_code, "to_name": to_code,
        "type": "translate", "links": [], "zhko": meta.to_json(),
    }
    if len(meta.target_prefix) == 1:
        metadata["target_prefix"] = meta.target_prefix[0]  # what Argos can read
    readme = (f"{meta.name} ({kind}) {from_code}→{to_code}, packaged by zhko.\n"
              f"Licence: {meta.licence}.\n"
              + ("" if meta.commercial else "NOT FOR COMMERCIAL USE.\n"))
    out = Path(output)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2))
        zf.writestr(f"{top}/README.md", readme)
        zf.write(tok, f"{top}/{tok_name}")
        if tgt is not None:
            zf.write(tgt, f"{top}/target.spm")
        for p in sorted(src.iterdir()):
            if p.is_file() and p.name not in _NOT_MODEL:
                zf.write(p, f"{top}/model/{p.name}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(buf.getvalue())
    except OSError as exc:
        raise ModelError(f"{out}: cannot write the package ({exc.strerror})") from exc
    return out, meta


def _check_tokens(src: Path, meta: EngineMeta) -> None:
    """Every token the kind puts around the text must be in the model's vocabulary
    (a wrong --kind or --to would otherwise decode silently into garbage)."""
    source = _vocab(src, VOCAB_NAMES)
    target = _vocab(src, TARGET_VOCAB_NAMES)
    missing = [t for t in (*meta.source_prefix, *meta.source_suffix) if t not in source]
    missing += [t for t in meta.target_prefix if t not in target]
    if meta.end_token and meta.end_token not in target:
        missing.append(meta.end_token)
    import re

    specials = re.findall(r"<\|[^|<>]+\|>|<(?:start|end)_of_turn>", meta.prompt_template)
    missing += [t for t in dict.fromkeys(specials) if t not in source]
    if missing:
        raise ModelError(f"{src}: the vocabulary lacks {', '.join(missing)}, which a {meta.kind} "
                         "model needs for this language pair (wrong --kind, --from or --to?)")
