"""``zhko models``: list, install and package translation models."""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from typing import TextIO

LIST_EPILOG = """\
examples:
  zhko models list
  zhko models list --packages-dir ~/argos-packages

Lists every installed package, then every zh→ko route (engine), best first,
and which one `zhko build` takes without --engine and why: a direct route
beats the pivot through English; an explicit --engine always wins; a
non-commercial model (NLLB) is only used when named.
exit code 3 when no zh→ko route is installed.
"""

PACKAGE_EPILOG = """\
Convert the model first with CTranslate2's own converter (needs transformers
and torch, which zhko does not install), e.g.:
  pip install ctranslate2 transformers torch sentencepiece
  ct2-transformers-converter --model facebook/m2m100_1.2B --output_dir m2m-ct2 --quantization int8
  cp ~/hf/m2m100_1.2B/sentencepiece.bpe.model m2m-ct2/    (if the converter did not copy it)
  ct2-transformers-converter --model Qwen/Qwen2.5-7B-Instruct --output_dir qwen-ct2 \\
      --quantization int8 --copy_files tokenizer.json

examples:
  zhko models package m2m-ct2 --kind m2m100 --from zh --to ko -o translate-zh_ko-m2m100.argosmodel
  zhko models package qwen-ct2 --kind qwen2.5 --name qwen2.5-7b-instruct -o qwen.argosmodel
  zhko models package opus-ct2 --kind opus-mt -o opus.argosmodel  (source.spm + target.spm)
  zhko models install translate-zh_ko-m2m100.argosmodel
  zhko build today/ --engine m2m100

kinds: m2m100 (MIT), nllb (CC-BY-NC-4.0: NOT for a newspaper), madlad (Apache-2.0),
opus-mt (CC-BY-4.0), qwen2.5 (Apache-2.0), gemma3 (Gemma terms).
The tokenizer is taken from the folder (sentencepiece.model, sentencepiece.bpe.model,
spiece.model, source.spm, tokenizer.json) unless --tokenizer names it.
exit code 3 when the folder is not a converted model or lacks the kind's tokens.
"""

