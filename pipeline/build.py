"""Building a batch: the one fixed pipeline, run over many articles.

Configuration is checked up front (the glossary is linted, a translation route
is found, the output folder is writable) so a broken setup fails before any
work is done. Then every article is read on its own, and a bad file only costs
that file: it becomes one line in the :class:`~pipeline.report.Report` while
the rest of the batch goes on. The same holds for a bug that only one
article's text triggers in translation, post-editing or rendering.

All new segments of the batch are translated together (batched decoding across
articles, identical sentences decoded once); segments whose translation is
already in the translation memory are not decoded again; articles whose
outputs are up to date are not re-rendered.

Interruptions (kill -9, power loss) are safe: every output file is written
atomically, the translation memory commits whole batches, and the temporary
``.*.part`` files a killed run leaves behind are removed by the next build —
only when no other build is using the folder (an advisory lock says so).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from pipeline import errors
from pipeline.context import BuildContext, BuildOptions
from pipeline.model import Article, Segment
from pipeline.outputs import article_dir, umask, write_atomic
from pipeline.progress import Progress
from pipeline.render.writers import RenderJob, index_links, output_paths, selected_formats, write_outputs
from pipeline.report import Report, article_report

if TYPE_CHECKING:
    from pipeline.cache import TranslationMemory
    from pipeline.desk.overlay import HumanReport
    from pipeline.glossary.load import Glossary, Match
    from pipeline.korean.names import NameSpan
    from pipeline.translate.base import Translator

__all__ = ["BuildContext", "BuildOptions", "build", "collect_inputs", "finish_article",
           "read_articles", "render_articles", "render_one", "translate_articles"]

#: File extensions ``build`` picks up when given a folder.
INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

#: Distinct sentences per translation call. The whole run's new sentences are
#: sorted by length first, so each call holds similar lengths (CTranslate2
#: pads a sub-batch to its longest source) whatever article they come from.
#: Small enough for a progress display that moves and for a killed run to
#: lose little work: each chunk is committed to the translation memory.
TRANSLATE_CHUNK = 128

#: Lock file in the output folder; held shared by every running build.
LOCK_NAME = ".zhko-build.lock"

#: A render worker is replaced after this many articles, so whatever
#: WeasyPrint caches or leaks cannot grow with the size of the batch.
RENDER_TASKS_PER_CHILD = 25

#: Signature fields that do not go into an article's up-to-date fingerprint:
#: the glossary hash (an edit to one entry must only re-render the articles
#: whose translation it changed; those change through their ``terms``) and the
#: batch-wide set of OpenCC configs (each article records its own).
_NOT_FINGERPRINTED = ("glossary", "opencc", "short")


def collect_inputs(paths: Iterable[str | os.PathLike[str]],
                   skipped: list[Path] | None = None,
                   missing: list[Path] | None = None) -> list[Path]:
    """Expand folders to the articles in them (sorted).

    Files in a folder that are not articles (other extensions) are left out and,
    when ``skipped`` is given, appended to it so the user hears about them; a
    file named explicitly is always read (and fails with a clear reason). A
    path that does not exist is appended to ``missing`` when it is given (the
    build reports it and goes on with the rest), else it is an error.
    """
    paths = list(paths)
    found: list[Path] = []
    gone: list[Path] = []
    for raw in paths:
        if not str(raw).strip():
            raise errors.InputError("''", "an empty path is not an article or folder")
        p = Path(raw)
        if p.is_dir():
            files = sorted(q for q in p.iterdir() if q.is_file() and not q.name.startswith("."))
            found += [q for q in files if q.suffix.lower() in INPUT_SUFFIXES]
            if skipped is not None:
                skipped += [q for q in files if q.suffix.lower() not in INPUT_SUFFIXES]
        elif p.exists() or p.is_symlink():
            found.append(p)  # whatever it is, reading it says what is wrong
        elif missing is None:
            raise errors.InputError(str(p), "no such file or folder")
        else:
            gone.append(p)
    if not found:
        where = gone[0] if len(gone) == 1 else (", ".join(map(str, paths)) or ".")
        why = "no such file or folder" if len(gone) == 1 else "no articles found (.txt, .md, .html)"
        raise errors.InputError(str(where), why)
    if missing is not None:
        missing += gone
    return found


def build(paths: Iterable[str | os.PathLike[str]], options: BuildOptions,
          progress: Progress | None = None) -> Report:
    """Build every article in ``paths`` into ``options.out_dir``.

    Articles whose inputs, glossary, options, templates and engine are what
    their outputs were built from are not even read (:mod:`pipeline.uptodate`);
    when that is all of them, neither the glossary nor jieba is loaded.
    """
    from dataclasses import replace

    from pipeline.limits import Limits
    from pipeline.translate.engines import make_translator

    progress = progress or Progress(quiet=True)
    options.limits = options.limits or Limits.from_env()
    skipped: list[Path] = []
    missing: list[Path] = []
    inputs = collect_inputs(paths, skipped, missing)
    choice = options.engine
    translator: Translator = make_translator(
        replace(choice, threads=choice.threads or max(1, options.jobs)))
    check = _UpToDate(inputs, options, translator)
    glossary: Glossary | None = None
    if check.stale:  # lint before touching output
        from pipeline.glossary import load_glossary

        glossary = load_glossary(options.glossary_dir, limits=options.limits)
    lock = prepare_output(options.out_dir)
    report = Report(strict=options.strict)
    try:
        report.prompted = hasattr(translator, "translate_prompted")
        name, why = getattr(translator, "name", ""), getattr(translator, "reason", "")
        if name:
            sig = check.engine
            report.engine = (f"engine: {name} ({sig.get('route', '?')}, {sig.get('device', 'cpu')}"
                             f"{', ' + why if why else ''})")
        for path in skipped:
            report.warn(f"{path}: skipped, not an article (expected .txt, .md, .html)")
        for path in missing:
            report.failed(str(path), f"{path}: no such file or folder")
        for warning in glossary.warnings if glossary is not None else ():
            report.warn(f"glossary: {warning}")
        if glossary is None:
            check.finish_unchanged(report, progress)
            return report
        ctx = BuildContext(options=options, translator=translator, glossary=glossary,
                           report=report, progress=progress)
        try:
            articles = read_articles(check.stale, ctx, reserved=check.slugs())
            human = apply_desk(articles, ctx)
            ctx.signature = _signature(ctx, articles, check.opencc_configs())
            ctx.tm = _open_cache(ctx)
            articles = translate_articles(articles, ctx)
            articles = finish_articles(articles, ctx)
            release_for_rendering(ctx)
            built = render_articles(articles, ctx, unchanged=check.unchanged_items(report))
        finally:
            if ctx.tm is not None:
                ctx.tm.close()
        check.save(built, ctx, human.keys)
    finally:
        progress.close()
        os.close(lock)
    return report


class _UpToDate:
    """Which inputs are up to date before any is read (see :mod:`pipeline.uptodate`)."""

    def __init__(self, inputs: list[Path], options: BuildOptions, translator: Translator):
        from pipeline.glossary.files import glossary_files
        from pipeline.korean.rules import RULES_VERSION
        from pipeline.signature import zhko_version
        from pipeline.limits import Limits, read_bounded
        from pipeline.uptodate import Manifest, batch_key, files_digest, input_key, packages_stamp

        limits = options.limits or Limits.from_env()
        self.options = options
        self.engine = translator.signature()
        self.formats = selected_formats(options)
        candidate = getattr(translator, "candidate", None)
        self.batch = batch_key(
            engine=self.engine,
            engine_files=packages_stamp(p.path for p in candidate.route.packages) if candidate else "",
            glossary_digest=files_digest(glossary_files(options.glossary_dir), limit=limits.glossary_bytes),
            templates_digest=_templates_hash(options.templates_dir),
            options={"korean_style": options.korean_style, "opencc": options.opencc_config,
                     "names": options.names, "formats": list(self.formats)},
            rules_version=RULES_VERSION, zhko_version=zhko_version())
        self.keys: dict[Path, str] = {}
        for path in inputs:
            try:
                data = read_bounded(path, limits.article_bytes)
            except (OSError, errors.ZhkoError):
                continue  # unreadable, not a regular file, too large: the reader reports it
            self.keys[path] = input_key(data, self.batch)
        self.manifest = Manifest(options.out_dir)
        # --no-cache: every article is read and translated again; --final: the
        # desk's approvals are checked on every article, every time. The desk
        # is checked per article (its own rows and the memory entries of its
        # sentences), not as a whole: an edit re-reads one article.
        self.fresh = self.manifest.fresh(self.keys) if options.use_cache and not options.final else {}
        self.fresh = self.manifest.desk_unchanged(self.fresh) if self.fresh else {}
        self.stale = [p for p in inputs if p not in self.fresh]

    def slugs(self) -> set[str]:
        """Slugs of the up-to-date articles: a re-read article must not take one."""
        return {r.slug for r in self.fresh.values()}

    def opencc_configs(self) -> set[str]:
        return {r.opencc for r in self.fresh.values()}

    def unchanged_items(self, report: Report) -> list[dict[str, Any]]:
        """The index rows of the up-to-date articles, counted in the report."""
        for rec in self.fresh.values():
            counts = rec.item.get("counts") or {}
            report.done({"counts": counts}, reused=True)
            report.unread += int(counts.get("segments", 0))
            report.human += int(rec.item.get("human") or 0)
        return [r.item for r in self.fresh.values()]

    def finish_unchanged(self, report: Report, progress: Progress) -> None:
        """Everything is up to date: count it and make sure the index lists this batch."""
        from pipeline.korean.rules import RULES_VERSION
        from pipeline.signature import run_signature

        progress.phase("up to date", len(self.fresh), unit="articles")
        items = self.unchanged_items(report)
        progress.advance(len(items))
        glossary_hashes = {r.glossary_hash for r in self.fresh.values()}
        signature = run_signature(translator=self.engine, glossary_hash=min(glossary_hashes, default=""),
                                  opencc_configs=self.opencc_configs(),
                                  korean_style=self.options.korean_style, rules_version=RULES_VERSION)
        index = Path(self.options.out_dir) / "index.html"
        digest = _index_digest(items, signature)
        if index.is_file() and digest == self.manifest.index_digest:
            return
        try:
            _write_index(items, signature, self.options)
            self.manifest.index_digest = digest
            self.manifest.save()
        except errors.ZhkoError as exc:
            report.failed(str(index), str(exc))

    def save(self, built: dict[str, dict[str, Any]], ctx: BuildContext,
             desk: dict[str, tuple[str, list[str]]]) -> None:
        """Record what this build produced (``desk``: slug → its desk key and
        sentence hashes, from the overlay); failed inputs are forgotten."""
        failed = {path for path, _ in ctx.report.failures}
        by_path = {item["path"]: item for item in built.values()}
        for path, key in self.keys.items():
            if path in self.fresh:
                continue
            item = by_path.get(str(path))
            if item is None or str(path) in failed:
                self.manifest.forget(path)
            else:
                self.manifest.record(path, key, item, glossary_hash=ctx.glossary.hash,
                                     desk=desk.get(str(item["slug"])))
        everything = list(by_path.values()) + [r.item for r in self.fresh.values()]
        self.manifest.index_digest = "" if failed else _index_digest(everything, ctx.signature)
        try:
            self.manifest.save()
        except errors.ZhkoError as exc:
            ctx.report.warn(f"up-to-date record not written (the next build reads every article): {exc}")


def _index_digest(items: list[dict[str, Any]], signature: dict[str, Any]) -> str:
    blob = json.dumps([sorted(items, key=lambda i: str(i.get("path"))), signature.get("short")],
                      ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


# -- the output folder ---------------------------------------------------------

def prepare_output(out_dir: str | os.PathLike[str]) -> int:
    """Check the output folder, take the build lock, clean stale temp files.

    Returns the lock's file descriptor (the caller closes it at the end). The
    lock is shared between concurrent builds; only a build that finds the
    folder idle (exclusive lock granted) removes ``.*.part`` files, since in a
    busy folder they may be another build's files being written right now.
    """
    import fcntl

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise errors.ZhkoError(f"{out}: output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise errors.ZhkoError(f"{out}: cannot write output folder: {exc.strerror or exc}") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # another build is running here: leave its files alone
        fcntl.flock(fd, fcntl.LOCK_SH)
        return fd
    clean_stale_parts(out)
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def clean_stale_parts(out: Path) -> int:
    """Remove ``.*.part`` temp files a killed run left (folder and article folders)."""
    removed = 0
    for pattern in (".*.part", "*/.*.part"):
        for p in out.glob(pattern):
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
    return removed


# -- reading -------------------------------------------------------------------

def read_articles(inputs: list[Path], ctx: BuildContext, reserved: Iterable[str] = ()) -> list[Article]:
    """Ingest, normalize and segment each input; failures go to the report.
    ``reserved``: slugs already taken (by up-to-date articles not read)."""
    from pipeline.ingest import read_article
    from pipeline.normalize import normalize_article
    from pipeline.segment import make_slug, segment_article

    options, report, progress = ctx.options, ctx.report, ctx.progress
    progress.phase("reading", len(inputs), unit="articles")
    articles: list[Article] = []
    slugs: set[str] = set(reserved)
    for path in inputs:
        try:
            raw = normalize_article(read_article(path, opencc_config=options.opencc_config,
                                                 limits=options.limits))
            for warning in raw.warnings:
                report.warn(warning)
            slug = _claim_slug(make_slug(raw), slugs, path, options.out_dir, report)
            articles.append(segment_article(raw, slug=slug))
        except errors.ModelError:
            raise
        except errors.ZhkoError as exc:
            _fail(ctx, path, _with_path(path, exc))
        except (MemoryError, RecursionError) as exc:  # what the limits did not catch
            _fail(ctx, path, f"{path}: too large or too deeply nested to read "
                             f"({type(exc).__name__}); the rest of the batch is built")
        except Exception as exc:  # a bug must not take the batch down
            _fail(ctx, path, f"{path}: {_internal(exc)}", tb=True)
        progress.advance()
    return articles


def _with_path(path: Path, exc: errors.ZhkoError) -> str:
    """The message, naming the file if the error itself does not."""
    text = str(exc)
    return text if str(path) in text else f"{path}: {text}"


#: In each article folder: the absolute path of the source file it belongs to.
OWNER_NAME = ".zhko-source"


def _claim_slug(slug: str, seen: set[str], path: Path, out_dir: Path, report: Report) -> str:
    """The slug (= output folder) this source file writes to, claimed for it.

    Two inputs with the same slug must not overwrite each other's outputs: in
    one batch the second gets ``-2``, the third ``-3``. Across batches into the
    same output folder, each article folder records the source file it belongs
    to (``OWNER_NAME``); ``in2/A_B.TXT`` arriving after ``in1/a-b.txt`` gets
    ``a-b-2`` and a warning instead of silently replacing the first article.
    Chosen before segmentation, so the segment ids carry it from the start.
    """
    source = str(Path(path).resolve())
    n, unique = 2, slug
    while unique in seen or _owner_of(article_dir(out_dir, unique), unique) not in (None, source):
        unique, n = f"{slug}-{n}", n + 1
    seen.add(unique)
    folder = article_dir(out_dir, slug)
    owner = _owner_of(folder, slug)
    if unique != slug and owner not in (None, source):
        report.warn(f"{path}: {folder}/ holds the edition of another source file ({owner}); "
                    f"this article is written to {article_dir(out_dir, unique)}/")
    if _owner_of(article_dir(out_dir, unique), unique) != source or \
            not (article_dir(out_dir, unique) / OWNER_NAME).is_file():
        _write_owner(article_dir(out_dir, unique), source)
    return unique


def _write_owner(folder: Path, source: str) -> None:
    """Write the owner record atomically (temp file + rename). Not through
    :func:`write_atomic`: its ``.part`` files mean "an output is being
    rendered", and this is written while the batch is still being read."""
    import tempfile

    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A name of its own per writer: two builds of one batch into one
        # folder both write this record, and a shared temporary name let one
        # rename the other's file away (ENOENT).
        fd, tmp = tempfile.mkstemp(prefix=OWNER_NAME + ".", suffix=".tmp", dir=folder)
        try:
            os.write(fd, (source + "\n").encode("utf-8"))
        finally:
            os.close(fd)
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, folder / OWNER_NAME)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise errors.ZhkoError(f"{folder}: cannot write output folder: {exc.strerror or exc}") from exc


