"""``zhko glossary extract|review|export|import``: the editors' commands.

Thin: each handler imports its module from :mod:`pipeline.review` when it runs,
so ``zhko --help`` never loads Flask, jieba or ruamel.
"""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.common import add_common_glossary_arg


def register_review(gsub: argparse._SubParsersAction) -> None:
    _register_extract(gsub)
    _register_review(gsub)
    _register_export(gsub)
    _register_import(gsub)


def _register_extract(gsub: argparse._SubParsersAction) -> None:
    p = gsub.add_parser(
        "extract",
        help="find names, organisations and frequent terms the glossary lacks",
        description=(
            "Find what the glossary does not cover yet in a batch of articles: person and place "
            "names, organisations and titles (…委员会, …领导小组, …书记, …), and frequent "
            "multi-character terms, each with a proposed Korean reading, its frequency and "
            "contexts. --write adds them to <glossary>/proposed.yaml with status proposed."
        ),
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="article files (.txt, .md, .html) or folders")
    add_common_glossary_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--write", action="store_true", help="add the candidates to <glossary>/proposed.yaml")
    p.add_argument("--min-freq", type=int, default=2, metavar="N",
                   help="minimum occurrences for a frequent term (names and patterns: 1) (default: %(default)s)")
    p.add_argument("--user", help="name for the audit log (default: $ZHKO_USER or $USER)")
    p.set_defaults(func=_run_extract)


def _register_review(gsub: argparse._SubParsersAction) -> None:
    p = gsub.add_parser(
        "review",
        help="review glossary terms in the browser (local page on 127.0.0.1)",
        description=(
            "Serve the glossary review page on 127.0.0.1: every entry with its occurrences in "
            "the built articles, approve/reject/forbid/edit buttons, and a conflicts view. "
            "Changes are written to the YAML files (comments kept) and logged to "
            "<glossary>/audit.log. The command prints the page's address with this run's secret "
            "access token (http://127.0.0.1:8765/?token=…); nothing is served without it. "
            "A change that `zhko glossary lint` would reject is refused. "
            "The same pages are the Glossary tab of the editorial desk (zhko desk, under /glossary/). "
            "Example: zhko glossary review --output output/ --user 박편집"
        ),
    )
    add_common_glossary_arg(p)
    p.add_argument("--output", metavar="DIR", default="output", help="folder of built articles (default: %(default)s)")
    from pipeline.cli.types import int_range

    p.add_argument("--port", type=int_range(0, 65535, "a port number"), default=8765, help="port on 127.0.0.1; 0 picks a free one (default: %(default)s)")
    p.add_argument("--user", help="name for the audit log (default: $ZHKO_USER or $USER)")
    p.add_argument("--audit-log", metavar="FILE", help="audit log (default: <glossary>/audit.log)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.set_defaults(func=_run_review)


def _register_export(gsub: argparse._SubParsersAction) -> None:
    p = gsub.add_parser(
        "export",
        help="export the glossary as TBX or CSV",
        description=(
            "tbx: TBX-Basic (ISO 30042:2019), every entry with status, note, source, kind, "
            "variants and English. csv: two columns zh,ko, UTF-8, no header row, approved entries "
            "only: the format DeepL's glossary API and Google's unidirectional glossaries accept; "
            "a cell starting with =, +, -, @ gets a leading ' so a spreadsheet keeps it as text. "
            "Exit 1 when the glossary folder is missing or has problems."
        ),
    )
    add_common_glossary_arg(p)
    p.add_argument("--format", choices=("tbx", "csv"), required=True)
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=_run_export)


def _register_import(gsub: argparse._SubParsersAction) -> None:
    p = gsub.add_parser(
        "import",
        help="import terms from a TBX or CSV file",
        description=(
            "Read a .tbx or .csv file and add its entries to a glossary file (round-trip: "
            "comments kept; audited). CSV rows come in as status proposed. Malformed files are "
            "refused with every problem and its line number; so are files over "
            "$ZHKO_MAX_EXCHANGE_BYTES (default 50M), XML with a DOCTYPE, and anything but a "
            "regular file. A CSV cell that starts like a spreadsheet formula (=, +, -, @) is "
            "imported as text with a warning."
        ),
    )
    p.add_argument("file", metavar="FILE", help=".tbx or .csv file")
    add_common_glossary_arg(p)
    p.add_argument("--into", metavar="FILE.yaml", default="imported.yaml",
                   help="glossary file (inside --glossary) to add the entries to (default: %(default)s)")
    p.add_argument("--user", help="name for the audit log (default: $ZHKO_USER or $USER)")
    p.set_defaults(func=_run_import)


# --------------------------------------------------------------------------- handlers


def _run_extract(args: argparse.Namespace) -> int:
    import json

    from pipeline.review.extract import candidates_to_entries, extract_from_paths, format_table
    from pipeline.review.store import GlossaryStore

    cands = extract_from_paths(args.articles, glossary_dir=args.glossary, min_freq=args.min_freq)
    if args.json:
        print(json.dumps([c.to_dict() for c in cands], ensure_ascii=False, indent=2))
    else:
        print(format_table(cands))
    if args.write and cands:
        added = GlossaryStore(args.glossary).add_entries(
            candidates_to_entries(cands), "proposed.yaml", user=args.user, reason="zhko glossary extract", action="extract"
        )
        print(f"added {len(added)} proposed entries to {args.glossary}/proposed.yaml", file=sys.stderr)
    return 0


def _run_review(args: argparse.Namespace) -> int:
    from pipeline.review.app import create_app, serve

    app = create_app(args.glossary, args.output, user=args.user, audit_log=args.audit_log)
    serve(app, port=args.port, open_browser=not args.no_browser)
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from pipeline.outputs import write_atomic
    from pipeline.review.exchange import export_csv, export_tbx
    from pipeline.review.store import GlossaryStore

    from pathlib import Path

    from pipeline.errors import GlossaryError

    if not Path(args.glossary).is_dir():
        raise GlossaryError([f"{args.glossary}: glossary folder not found"])
    entries = [e.data for e in GlossaryStore(args.glossary).entries()]
    text = export_tbx(entries) if args.format == "tbx" else export_csv(entries)
    if args.output:
        write_atomic(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from pipeline.review.exchange import import_file
    from pipeline.review.store import GlossaryStore

    entries = import_file(args.file, warn=lambda msg: print(f"warning: {msg}", file=sys.stderr))
    views = GlossaryStore(args.glossary).add_entries(
        entries, args.into, user=args.user, reason=f"zhko glossary import {args.file}", action="import"
    )
    print(f"imported {len(views)} entries from {args.file} into {args.glossary}/{args.into}", file=sys.stderr)
    return 0
