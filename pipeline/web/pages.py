"""The page layout zhko's web apps share: ``templates/web/layout.html`` and
``templates/web/layout.css``.

The editorial desk and the glossary review are one app (the glossary is a tab
of the desk, :mod:`pipeline.desk.app`), and the review also runs alone
(``zhko glossary review``). Their pages extend one layout; what differs — the
stylesheets and scripts, the brand, the tabs, the header's *Sign as* or
*Log out* form — is a ``layout`` dict that each app computes per request::

    install_layout(app, lambda: {"brand": "…", "css": [...], "tabs": [...]})

Templates are looked up from the templates root (``desk/index.html``,
``review/index.html``, ``web/layout.html``), so names never collide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from pipeline.resources import templates_dir

#: What every layout dict holds (a layout function may leave any of it out).
DEFAULTS: dict[str, Any] = {
    "title": "zhko", "brand": "", "home": "/", "section": "", "css": [], "js": [], "tabs": [],
    "logout": None, "sign_as": None, "user": "", "role": "",
}
LAYOUT_CSS = "layout.css"


def web_dir() -> Path:
    return templates_dir() / "web"


def install_layout(app: Any, layout: Callable[[], dict[str, Any]]) -> None:
    """Give every template rendered by ``app`` a ``layout`` (see the module docstring)."""
    app.extensions["zhko_layout"] = layout

    @app.context_processor
    def _layout() -> dict[str, Any]:
        from flask import current_app

        return {"layout": DEFAULTS | current_app.extensions["zhko_layout"]()}


def tab(label: str, href: str, active: bool = False, group: str = "") -> dict[str, Any]:
    return {"label": label, "href": href, "active": active, "group": group}


def send_static(name: str, files: dict[str, Path]) -> Any:
    """One of an app's own static files (``name`` → its path); 404 for anything else."""
    from flask import abort, send_from_directory

    path = files.get(name)
    if path is None:
        abort(404)
    return send_from_directory(path.parent, path.name, max_age=0)