def _owner_of(folder: Path, slug: str) -> str | None:
    """The source file an article folder belongs to, or None when it is free.

    A folder from before owners were recorded belongs to the path in its JSON
    (resolved from the current folder, the way it was given)."""
    marker = folder / OWNER_NAME
    try:
        if marker.is_file() and not marker.is_symlink():
            return marker.read_text(encoding="utf-8", errors="replace")[:4096].strip() or None
        legacy = folder / f"{slug}.json"
        if legacy.is_file() and legacy.stat().st_size < 64 * 1024 * 1024:
            data = json.loads(legacy.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("path"), str):
                return str(Path(data["path"]).resolve())
    except (OSError, ValueError):
        return None
    return None


def apply_desk(articles: list[Article], ctx: BuildContext) -> HumanReport:
    """Human translations first (the desk's edits, then exact human-memory
    matches); they are never decoded. ``--final`` stops here, before any work,
    when an article is not approved. Returns what the overlay did, with each
    article's desk key for the up-to-date record."""
    from pipeline.desk.overlay import apply_human

    human = apply_human(articles, Path(ctx.options.out_dir), final=ctx.options.final)
    ctx.report.human = human.rows + human.memory
    if human.stale:
        ctx.report.warn(f"{human.stale} edited sentence(s) whose Chinese changed since: kept as 'stale' for the "
                    "editors (see the desk), machine text printed instead")
    return human


