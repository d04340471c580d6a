"""Benchmark: reading adversarial lines, old readers vs zhko's, and how cost grows.

Each case is one line built to make a reader quadratic (90,000 ``[`` in
Markdown took 42 s before issue 10). Two measurements per case, side by side
in one run:

- zhko's reader (ingest + normalize + segment, or glossary lint) at the
  small and the large size, and the growth ratio (linear ≈ 10× for 10× the
  input; quadratic ≈ 100×);
- for the patterns that were quadratic before, the old code (the regexes
  and the ``html.parser`` page scan as they were, reproduced below) at both
  sizes, stopped after ``--cap`` seconds ("-": the old code was linear).

Run: uv run python bench/hostile_inputs.py [--small 100000] [--large 1000000] [--cap 30]
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.errors import ZhkoError  # noqa: E402
from pipeline.glossary import lint  # noqa: E402
from pipeline.ingest import read_article  # noqa: E402
from pipeline.normalize import normalize_article  # noqa: E402
from pipeline.segment import segment_article  # noqa: E402

CASES = {
    "md: [ × n": (".md", lambda n: "# 标题\n\n会议" + "[" * n),
    "md: *a × n/3": (".md", lambda n: "# 标题\n\n会议" + "*a " * (n // 3)),
    "md: <!-- × n/4": (".md", lambda n: "# 标题\n\n会议" + "<!--" * (n // 4)),
    "html: <![CDATA[ × n/9": (".html", lambda n: "<title>标题</title><p>会议强调。</p>" + "<![CDATA[" * (n // 9)),
    "html: < × n": (".html", lambda n: "<title>标题</title><p>会议" + "<" * n + "</p>"),
    "txt: 会。 × n/2": (".txt", lambda n: "标题\n\n" + "会。" * (n // 2)),
    "txt: ， × n": (".txt", lambda n: "标题\n\n会" + "，" * n),
    "glossary: 100-char terms": (".yaml", lambda n: "".join(f"- {{zh: {'延吉' * 50}{i}, ko: 연}}\n"
                                                           for i in range(n // 120))),
}

#: The old implementations of the patterns that were quadratic (for the "old" column).
OLD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
OLD_STAR = re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")
OLD_COMMENT = re.compile(r"<!--.*?-->", re.S)
OLD = {
    "md: [ × n": lambda text: OLD_LINK.sub(r"\1", text),
    "md: *a × n/3": lambda text: OLD_STAR.sub(r"\1", text),
    "md: <!-- × n/4": lambda text: OLD_COMMENT.sub("", text),
    "html: <![CDATA[ × n/9": lambda text: _old_html_scan(text),
}


def _old_html_scan(text: str) -> None:
    from html.parser import HTMLParser

    parser = HTMLParser(convert_charrefs=True)
    parser.feed(text)
    parser.close()


class _Cap(Exception):
    pass


def timed(fn, cap: int) -> float | None:
    """Seconds ``fn()`` took, or None when stopped at ``cap`` seconds."""
    def fire(*_):
        raise _Cap()

    signal.signal(signal.SIGALRM, fire)
    signal.alarm(cap)
    start = time.perf_counter()
    try:
        fn()
    except _Cap:
        return None
    except ZhkoError:
        pass
    finally:
        signal.alarm(0)
    return time.perf_counter() - start


def read(path: Path) -> None:
    if path.suffix == ".yaml":
        lint(path.parent)
    else:
        segment_article(normalize_article(read_article(path)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=100_000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--cap", type=int, default=30, help="stop a run after this many seconds")
    args = ap.parse_args()
    fmt = "{:<28} {:>12} {:>12} {:>8} {:>12} {:>12}"
    print(fmt.format("case", f"zhko {args.small // 1000}K", f"zhko {args.large // 1000}K", "growth",
                     f"old {args.small // 1000}K", f"old {args.large // 1000}K"))
    with tempfile.TemporaryDirectory() as tmp:
        for warm in ("warm.html", "warm.md", "warm.txt"):  # imports (trafilatura, lxml, OpenCC) untimed
            (Path(tmp) / warm).write_text("<title>标题</title><p>会议强调。</p>" if warm.endswith("html")
                                          else "# 标题\n\n会议强调。\n", encoding="utf-8")
            timed(lambda: read(Path(tmp) / warm), args.cap)
        _old_html_scan("<p>x</p>")
        for name, (ext, make) in CASES.items():
            row = []
            for n in (args.small, args.large):
                folder = Path(tmp) / f"{abs(hash(name))}-{n}"
                folder.mkdir()
                path = folder / f"case{ext}"
                path.write_text(make(n), encoding="utf-8")
                row.append(timed(lambda: read(path), args.cap))
            old = OLD.get(name)
            show = (lambda t: f"{t:.2f} s" if t is not None else f">{args.cap} s")
            olds = [show(timed(lambda: old(make(n)), args.cap)) if old else "-" for n in (args.small, args.large)]
            growth = f"{row[1] / max(row[0], 1e-3):.1f}×" if None not in row else "-"
            print(fmt.format(name, show(row[0]), show(row[1]), growth, *olds), flush=True)


if __name__ == "__main__":
    main()
