"""Install Argos packages: from a ``.argosmodel`` file (offline) or the Argos index.

WHY not ``argostranslate.package.install_from_path``: it unzips straight into
the packages dir with no validation, so a truncated download or a wrong zip
leaves a half-written folder that breaks every translation. Here a package is
checked first, unzipped into a hidden staging folder inside the packages dir
(same filesystem), **loaded there** with SentencePiece and CTranslate2 (and one
token decoded), and only then renamed into place in one step. So a package
whose ``model.bin`` does not load is refused and the working package stays.
Only packages of the *same language pair* are ever replaced: when the new
package's folder name is taken by anything else (another pair's package, a
folder of the user's), the new one is installed under a name of its own.
Archives larger than ``ZHKO_MAX_MODEL_PACKAGE_BYTES`` (2 GB), packed or
unpacked, are refused before anything is written.

Never called by ``zhko build``: installing is an explicit editor action.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from pipeline.errors import ModelError
from pipeline.translate.argos import (
    PIVOT,
    PackageInfo,
    _version_key,
    read_package,
    resolve_packages_dir,
    scan_packages,
)

#: ``progress(done_bytes, total_bytes_or_None, label)`` during downloads.
Progress = Callable[[int, "int | None", str], None]

REQUIRED_FIELDS = ("from_code", "to_code", "package_version")
OFFLINE_HINT = (
    "this machine seems offline; offline alternative: copy a .argosmodel file here "
    "and run `zhko models install FILE.argosmodel`"
)
TIMEOUT = 30  # seconds without data before a download is given up
#: The public index is ~100 KB; a response this large is not an index.
MAX_INDEX_BYTES = 16 * 1024 * 1024


def list_installed(packages_dir: str | Path | None = None) -> list[PackageInfo]:
    """Installed translate packages (folders that are not packages are skipped)."""
    return scan_packages(packages_dir)[0]


# -- from a file ----------------------------------------------------------------


def check_archive(path: Path) -> tuple[str, dict[str, Any]]:
    """Validate a ``.argosmodel`` zip; returns its top folder and metadata.

    Raises ModelError naming the file and what is wrong with it."""
    from pipeline.limits import LimitError, check_size

    if not path.is_file():
        raise ModelError(f"{path}: no such file")
    try:
        check_size(path, path.stat().st_size, "model_package")
    except LimitError as exc:
        raise ModelError(str(exc)) from exc
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not a zip archive (an .argosmodel file is a zip)")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            unpacked = sum(i.file_size for i in zf.infolist())
            try:  # a zip bomb: small archive, huge contents
                check_size(path, unpacked, "model_package")
            except LimitError as exc:
                raise ModelError(f"{exc} (unpacked size)") from exc
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"{path}: corrupt archive member {bad}")
            top = _single_top(path, names)
            meta = _read_metadata(path, zf, top)
    except zipfile.BadZipFile as exc:
        raise ModelError(f"{path}: corrupt zip archive ({exc})") from exc
    files = set(names)
    if f"{top}/model/model.bin" not in files:
        raise ModelError(f"{path}: no {top}/model/model.bin (not a CTranslate2 model folder)")
    engine = meta.get("zhko")
    if isinstance(engine, dict) and isinstance(engine.get("tokenizer"), str):
        # a package made by `zhko models package`: its tokenizer is named in its metadata
        if f"{top}/{engine['tokenizer']}" not in files:
            raise ModelError(f"{path}: no {top}/{engine['tokenizer']} tokenizer")
    elif not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & files:
        raise ModelError(f"{path}: no {top}/sentencepiece.model or {top}/bpe.model tokenizer")
    return top, meta


def _single_top(path: Path, names: list[str]) -> str:
    tops = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts:
            raise ModelError(f"{path}: unsafe member name {_shown(name)}")
        tops.add(parts[0])
    if len(tops) != 1:
        raise ModelError(
            f"{path}: expected one top folder, found {len(tops)} ({', '.join(sorted(tops)[:5])})"
        )
    top = tops.pop()
    if top.startswith("."):
        raise ModelError(f"{path}: top folder {_shown(top)} is hidden")
    return top


def _shown(value: str) -> str:
    """A name from an archive, fit for a one-line message: control characters
    (newlines, terminal escapes) replaced, at most 100 characters."""
    text = "".join(c if c.isprintable() else "?" for c in value)
    return text if len(text) <= 100 else text[:99] + "…"


def _read_metadata(path: Path, zf: zipfile.ZipFile, top: str) -> dict[str, Any]:
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except KeyError:
        raise ModelError(f"{path}: no {top}/metadata.json") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{path}: {top}/metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise ModelError(f"{path}: {top}/metadata.json is not a JSON object")
    missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
    if missing:
        raise ModelError(f"{path}: {top}/metadata.json lacks {', '.join(missing)}")
    if meta.get("type", "translate") != "translate":
        raise ModelError(f"{path}: package type {_shown(str(meta.get('type')))}, expected 'translate'")
    return meta


def install_from_file(path: str | Path, packages_dir: str | Path | None = None) -> PackageInfo:
    """Check and install one ``.argosmodel`` file; returns the installed package.

    Older packages of the same language pair are replaced, so the route never
    silently keeps using an outdated model.
    """
    path = Path(path)
    top, meta = check_archive(path)
    root = resolve_packages_dir(packages_dir)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".zhko-install-", dir=root))
    try:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(staging)
        _check_tokenizer(path, staging / top)
        try:
            info = read_package(staging / top)
        except ModelError as exc:
            raise ModelError(f"{path}: {str(exc).replace(str(staging / top), top).removesuffix(' (ignored)')}") from exc
        if info is None:
            raise ModelError(f"{path}: not a translate package")
        _check_loads(path, info)
        # the same pair *and* the same engine: an M2M100 package never replaces
        # the Argos zh→ko package (both stay choosable with --engine)
        name = info.engine.name if info.engine else None
        replaced = [p for p in list_installed(root)
                    if p.from_code == meta["from_code"] and p.to_code == meta["to_code"]
                    and (p.engine.name if p.engine else None) == name]
        target = _swap_in(staging, top, root, [p.path for p in replaced], f"{meta['from_code']}_{meta['to_code']}")
    except OSError as exc:
        raise ModelError(f"{path}: cannot install into {root}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    installed = read_package(target)
    assert installed is not None
    return installed


def _swap_in(staging: Path, top: str, root: Path, replaced: list[Path], pair: str) -> Path:
    """Move the old packages of the pair aside, the new one in; put the old ones
    back if that fails, so the route never disappears halfway.

    Only ``replaced`` (packages of the same pair) is moved. A folder of the new
    package's name that is anything else (another pair's package whose archive
    used the same name, a folder of the user's) is left alone and the new
    package gets a name of its own."""
    target = root / top
    if target.exists() and target not in replaced:
        target = _free_name(root, f"{top}-{pair}")
    trash = staging / ".old"
    trash.mkdir()
    moved: list[tuple[Path, Path]] = []
    try:
        for i, old in enumerate(replaced):
            old.rename(trash / str(i))
            moved.append((trash / str(i), old))
        (staging / top).rename(target)
    except OSError:
        for aside, original in moved:
            aside.rename(original)
        raise
    return target


def _free_name(root: Path, base: str) -> Path:
    """``root/base``, or ``root/base-2``, ``-3`` … whichever does not exist yet."""
    candidate, n = root / base, 1
    while candidate.exists():
        n += 1
        candidate = root / f"{base}-{n}"
    return candidate


def _check_loads(archive: Path, info: PackageInfo) -> None:
    """Load the staged package as a build would (SentencePiece, then CTranslate2
    with the build's compute type) and decode one token: a ``model.bin`` that
    is truncated, of another format or of an unsupported version fails here,
    before it can replace anything."""
    import ctranslate2
    import sentencepiece as spm

    if info.engine is not None:
        from pipeline.translate.engines import smoke_test

        try:
            smoke_test(info)
        except Exception as exc:  # ModelError, or what CTranslate2/tokenizers raise
            raise ModelError(f"{archive}: the model does not load or decode "
                             f"({exc.__class__.__name__}: {str(exc)[:200]}); "
                             "nothing was installed or replaced") from exc
        return
    if not info.sp_model.is_file():
        return  # a BPE package: refused with its own message when a build loads it
    try:
        sp = spm.SentencePieceProcessor(model_file=str(info.sp_model))
        model = ctranslate2.Translator(str(info.model_dir), device="cpu", compute_type="int8",
                                       inter_threads=1, intra_threads=1)
        tokens = sp.encode("1", out_type=str) or ["▁"]
        prefix = [[info.target_prefix]] if info.target_prefix else None
        model.translate_batch([tokens], target_prefix=prefix, beam_size=1, max_decoding_length=2)
    except Exception as exc:  # CTranslate2 raises RuntimeError, ValueError, IndexError …
        raise ModelError(f"{archive}: model/model.bin does not load with CTranslate2 "
                         f"({exc.__class__.__name__}: {str(exc)[:200]}); nothing was installed or replaced") from exc
    finally:
        model = None  # free the weights before the package is moved


def _check_tokenizer(archive: Path, folder: Path) -> None:
    """A truncated sentencepiece.model loads as garbage or not at all: try it."""
    sp_path = folder / "sentencepiece.model"
    if not sp_path.is_file():
        return
    import sentencepiece as spm

    try:
        spm.SentencePieceProcessor(model_file=str(sp_path))
    except (RuntimeError, OSError) as exc:
        raise ModelError(f"{archive}: sentencepiece.model does not load ({exc})") from exc


# -- from the index -------------------------------------------------------------


def default_index_url() -> str:
    """argostranslate's own setting (``ARGOS_PACKAGE_INDEX`` or the public index)."""
    from argostranslate import settings

    return str(settings.remote_package_index)


def fetch_index(index_url: str) -> list[dict[str, Any]]:
    """The Argos package index: a JSON list of package metadata with ``links``."""
    try:
        with urllib.request.urlopen(index_url, timeout=TIMEOUT) as resp:
            data = resp.read(MAX_INDEX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ModelError(f"cannot read the Argos package index at {index_url} ({_why(exc)}); "
                         "check --index-url") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise ModelError(f"cannot read the Argos package index at {index_url} ({_why(exc)}): "
                         + OFFLINE_HINT) from exc
    if len(data) > MAX_INDEX_BYTES:
        raise ModelError(f"{index_url}: the package index is larger than {MAX_INDEX_BYTES // (1024 * 1024)} MB; "
                         "not an Argos package index")
    try:
        index = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{index_url}: the package index is not valid JSON ({exc})") from exc
    if not isinstance(index, list):
        raise ModelError(f"{index_url}: the package index is not a JSON list of packages")
    return [e for e in index if isinstance(e, dict) and e.get("type", "translate") == "translate"]


def _why(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    reason = getattr(exc, "reason", None)
    return str(reason or exc)


def _newest(index: list[dict[str, Any]], from_code: str, to_code: str) -> dict[str, Any] | None:
    matching = [e for e in index if e.get("from_code") == from_code and e.get("to_code") == to_code
                and e.get("links")]
    return max(matching, key=lambda e: _version_key(str(e.get("package_version", "0"))),
               default=None)


def choose_packages(index: list[dict[str, Any]], from_code: str = "zh", to_code: str = "ko",
                    index_url: str = "the index") -> list[dict[str, Any]]:
    """A direct package if the index has one, else the two legs of a pivot via English."""
    direct = _newest(index, from_code, to_code)
    if direct is not None:
        return [direct]
    legs = [_newest(index, from_code, PIVOT), _newest(index, PIVOT, to_code)]
    if all(legs):
        return legs  # type: ignore[return-value]
    raise ModelError(
        f"{index_url} has no {from_code}→{to_code} package and no {from_code}→{PIVOT} + "
        f"{PIVOT}→{to_code} pair; install a package file with `zhko models install FILE.argosmodel`"
    )


def install_from_index(
    index_url: str | None = None,
    pairs: list[tuple[str, str]] | None = None,
    packages_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> list[PackageInfo]:
    """Download and install what zh→ko needs from the Argos package index.

    ``pairs`` forces specific pairs (e.g. ``[("zh", "en")]``); by default a
    direct zh→ko package, else zh→en + en→ko. A pair already installed at the
    same or a newer version is not downloaded again. Returns the packages
    installed (or already present) for the chosen pairs.
    """
    url = index_url or default_index_url()
    index = fetch_index(url)
    if pairs:
        chosen = []
        for f, t in pairs:
            entry = _newest(index, f, t)
            if entry is None:
                raise ModelError(f"{url} has no {f}→{t} package")
            chosen.append(entry)
    else:
        chosen = choose_packages(index, index_url=url)
    root = resolve_packages_dir(packages_dir)
    root.mkdir(parents=True, exist_ok=True)
    return [_install_entry(entry, root, progress) for entry in chosen]


def _install_entry(entry: dict[str, Any], root: Path, progress: Progress | None) -> PackageInfo:
    f, t, version = entry["from_code"], entry["to_code"], str(entry.get("package_version", "0"))
    for have in list_installed(root):
        if (have.from_code, have.to_code) == (f, t) and \
                _version_key(have.package_version) >= _version_key(version):
            return have
    label = f"{f}→{t} {version}"
    with tempfile.TemporaryDirectory(prefix=".zhko-download-", dir=root) as tmp:
        target = Path(tmp) / f"translate-{f}_{t}-{version.replace('.', '_')}.argosmodel"
        _download_any(list(entry["links"]), target, label, progress)
        return install_from_file(target, root)


def _download_any(links: list[str], target: Path, label: str, progress: Progress | None) -> None:
    """Try each mirror in turn; ModelError with every failure if none works."""
    failures, offline = [], False
    for link in links:
        try:
            _download(link, target, label, progress)
            return
        except urllib.error.HTTPError as exc:  # the server answered: not offline
            failures.append(f"{link}: {_why(exc)}")
        except (urllib.error.URLError, OSError) as exc:
            failures.append(f"{link}: {_why(exc)}")
            offline = True
    hint = OFFLINE_HINT if offline else (
        "the index may be out of date; a package file can be installed with "
        "`zhko models install FILE.argosmodel`")
    raise ModelError(f"cannot download {label} ({'; '.join(failures) or 'no links'}): {hint}")


def _download(url: str, target: Path, label: str, progress: Progress | None) -> None:
    from pipeline.limits import max_bytes, too_large

    limit = max_bytes("model_package")
    req = urllib.request.Request(url, headers={"User-Agent": "zhko"})
    with urllib.request.urlopen(req, timeout=TIMEOUT) as resp, open(target, "wb") as out:
        total = resp.headers.get("Content-Length")
        total_n = int(total) if total and total.isdigit() else None
        if total_n is not None and total_n > limit:
            raise ModelError(str(too_large(url, total_n, "model_package")))
        done = 0
        if progress:
            progress(0, total_n, label)
        while chunk := resp.read(1 << 16):
            done += len(chunk)
            if done > limit:  # no or a lying Content-Length: stop at the limit, not at a full disk
                raise ModelError(str(too_large(url, done, "model_package")))
            out.write(chunk)
            if progress:
                progress(done, total_n, label)
    if total_n is not None and done != total_n:
        raise OSError(f"download cut short: {done} of {total_n} bytes")
