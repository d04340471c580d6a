"""``zhko build``: turn articles into parallel-text HTML, PDF and JSON."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

DESCRIPTION = """\
Build parallel Chinese–Korean editions of news articles.

Each article (a scraped .txt page, Markdown with YAML front matter, or an HTML
page) becomes three files in OUTPUT/<slug>/: <slug>.html (screen, with the
editor's term and QA panel), <slug>.pdf (print, for distribution) and
<slug>.json (every segment with its id, Chinese, Korean, glossary hits, QA
findings and the run signature). OUTPUT/index.html lists the batch.

The glossary is checked first and the translation models are found first: a
broken glossary or a missing zh→ko route stops the build before any work.
A bad article file only fails that article; the rest of the batch is built.
Translations are remembered in OUTPUT/.zhko-cache.sqlite3, so a rebuild
decodes only what changed. build never downloads models: see `zhko models`.

Human translations come first (see `zhko desk`): a sentence edited or approved
on the desk for the same Chinese, else an approved sentence of the human memory
with the same normalized Chinese, is printed as is (never decoded, never
rewritten; still checked). The PDF of an article not approved on the desk says
DRAFT in its running header and metadata; --final refuses to build unless
every article is approved.
"""

EXAMPLES = """\
examples:
  zhko build examples/                    every article in a folder → output/
  zhko build today/*.txt -o /srv/edition  choose the output folder
  zhko build a.md --no-pdf --beam 1       quick draft: HTML only, greedy decoding
  zhko build examples/ --strict           exit 4 if an approved term is violated
  zhko build today/ -o output/ --final    exit 5 unless every article is approved on the desk
  zhko build tw.txt --opencc tw2sp        a Taiwanese source
  zhko build today/ --engine m2m100 --device cuda      a packaged M2M100 model on the GPU
  zhko build today/ --engine qwen2.5-7b-instruct       an instruction model, terms in the prompt

The engine: without --engine the registry takes the best installed zh→ko route
(a direct model beats the pivot through English; see `zhko models list`) and
the build says which and why. --device auto (default) uses a CUDA GPU when
CTranslate2 sees one, else the CPU; --device cuda without a GPU is an error
(exit 3). Engine problems (missing model, out of memory, CUDA errors) stop the
build with one Error line and exit 3.
"""


def register(sub: argparse._SubParsersAction) -> None:
    from pipeline.cli import add_common_glossary_arg
    from pipeline.cli.types import MAX_BEAM, MAX_JOBS, int_range, nonempty_path, opencc_config, size

    p = sub.add_parser(
        "build", help="build parallel-text editions (HTML, PDF, JSON) of articles",
        description=DESCRIPTION, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="ARTICLE_OR_FOLDER", type=nonempty_path,
                   help="article files (.txt, .md, .html) or folders of them")
    p.add_argument("-o", "--output", default="output", metavar="DIR", type=nonempty_path,
                   help="output folder (default: %(default)s)")
    add_common_glossary_arg(p)
    p.add_argument("--packages-dir", "--models", dest="models", metavar="DIR", default=None,
                   help="Argos packages folder, as in `zhko models` "
                        "(default: $ARGOS_PACKAGES_DIR or Argos's own)")
    p.add_argument("--engine", metavar="NAME", default=None,
                   help="engine from `zhko models list`: argos, or a packaged model's name/kind "
                        "(default: the best installed route)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                   help="where to decode: auto picks cuda when a GPU is there (default: %(default)s)")
    p.add_argument("--beam", type=int_range(1, MAX_BEAM, "a beam size"), default=4, metavar="N",
                   help=f"beam size for decoding, 1 to {MAX_BEAM}; 1 is greedy and ~3× faster (default: %(default)s)")
    p.add_argument("--korean-style", choices=("yanbian", "south"), default="yanbian",
                   help="yanbian: post-edit to China's Korean norm (default); south: keep model output")
    p.add_argument("--opencc", metavar="CONFIG", default=None, type=opencc_config,
                   help="OpenCC config for every article, e.g. t2s, tw2sp, hk2s "
                        "(default: the article's front matter, else t2s)")
    p.add_argument("--no-pdf", action="store_true", help="skip PDF rendering")
    p.add_argument("--no-names", action="store_true",
                   help="do not read person/place names the glossary lacks")
    p.add_argument("--final", action="store_true",
                   help="the edition for readers: refuse (exit 5, naming each article) unless every "
                        "article is approved on the desk; prints only approved text")
    p.add_argument("--strict", action="store_true",
                   help="exit 4 when an approved term is violated or QA finds a critical problem")
    p.add_argument("--cache", metavar="FILE", default=None,
                   help="translation memory file (default: OUTPUT/.zhko-cache.sqlite3 or $ZHKO_CACHE)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the translation memory")
    p.add_argument("--max-article-size", metavar="SIZE", type=size, default=None,
                   help="refuse article files larger than this, e.g. 8M (default: 4M, or $ZHKO_MAX_ARTICLE_BYTES)")
    p.add_argument("-j", "--jobs", type=int_range(1, MAX_JOBS, "a number of jobs"), default=None, metavar="N",
                   help="worker processes for PDF rendering and parallel decoding batches "
                        "(default: number of cores, at most 2)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, only errors and the summary")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per article")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import traceback

    from pipeline.build import BuildOptions, build
    from pipeline.translate.base import EngineChoice
    from pipeline.errors import ZhkoError
    from pipeline.progress import Progress

    options = BuildOptions(
        out_dir=Path(args.output), glossary_dir=Path(args.glossary),
        engine=EngineChoice(engine=args.engine, packages_dir=args.models, device=args.device,
                            beam_size=args.beam),
        korean_style=args.korean_style, opencc_config=args.opencc,
        pdf=not args.no_pdf, strict=args.strict, final=args.final, names=not args.no_names,
        cache_path=Path(args.cache) if args.cache else None, use_cache=not args.no_cache,
    )
    if args.jobs is not None:
        options.jobs = args.jobs
    if args.max_article_size is not None:
        from dataclasses import replace

        from pipeline.limits import Limits

        options.limits = replace(Limits.from_env(), article_bytes=args.max_article_size)
    progress = Progress(quiet=args.quiet, verbose=args.verbose)
    try:
        with _stop_on_signals():
            report = build(args.inputs, options, progress)
    except ZhkoError:
        raise  # printed as one `Error:` line by pipeline.cli.main
    except Exception as exc:  # a bug outside any one article: still one line, no traceback
        if args.verbose:
            traceback.print_exc()
        raise ZhkoError(f"internal error ({type(exc).__name__}: {exc}); "
                        "please report this (run with -v for details)") from exc
    if report.engine and not args.quiet:
        print(report.engine, file=sys.stderr)
    for message in report.warnings:
        print(f"Warning: {message}", file=sys.stderr)
    for _, message in report.failures:
        print(f"Error: {message}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    if report.built or report.reused:
        print(f"output: {Path(args.output) / 'index.html'}", file=sys.stderr)
    return report.exit_code


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`~pipeline.errors.Interrupted` in the main
    thread, so the build unwinds like Ctrl+C: the render pool stops its
    workers, the build lock and the translation memory are closed. (By
    default these signals kill the process at once and the render workers,
    spawned processes with the terminal's pipes, kept running.)"""
    import signal

    from pipeline.errors import Interrupted

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    old = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