# -- translating ---------------------------------------------------------------

def _segment_names(zh: str) -> list[NameSpan]:
    """Person/place names detected in ``zh`` (the glossary's matches are taken
    out after the article's name memory, :func:`pipeline.korean.names.remember_names`)."""
    from pipeline.korean.names import detect_names

    return detect_names(zh)


def _segment_key(seg: Segment, matches: list[Match], names: list[NameSpan], base: dict[str, Any]) -> str:
    """Everything that determines this segment's translation, hashed."""
    from pipeline.cache import TranslationMemory

    ctx = dict(base)
    ctx["chunks"] = seg.chunks
    ctx["terms"] = [[m.start, m.end, m.entry.key, m.entry.ko, m.entry.status] for m in matches]
    ctx["names"] = [[n.start, n.end, getattr(n, "ko", "")] for n in names]
    return TranslationMemory.key(seg.zh, ctx)


class _Plan:
    """The batch's segments grouped by translation key (identical sentences —
    datelines, boilerplate, a pasted-twice paragraph — are decoded once)."""

    def __init__(self, articles: list[Article], ctx: BuildContext):
        glossary, options, progress = ctx.glossary, ctx.options, ctx.progress
        base = {"translator": ctx.signature["translator"], "enforce": 1}
        names_of: dict[str, list[NameSpan]] = {}
        matches_of: dict[str, list[Match]] = {}
        key_of: dict[tuple[Any, ...], str] = {}
        self.names: dict[str, list[NameSpan]] = {}
        self.matches: dict[str, list[Match]] = {}  # segment id → its sentence's glossary matches
        self.groups: dict[str, list[Segment]] = {}
        self.owner: dict[str, Article] = {}
        for art in articles:
            segs = list(art.segments())
            zhs = list(dict.fromkeys(seg.zh for seg in segs if not seg.is_human))
            for zh in zhs:
                if zh not in matches_of:
                    matches_of[zh] = glossary.find(zh)
                    names_of[zh] = _segment_names(zh) if options.names else []
            # article-level name memory: a person named once with evidence is found in the
            # article's other sentences too (names differ by article, so they join the memo key)
            article_names: dict[str, list[NameSpan]] = {}
            if options.names:
                from pipeline.glossary.match import names_outside
                from pipeline.korean.names import remember_names

                remembered = remember_names(zhs, [list(names_of[zh]) for zh in zhs])
                article_names = {zh: names_outside(matches_of[zh], spans) for zh, spans in zip(zhs, remembered)}
            for seg in segs:
                if seg.is_human:  # an editor's or the human memory's text: never decoded
                    progress.advance()
                    continue
                seg_names = article_names.get(seg.zh, [])
                memo = (seg.zh, tuple(seg.chunks or ()), tuple((n.start, n.end, n.kind) for n in seg_names))
                if memo not in key_of:
                    key_of[memo] = _segment_key(seg, matches_of[seg.zh], seg_names, base)
                self.names[seg.id] = seg_names
                self.matches[seg.id] = matches_of[seg.zh]
                self.groups.setdefault(key_of[memo], []).append(seg)
                self.owner[seg.id] = art
                progress.advance()

    def translate(self, segs: list[Segment], ctx: BuildContext) -> None:
        """Enforced translation of ``segs`` with the glossary matches and
        detected names computed here, once per distinct sentence."""
        from pipeline.glossary import translate_segments

        translate_segments(segs, ctx.translator, ctx.glossary,
                           names={s.id: self.names[s.id] for s in segs},
                           matches={s.id: self.matches[s.id] for s in segs})

    def fan_out(self, key: str) -> None:
        """Copy the first segment's translation to its identical siblings."""
        first, *rest = self.groups[key]
        for seg in rest:
            _apply_cached(seg, _to_cache(first))


