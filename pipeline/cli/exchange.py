"""``zhko xliff export|import`` and ``zhko tm export|import``: the desk's work
exchanged with CAT tools (XLIFF 2.0) and other memories (TMX 1.4b)."""

from __future__ import annotations

import argparse
import sys

XLIFF_EPILOG = """\
examples:
  zhko xliff export output/ -o today.xlf               every built article
  zhko xliff export output/ --article news-a -o a.xlf  one article
  zhko xliff import today.xlf -o output/               back from the CAT tool

XLIFF 2.0 (not 1.2). Unit id = segment id with '/' written ':', unit name = the
segment id. States: machine → initial, edited → translated, approved → reviewed,
approved in an approved article → final. Terms, QA findings and stale edits are
<note>s. Import is all or nothing: any problem (malformed XML, a DOCTYPE, an
unknown segment, a source that no longer matches the article, a unit edited on
the desk since the export) refuses the whole file, each problem on its own line.

exit codes: 0 done; 1 refused (nothing changed); 2 bad command line
"""

TM_EPILOG = """\
examples:
  zhko tm export -o memory.tmx                the human memory of output/
  zhko tm export --folder /srv/out -o m.tmx
  zhko tm import memory.tmx                   add a TMX file's pairs to the memory

TMX 1.4b, srclang zh, one <tu> per approved sentence (zh and ko <tuv>). Imported
pairs are used by the next build for exact matches and by the desk for
suggestions. Import is all or nothing.

exit codes: 0 done; 1 refused (nothing changed); 2 bad command line
"""


def register(sub: argparse._SubParsersAction) -> None:
    x = sub.add_parser("xliff", help="exchange sentences with CAT tools (XLIFF 2.0)",
                       description="Export the desk's sentences as XLIFF 2.0, import them back.",
                       epilog=XLIFF_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    xs = x.add_subparsers(dest="xliff_command", metavar="SUBCOMMAND", required=True)
    e = xs.add_parser("export", help="write XLIFF 2.0 of the built articles", epilog=XLIFF_EPILOG,
                      formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("folder", metavar="OUTPUT_DIR", help="the built output folder")
    e.add_argument("-o", "--output", metavar="FILE.xlf", help="write here (default: standard output)")
    e.add_argument("--article", action="append", metavar="SLUG", help="only this article (repeatable)")
    e.add_argument("--glossary", metavar="DIR", default="glossaries",
                   help="glossary for the term notes (default: %(default)s)")
    e.set_defaults(func=_xliff_export)
    i = xs.add_parser("import", help="apply an XLIFF 2.0 file to the desk", epilog=XLIFF_EPILOG,
                      formatter_class=argparse.RawDescriptionHelpFormatter)
    i.add_argument("file", metavar="FILE.xlf")
    i.add_argument("-o", "--output", metavar="OUTPUT_DIR", default="output",
                   help="the built output folder (default: %(default)s)")
    i.add_argument("--user", help="name for the audit log (default: $ZHKO_USER or $USER)")
    i.set_defaults(func=_xliff_import)

    t = sub.add_parser("tm", help="exchange the human memory (TMX 1.4b)",
                       description="Export or import the desk's memory of approved human translations.",
                       epilog=TM_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ts = t.add_subparsers(dest="tm_command", metavar="SUBCOMMAND", required=True)
    te = ts.add_parser("export", help="write the human memory as TMX 1.4b", epilog=TM_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    te.add_argument("-o", "--output", metavar="FILE.tmx", help="write here (default: standard output)")
    te.add_argument("--folder", metavar="OUTPUT_DIR", default="output",
                    help="the output folder whose memory to export (default: %(default)s)")
    te.set_defaults(func=_tm_export)
    ti = ts.add_parser("import", help="add a TMX file to the human memory", epilog=TM_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    ti.add_argument("file", metavar="FILE.tmx")
    ti.add_argument("--folder", metavar="OUTPUT_DIR", default="output",
                    help="the output folder whose memory to add to (default: %(default)s)")
    ti.add_argument("--user", help="name for the audit log (default: $ZHKO_USER or $USER)")
    ti.set_defaults(func=_tm_import)


def _user(given: str | None) -> str:
    import os

    return given or os.environ.get("ZHKO_USER") or os.environ.get("USER") or "editor"


def _write(text: str, output: str | None) -> None:
    if output:
        from pipeline.outputs import write_atomic

        write_atomic(output, text)
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _xliff_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pipeline.desk.exchange import export_xliff
    from pipeline.errors import ZhkoError

    glossary = None
    if Path(args.glossary).is_dir():
        from pipeline.glossary import load_glossary

        try:
            glossary = load_glossary(args.glossary)
        except ZhkoError:
            print(f"Warning: {args.glossary}: glossary has problems; exported without term notes", file=sys.stderr)
    _write(export_xliff(args.folder, args.article, glossary), args.output)
    return 0


def _xliff_import(args: argparse.Namespace) -> int:
    from pipeline.desk.exchange import import_xliff

    res = import_xliff(args.file, args.output, _user(args.user))
    print(f"{args.file}: {res.saved} sentences saved, {res.unchanged} unchanged", file=sys.stderr)
    return 0


def _tm_export(args: argparse.Namespace) -> int:
    from pipeline.desk.exchange import export_tmx

    _write(export_tmx(args.folder), args.output)
    return 0


def _tm_import(args: argparse.Namespace) -> int:
    from pipeline.desk.exchange import import_tmx

    n = import_tmx(args.file, args.folder, _user(args.user))
    print(f"{args.file}: {n} entries added to the human memory of {args.folder}", file=sys.stderr)
    return 0
