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

import hashlib
import json
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline import errors
from pipeline.model import Article, Segment
from pipeline.outputs import article_dir, write_atomic
from pipeline.progress import Progress
from pipeline.report import Report, article_report

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


@dataclass
class BuildOptions:
    out_dir: Path = Path("output")
    glossary_dir: Path = Path("glossaries")
    packages_dir: str | None = None
    beam_size: int = 4
    korean_style: str = "yanbian"  # or "south": no post-editing
    opencc_config: str | None = None  # None: per article (front matter) or t2s
    pdf: bool = True
    strict: bool = False
    #: print only approved articles: refuse (exit 5) unless every one is approved
    final: bool = False
    names: bool = True  # read names the glossary lacks (marked "proposed")
    cache_path: Path | None = None  # None: $ZHKO_CACHE or <out_dir>/.zhko-cache.sqlite3
    use_cache: bool = True
    #: worker processes for rendering and CPU threads for decoding
    jobs: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    templates_dir: Path | None = None


def collect_inputs(paths: Iterable[str | os.PathLike[str]],
                   skipped: list[Path] | None = None) -> list[Path]:
    """Expand folders to the articles in them (sorted); a missing path is an error.

    Files in a folder that are not articles (other extensions) are left out and,
    when ``skipped`` is given, appended to it so the user hears about them; a
    file named explicitly is always read (and fails with a clear reason).
    """
    paths = list(paths)
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(q for q in p.iterdir() if q.is_file() and not q.name.startswith("."))
            found += [q for q in files if q.suffix.lower() in INPUT_SUFFIXES]
            if skipped is not None:
                skipped += [q for q in files if q.suffix.lower() not in INPUT_SUFFIXES]
        elif p.exists():
            found.append(p)
        else:
            raise errors.InputError(str(p), "no such file or folder")
    if not found:
        raise errors.InputError(", ".join(map(str, paths)) or ".", "no articles found (.txt, .md, .html)")
    return found


def build(paths: Iterable[str | os.PathLike[str]], options: BuildOptions,
          progress: Progress | None = None) -> Report:
    """Build every article in ``paths`` into ``options.out_dir``."""
    from pipeline.glossary import load_glossary
    from pipeline.translate.argos import make_translator

    progress = progress or Progress(quiet=True)
    skipped: list[Path] = []
    inputs = collect_inputs(paths, skipped)
    glossary = load_glossary(options.glossary_dir)
    translator = make_translator(packages_dir=options.packages_dir, beam_size=options.beam_size,
                                 inter_threads=max(1, options.jobs))
    lock = prepare_output(options.out_dir)
    try:
        report = Report(strict=options.strict)
        for path in skipped:
            report.warn(f"{path}: skipped, not an article (expected .txt, .md, .html)")
        articles = read_articles(inputs, options, report, progress)
        _apply_human(articles, options, report)
        signature = _signature(translator, glossary, articles, options)
        articles = translate_articles(articles, translator, glossary, options, report, progress, signature)
        progress.phase("checking", sum(sum(1 for _ in a.segments()) for a in articles), unit="segments")
        memo: dict = {}
        articles = [a for a in articles if _finish_safely(a, options, glossary, report, progress, memo)]
        render_articles(articles, signature, options, report, progress)
    finally:
        progress.close()
        os.close(lock)
    return report


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

def read_articles(inputs: list[Path], options: BuildOptions, report: Report,
                  progress: Progress) -> list[Article]:
    """Ingest, normalize and segment each input; failures go to the report."""
    from pipeline.ingest import read_article
    from pipeline.normalize import normalize_article
    from pipeline.segment import make_slug, segment_article

    progress.phase("reading", len(inputs), unit="articles")
    articles: list[Article] = []
    slugs: set[str] = set()
    for path in inputs:
        try:
            raw = normalize_article(read_article(path, opencc_config=options.opencc_config))
            articles.append(segment_article(raw, slug=_unique_slug(make_slug(raw), slugs)))
        except errors.ModelError:
            raise
        except errors.ZhkoError as exc:
            _fail(report, progress, path, _with_path(path, exc))
        except Exception as exc:  # a bug must not take the batch down
            _fail(report, progress, path, f"{path}: {_internal(exc)}", tb=True)
        progress.advance()
    return articles


