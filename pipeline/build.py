"""Building a batch: the one fixed pipeline, run over many articles.

Configuration is checked up front (the glossary is linted, a translation route
is found) so a broken setup fails before any work is done. Then every article
is read on its own, and a bad file only costs that file: it becomes one line in
the :class:`~pipeline.report.Report` while the rest of the batch goes on.

All new segments of the batch are translated together (batched decoding across
articles); segments whose translation is already in the translation memory are
not decoded again; articles whose outputs are up to date are not re-rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import traceback
from concurrent.futures import ProcessPoolExecutor
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

#: Segments per translation call: big enough for good batching, small enough
#: for a progress display that moves.
TRANSLATE_CHUNK = 256


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
    names: bool = True  # read names the glossary lacks (marked "proposed")
    cache_path: Path | None = None  # None: <out_dir>/.zhko-cache.sqlite3
    use_cache: bool = True
    jobs: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    templates_dir: Path | None = None


def collect_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders to the articles in them (sorted); a missing path is an error."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found += sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in INPUT_SUFFIXES)
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
    inputs = collect_inputs(paths)
    glossary = load_glossary(options.glossary_dir)
    translator = make_translator(packages_dir=options.packages_dir, beam_size=options.beam_size)
    report = Report(strict=options.strict)

    articles = read_articles(inputs, options, report, progress)
    signature = _signature(translator, glossary, articles, options)
    translate_articles(articles, translator, glossary, options, report, progress, signature)
    for article in articles:
        finish_article(article, options, glossary)
    render_articles(articles, signature, options, report, progress)
    progress.close()
    return report


# -- reading -------------------------------------------------------------------

def read_articles(inputs: list[Path], options: BuildOptions, report: Report,
                  progress: Progress) -> list[Article]:
    """Ingest, normalize and segment each input; failures go to the report."""
    from pipeline.ingest import read_article
    from pipeline.normalize import normalize_article
    from pipeline.segment import segment_article

    progress.phase("reading", len(inputs))
    articles: list[Article] = []
    slugs: set[str] = set()
    for path in inputs:
        try:
            raw = normalize_article(read_article(path, opencc_config=options.opencc_config))
            article = segment_article(raw)
            article = _unique_slug(article, slugs)
            articles.append(article)
        except errors.ZhkoError as exc:
            _fail(report, progress, path, str(exc))
        except Exception as exc:  # a bug must not take the batch down
            _fail(report, progress, path, _internal(exc), tb=True)
        progress.advance()
    return articles


def _unique_slug(article: Article, seen: set[str]) -> Article:
    """Two inputs with the same slug must not overwrite each other's outputs."""
    if article.slug not in seen:
        seen.add(article.slug)
        return article
    n = 2
    while f"{article.slug}-{n}" in seen:
        n += 1
    from pipeline.model import Article as A

    data = article.to_dict()
    old, new = article.slug, f"{article.slug}-{n}"
    text = json.dumps(data, ensure_ascii=False).replace(f'"{old}/', f'"{new}/')
    renamed = A.from_dict(json.loads(text))
    renamed.slug = new
    seen.add(new)
    return renamed


# -- translating ---------------------------------------------------------------

def _segment_names(seg: Segment, glossary: Any) -> list:
    """Person/place names in ``seg`` that no glossary entry covers."""
    from pipeline.korean.names import detect_names

    covered = [(m.start, m.end) for m in glossary.find(seg.zh)]
    return [n for n in detect_names(seg.zh)
            if not any(n.start < e and s < n.end for s, e in covered)]


def _segment_key(seg: Segment, glossary: Any, names: list, base: dict[str, Any]) -> str:
    """Everything that determines this segment's translation, hashed."""
    from pipeline.cache import TranslationMemory

    ctx = dict(base)
    ctx["chunks"] = seg.chunks
    ctx["terms"] = [[m.start, m.end, m.entry.key, m.entry.ko, m.entry.status] for m in glossary.find(seg.zh)]
    ctx["names"] = [[n.start, n.end, n.ko] for n in names]
    return TranslationMemory.key(seg.zh, ctx)


def translate_articles(articles: list[Article], translator: Any, glossary: Any,
                       options: BuildOptions, report: Report, progress: Progress,
                       signature: dict[str, Any]) -> None:
    """Translate every segment of the batch, reusing the translation memory."""
    from pipeline.glossary import translate_segments

    segments = [s for a in articles for s in a.segments()]
    names = {s.id: (_segment_names(s, glossary) if options.names else []) for s in segments}
    base = {"translator": signature["translator"], "enforce": 1}
    keys = {s.id: _segment_key(s, glossary, names[s.id], base) for s in segments}

    tm = _open_cache(options)
    try:
        cached = tm.get_many(list(keys.values())) if tm else {}
        todo = []
        for seg in segments:
            hit = cached.get(keys[seg.id])
            if hit is None:
                todo.append(seg)
            else:
                _apply_cached(seg, hit)
        report.cache_hits += len(segments) - len(todo)
        progress.phase("translating", len(todo))
        for i in range(0, len(todo), TRANSLATE_CHUNK):
            batch = todo[i:i + TRANSLATE_CHUNK]
            translate_segments(batch, translator, glossary, names={s.id: names[s.id] for s in batch})
            if tm:
                tm.put_many({keys[s.id]: _to_cache(s) for s in batch}, signature=signature["short"])
            report.decoded += len(batch)
            progress.advance(len(batch), extra=f"{report.cache_hits} from cache")
        if tm and cached:
            tm.touch(list(cached))
    finally:
        if tm:
            tm.close()


