"""``zhko eval``: score translation engines side by side on reference translations."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
Translate reference Chinese with each engine through zhko's own path (glossary
enforcement, Yanbian-norm post-editing, QA) and print, side by side: chrF++ and
BLEU against the reference Korean (sacrebleu, signatures printed), the share of
approved glossary terms the engine got right itself, the Yanbian-norm fixes the
post-edit stage had to make, QA critical findings and sentences per second.
For instruction models (told each sentence's terms and detected names in the
prompt) also the share they wrote from the prompt alone.

REFS is a TSV file (Chinese<TAB>Korean per line; # comments), scored sentence
by sentence, or a folder of article pairs NAME.zh.txt + NAME.ko.txt, scored
article by article. Scores mean something only with real models and your own
newsroom's references: the random-weight test models score near zero.
"""

EXAMPLES = """\
examples:
  zhko eval refs/ --engine m2m100 --engine argos
  zhko eval refs.tsv --engine qwen2.5-7b-instruct --engine argos --device cuda
  zhko eval refs.tsv --engine argos --json          machine-readable scores

exit codes: 0 scored; 1 unreadable references or BLEU tokenizer not installed; 3 an engine is not installed or fails.
"""


def register(sub: argparse._SubParsersAction) -> None:
    from pipeline.cli.common import add_common_glossary_arg
    from pipeline.cli.types import MAX_BEAM, int_range

    p = sub.add_parser("eval", help="score engines side by side on reference translations",
                       description=DESCRIPTION, epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("refs", metavar="REFS", help="TSV of zh<TAB>ko sentences, or a folder of NAME.zh.txt/NAME.ko.txt")
    p.add_argument("--engine", action="append", metavar="NAME", default=None,
                   help="engine to score (repeat for several; default: the one build takes)")
    add_common_glossary_arg(p)
    p.add_argument("--packages-dir", metavar="DIR", default=None,
                   help="packages dir (default: $ARGOS_PACKAGES_DIR or Argos's own)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                   help="where to decode (default: %(default)s)")
    p.add_argument("--beam", type=int_range(1, MAX_BEAM, "a beam size"), default=4, metavar="N", help="beam size (default: %(default)s)")
    p.add_argument("--bleu-tokenize", choices=("13a", "char", "ko-mecab"), default="13a",
                   help="BLEU tokenizer (default: %(default)s; ko-mecab needs "
                        '`uv pip install "sacrebleu[ko]"`, ~110 MB); chrF++ needs none')
    p.add_argument("--no-names", action="store_true",
                   help="do not detect person/place names (as zhko build --no-names)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pipeline.evaluate import bleu_metric, evaluate, read_references, table
    from pipeline.glossary import load_glossary
    from pipeline.translate.base import EngineChoice
    from pipeline.translate.engines import make_translator

    pairs = read_references(args.refs)
    bleu_metric(args.bleu_tokenize)  # a missing tokenizer fails before any model loads
    glossary = load_glossary(Path(args.glossary))
    scores = []
    for name in args.engine or [None]:
        tr = make_translator(EngineChoice(engine=name, packages_dir=args.packages_dir,
                                          device=args.device, beam_size=args.beam))
        print(f"scoring {tr.name} on {sum(len(p.zh) for p in pairs)} sentences …", file=sys.stderr)
        scores.append(evaluate(pairs, tr, glossary, tr.name, names=not args.no_names,
                               bleu_tokenize=args.bleu_tokenize))
    if args.json:
        print(json.dumps([{k: v for k, v in vars(s).items() if k != "hypotheses"}
                          | {"term_accuracy": s.term_accuracy, "terms_prompt_rate": s.prompt_rate,
                             "names_prompt_rate": s.names_prompt_rate, "sentences_per_second": s.speed}
                          for s in scores], ensure_ascii=False, indent=2))
    else:
        print(table(scores))
    return 0