def _with_path(path: Path, exc: errors.ZhkoError) -> str:
    """The message, naming the file if the error itself does not."""
    text = str(exc)
    return text if str(path) in text else f"{path}: {text}"


def _unique_slug(slug: str, seen: set[str]) -> str:
    """Two inputs with the same slug must not overwrite each other's outputs:
    the second gets ``-2``, the third ``-3`` (chosen before segmentation, so the
    segment ids carry it from the start)."""
    n, unique = 2, slug
    while unique in seen:
        unique, n = f"{slug}-{n}", n + 1
    seen.add(unique)
    return unique


def _apply_human(articles: list[Article], options: BuildOptions, report: Report) -> None:
    """Human translations first (the desk's edits, then exact human-memory
    matches); they are never decoded. ``--final`` stops here, before any work,
    when an article is not approved."""
    from pipeline.desk.overlay import apply_human

    human = apply_human(articles, Path(options.out_dir), final=options.final)
    report.human = human.rows + human.memory
    if human.stale:
        report.warn(f"{human.stale} edited sentence(s) whose Chinese changed since: kept as 'stale' for the "
                    "editors (see the desk), machine text printed instead")


# -- translating ---------------------------------------------------------------

def _segment_names(zh: str, matches: list) -> list:
    """Person/place names in ``zh`` that no glossary match covers."""
    from pipeline.korean.names import detect_names

    covered = [(m.start, m.end) for m in matches]
    return [n for n in detect_names(zh)
            if not any(n.start < e and s < n.end for s, e in covered)]


def _segment_key(seg: Segment, matches: list, names: list, base: dict[str, Any]) -> str:
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

    def __init__(self, articles: list[Article], glossary: Any, options: BuildOptions,
                 signature: dict[str, Any], progress: Progress):
        base = {"translator": signature["translator"], "enforce": 1}
        names_of: dict[str, list] = {}
        matches_of: dict[str, list] = {}
        key_of: dict[tuple, str] = {}
        self.names: dict[str, list] = {}
        self.groups: dict[str, list[Segment]] = {}
        self.owner: dict[str, Article] = {}
        for art in articles:
            for seg in art.segments():
                if seg.is_human:  # an editor's or the human memory's text: never decoded
                    progress.advance()
                    continue
                if seg.zh not in names_of:
                    matches_of[seg.zh] = glossary.find(seg.zh)
                    names_of[seg.zh] = _segment_names(seg.zh, matches_of[seg.zh]) if options.names else []
                memo = (seg.zh, tuple(seg.chunks or ()))
                if memo not in key_of:
                    key_of[memo] = _segment_key(seg, matches_of[seg.zh], names_of[seg.zh], base)
                self.names[seg.id] = names_of[seg.zh]
                self.groups.setdefault(key_of[memo], []).append(seg)
                self.owner[seg.id] = art
                progress.advance()

    def fan_out(self, key: str) -> None:
        """Copy the first segment's translation to its identical siblings."""
        first, *rest = self.groups[key]
        for seg in rest:
            _apply_cached(seg, _to_cache(first))


def translate_articles(articles: list[Article], translator: Any, glossary: Any,
                       options: BuildOptions, report: Report, progress: Progress,
                       signature: dict[str, Any]) -> list[Article]:
    """Translate every segment of the batch, reusing the translation memory.

    Returns the articles that were translated; an article whose text makes the
    translation stage crash is reported as failed and dropped.
    """
    progress.phase("preparing", sum(len(list(a.segments())) for a in articles), unit="segments")
    plan = _Plan(articles, glossary, options, signature, progress)
    failed: set[str] = set()
    tm = _open_cache(options, report)
    try:
        cached = _cache_get(tm, list(plan.groups), report)
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
            done = _translate_keys(keys, plan, translator, glossary, report, progress, failed)
            if tm is not None and done:
                tm = _cache_put(tm, {k: _to_cache(plan.groups[k][0]) for k in done}, signature, report)
            progress.advance(sum(len(plan.groups[k]) for k in keys))
        if tm is not None and cached:
            _cache_touch(tm, list(cached), report)
    finally:
        if tm is not None:
            tm.close()
    return [a for a in articles if a.slug not in failed]


