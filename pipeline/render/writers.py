"""The output formats of an article, as one table of writers.

Each format an article is written in (``<slug>.html``, ``<slug>.pdf``,
``<slug>.json`` today) is one :class:`Writer` in :data:`WRITERS`. Everything
in a build that depends on the set of formats reads this table: which files
must exist for an article to be up to date, which files are written and in
what order, which links the index shows. A new format (XLIFF for an outside
translator, the desk's files) is one entry::

    WRITERS["xliff"] = Writer("xliff", ".xlf", write_xliff, enabled=lambda o: o.xliff,
                              label="XLIFF")

where ``write_xliff(job: RenderJob) -> None`` writes ``job.path("xliff")``
with :func:`pipeline.outputs.write_atomic` and raises a
:class:`~pipeline.errors.ZhkoError` (naming the file) when it cannot. A
writer runs in a render worker process: it gets plain data (the
:class:`RenderJob`) and must import its heavy libraries inside the function.

The JSON writer always runs last whatever the table's order: the JSON carries
the fingerprint that marks the article's other files as complete, so a run
killed half-way never leaves an article that looks up to date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from pipeline.model import Article
from pipeline.outputs import write_atomic

if TYPE_CHECKING:
    from pipeline.context import BuildOptions

#: The format whose file marks an article complete; written after all others.
LAST = "json"


@dataclass
class RenderJob:
    """One article to write, as plain picklable data (it crosses to a worker)."""

    article: Article
    signature: dict[str, Any]
    report: dict[str, Any]
    folder: Path  # the article's output folder, ``<out>/<slug>/``
    formats: tuple[str, ...]  # names in WRITERS, in writing order (``LAST`` last)
    fingerprint: str = ""
    templates_dir: str | None = None
    #: anything a format needs beyond the article (kept JSON-able)
    extra: dict[str, Any] = field(default_factory=dict)

    def path(self, fmt: str) -> Path:
        """Where format ``fmt`` of this article goes."""
        return self.folder / WRITERS[fmt].filename(self.article.slug)


@dataclass(frozen=True)
class Writer:
    """One output format of an article."""

    name: str  # "pdf"
    suffix: str  # the file is ``<slug><suffix>``
    write: Callable[[RenderJob], None]
    #: whether this build writes it (default: always)
    enabled: Callable[[BuildOptions], bool] = lambda options: True
    #: link text in the index ("" = no link there)
    label: str = ""

    def filename(self, slug: str) -> str:
        return f"{slug}{self.suffix}"


def _template_kw(job: RenderJob) -> dict[str, Any]:
    return {"templates_dir": job.templates_dir} if job.templates_dir else {}


def write_html(job: RenderJob) -> None:
    """The screen edition, with the editor panel."""
    from pipeline.render.html import render_article

    html = render_article(job.article, job.signature, report=job.report, **_template_kw(job))
    write_atomic(job.path("html"), html)


def write_pdf_edition(job: RenderJob) -> None:
    """The print edition (print template, no editor panel) through WeasyPrint."""
    from pipeline.render.html import render_article
    from pipeline.render.pdf import write_pdf

    printable = render_article(job.article, job.signature, report=None, for_print=True, **_template_kw(job))
    write_pdf(printable, job.path("pdf"), base_url=str(job.folder))


def write_json(job: RenderJob) -> None:
    """Metadata, every segment, the report, the signature and the fingerprint."""
    data = {**job.article.to_dict(), "signature": job.signature, "report": job.report,
            "fingerprint": job.fingerprint}
    write_atomic(job.path("json"), json.dumps(data, ensure_ascii=False, indent=1))


#: Every output format, by name. Order = writing order (the ``LAST`` format
#: is moved to the end regardless) and the order of links in the index.
WRITERS: dict[str, Writer] = {
    "html": Writer("html", ".html", write_html),
    "pdf": Writer("pdf", ".pdf", write_pdf_edition, enabled=lambda o: o.pdf, label="PDF"),
    "json": Writer("json", ".json", write_json),
}


def selected_formats(options: BuildOptions) -> tuple[str, ...]:
    """The formats this build writes, in writing order (``LAST`` last)."""
    names = [n for n, w in WRITERS.items() if w.enabled(options) and n != LAST]
    return (*names, LAST)


def output_paths(folder: Path, slug: str, formats: tuple[str, ...]) -> list[Path]:
    """Every file an article of these formats has once written."""
    return [folder / WRITERS[f].filename(slug) for f in formats]


def index_links(slug: str, formats: tuple[str, ...]) -> list[dict[str, str]]:
    """``[{"format", "label", "href"}]`` for the index row of an article
    (relative to the output folder; only formats with a label)."""
    return [{"format": f, "label": WRITERS[f].label, "href": f"{slug}/{WRITERS[f].filename(slug)}"}
            for f in formats if WRITERS[f].label]


def write_outputs(job: RenderJob) -> None:
    """Write every format of ``job`` (``LAST`` last); errors propagate."""
    for fmt in sorted(job.formats, key=lambda f: f == LAST):
        WRITERS[fmt].write(job)