def translate_articles(articles: list[Article], ctx: BuildContext) -> list[Article]:
    """Translate every segment of the batch, reusing the translation memory.

    Steps: plan (group identical sentences under one translation key), take
    what the translation memory has, decode the rest in length-sorted chunks
    (each chunk committed to the memory as soon as it is done), copy each
    result to the key's identical segments.

    Returns the articles that were translated; an article whose text makes the
    translation stage crash is reported as failed and dropped.
    """
    report, progress = ctx.report, ctx.progress
    progress.phase("preparing", sum(len(list(a.segments())) for a in articles), unit="segments")
    plan = _Plan(articles, ctx)
    failed: set[str] = set()
    cached = _cache_get(ctx, list(plan.groups))
    todo: list[str] = []
    for key, segs in plan.groups.items():
        if key in cached:
            for seg in segs:
                _apply_cached(seg, cached[key])
            report.cache_hits += len(segs)
        else:
            todo.append(key)
    todo.sort(key=lambda k: (len(plan.groups[k][0].zh), k))
    progress.phase("translating", sum(len(plan.groups[k]) for k in todo), unit="segments")
    progress.set_extra(f"{report.cache_hits} from cache")
    for i in range(0, len(todo), TRANSLATE_CHUNK):
        keys = todo[i:i + TRANSLATE_CHUNK]
        done = _translate_keys(keys, plan, ctx, failed)
        if done:
            _cache_put(ctx, {k: _to_cache(plan.groups[k][0]) for k in done})
        progress.advance(sum(len(plan.groups[k]) for k in keys))
    if cached:
        _cache_touch(ctx, list(cached))
    return [a for a in articles if a.slug not in failed]


