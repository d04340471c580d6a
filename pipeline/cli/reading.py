"""``zhko reading``: Korean (Yanbian norm) readings of Chinese names and terms."""

from __future__ import annotations

import argparse
import json

DESCRIPTION = """\
Print the Korean reading of Chinese names and terms in the norm of China's
Yanbian press: character by character in the Hanja reading, with no
initial-sound rule (李 리, 劳动 로동), surname readings (金 김, 沈 심) and
conventional names from pipeline/korean/data/exceptions.yaml (哈尔滨 할빈).
Readings an editor should check are flagged in brackets.
"""

EXAMPLES = """\
examples:
  zhko reading 习近平 田锦尘 金寿浩        습근평, 전금진, 김수호
  zhko reading 黑龙江 延边朝鲜族自治州     흑룡강, 연변조선족자치주
  zhko reading --kind person 金明        김명 (without --kind: guessed)
  zhko reading --json 茶                 {"zh": "茶", "ko": "차", "alternatives": ["다"], ...}
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reading",
        help="Korean readings of Chinese names and terms",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("words", nargs="+", metavar="WORD", help="Chinese word(s), simplified or traditional")
    p.add_argument(
        "--kind",
        choices=("person", "place"),
        help="read as a person name (surname readings) or place; default: guess",
    )
    p.add_argument("--json", action="store_true", help="one JSON object a line, with alternatives and flags")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.korean.reading import read_korean

    for word in args.words:
        r = read_korean(word, args.kind)
        if args.json:
            print(json.dumps({"zh": word, **r.to_dict()}, ensure_ascii=False))
        else:
            extra = f" [{'; '.join(r.flags)}]" if r.flags else ""
            print(f"{word}\t{r.ko}{extra}")
    return 0
