"""``zhko ko-style``: convert Korean text to the Yanbian norm."""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Post-edit Korean text (e.g. South Korean MT output) toward the norm of China's
Yanbian press (《조선말규범집》 2016): 노동 → 로동 (only on evidence: the aligned
Chinese source, the NK-HanDic dictionary, or neighbouring words for a
homograph), 총리 이강 → 리강 and 요원 → 료원 in a list of places (names by
their context), 되었다 → 되였다, 폐렴 → 페염, 러시아 → 로씨야, 깃발 → 기발,
김수호주장 → 김수호 주장, "…" → “…”, 23290건 → 2만 3290건,
2021년 01월 → 2021년 1월. Native words are never changed; with --changes
every change is listed. Reads FILE (or standard input) and prints the
converted text.

The lines are one article: a name restored in one line on its own evidence
(사원 이명학에 → 리명학, 룡흥(龙兴), a list of names) is restored where a
later line mentions it again alone (이명학은 → 리명학은; rule article-name),
unless it is also an ordinary word. --line-by-line treats each line alone
(a file of unrelated sentences).

Some spellings are ambiguous only in South-norm text: in real Yanbian text a
surname 유 is 兪 (劉/柳 would be printed 류), in MT output it is most often
劉/柳. The norm the input is written in is judged from the whole text
(되었다/노동 against 되였다/로동); --input-norm south says so outright for
MT output too short to judge, and a framed name then takes its surname's
dominant reading (유상민 회장 → 류상민).
"""

EXAMPLES = """\
examples:
  echo '노동자들이 되었다' | zhko ko-style           로동자들이 되였다
  zhko ko-style article.ko.txt --zh article.zh.txt   line N of --zh is the source of line N
  zhko ko-style article.ko.txt --zh-context article.zh.txt
                                      the whole Chinese article is evidence for every line
                                      (translations that are not aligned line by line)
  zhko ko-style draft.txt --changes 2> changes.txt   list every change on stderr
  zhko ko-style draft.txt --style south              no change (South Korean outlets)
  zhko ko-style mt-output.txt --input-norm south    the input is MT output (South norm)
"""


#: A Chinese context longer than this is not one article (the evidence index is
#: linear in it, but evidence from a whole archive proves nothing).
MAX_CONTEXT_CHARS = 200_000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ko-style",
        help="convert Korean text to China's Korean norm",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="Korean text, UTF-8 (default: standard input)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--zh", metavar="FILE", help="aligned Chinese source, line by line with FILE")
    src.add_argument("--zh-context", metavar="FILE",
                     help="the Chinese article FILE was translated from, as evidence for every line "
                          "(per character: 粮 in the article makes 양식 량식)")
    p.add_argument(
        "--style",
        choices=("yanbian", "south"),
        default="yanbian",
        help="target norm (default: %(default)s; 'south' leaves the text as it is)",
    )
    p.add_argument(
        "--input-norm",
        choices=("auto", "south", "yanbian"),
        default="auto",
        help="the norm the input is written in (default: %(default)s, judged from the text; "
             "'south' for MT output, 'yanbian' for text already in the norm: no reading priors)",
    )
    p.add_argument("--changes", action="store_true", help="list each change on standard error")
    p.add_argument("--line-by-line", action="store_true",
                   help="post-edit each line alone, without the article's memory of names "
                        "(for a file of unrelated sentences)")
    p.set_defaults(func=run)


def _read(path: str) -> str:
    from pipeline.errors import InputError

    from pipeline.limits import Limits, read_bounded

    # a regular file within the article limit, like every other input
    data = read_bounded(path, Limits.from_env().article_bytes, name="article", kind="a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None


def run(args: argparse.Namespace) -> int:
    from pipeline.errors import InputError
    from pipeline.korean.style import postedit_article, postedit_text

    text = _read(args.file) if args.file else sys.stdin.read()
    lines = text.split("\n")
    zh_lines: list[str] = []
    if args.zh:
        zh_lines = _read(args.zh).split("\n")
        n_ko, n_zh = len(text.rstrip("\n").split("\n")), len("\n".join(zh_lines).rstrip("\n").split("\n"))
        if n_ko != n_zh:
            raise InputError(args.zh, f"has {n_zh} lines but the Korean text has {n_ko}; they must align line by line")
    context = None
    if args.zh_context:
        context = _read(args.zh_context)
        if len(context) > MAX_CONTEXT_CHARS:
            raise InputError(args.zh_context, f"is longer than {MAX_CONTEXT_CHARS:,} characters; "
                                              "give the article the Korean was translated from")
    norm = None if args.input_norm == "auto" else args.input_norm
    out = []
    sources = [zh_lines[n] if n < len(zh_lines) else context for n in range(len(lines))]
    if args.line_by_line:
        results = [postedit_text(line, zh, style=args.style, norm=norm) for line, zh in zip(lines, sources)]
    else:
        results = postedit_article(lines, sources, style=args.style, norm=norm)
    for n, (new, changes) in enumerate(results, 1):
        out.append(new)
        if args.changes:
            for c in changes:
                print(f"line {n}: {c.rule}: {c.before} → {c.after}", file=sys.stderr)
    sys.stdout.write("\n".join(out))
    return 0