def _translate_keys(keys: list[str], plan: _Plan, ctx: BuildContext, failed: set[str]) -> list[str]:
    """Decode one chunk of keys in one batched call; returns the keys translated.

    If the batch crashes (a bug triggered by some text), each article's share is
    retried alone, so only the article(s) that trigger it fail.
    """
    firsts = [plan.groups[k][0] for k in keys]
    try:
        plan.translate(firsts, ctx)
        done = list(keys)
    except errors.ModelError:
        raise  # a broken model breaks every article: stop with exit code 3
    except Exception:
        done = _translate_per_article(keys, plan, ctx, failed)
    for k in done:
        plan.fan_out(k)
        ctx.report.decoded += 1
        ctx.report.repeated += len(plan.groups[k]) - 1
    return done


def _translate_per_article(keys: list[str], plan: _Plan, ctx: BuildContext, failed: set[str]) -> list[str]:
    by_article: dict[str, list[str]] = {}
    for k in keys:
        by_article.setdefault(plan.owner[plan.groups[k][0].id].slug, []).append(k)
    done: list[str] = []
    for slug, ks in by_article.items():
        firsts = [plan.groups[k][0] for k in ks]
        try:
            plan.translate(firsts, ctx)
            done += ks
        except errors.ModelError:
            raise
        except Exception as exc:
            art = plan.owner[firsts[0].id]
            failed.add(slug)
            _fail(ctx, art.path, f"{art.path}: translation: {_internal(exc)}", tb=True)
    return done


