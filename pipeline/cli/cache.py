"""``zhko cache``: inspect and prune the translation memory.

Thin: everything real lives in :mod:`pipeline.cache` (stdlib only, so importing
it keeps ``zhko --help`` instant).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
from pathlib import Path

#: Output folder used when neither ``--cache`` nor ``-o`` nor ``$ZHKO_CACHE`` is given.
DEFAULT_OUTPUT = "output"

STATS_EPILOG = """\
examples:
  zhko cache stats                         the cache of ./output/
  zhko cache stats -o site/                the cache of another output folder
  zhko cache stats --cache shared.sqlite3  a cache shared by several builds
  zhko cache stats --json                  machine-readable
  zhko cache stats --check                 also run SQLite's integrity check
"""

PRUNE_EPILOG = """\
examples:
  zhko cache prune --older-than 30                  drop entries unused for 30 days
  zhko cache prune --keep-signature SIG             drop entries of other runs/models
  zhko cache prune --older-than 7 --keep-signature SIG
                                                    both: unused for 7 days AND not SIG
  zhko cache prune --all                            empty the cache (also repairs a
                                                    damaged cache file by recreating it)

SIG is a run signature as listed by 'zhko cache stats'. Pruning only costs
re-translation time; the cache never changes what a build produces.
"""


def add_cache_args(p: argparse.ArgumentParser) -> None:
    """``--cache PATH`` and ``-o OUTPUT_DIR``; shared with any command that
    needs to locate the translation memory."""
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--cache",
        metavar="PATH",
        help="the cache file (default: $ZHKO_CACHE, else OUTPUT_DIR/.zhko-cache.sqlite3)",
    )
    where.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT_DIR",
        default=DEFAULT_OUTPUT,
        help="output folder whose cache to use (default: %(default)s)",
    )


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cache",
        help="translation memory statistics and pruning",
        description=(
            "The translation memory caches each sentence's translation, keyed by "
            "the sentence and everything that shapes its translation (model route, "
            "decoding options, matching glossary entries, Korean rules version), so "
            "rebuilds only decode what changed. Several builds may share one cache."
        ),
    )
    p.set_defaults(func=lambda a: p.print_help())
    cmds = p.add_subparsers(dest="cache_command", metavar="ACTION")

    st = cmds.add_parser(
        "stats",
        help="entries, size on disk, signatures, oldest/newest",
        description="Show what the translation memory holds.",
        epilog=STATS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_cache_args(st)
    st.add_argument("--json", action="store_true", help="print the statistics as JSON")
    st.add_argument("--check", action="store_true", help="also run an integrity check")
    st.set_defaults(func=cmd_stats)

    pr = cmds.add_parser(
        "prune",
        help="remove old entries or entries of other signatures",
        description=(
            "Remove cache entries, then compact the file. Give at least one of\n"
            "--older-than, --keep-signature, --all; when several are given, only\n"
            "entries matching all of them are removed."
        ),
        epilog=PRUNE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_cache_args(pr)
    pr.add_argument(
        "--older-than",
        metavar="DAYS",
        type=_days,
        help="remove entries not used for more than DAYS days (fractions allowed)",
    )
    pr.add_argument(
        "--keep-signature",
        metavar="SIG",
        help="remove entries whose run signature is not SIG",
    )
    pr.add_argument("--all", action="store_true", help="remove every entry")
    pr.set_defaults(func=cmd_prune, _parser=pr)


def _days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(f"days must be 0 or more, got {text!r}")
    return value


def _path(args: argparse.Namespace) -> Path:
    from pipeline.cache import resolve_cache_path

    return resolve_cache_path(args.cache, args.output)


def cmd_stats(args: argparse.Namespace) -> int:
    from pipeline.cache import TranslationMemory

    with TranslationMemory(_path(args), create=False) as tm:
        stats = tm.stats()
        if args.check:
            stats["integrity"] = tm.integrity_check()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats))
    return 0 if stats.get("integrity", "ok") == "ok" else 1


def format_stats(stats: dict) -> str:
    """Human-readable lines for ``zhko cache stats``."""
    lines = [
        f"translation memory: {stats['path']}",
        f"  entries:    {stats['entries']:,}",
        f"  size:       {_human_bytes(stats['size_bytes'])} ({stats['size_bytes']:,} bytes)",
        f"  oldest:     {_when(stats['oldest'])}",
        f"  newest:     {_when(stats['newest'])}",
        f"  last used:  {_when(stats['last_used'])}",
    ]
    if "integrity" in stats:
        lines.append(f"  integrity:  {stats['integrity']}")
    sigs = stats["signatures"]
    lines.append(f"  signatures: {len(sigs)}")
    width = max((len(f"{n:,}") for n in sigs.values()), default=1)
    for sig, n in sigs.items():
        lines.append(f"    {n:>{width},}  {sig or '(none)'}")
    return "\n".join(lines)


def _when(iso: str | None) -> str:
    if iso is None:
        return "-"
    ts = _dt.datetime.fromisoformat(iso)
    age = _dt.datetime.now(_dt.timezone.utc) - ts
    return f"{ts.strftime('%Y-%m-%d %H:%M')} UTC ({_human_age(age.total_seconds())} ago)"


def _human_age(seconds: float) -> str:
    seconds = max(0.0, seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f} {unit}"
    return f"{seconds:.0f} s"


def _human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # unreachable


def cmd_prune(args: argparse.Namespace) -> int:
    from pipeline.cache import CacheError, TranslationMemory

    if args.older_than is None and args.keep_signature is None and not args.all:
        args._parser.error("say what to remove: --older-than DAYS, --keep-signature SIG or --all")
    path = _path(args)
    if not os.path.exists(path):
        print(f"no translation memory at {path}; nothing removed")
        return 0
    try:
        tm = TranslationMemory(path, create=False)
    except CacheError as exc:
        if not (args.all and exc.damaged):
            raise
        TranslationMemory.remove_files(path)
        print(f"{path}: the cache file was damaged; deleted it (an empty one is made on the next build)")
        return 0
    with tm:
        removed = tm.prune(
            older_than_days=args.older_than,
            keep_signature=args.keep_signature,
            everything=args.all,
        )
        stats = tm.stats()
    print(
        f"removed {removed:,} entr{'y' if removed == 1 else 'ies'} from {path}; "
        f"{stats['entries']:,} left ({_human_bytes(stats['size_bytes'])})"
    )
    return 0
