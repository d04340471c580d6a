"""The glossary review page: a small Flask app for editors, served on 127.0.0.1.

WHY a local web page: editors are journalists, not YAML users. They need to see
a term in every sentence it occurs in (Chinese beside Korean, the term
highlighted, what enforcement did) and decide with one click; the page writes
the same YAML files they could edit by hand, keeping comments, and logs who
decided what and why.

Safety: the page can change the approved glossary and serves the built
articles, whose text comes from the open web, so it is run as a host of
untrusted content (:mod:`pipeline.web.security`, docs/security.md): a per-run
access token printed in the URL, loopback Host only, CSRF token and same-origin
checks on every change, a Content-Security-Policy on every response
(``sandbox`` for ``/articles/``), and only files zhko itself wrote served from
the output folder. The editor name is self-declared (whoever holds the access
link can sign as anyone); it is kept in the browser session and each audit
record also carries that session's id.

The pages are a Flask blueprint (``glossary``): :func:`create_app` serves them
alone (``zhko glossary review``); :func:`install` mounts them in another app,
which is how they are the editorial desk's Glossary tab (``/glossary/``,
guarded by the desk's own guards, signed by the desk's user). Both extend the
one page layout of :mod:`pipeline.web.pages`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable

from pipeline.resources import templates_dir
from pipeline.review.store import ACTIONS, KINDS, STATUSES, EntryView, GlossaryStore, StoreError, default_user
from pipeline.web import security

TEMPLATE_DIR = templates_dir() / "review"
STATIC_FILES = ("review.css", "review.js", "layout.css")
CSP = security.APP_CSP
SORTS = {"freq": "most used", "zh": "Chinese", "status": "status", "file": "file"}
STATUS_ORDER = {"proposed": 0, "approved": 1, "forbidden": 2, "rejected": 3}
#: The blueprint's name: its endpoints are ``glossary.index``, ``glossary.action`` …
BLUEPRINT = "glossary"


def create_app(glossary_dir: str | os.PathLike[str], output_dir: str | os.PathLike[str], user: str | None = None,
               audit_log: str | os.PathLike[str] | None = None, token: str | None = None) -> Any:
    """The review page alone over one glossary folder and one output folder
    (the desk has the same pages as its Glossary tab: :func:`install`).

    ``token``: the access token (default: a fresh random one, in
    ``app.config["ZHKO_ACCESS_TOKEN"]``)."""
    from flask import Flask, session, url_for

    from pipeline.web.pages import LAYOUT_CSS, install_layout

    app = Flask(__name__, template_folder=str(templates_dir()), static_folder=None)
    app.config.update(SESSION_COOKIE_NAME="zhko_review", ZHKO_TOKEN_COOKIE="zhko_review_access",
                      MAX_CONTENT_LENGTH=64 * 1024)
    app.jinja_env.autoescape = True
    install(app, glossary_dir, output_dir, user=user, audit_log=audit_log)
    security.protect(app, token=token, untrusted_prefixes=("/articles/",))

    def layout() -> dict[str, Any]:
        return {"title": "용어 검토", "brand": "용어집 검토 · Glossary review", "section": "glossary",
                "home": url_for("glossary.index"),
                "css": [url_for("glossary.static_file", name=LAYOUT_CSS),
                        url_for("glossary.static_file", name="review.css")],
                "js": [url_for("glossary.static_file", name="review.js")],
                "tabs": glossary_tabs(), "sign_as": url_for("glossary.set_user"),
                "user": session.get("user") or _ctx()["user"]}

    install_layout(app, layout)
    _install_errors(app)
    return app


def install(app: Any, glossary_dir: str | os.PathLike[str], output_dir: str | os.PathLike[str], *,
            url_prefix: str = "", user: str | None = None, audit_log: str | os.PathLike[str] | None = None,
            current_user: Callable[[], str] | None = None) -> None:
    """Add the review pages to ``app`` under ``url_prefix``, guarded by whatever
    guards ``app`` has (the desk: its access token or its logins).

    ``current_user``: who signs the changes (default: the session's self-declared
    name, set with the page's *Sign as* form, else ``user``); given, the pages
    have no *Sign as* form of their own (the desk's accounts decide)."""
    from flask import session

    store = GlossaryStore(glossary_dir, audit_log)
    ctx: dict[str, Any] = {
        "store": store,
        "output_dir": Path(output_dir).resolve(),
        "user": user or default_user(),
    }
    ctx["current_user"] = current_user or (lambda: session.get("user") or ctx["user"])
    app.extensions["zhko_review"] = ctx
    app.register_blueprint(_blueprint(own_user=current_user is None), url_prefix=url_prefix or None)


def glossary_tabs() -> list[dict[str, Any]]:
    """The review's tabs (the desk shows them beside its own)."""
    from flask import request, url_for

    from pipeline.web.pages import tab

    here = request.endpoint or ""
    return [tab(label, url_for(f"glossary.{ep}"), here == f"glossary.{ep}", "glossary")
            for label, ep in (("Glossary", "index"), ("Conflicts", "conflicts"), ("Glossary history", "audit"))]


# --------------------------------------------------------------------------- guards


def _install_errors(app: Any) -> None:
    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(409)
    def _error(exc: Any) -> Any:
        return _render("message.html", code=exc.code, title=exc.name, message=exc.description), exc.code


# --------------------------------------------------------------------------- routes


def _ctx(app: Any = None) -> dict[str, Any]:
    from flask import current_app

    return (app or current_app).extensions["zhko_review"]


def _render(template: str, **kw: Any) -> Any:
    from flask import render_template

    kw.setdefault("csrf", security.csrf_token())
    kw.setdefault("editor", _ctx()["current_user"]())
    kw.setdefault("back", None)
    return render_template(f"review/{template}", **kw)


def _blueprint(own_user: bool) -> Any:
    from flask import Blueprint, abort, flash, redirect, request, session, url_for

    bp = Blueprint(BLUEPRINT, __name__)

    @bp.get("/")
    def index() -> Any:
        ctx = _ctx()
        entries, problems, occ = _entries_with_usage(ctx, url_for("glossary.article_file", path=""))
        f = {k: request.args.get(k, "").strip() for k in ("status", "kind", "file", "q")}
        sort = request.args.get("sort", "freq")
        shown = _sorted([e for e in entries if _keep(e, f)], sort, occ)
        files = sorted({e.file for e in entries})
        counts = {s: sum(1 for e in entries if e.status == s) for s in STATUSES}
        return _render(
            "index.html", entries=shown, total=len(entries), occ=occ, problems=problems, f=f, sort=sort,
            sorts=SORTS, statuses=STATUSES, kinds=KINDS, files=files, counts=counts, dom_id=dom_id,
            here=request.full_path.rstrip("?"),
        )

    @bp.post("/action")
    def action() -> Any:
        ctx = _ctx()
        form = request.form
        act = form.get("action", "")
        if act not in ACTIONS:
            abort(400, description="unknown action (expected approve, reject, forbid or edit)")
        changes = {k: form[k] for k in ("ko", "note", "kind") if k in form} if act == "edit" else None
        home = url_for("glossary.index")
        try:
            after = ctx["store"].apply(form.get("key", ""), form.get("token", ""), act, changes=changes,
                                       user=ctx["current_user"](), reason=form.get("reason", ""),
                                       session=security.session_id())
        except StoreError as exc:
            code = getattr(exc, "http_status", 400)
            return _render("message.html", code=code, title=_TITLES.get(code, "Not saved"), message=str(exc),
                           back=_safe_next(form.get("next"), home)), code
        flash(f"{_DONE[act]}: {after.zh} → {after.ko} ({after.status})")
        return redirect(_safe_next(form.get("next"), home) + "#" + dom_id(after.key), code=303)

    if own_user:
        @bp.post("/user")
        def set_user() -> Any:
            name = " ".join("".join(c for c in request.form.get("user", "") if c.isprintable()).split())[:60]
            if name:
                session["user"] = name
                flash(f"Changes are now signed {name}")
            return redirect(_safe_next(request.form.get("next"), url_for("glossary.index")), code=303)

    @bp.get("/conflicts")
    def conflicts() -> Any:
        from pipeline.review.usage import find_conflicts

        entries, problems = _ctx()["store"].load_all()
        return _render("conflicts.html", conflicts=find_conflicts(entries), problems=problems, dom_id=dom_id)

    @bp.get("/audit")
    def audit() -> Any:
        records, problems = _ctx()["store"].read_audit_checked()
        return _render("audit.html", records=records[-200:][::-1], problems=problems)

    @bp.get("/static/<name>")
    def static_file(name: str) -> Any:
        from pipeline.web.pages import send_static, web_dir

        if name not in STATIC_FILES:
            abort(404)
        return send_static(name, {name: (web_dir() if name == "layout.css" else TEMPLATE_DIR) / name})

    @bp.get("/articles/<path:path>")
    def article_file(path: str) -> Any:
        return security.send_output_file(_ctx()["output_dir"], path)

    return bp


_DONE = {"approve": "Approved", "reject": "Rejected", "forbid": "Forbidden", "edit": "Saved"}
_TITLES = {409: "Changed by someone else", 404: "Entry not found", 400: "Not saved"}


def dom_id(key: str) -> str:
    """A stable HTML id for an entry (keys hold Chinese and '#')."""
    return "e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _safe_next(target: str | None, default: str = "/") -> str:
    return security.safe_next(target, default)


def _entries_with_usage(ctx: dict[str, Any], link_base: str) -> tuple[list[EntryView], list[str], dict[str, list[Any]]]:
    from pipeline.review.usage import find_occurrences, load_articles

    entries, problems = ctx["store"].load_all()
    articles, more = load_articles(ctx["output_dir"])
    return entries, problems + more, find_occurrences(entries, articles, link_base=link_base)


def _keep(e: EntryView, f: dict[str, str]) -> bool:
    if f["status"] and e.status != f["status"]:
        return False
    if f["kind"] and e.kind != f["kind"]:
        return False
    if f["file"] and e.file != f["file"]:
        return False
    q = f["q"].casefold()
    if q:
        hay = " ".join([e.zh, e.ko, e.note, str(e.data.get("en") or ""), *e.variants]).casefold()
        return q in hay
    return True


def _sorted(entries: list[EntryView], sort: str, occ: dict[str, list[Any]]) -> list[EntryView]:
    if sort == "zh":
        return sorted(entries, key=lambda e: e.zh)
    if sort == "file":
        return sorted(entries, key=lambda e: (e.file, e.line))
    if sort == "status":
        return sorted(entries, key=lambda e: (STATUS_ORDER.get(e.status, 9), -len(occ.get(e.key, [])), e.zh))
    return sorted(entries, key=lambda e: (-len(occ.get(e.key, [])), STATUS_ORDER.get(e.status, 9), e.zh))


def serve(app: Any, port: int = 8765, open_browser: bool = True) -> None:
    """Serve on 127.0.0.1 only; prints the URL with this run's access token."""
    security.serve(app, port, what="Glossary review", open_browser=open_browser)
