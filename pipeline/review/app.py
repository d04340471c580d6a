"""The glossary review page: a small Flask app for editors, served on 127.0.0.1.

WHY a local web page: editors are journalists, not YAML users. They need to see
a term in every sentence it occurs in (Chinese beside Korean, the term
highlighted, what enforcement did) and decide with one click; the page writes
the same YAML files they could edit by hand, keeping comments, and logs who
decided what and why.

Safety, even though it only listens on 127.0.0.1: any web page the editor has
open could post to localhost, so every state-changing request needs a
per-session CSRF token (session cookie + hidden form field, compared with
``hmac.compare_digest``) and a same-origin ``Origin`` header when one is sent;
the Host header must be a loopback name (DNS rebinding); everything shown is
escaped by Jinja's autoescape; a Content-Security-Policy allows only this
app's own CSS/JS (no CDN: the page works offline).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from pipeline.resources import templates_dir
from pipeline.review.store import ACTIONS, KINDS, STATUSES, EntryView, GlossaryStore, StoreError, default_user

TEMPLATE_DIR = templates_dir() / "review"
STATIC_FILES = ("review.css", "review.js")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SORTS = {"freq": "most used", "zh": "Chinese", "status": "status", "file": "file"}
STATUS_ORDER = {"proposed": 0, "approved": 1, "forbidden": 2, "rejected": 3}


def create_app(glossary_dir: str | os.PathLike[str], output_dir: str | os.PathLike[str], user: str | None = None,
               audit_log: str | os.PathLike[str] | None = None) -> Any:
    """Build the review app over one glossary folder and one output folder."""
    from flask import Flask

    app = Flask(__name__, template_folder=str(TEMPLATE_DIR), static_folder=None)
    app.secret_key = secrets.token_bytes(32)  # sessions end when the server stops
    app.config.update(
        SESSION_COOKIE_NAME="zhko_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.jinja_env.autoescape = True
    store = GlossaryStore(glossary_dir, audit_log)
    app.extensions["zhko_review"] = {
        "store": store,
        "output_dir": Path(output_dir).resolve(),
        "user": user or default_user(),
    }
    _install_guards(app)
    _install_routes(app)
    return app


# --------------------------------------------------------------------------- guards


def _install_guards(app: Any) -> None:
    from flask import abort, request, session

    @app.before_request
    def _check_request() -> None:
        host = (request.host or "").rsplit(":", 1)[0] if not request.host.startswith("[") else request.host.split("]")[0] + "]"
        if host not in LOOPBACK:
            abort(400, description=f"this review server only answers on 127.0.0.1, not {request.host!r}")
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        origin = request.headers.get("Origin")
        if origin is not None and origin != request.host_url.rstrip("/"):
            abort(403, description="cross-origin request refused")
        if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            abort(403, description="cross-site request refused")
        sent = request.form.get("csrf") or request.headers.get("X-CSRF-Token")
        if not sent:
            abort(400, description="missing CSRF token: reload the page and try again")
        if not hmac.compare_digest(str(sent), str(session.get("csrf", ""))):
            abort(403, description="wrong CSRF token: reload the page and try again")

    @app.after_request
    def _headers(resp: Any) -> Any:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.path.startswith("/articles/"):
            resp.headers.setdefault("Content-Security-Policy", CSP)
            resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(409)
    def _error(exc: Any) -> Any:
        return _render("message.html", code=exc.code, title=exc.name, message=exc.description), exc.code


# --------------------------------------------------------------------------- routes


def _ctx(app: Any) -> dict[str, Any]:
    return app.extensions["zhko_review"]


def _render(template: str, **kw: Any) -> Any:
    from flask import current_app, render_template, session

    kw.setdefault("csrf", session.get("csrf", ""))
    kw.setdefault("editor", session.get("user") or _ctx(current_app)["user"])
    return render_template(template, **kw)


def _install_routes(app: Any) -> None:
    from flask import abort, flash, redirect, request, send_from_directory, session

    @app.get("/")
    def index() -> Any:
        ctx = _ctx(app)
        entries, problems, occ = _entries_with_usage(ctx)
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

    @app.post("/action")
    def action() -> Any:
        ctx = _ctx(app)
        form = request.form
        act = form.get("action", "")
        if act not in ACTIONS:
            abort(400, description=f"unknown action {act!r}")
        changes = {k: form[k] for k in ("ko", "note", "kind") if k in form} if act == "edit" else None
        user = session.get("user") or ctx["user"]
        try:
            after = ctx["store"].apply(form.get("key", ""), form.get("token", ""), act, changes=changes,
                                       user=user, reason=form.get("reason", ""))
        except StoreError as exc:
            code = getattr(exc, "http_status", 400)
            return _render("message.html", code=code, title=_TITLES.get(code, "Not saved"), message=str(exc),
                           back=_safe_next(form.get("next"))), code
        flash(f"{_DONE[act]}: {after.zh} → {after.ko} ({after.status})")
        return redirect(_safe_next(form.get("next")) + "#" + dom_id(after.key), code=303)

    @app.post("/user")
    def set_user() -> Any:
        name = " ".join(request.form.get("user", "").split())[:60]
        if name:
            session["user"] = name
            flash(f"Changes are now signed {name}")
        return redirect(_safe_next(request.form.get("next")), code=303)

    @app.get("/conflicts")
    def conflicts() -> Any:
        from pipeline.review.usage import find_conflicts

        entries, problems = _ctx(app)["store"].load_all()
        return _render("conflicts.html", conflicts=find_conflicts(entries), problems=problems, dom_id=dom_id)

    @app.get("/audit")
    def audit() -> Any:
        records = _ctx(app)["store"].read_audit()[-200:][::-1]
        return _render("audit.html", records=records)

    @app.get("/static/<name>")
    def static_file(name: str) -> Any:
        if name not in STATIC_FILES:
            abort(404)
        return send_from_directory(TEMPLATE_DIR, name, max_age=0)

    @app.get("/articles/<path:path>")
    def article_file(path: str) -> Any:
        return send_from_directory(_ctx(app)["output_dir"], path)


_DONE = {"approve": "Approved", "reject": "Rejected", "forbid": "Forbidden", "edit": "Saved"}
_TITLES = {409: "Changed by someone else", 404: "Entry not found", 400: "Not saved"}


def dom_id(key: str) -> str:
    """A stable HTML id for an entry (keys hold Chinese and '#')."""
    return "e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this server (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _entries_with_usage(ctx: dict[str, Any]) -> tuple[list[EntryView], list[str], dict[str, list[Any]]]:
    from pipeline.review.usage import find_occurrences, load_articles

    entries, problems = ctx["store"].load_all()
    articles, more = load_articles(ctx["output_dir"])
    return entries, problems + more, find_occurrences(entries, articles)


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
    """Serve on 127.0.0.1 only (never 0.0.0.0: the page can change the glossary)."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", port, app, threaded=True)
    # Cookies ignore ports: two review servers on one machine need two names.
    app.config["SESSION_COOKIE_NAME"] = f"zhko_review_{server.server_port}"
    url = f"http://127.0.0.1:{server.server_port}/"
    print(f"Glossary review at {url}  (Ctrl+C to stop)", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    finally:
        server.server_close()