def _translate_keys(keys: list[str], plan: _Plan, translator: Any, glossary: Any, report: Report,
                    progress: Progress, failed: set[str]) -> list[str]:
    """Decode one chunk of keys in one batched call; returns the keys translated.

    If the batch crashes (a bug triggered by some text), each article's share is
    retried alone, so only the article(s) that trigger it fail.
    """
    from pipeline.glossary import translate_segments

    firsts = [plan.groups[k][0] for k in keys]
    try:
        translate_segments(firsts, translator, glossary, names={s.id: plan.names[s.id] for s in firsts})
        done = list(keys)
    except errors.ModelError:
        raise  # a broken model breaks every article: stop with exit code 3
    except Exception:
        done = _translate_per_article(keys, plan, translator, glossary, report, progress, failed)
    for k in done:
        plan.fan_out(k)
        report.decoded += 1
        report.repeated += len(plan.groups[k]) - 1
    return done


def _translate_per_article(keys: list[str], plan: _Plan, translator: Any, glossary: Any,
                           report: Report, progress: Progress, failed: set[str]) -> list[str]:
    from pipeline.glossary import translate_segments

    by_article: dict[str, list[str]] = {}
    for k in keys:
        by_article.setdefault(plan.owner[plan.groups[k][0].id].slug, []).append(k)
    done: list[str] = []
    for slug, ks in by_article.items():
        firsts = [plan.groups[k][0] for k in ks]
        try:
            translate_segments(firsts, translator, glossary, names={s.id: plan.names[s.id] for s in firsts})
            done += ks
        except errors.ModelError:
            raise
        except Exception as exc:
            art = plan.owner[firsts[0].id]
            failed.add(slug)
            _fail(report, progress, art.path, f"{art.path}: translation: {_internal(exc)}", tb=True)
    return done


def _open_cache(options: BuildOptions, report: Report):
    """The translation memory, or None (``--no-cache``, or it cannot be opened:
    it is only a cache, so the build goes on without it and says so)."""
    if not options.use_cache:
        return None
    from pipeline.cache import TranslationMemory, resolve_cache_path

    path = resolve_cache_path(options.cache_path, options.out_dir)
    try:
        return TranslationMemory(path)
    except errors.ZhkoError as exc:
        report.warn(f"translation memory not used: {exc}")
        return None


def _cache_get(tm: Any, keys: list[str], report: Report) -> dict[str, dict]:
    if tm is None:
        return {}
    try:
        return tm.get_many(keys)
    except errors.ZhkoError as exc:
        report.warn(f"translation memory not used: {exc}")
        return {}


def _cache_put(tm: Any, items: dict[str, dict], signature: dict[str, Any], report: Report):
    """Store a chunk; on failure (disk full, read-only) stop caching, keep building."""
    try:
        tm.put_many(items, signature=signature["short"])
        return tm
    except errors.ZhkoError as exc:
        report.warn(f"translation memory not updated: {exc}")
        tm.close()
        return None


def _cache_touch(tm: Any, keys: list[str], report: Report) -> None:
    try:
        tm.touch(keys)
    except errors.ZhkoError as exc:
        report.warn(f"translation memory not updated: {exc}")


def _to_cache(seg: Segment) -> dict[str, Any]:
    """What enforcement produced for ``seg``. Findings are stored without their
    ``<segment id>: `` prefix: the same sentence may come back under another id."""
    prefix = f"{seg.id}: "
    findings = [{**f.to_dict(), "message": f.message.removeprefix(prefix)} for f in seg.findings]
    return {"ko_raw": seg.ko_raw, "ko": seg.ko, "terms": [t.to_dict() for t in seg.terms],
            "findings": findings}


def _apply_cached(seg: Segment, hit: dict[str, Any]) -> None:
    from pipeline.model import Finding, TermHit

    seg.ko_raw, seg.ko = hit["ko_raw"], hit["ko"]
    seg.terms = [TermHit(**t) for t in hit["terms"]]
    seg.findings = [Finding(f["check"], f["severity"], f"{seg.id}: {f['message']}")
                    for f in hit.get("findings", [])]


# -- post-editing and QA -------------------------------------------------------