INSTALL_EPILOG = """\
examples:
  zhko models install                         download zh→ko (or zh→en + en→ko) from the Argos index
  zhko models install translate-zh_en-1_9.argosmodel translate-en_ko-1_1.argosmodel
                                              install package files copied from another machine (offline)
  zhko models install --index-url http://mirror.local/argos/index.json
  zhko models install --if-missing            what `make run` does: download only when no route exists

Packages go to ARGOS_PACKAGES_DIR (or argostranslate's default dir, or --packages-dir).
A direct zh→ko package is used when installed; otherwise zh→en→ko through English.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "models",
        help="list and install translation models",
        description="List and install the Argos Translate packages zhko translates with.",
        epilog="examples:\n  zhko models list\n  zhko models install\n"
               "  zhko models install FILE.argosmodel\n  zhko models install --if-missing\n"
               "  zhko models package m2m-ct2 --kind m2m100 -o m2m100.argosmodel",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=lambda a: p.print_help())
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")

    pl = msub.add_parser(
        "list", help="installed packages and the zh→ko route that will be used",
        description="Show the installed Argos packages and which zh→ko route `zhko build` will use.",
        epilog=LIST_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _packages_dir_arg(pl)
    pl.set_defaults(func=cmd_list)

    pi = msub.add_parser(
        "install", help="install packages from files (offline) or the Argos index (network)",
        description=(
            "Install Argos packages. With FILE arguments, each .argosmodel file is checked and "
            "installed (no network needed). Without, the zh→ko package, or zh→en and en→ko, is "
            "downloaded from the Argos package index."
        ),
        epilog=INSTALL_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pi.add_argument("files", nargs="*", metavar="FILE.argosmodel", help="package files to install")
    pi.add_argument("--index-url", metavar="URL",
                    help="package index JSON (default: argostranslate's ARGOS_PACKAGE_INDEX setting)")
    pi.add_argument("--if-missing", action="store_true",
                    help="do nothing (and need no network) when a zh→ko route is already installed")
    _packages_dir_arg(pi)
    pi.set_defaults(func=cmd_install)

    from pipeline.translate.kinds import KINDS

    pp = msub.add_parser(
        "package", help="wrap a converted CTranslate2 model into an installable package",
        description=("Wrap an already converted CTranslate2 model folder and its tokenizer "
                     "into a .argosmodel package (Argos layout plus zhko metadata: kind, "
                     "language tokens, prompt template, licence) for `zhko models install`."),
        epilog=PACKAGE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pp.add_argument("model_dir", metavar="DIR", help="folder written by ct2-transformers-converter")
    pp.add_argument("--kind", required=True, choices=sorted(KINDS), help="model kind")
    pp.add_argument("--from", dest="from_code", default="zh", metavar="LANG",
                    help="source language (default: %(default)s)")
    pp.add_argument("--to", dest="to_code", default="ko", metavar="LANG",
                    help="target language (default: %(default)s)")
    pp.add_argument("-o", "--output", required=True, metavar="FILE.argosmodel")
    pp.add_argument("--name", default="", help="engine name for --engine (default: the kind)")
    pp.add_argument("--version", default="1.0", help="package version (default: %(default)s)")
    pp.add_argument("--licence", default="", help="licence text (default: the kind's)")
    pp.add_argument("--tokenizer", metavar="FILE", default=None,
                    help="tokenizer file, if not in DIR (SentencePiece model or tokenizer.json)")
    pp.add_argument("--target-tokenizer", metavar="FILE", default=None,
                    help="separate target SentencePiece model (OPUS-MT target.spm)")
    pp.set_defaults(func=cmd_package)


def _packages_dir_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--packages-dir", metavar="DIR",
                   help="Argos packages dir (default: $ARGOS_PACKAGES_DIR or argostranslate's)")


def cmd_list(args: argparse.Namespace) -> int:
    from pipeline.errors import EXIT_MODELS, ModelError
    from pipeline.translate import engines
    from pipeline.translate.argos import INSTALL_HINT, resolve_packages_dir, scan_packages

    root = resolve_packages_dir(args.packages_dir)
    packages, problems = scan_packages(root)
    print(f"packages dir: {root}")
    for pkg in sorted(packages, key=lambda p: (p.from_code, p.to_code, p.path.name)):
        kind = f"{pkg.engine.kind}:{pkg.engine.name}" if pkg.engine else "argos"
        print(f"  {pkg.pair:8} {pkg.package_version:8} {kind:28} {pkg.path.name}")
    if not packages:
        print("  (no packages installed)")
    for problem in problems:
        print(f"Warning: {problem}", file=sys.stderr)
    found, _ = engines.candidates(root)
    print("zh→ko routes (engines), best first:")
    for c in found:
        note = "" if c.commercial else "  NON-COMMERCIAL: used only with --engine"
        print(f"  {c.describe()}{note}")
    if not found:
        print("  (none)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            chosen, why = engines.choose(None, root)
    except ModelError:
        print(f"zh→ko route: none: {INSTALL_HINT}")
        return EXIT_MODELS
    used = ", ".join(p.describe() for p in chosen.route.packages)
    label = "direct" if chosen.route.kind == "direct" else f"pivot {chosen.route.describe()}"
    print(f"zh→ko route: {label} ({used})")
    print(f"build takes: {chosen.name} ({why}); choose another with --engine NAME")
    return 0


def cmd_package(args: argparse.Namespace) -> int:
    from pipeline.translate.package import package_model

    out, meta = package_model(args.model_dir, args.kind, args.from_code, args.to_code, args.output,
                              name=args.name, version=args.version, licence=args.licence,
                              tokenizer=args.tokenizer, target_tokenizer=args.target_tokenizer)
    print(f"packaged {meta.name} ({meta.kind}, {args.from_code}→{args.to_code}, {meta.licence}) → {out}")
    if not meta.commercial:
        print(f"Warning: {meta.name}: {meta.licence} licence — NOT for commercial use; "
              "a newspaper may not publish its output", file=sys.stderr)
    print(f"install it with: zhko models install {out}")
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    from pipeline.errors import ModelError
    from pipeline.translate import install

    if args.files:
        for path in args.files:
            info = install.install_from_file(path, args.packages_dir)
            print(f"installed {info.describe()} → {info.path}")
        return 0
    if args.if_missing:
        from pipeline.translate.argos import resolve_packages_dir, route_from, scan_packages

        root = resolve_packages_dir(args.packages_dir)
        route = route_from(scan_packages(root)[0], "zh", "ko", root)
        if route is not None:
            used = ", ".join(p.describe() for p in route.packages)
            print(f"zh→ko route already installed: {route.describe()} ({used})", file=sys.stderr)
            return 0
    bar = ProgressDisplay(sys.stderr)
    try:
        installed = install.install_from_index(args.index_url, packages_dir=args.packages_dir,
                                               progress=bar)
    except ModelError as exc:
        if not args.if_missing:
            raise
        from pipeline.translate.argos import INSTALL_HINT, resolve_packages_dir

        raise ModelError(f"no zh→ko translation route installed in {resolve_packages_dir(args.packages_dir)}"
                         f" and downloading one failed: {exc}\n{INSTALL_HINT[0].upper()}{INSTALL_HINT[1:]}.") from exc
    finally:
        bar.close()
    for info in installed:
        print(f"installed {info.describe()} → {info.path}")
    return 0


class ProgressDisplay:
    """Download progress on stderr: a redrawn bar on a terminal, else a line per 25%."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.label = ""
        self.last_step = -1
        self.last_draw = 0.0

    def __call__(self, done: int, total: int | None, label: str) -> None:
        if label != self.label:
            self.close()
            self.label, self.last_step = label, -1
        if self.tty:
            self._bar(done, total)
        else:
            self._line(done, total)

    def _bar(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self.last_draw < 0.1 and done != total:
            return
        self.last_draw = now
        mb = f"{done / 1e6:.1f}" + (f"/{total / 1e6:.1f} MB" if total else " MB")
        if total:
            filled = int(30 * done / total)
            bar = "#" * filled + "-" * (30 - filled)
            text = f"\r{self.label} [{bar}] {100 * done // total:3d}% {mb}"
        else:
            text = f"\r{self.label} {mb}"
        self.stream.write(text)
        self.stream.flush()

    def _line(self, done: int, total: int | None) -> None:
        step = (100 * done // total) // 25 if total else (0 if done == 0 else -2)
        if step != self.last_step and step >= 0:
            self.last_step = step
            pct = f" {step * 25}%" if total else ""
            self.stream.write(f"downloading {self.label}{pct} ({done / 1e6:.1f} MB)\n")
            self.stream.flush()

    def close(self) -> None:
        if self.tty and self.label:
            self.stream.write("\n")
            self.stream.flush()
        self.label = ""
