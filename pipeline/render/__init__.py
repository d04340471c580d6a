"""Rendering: parallel-text HTML (screen and print) and PDF.

``html`` holds the Jinja2 side (and :func:`anchor`, the one place segment ids
become HTML ids); ``pdf`` holds WeasyPrint. Both import their heavy libraries
inside functions so importing this package stays cheap for the CLI.
"""

from __future__ import annotations

from pipeline.render.html import anchor, render_article, render_index, templates_path
from pipeline.render.pdf import write_pdf

__all__ = ["anchor", "render_article", "render_index", "templates_path", "write_pdf"]