def finish_article(article: Article, options: BuildOptions, glossary: Any = None,
                   memo: dict | None = None) -> None:
    """Stray-character cleaning, Yanbian-norm post-editing (terms left
    untouched), then QA checks. Run once, on freshly translated segments.

    With ``glossary``, QA also re-checks forbidden renderings after
    post-editing (a rule must never bring one back).
    ``memo`` (shared across a batch) post-edits a repeated sentence once: the
    result depends only on its Chinese, its Korean and its terms' Korean.
    """
    import copy

    from pipeline.korean.style import postedit_segment
    from pipeline.qa import check_segment, clean_korean

    from pipeline.desk.overlay import finish_human

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


def _finish_safely(article: Article, options: BuildOptions, glossary: Any, report: Report,
                   progress: Progress, memo: dict) -> bool:
    try:
        finish_article(article, options, glossary, memo)
        progress.advance(sum(1 for _ in article.segments()))
        return True
    except Exception as exc:
        _fail(report, progress, article.path, f"{article.path}: post-editing/QA: {_internal(exc)}", tb=True)
        return False


# -- rendering -----------------------------------------------------------------

def _signature(translator: Any, glossary: Any, articles: list[Article],
               options: BuildOptions) -> dict[str, Any]:
    from pipeline.korean.style import RULES_VERSION
    from pipeline.signature import run_signature

    return run_signature(
        translator=translator.signature(),
        glossary_hash=glossary.hash,
        opencc_configs={a.opencc_config for a in articles},
        korean_style=options.korean_style,
        rules_version=RULES_VERSION,
    )


def _templates_hash(templates_dir: Path | None) -> str:
    from pipeline.render.html import templates_path

    root = templates_path(templates_dir) if templates_dir else templates_path()
    h = hashlib.sha256()
    for p in sorted(root.iterdir()):  # the article templates, not templates/review/
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def render_articles(articles: list[Article], signature: dict[str, Any], options: BuildOptions,
                    report: Report, progress: Progress) -> None:
    """Write HTML, PDF and JSON for each article that is not up to date, then the index.

    With PDFs, articles are rendered in a pool of ``options.jobs`` worker
    processes; HTML alone is fast and stays in this process.
    """
    tpl = _templates_hash(options.templates_dir)
    jobs = []
    for art in articles:
        rep = article_report(art)
        payload = {
            "article": art.to_dict(), "signature": signature, "report": rep,
            "out_dir": str(options.out_dir), "pdf": options.pdf,
            "templates_dir": str(options.templates_dir) if options.templates_dir else None,
        }
        payload["fingerprint"] = _fingerprint(payload, tpl)
        jobs.append((art, rep, payload))

    progress.phase("rendering", len(jobs), unit="articles")
    todo = [j for j in jobs if not _up_to_date(j[2])]
    reused = len(jobs) - len(todo)
    progress.set_extra(f"{reused} up to date")
    progress.advance(reused)
    results = _render_all([j[2] for j in todo], options, progress)
    items = []
    for art, rep, payload in jobs:
        was_reused = art.slug not in results
        err = results.get(art.slug)
        if err:
            _fail(report, progress, art.path, err)
        else:
            report.done(rep, reused=was_reused)
            progress.detail(f"{art.path}: {'up to date' if was_reused else 'built'} → "
                            f"{article_dir(options.out_dir, art.slug)}/")
        items.append(_index_item(art, rep, err))
    for path, message in report.failures:
        if not any(i["path"] == path for i in items):
            items.append({"slug": None, "path": path, "title": Path(path).name, "title_ko": "",
                          "date": None, "source": None, "html": None, "pdf": None,
                          "counts": None, "error": message})
    try:
        _write_index(items, signature, options)
    except errors.ZhkoError as exc:
        _fail(report, progress, Path(options.out_dir) / "index.html", str(exc))