def _open_cache(ctx: BuildContext) -> TranslationMemory | None:
    """The translation memory, or None (``--no-cache``, or it cannot be opened:
    it is only a cache, so the build goes on without it and says so)."""
    if not ctx.options.use_cache:
        return None
    from pipeline.cache import TranslationMemory, resolve_cache_path

    path = resolve_cache_path(ctx.options.cache_path, ctx.options.out_dir)
    try:
        return TranslationMemory(path)
    except errors.ZhkoError as exc:
        ctx.report.warn(f"translation memory not used: {exc}")
        return None


def _cache_get(ctx: BuildContext, keys: list[str]) -> dict[str, dict[str, Any]]:
    """The usable hits. A row that is not JSON or lacks what :func:`_apply_cached`
    needs (a damaged or foreign row) is a miss with one warning: it costs a
    re-translation, which then overwrites it, never the build."""
    tm = ctx.tm
    if tm is None:
        return {}
    try:
        found = tm.get_many(keys)
    except errors.ZhkoError as exc:
        ctx.report.warn(f"translation memory not used: {exc}")
        return {}
    good = {k: v for k, v in found.items() if _usable_hit(v)}
    bad = len(tm.bad_rows) + len(found) - len(good)
    if bad:
        ctx.report.warn(f"{tm.path}: {bad} unreadable translation-memory row{'s' if bad != 1 else ''} "
                        "(not JSON, or missing fields) ignored; those sentences are translated again")
    return good


def _usable_hit(hit: Any) -> bool:
    """True when :func:`_apply_cached` can apply ``hit`` (tried on a scratch segment)."""
    from pipeline.model import Segment

    seg = Segment(id="check/p1/s1", zh="")
    try:
        _apply_cached(seg, hit)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return isinstance(seg.ko_raw, str) and isinstance(seg.ko, str) and all(
        isinstance(t.zh, str) and isinstance(t.ko, str) and type(t.start) is int and type(t.end) is int
        for t in seg.terms) and all(isinstance(f.check, str) and isinstance(f.severity, str) for f in seg.findings)


def _cache_put(ctx: BuildContext, items: dict[str, dict[str, Any]]) -> None:
    """Store a chunk; on failure (disk full, read-only) stop caching, keep building."""
    if ctx.tm is None:
        return
    try:
        ctx.tm.put_many(items, signature=ctx.signature["short"])
    except errors.ZhkoError as exc:
        ctx.report.warn(f"translation memory not updated: {exc}")
        ctx.tm.close()
        ctx.tm = None


def _cache_touch(ctx: BuildContext, keys: list[str]) -> None:
    if ctx.tm is None:
        return
    try:
        ctx.tm.touch(keys)
    except errors.ZhkoError as exc:
        ctx.report.warn(f"translation memory not updated: {exc}")


def _to_cache(seg: Segment) -> dict[str, Any]:
    """What enforcement produced for ``seg``. Findings are stored without their
    segment id: the same sentence may come back under another id."""
    findings = [{"check": f.check, "severity": f.severity, "message": f.message} for f in seg.findings]
    return {"ko_raw": seg.ko_raw, "ko": seg.ko, "terms": [t.to_dict() for t in seg.terms],
            "findings": findings}


def _apply_cached(seg: Segment, hit: dict[str, Any]) -> None:
    from pipeline.model import Finding, TermHit

    seg.ko_raw, seg.ko = hit["ko_raw"], hit["ko"]
    seg.terms = [TermHit(**t) for t in hit["terms"]]
    seg.findings = [Finding(f["check"], f["severity"], f["message"], segment=seg.id)
                    for f in hit.get("findings", [])]


# -- post-editing and QA -------------------------------------------------------

def finish_articles(articles: list[Article], ctx: BuildContext) -> list[Article]:
    """Post-edit and check every article; returns those that did not crash."""
    ctx.progress.phase("checking", sum(sum(1 for _ in a.segments()) for a in articles), unit="segments")
    memo: dict[Any, Any] = {}
    return [a for a in articles if _finish_safely(a, ctx, memo)]


def finish_article(article: Article, options: BuildOptions, glossary: Glossary | None = None,
                   memo: dict[Any, Any] | None = None) -> None:
    """Stray-character cleaning, Yanbian-norm post-editing (terms left
    untouched), then QA checks. Run once, on freshly translated segments.

    With ``glossary``, QA also re-checks forbidden renderings after
    post-editing (a rule must never bring one back).
    ``memo`` (shared across a batch) post-edits a repeated sentence once: the
    result depends only on its Chinese, its Korean and its terms' Korean.
    """
    import copy

    from pipeline.desk.overlay import finish_human
    from pipeline.korean.style import postedit_segment
    from pipeline.qa import check_segment, clean_korean

    memo = {} if memo is None else memo
    for seg in article.segments():
        if seg.is_human:  # checked like machine text, never cleaned or rewritten
            finish_human(seg, glossary)
            continue
        seg.changes = []  # enforcement's findings (a forbidden rendering replaced) stay
        seg.findings += clean_korean(seg)
        if options.korean_style != "south":
            key = (seg.zh, seg.ko, tuple(t.ko for t in seg.terms))
            if key not in memo:
                postedit_segment(seg, protected=tuple({t.ko for t in seg.terms if t.ko}))
                memo[key] = (seg.ko, seg.changes)
            else:
                seg.ko, seg.changes = memo[key][0], [copy.copy(c) for c in memo[key][1]]
        seg.findings += check_segment(seg, glossary)


