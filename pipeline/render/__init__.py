"""Rendering: parallel-text HTML (screen and print) and PDF.

``html`` holds the Jinja2 side (and :func:`anchor`, the one place segment ids
become HTML ids); ``pdf`` holds WeasyPrint. Both import their heavy libraries
inside functions, and this package imports neither until one of its names is
used, so :mod:`pipeline.render.writers` (the formats table, which the
up-to-date check reads) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.render.html import anchor, render_article, render_index, templates_path
    from pipeline.render.pdf import write_pdf

__all__ = ["anchor", "render_article", "render_index", "templates_path", "write_pdf"]


def __getattr__(name: str) -> Any:
    """The public names, imported at first use (PEP 562)."""
    if name == "write_pdf":
        from pipeline.render import pdf

        return pdf.write_pdf
    if name in ("anchor", "render_article", "render_index", "templates_path"):
        from pipeline.render import html

        return getattr(html, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