def _render_all(payloads: list[dict[str, Any]], options: BuildOptions,
                progress: Progress) -> dict[str, str | None]:
    """slug → error message (None when fine) for every payload."""
    results: dict[str, str | None] = {}
    if not (options.pdf and len(payloads) > 1 and options.jobs > 1):
        for payload in payloads:
            results[payload["article"]["slug"]] = render_one(payload)
            progress.advance()
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: workers must not inherit the decoder's threads, the
    # models' memory or the build lock; they only need the renderer.
    ctx = multiprocessing.get_context("spawn")
    workers = min(options.jobs, len(payloads))
    # A fresh pool per round of RENDER_TASKS_PER_CHILD articles per worker: what
    # WeasyPrint keeps between documents cannot grow with the batch.
    # (Not ``max_tasks_per_child``: on Python 3.11 the executor can hang when
    # it replaces a worker, CPython gh-115634.)
    step = workers * RENDER_TASKS_PER_CHILD
    for start in range(0, len(payloads), step):
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futures = {pool.submit(render_one, p): p for p in payloads[start:start + step]}
            for fut in as_completed(futures):
                p = futures[fut]
                try:
                    results[p["article"]["slug"]] = fut.result()
                except BrokenProcessPool:
                    results[p["article"]["slug"]] = (f"{p['article']['path']}: the renderer process died "
                                                     "(out of memory?); run the build again")
                except Exception as exc:
                    results[p["article"]["slug"]] = f"{p['article']['path']}: {_internal(exc)}"
                progress.advance()
    return results


def _fingerprint(payload: dict[str, Any], templates_hash: str) -> str:
    sig = {k: v for k, v in payload["signature"].items() if k not in _NOT_FINGERPRINTED}
    blob = json.dumps([payload["article"], sig, payload["pdf"], templates_hash],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _up_to_date(payload: dict[str, Any]) -> bool:
    """True when this article's outputs exist and were made from the same inputs."""
    slug = payload["article"]["slug"]
    folder = article_dir(payload["out_dir"], slug)
    needed = [folder / f"{slug}.json", folder / f"{slug}.html"] + ([folder / f"{slug}.pdf"] if payload["pdf"] else [])
    if not all(p.is_file() for p in needed):
        return False
    try:
        old = json.loads(needed[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(old, dict) and old.get("fingerprint") == payload["fingerprint"]


def render_one(payload: dict[str, Any]) -> str | None:
    """Render one article's three files; returns an error message or None.

    A top-level function taking plain data, so it can run in a worker process.
    The JSON is written last: it carries the fingerprint that marks the other
    two files as complete.
    """
    from pipeline.render.html import render_article
    from pipeline.render.pdf import write_pdf

    article = Article.from_dict(payload["article"])
    sig, rep = payload["signature"], payload["report"]
    folder = article_dir(payload["out_dir"], article.slug)
    try:
        kw = {"templates_dir": payload["templates_dir"]} if payload.get("templates_dir") else {}
        html = render_article(article, sig, report=rep, **kw)
        write_atomic(folder / f"{article.slug}.html", html)
        if payload["pdf"]:
            printable = render_article(article, sig, report=None, for_print=True, **kw)
            write_pdf(printable, folder / f"{article.slug}.pdf", base_url=str(folder))
        data = {**article.to_dict(), "signature": sig, "report": rep, "fingerprint": payload["fingerprint"]}
        write_atomic(folder / f"{article.slug}.json", json.dumps(data, ensure_ascii=False, indent=1))
    except errors.ZhkoError as exc:
        return f"{article.path}: {exc}"
    except Exception as exc:
        return f"{article.path}: {_internal(exc)}"
    finally:
        _release_memory()
    return None


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
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)  # hand freed arenas back to the OS (glibc)
    except (OSError, AttributeError):
        pass


def _index_item(art: Article, rep: dict[str, Any], err: str | None) -> dict[str, Any]:
    return {
        "slug": art.slug, "path": art.path, "title": art.title, "title_ko": art.heading.ko,
        "date": art.date, "source": art.source,
        "html": f"{art.slug}/{art.slug}.html", "pdf": f"{art.slug}/{art.slug}.pdf",
        "counts": rep["counts"], "error": err,
    }


def _write_index(items: list[dict[str, Any]], signature: dict[str, Any], options: BuildOptions) -> None:
    from pipeline.render.html import render_index

    items = sorted(items, key=lambda i: (i.get("date") or "", i.get("slug") or ""), reverse=True)
    kw = {"templates_dir": options.templates_dir} if options.templates_dir else {}
    write_atomic(Path(options.out_dir) / "index.html", render_index(items, signature, **kw))


# -- failures ------------------------------------------------------------------

def _internal(exc: BaseException) -> str:
    return f"internal error ({type(exc).__name__}: {exc}); please report this with the file"


def _fail(report: Report, progress: Progress, path: Any, message: str, tb: bool = False) -> None:
    report.failed(str(path), message)
    if tb and progress.verbose:
        progress.note(traceback.format_exc())