def _open_cache(options: BuildOptions):
    if not options.use_cache:
        return None
    from pipeline.cache import TranslationMemory, default_cache_path

    path = options.cache_path or Path(os.environ.get("ZHKO_CACHE") or default_cache_path(options.out_dir))
    return TranslationMemory(path)


def _to_cache(seg: Segment) -> dict[str, Any]:
    return {"ko_raw": seg.ko_raw, "ko": seg.ko, "terms": [t.to_dict() for t in seg.terms],
            "findings": [f.to_dict() for f in seg.findings]}


def _apply_cached(seg: Segment, hit: dict[str, Any]) -> None:
    from pipeline.model import Finding, TermHit

    seg.ko_raw, seg.ko = hit["ko_raw"], hit["ko"]
    seg.terms = [TermHit(**t) for t in hit["terms"]]
    seg.findings = [Finding(**f) for f in hit.get("findings", [])]


# -- post-editing and QA -------------------------------------------------------

def finish_article(article: Article, options: BuildOptions, glossary: Any = None) -> None:
    """Yanbian-norm post-editing (terms left untouched), then QA checks."""
    from pipeline.korean.style import postedit_segment
    from pipeline.qa import check_segment, clean_korean

    for seg in article.segments():
        seg.changes = []
        seg.findings += clean_korean(seg)
        if options.korean_style != "south":
            postedit_segment(seg, protected=tuple({t.ko for t in seg.terms if t.ko}))
        seg.findings += check_segment(seg, glossary)


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

    root = Path(templates_dir) if templates_dir else templates_path()
    h = hashlib.sha256()
    for p in sorted(root.iterdir()):  # the article templates, not templates/review/
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def render_articles(articles: list[Article], signature: dict[str, Any], options: BuildOptions,
                    report: Report, progress: Progress) -> None:
    """Write HTML, PDF and JSON for each article (in parallel), then the index."""
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

    progress.phase("rendering", len(jobs))
    items = []
    todo = [j for j in jobs if not _up_to_date(j[2])]
    results: dict[str, str | None] = {}
    if len(todo) > 1 and options.jobs > 1:
        with ProcessPoolExecutor(max_workers=options.jobs) as pool:
            for (art, _, _), err in zip(todo, pool.map(render_one, [j[2] for j in todo])):
                results[art.slug] = err
                progress.advance()
    else:
        for art, _, payload in todo:
            results[art.slug] = render_one(payload)
            progress.advance()
    for art, rep, payload in jobs:
        reused = art.slug not in results
        err = results.get(art.slug)
        if reused:
            progress.advance()
        if err:
            _fail(report, progress, art.path, err)
        else:
            report.done(rep, reused=reused)
            progress.detail(f"{art.path}: {'up to date' if reused else 'built'} → {options.out_dir}/{art.slug}/")
        items.append(_index_item(art, rep, err))
    for path, message in report.failures:
        if not any(i["path"] == path for i in items):
            items.append({"slug": None, "path": path, "title": Path(path).name, "title_ko": "",
                          "date": None, "source": None, "html": None, "pdf": None,
                          "counts": None, "error": message})
    _write_index(items, signature, options)


def _fingerprint(payload: dict[str, Any], templates_hash: str) -> str:
    blob = json.dumps([payload["article"], payload["signature"]["short"], payload["pdf"], templates_hash],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _up_to_date(payload: dict[str, Any]) -> bool:
    """True when this article's outputs exist and were made from the same inputs."""
    slug = payload["article"]["slug"]
    folder = article_dir(payload["out_dir"], slug)
    needed = [folder / f"{slug}.json", folder / f"{slug}.html"] + ([folder / f"{slug}.pdf"] if payload["pdf"] else [])
    if not all(p.exists() for p in needed):
        return False
    try:
        old = json.loads(needed[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return old.get("fingerprint") == payload["fingerprint"]


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
    return None


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
    write_atomic(Path(options.out_dir) / "index.html", render_index(items, signature))


# -- failures ------------------------------------------------------------------

def _internal(exc: BaseException) -> str:
    return f"internal error ({type(exc).__name__}: {exc}); please report this with the file"


def _fail(report: Report, progress: Progress, path: Any, message: str, tb: bool = False) -> None:
    report.failed(str(path), message)
    if tb and progress.verbose:
        progress.note(traceback.format_exc())