def _finish_safely(article: Article, ctx: BuildContext, memo: dict[Any, Any]) -> bool:
    try:
        finish_article(article, ctx.options, ctx.glossary, memo)
        ctx.progress.advance(sum(1 for _ in article.segments()))
        return True
    except Exception as exc:
        _fail(ctx, article.path, f"{article.path}: post-editing/QA: {_internal(exc)}", tb=True)
        return False


# -- rendering -----------------------------------------------------------------

def _signature(ctx: BuildContext, articles: list[Article], more_opencc: Iterable[str] = ()) -> dict[str, Any]:
    from pipeline.korean.rules import RULES_VERSION
    from pipeline.signature import run_signature

    return run_signature(
        translator=ctx.translator.signature(),
        glossary_hash=ctx.glossary.hash,
        opencc_configs={a.opencc_config for a in articles} | set(more_opencc),
        korean_style=ctx.options.korean_style,
        rules_version=RULES_VERSION,
    )


def _templates_hash(templates_dir: Path | None) -> str:
    from pipeline.resources import templates_path

    root = templates_path(templates_dir) if templates_dir else templates_path()
    h = hashlib.sha256()
    for p in sorted(root.iterdir()):  # the article templates, not templates/review/
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def render_articles(articles: list[Article], ctx: BuildContext,
                    unchanged: Iterable[dict[str, Any]] = ()) -> dict[str, dict[str, Any]]:
    """Write every format of each article that is not up to date, then the index.

    The formats are the table in :mod:`pipeline.render.writers`. With PDFs,
    articles are rendered in a pool of ``options.jobs`` worker processes;
    HTML alone is fast and stays in this process. ``unchanged``: index rows of
    articles found up to date before reading (listed, not rendered).
    Returns the index row of every article written or up to date, by slug.
    """
    options, report, progress = ctx.options, ctx.report, ctx.progress
    tpl = _templates_hash(options.templates_dir)
    formats = selected_formats(options)
    jobs: list[tuple[Article, dict[str, Any], RenderJob]] = []
    for art in articles:
        rep = article_report(art, prompted=report.prompted)
        job = RenderJob(article=art, signature=ctx.signature, report=rep,
                        folder=article_dir(options.out_dir, art.slug), formats=formats,
                        templates_dir=str(options.templates_dir) if options.templates_dir else None)
        job.fingerprint = _fingerprint(job, tpl)
        jobs.append((art, rep, job))

    progress.phase("rendering", len(jobs), unit="articles")
    todo = [j for _, _, j in jobs if not _up_to_date(j)]
    reused = len(jobs) - len(todo)
    progress.set_extra(f"{reused} up to date")
    progress.advance(reused)
    results = _render_all(todo, options, progress)
    items = list(unchanged)
    ok: dict[str, dict[str, Any]] = {}
    for art, rep, job in jobs:
        was_reused = art.slug not in results
        err = results.get(art.slug)
        if err:
            _fail(ctx, art.path, err)
        else:
            report.done(rep, reused=was_reused)
            progress.detail(f"{art.path}: {'up to date' if was_reused else 'built'} → {job.folder}/")
        items.append(_index_item(art, rep, err, formats))
        if not err:
            ok[art.slug] = items[-1]
    for path, message in report.failures:
        if not any(i["path"] == path for i in items):
            items.append({"slug": None, "path": path, "title": Path(path).name, "title_ko": "",
                          "date": None, "source": None, "html": None, "files": [],
                          "counts": None, "error": message})
    try:
        _write_index(items, ctx.signature, options)
    except errors.ZhkoError as exc:
        _fail(ctx, Path(options.out_dir) / "index.html", str(exc))
    return ok


def _render_all(jobs: list[RenderJob], options: BuildOptions,
                progress: Progress) -> dict[str, str | None]:
    """slug → error message (None when fine) for every job."""
    results: dict[str, str | None] = {}
    if not (options.pdf and len(jobs) > 1 and options.jobs > 1):
        for job in jobs:
            results[job.article.slug] = render_one(job)
            progress.advance()
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: workers must not inherit the decoder's threads, the
    # models' memory or the build lock; they only need the renderer.
    mp = multiprocessing.get_context("spawn")
    workers = min(options.jobs, len(jobs))
    # A fresh pool per round of RENDER_TASKS_PER_CHILD articles per worker: what
    # WeasyPrint keeps between documents cannot grow with the batch.
    # (Not ``max_tasks_per_child``: on Python 3.11 the executor can hang when
    # it replaces a worker, CPython gh-115634.)
    step = workers * RENDER_TASKS_PER_CHILD
    for start in range(0, len(jobs), step):
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp) as pool, _stopped_on_interrupt(pool):
            futures = {pool.submit(render_one, j): j for j in jobs[start:start + step]}
            for fut in as_completed(futures):
                j = futures[fut]
                try:
                    results[j.article.slug] = fut.result()
                except BrokenProcessPool:
                    results[j.article.slug] = (f"{j.article.path}: the renderer process died "
                                               "(out of memory?); run the build again")
                except Exception as exc:
                    results[j.article.slug] = f"{j.article.path}: {_internal(exc)}"
                progress.advance()
    return results


@contextlib.contextmanager
def _stopped_on_interrupt(pool: Any) -> Iterator[None]:
    """On Ctrl+C, SIGTERM or SIGHUP (:class:`~pipeline.errors.Interrupted`),
    terminate the pool's workers instead of waiting for their documents, and
    cancel what is queued: no render worker outlives the build."""
    try:
        yield
    except BaseException:
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        raise


def _fingerprint(job: RenderJob, templates_hash: str) -> str:
    sig = {k: v for k, v in job.signature.items() if k not in _NOT_FINGERPRINTED}
    blob = json.dumps([job.article.to_dict(), sig, list(job.formats), templates_hash],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _up_to_date(job: RenderJob) -> bool:
    """True when this article's outputs exist and were made from the same inputs."""
    needed = output_paths(job.folder, job.article.slug, job.formats)
    if not all(p.is_file() for p in needed):
        return False
    try:
        old = json.loads(job.path("json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(old, dict) and old.get("fingerprint") == job.fingerprint


def render_one(job: RenderJob) -> str | None:
    """Write one article's files (every format of ``job``); returns an error
    message or None.

    A top-level function taking plain data, so it can run in a worker process.
    The JSON is written last: it carries the fingerprint that marks the other
    files as complete.
    """
    try:
        write_outputs(job)
    except errors.ZhkoError as exc:
        return f"{job.article.path}: {exc}"
    except Exception as exc:
        return f"{job.article.path}: {_internal(exc)}"
    finally:
        _release_memory()
    return None


def release_for_rendering(ctx: BuildContext) -> None:
    """Decoding, word segmentation and post-editing are done: free the loaded
    model(s) and jieba's tables (~100 MB of Python objects) before rendering,
    which needs neither (an HTML-only or one-job batch renders in this
    process, WeasyPrint included). Each is loaded again if used again."""
    from pipeline.zhwords import release

    free = getattr(ctx.translator, "release", None)
    if callable(free):
        free()
    release()
    _malloc_trim()


def _malloc_trim() -> None:
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)  # hand freed arenas back to the OS (glibc)
    except (OSError, AttributeError):
        pass


def _release_memory() -> None:
    """In a render worker, free each document's garbage before the next one.

    WeasyPrint leaves large reference cycles (layout boxes, font tables)
    behind; left to the generational GC, a worker's RSS climbs past 1 GB
    within a few documents, collected it stays near 70 MB (peak ~350 MB).
    Not in the main process: its heap (dictionaries, models) makes a full
    collection needlessly slow, and it renders only HTML-only batches.
    """
    import gc
    import multiprocessing

    if multiprocessing.parent_process() is None:
        return
    gc.collect()
    _malloc_trim()


def _index_item(art: Article, rep: dict[str, Any], err: str | None,
                formats: tuple[str, ...]) -> dict[str, Any]:
    return {
        "slug": art.slug, "path": art.path, "title": art.title, "title_ko": art.heading.ko,
        "date": art.date, "source": art.source,
        "html": f"{art.slug}/{art.slug}.html", "files": index_links(art.slug, formats),
        "counts": rep["counts"], "error": err, "opencc": art.opencc_config,
        "human": sum(1 for s in art.segments() if s.is_human),
    }


def _write_index(items: list[dict[str, Any]], signature: dict[str, Any], options: BuildOptions) -> None:
    from pipeline.render.html import render_index

    items = sorted(items, key=lambda i: (i.get("date") or "", i.get("slug") or ""), reverse=True)
    kw = {"templates_dir": options.templates_dir} if options.templates_dir else {}
    write_atomic(Path(options.out_dir) / "index.html", render_index(items, signature, **kw))


# -- failures ------------------------------------------------------------------

def _internal(exc: BaseException) -> str:
    return f"internal error ({type(exc).__name__}: {exc}); please report this with the file"


def _fail(ctx: BuildContext, path: str | os.PathLike[str], message: str, tb: bool = False) -> None:
    ctx.report.failed(str(path), message)
    if tb and ctx.progress.verbose:
        ctx.progress.note(traceback.format_exc())
