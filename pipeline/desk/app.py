"""The editorial desk: one local web app where editors correct and approve every
sentence of a built batch.

WHY a web app over the output folder: editors are journalists; they need the
Chinese beside the Korean, the glossary terms, QA findings and Korean-norm
changes of each sentence in one place, and a keyboard flow (next, previous,
confirm) that never needs the mouse. Everything they do goes to the desk store
(:mod:`pipeline.desk.store`); the next ``zhko build`` prints it.

Two modes:

* **loopback** (default): 127.0.0.1 only, one editor named by ``--user`` (or
  the "Sign as" field), guarded exactly like the glossary page by
  :func:`pipeline.web.security.protect`: per-run access token in the printed
  URL, Host must be a loopback name (DNS rebinding), CSRF token per session on
  every state-changing request, same-origin ``Origin``/``Sec-Fetch-Site``, CSP
  on every page (``sandbox`` on the served article files, which hold
  untrusted web text); plus autoescape and a body size limit.
* **accounts** (needed for any other ``--host``): every request needs a login
  (``zhko desk add-user``), sessions expire, two roles — an ``editor`` edits
  and approves sentences, a ``chief`` editor also approves articles. The same
  ``protect()``, in its accounts mode (CSRF, Origin, CSP: one copy of the
  code); failed logins are limited per name and per address
  (:mod:`pipeline.web.logins`).

The glossary review is mounted at ``/glossary`` (:func:`pipeline.review.app.install`):
one app, one server, one login, the desk's guards on its pages.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

from pipeline.desk.store import ConflictError, DeskError, DeskStore, NotReadyError

from pipeline.web.logins import LoginLimiter
from pipeline.web.security import APP_CSP, LOOPBACK, UNTRUSTED_CSP, OUTPUT_TYPES  # noqa: F401

STATIC_FILES = ("desk.css", "desk.js")
#: Where the glossary review is mounted (the desk's Glossary tab).
GLOSSARY_PREFIX = "/glossary"
#: Built article pages hold scraped web text: served sandboxed (pipeline.web.security),
#: by the desk and by its glossary tab.
UNTRUSTED_PREFIXES = ("/files/", GLOSSARY_PREFIX + "/articles/")
#: Origins the client may claim for a save (anything else: "editor").
CLIENT_ORIGINS = ("editor", "memory-suggestion", "machine", "human-exact")
SORTS = {"slug": "name", "state": "state", "critical": "critical findings", "pending": "sentences to do"}
MAX_BODY = 256 * 1024
SESSION_HOURS = 8.0


def _templates() -> Path:
    from pipeline.resources import templates_dir

    return templates_dir() / "desk"


def create_app(output_dir: str | os.PathLike[str], *, glossary_dir: str | os.PathLike[str] | None = "glossaries",
               user: str | None = None, accounts: bool = False, session_hours: float = SESSION_HOURS,
               store: DeskStore | None = None, audit_log: str | os.PathLike[str] | None = None) -> Any:
    """The desk app over one output folder (``accounts``: LAN mode, logins required).

    With ``glossary_dir`` the glossary review is the desk's Glossary tab, under
    ``/glossary/`` (same server, same login, same protections; ``audit_log``:
    the glossary's audit log, default ``<glossary>/audit.log``)."""
    from flask import Flask

    from pipeline.desk.articles import ArticleCache

    out = Path(output_dir).resolve()
    if not out.is_dir():
        raise DeskError(f"{out}: no such output folder (run zhko build first)")
    from pipeline.resources import templates_dir
    from pipeline.web.pages import install_layout

    app = Flask(__name__, template_folder=str(templates_dir()), static_folder=None)
    app.secret_key = secrets.token_bytes(32)  # sessions end when the server stops
    app.config.update(SESSION_COOKIE_NAME="zhko_desk", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Strict", MAX_CONTENT_LENGTH=MAX_BODY)
    app.jinja_env.autoescape = True
    import jinja2

    app.jinja_env.undefined = jinja2.StrictUndefined
    store = store or DeskStore.for_output(out)
    if accounts and not store.has_users():
        raise DeskError(f"{store.path}: no accounts yet; add one first: zhko desk add-user NAME -o {output_dir}")
    app.extensions["zhko_desk"] = {
        "out": out, "store": store, "articles": ArticleCache(out), "accounts": accounts,
        "user": _default_user(user), "session_s": session_hours * 3600,
        "glossary_dir": Path(glossary_dir) if glossary_dir else None, "glossary": None,
        "suggester": None, "memory_version": -1, "glossary_tab": glossary_dir is not None,
        "logins": LoginLimiter(),
    }
    if glossary_dir is not None:  # the glossary review, as the desk's Glossary tab
        from pipeline.review.app import install

        install(app, glossary_dir, out, url_prefix=GLOSSARY_PREFIX, user=_default_user(user),
                audit_log=audit_log, current_user=lambda: current_user()[0])
    install_layout(app, _layout)
    _install_guards(app)
    _install_routes(app)
    return app


def _default_user(user: str | None) -> str:
    return " ".join((user or os.environ.get("ZHKO_USER") or os.environ.get("USER") or "editor").split())[:60]


def _ctx() -> dict[str, Any]:
    from flask import current_app

    return current_app.extensions["zhko_desk"]


def _glossary() -> Any:
    """The glossary the checks use (loaded once; a broken one: checks without terms)."""
    ctx = _ctx()
    if ctx["glossary"] is None and ctx["glossary_dir"] is not None and ctx["glossary_dir"].is_dir():
        from pipeline.errors import ZhkoError
        from pipeline.glossary import load_glossary

        try:
            ctx["glossary"] = load_glossary(ctx["glossary_dir"])
        except ZhkoError:
            ctx["glossary_dir"] = None
    return ctx["glossary"]


def _suggester() -> Any:
    """The memory index, rebuilt only when the memory changed."""
    from pipeline.desk.suggest import Suggester

    ctx = _ctx()
    version = ctx["store"].memory_version()
    if ctx["suggester"] is None or version != ctx["memory_version"]:
        ctx["suggester"], ctx["memory_version"] = Suggester(ctx["store"].memory_all()), version
    return ctx["suggester"]


# --------------------------------------------------------------------------- guards


def current_user() -> tuple[str, str]:
    """(name, role) of whoever makes this request."""
    from flask import session

    ctx = _ctx()
    if ctx["accounts"]:
        return session.get("user", ""), session.get("role", "")
    return session.get("user") or ctx["user"], "chief"


def _install_guards(app: Any) -> None:
    """:func:`pipeline.web.security.protect` in either mode: the loopback access
    token, or (accounts) a login, checked after the same CSRF and Origin checks."""
    from flask import jsonify, request

    from pipeline.web.security import protect

    protect(app, untrusted_prefixes=UNTRUSTED_PREFIXES, csp=APP_CSP,
            login=_require_login if _ctx_of(app)["accounts"] else None)

    for code in (400, 401, 403, 404, 409, 413, 429):
        @app.errorhandler(code)
        def _error(exc: Any) -> Any:
            if request.path.startswith("/api/"):
                return jsonify({"error": exc.description}), exc.code
            return _render("message.html", code=exc.code, title=exc.name, message=exc.description), exc.code


def _ctx_of(app: Any) -> dict[str, Any]:
    return app.extensions["zhko_desk"]


def _require_login() -> Any:
    """Accounts mode: every request but the login page and its stylesheets needs
    a live login of an account that still exists."""
    from flask import jsonify, redirect, request, session, url_for

    if request.endpoint in ("login", "static_file"):
        return None
    ctx = _ctx()
    fresh = time.time() - float(session.get("since", 0)) < ctx["session_s"]
    if not session.get("user") or not fresh or ctx["store"].role_of(session["user"]) is None:
        session.pop("user", None)
        if request.path.startswith("/api/"):
            return jsonify({"error": "not logged in (or the session expired)"}), 401
        return redirect(url_for("login", next=request.full_path.rstrip("?")), code=303)
    return None


def _layout() -> dict[str, Any]:
    """The shared page layout (pipeline.web.pages): the desk's tabs, then the
    glossary's; each section's own stylesheet and script."""
    from flask import request, url_for

    from pipeline.web.pages import LAYOUT_CSS, tab

    ctx = _ctx()
    name, role = current_user()
    glossary = request.blueprint == "glossary"
    here = request.endpoint or ""
    tabs = [tab("Articles", url_for("index"), here in ("index", "article"), "desk"),
            tab("History", url_for("audit"), here == "audit", "desk")]
    if ctx["glossary_tab"]:
        from pipeline.review.app import glossary_tabs

        tabs += glossary_tabs()
    out: dict[str, Any] = {
        "title": "편집 데스크", "brand": "편집 데스크 · Editorial desk", "home": url_for("index"),
        "section": "glossary" if glossary else "desk",
        "css": [url_for("static_file", name=LAYOUT_CSS)] + (
            [url_for("glossary.static_file", name="review.css")] if glossary
            else [url_for("static_file", name="desk.css")]),
        "js": [url_for("glossary.static_file", name="review.js")] if glossary
        else [url_for("static_file", name="desk.js")],
        "tabs": tabs if not ctx["accounts"] or name else [], "user": name, "role": role}
    if ctx["accounts"]:
        out["logout"] = url_for("logout")
    else:
        out["sign_as"] = url_for("set_user")
    return out


def _render(template: str, **kw: Any) -> Any:
    from flask import render_template, session

    name, role = current_user()
    kw.setdefault("csrf", session.get("csrf", ""))
    kw.setdefault("editor", name)
    kw.setdefault("role", role)
    kw.setdefault("accounts", _ctx()["accounts"])
    return render_template(f"desk/{template}", **kw)


def _safe_next(target: str | None) -> str:
    from pipeline.web.security import safe_next

    return safe_next(target)


# --------------------------------------------------------------------------- routes


def _install_routes(app: Any) -> None:
    from flask import abort, flash, jsonify, redirect, request, session, url_for

    from pipeline.desk.articles import ARTICLE_STATES, article_slugs, article_state, article_views, counts

    @app.get("/")
    def index() -> Any:
        ctx = _ctx()
        glossary = _glossary()
        items, problems = [], []
        for slug in article_slugs(ctx["out"]):
            try:
                art = ctx["articles"].get(slug)
            except DeskError as exc:
                problems.append(str(exc))
                continue
            views = article_views(art, ctx["store"], glossary)
            state, approval = article_state(art, ctx["store"], views)
            c = counts(views)
            items.append({"slug": slug, "title": art.title, "title_ko": views[0].ko if views else "",
                          "date": art.date or "", "state": state, "approval": approval, "counts": c,
                          "total": len(views), "critical": sum(v.critical for v in views),
                          "pending": len(views) - c["approved"]})
        f_state = request.args.get("state", "")
        q = request.args.get("q", "").strip()
        sort = request.args.get("sort", "slug")
        shown = [i for i in items if (not f_state or i["state"] == f_state)
                 and (not q or q.casefold() in (i["slug"] + i["title"] + i["title_ko"]).casefold())]
        order = {s: n for n, s in enumerate(ARTICLE_STATES)}
        keys = {"slug": lambda i: i["slug"], "state": lambda i: (order[i["state"]], i["slug"]),
                "critical": lambda i: (-i["critical"], i["slug"]), "pending": lambda i: (-i["pending"], i["slug"])}
        shown.sort(key=keys.get(sort, keys["slug"]))
        return _render("index.html", items=shown, total=len(items), problems=problems, states=ARTICLE_STATES,
                       f_state=f_state, q=q, sort=sort, sorts=SORTS)

    @app.get("/a/<slug>")
    def article(slug: str) -> Any:
        ctx = _ctx()
        art = _article_or_404(slug)
        views = article_views(art, ctx["store"], _glossary())
        # memory suggestions are fetched per sentence (/api/suggest) when it gets the
        # focus, as CAT tools show matches for the active segment: the page stays fast
        state, approval = article_state(art, ctx["store"], views)
        return _render("article.html", art=art, views=views, counts=counts(views), state=state,
                       approval=approval, files=_files(art.slug))

    @app.post("/api/save")
    def api_save() -> Any:
        ctx = _ctx()
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, description="expected a JSON object")
        seg_id, ko = str(data.get("id", "")), data.get("ko")
        if not isinstance(ko, str):
            abort(400, description="'ko' must be text")
        try:
            version = int(data.get("version", -1))
        except (TypeError, ValueError):
            abort(400, description="'version' must be a number")
        seg = _segment_or_404(seg_id)
        origin = data.get("origin") if data.get("origin") in CLIENT_ORIGINS else "editor"
        name, _ = current_user()
        try:
            row = ctx["store"].save(seg_id, zh=seg.zh, ko=ko, expected_version=version, user=name,
                                    approve=bool(data.get("approve")), origin=str(origin),
                                    context=_previous_zh(seg_id))
        except ConflictError as exc:
            cur = exc.current
            return jsonify({"error": str(exc), "current": None if cur is None else {
                "ko": cur.ko, "editor": cur.editor, "updated": cur.updated, "version": cur.version,
                "state": cur.state}}), 409
        except DeskError as exc:
            return jsonify({"error": str(exc)}), exc.http_status
        return jsonify(_checked(seg.id, seg.zh, row.ko) | {
            "state": row.state, "version": row.version, "editor": row.editor, "updated": row.updated})

    @app.get("/api/suggest")
    def api_suggest() -> Any:
        """The closest approved sentences of the memory for one segment."""
        seg = _segment_or_404(request.args.get("id", "")[:300])
        sugg = _suggester()
        found = sugg.suggest(seg.zh, exclude_seg=seg.id, previous=_previous_zh(seg.id)) if len(sugg) else []
        return jsonify({"id": seg.id, "suggestions": [s.to_dict() for s in found]})

    @app.post("/api/check")
    def api_check() -> Any:
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("ko"), str):
            abort(400, description="expected a JSON object with 'id' and 'ko'")
        seg = _segment_or_404(str(data.get("id", "")))
        return jsonify(_checked(seg.id, seg.zh, data["ko"][:10_000]))

    @app.post("/a/<slug>/approve")
    def approve_article(slug: str) -> Any:
        ctx = _ctx()
        art = _article_or_404(slug)
        name, role = current_user()
        if role != "chief":
            abort(403, description="only a chief editor approves articles")
        try:
            ctx["store"].approve_article(slug, [(s.id, s.zh) for s in art.segments()], name)
        except NotReadyError as exc:
            return _render("message.html", code=409, title="Not every sentence is approved",
                           message=str(exc), back=url_for("article", slug=slug)), 409
        flash(f"Article {slug} approved by {name}")
        return redirect(url_for("article", slug=slug), code=303)

    @app.get("/audit")
    def audit() -> Any:
        target = request.args.get("target", "")[:300]
        return _render("audit.html", records=_ctx()["store"].audit(target or None, limit=300), target=target)

    @app.post("/user")
    def set_user() -> Any:
        if _ctx()["accounts"]:
            abort(403, description="with accounts, log in as another user instead")
        name = " ".join(request.form.get("user", "").split())[:60]
        if name:
            session["user"] = name
        return redirect(_safe_next(request.form.get("next")), code=303)

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        ctx = _ctx()
        if not ctx["accounts"]:
            return redirect("/", code=303)
        error, status = "", 200
        if request.method == "POST":
            name = " ".join(request.form.get("user", "").split())[:60]
            address = request.remote_addr or "?"
            limiter: LoginLimiter = ctx["logins"]
            locked = limiter.check(name, address)
            if locked is not None:  # refused before the password is even checked
                error, status = locked.message(), 429
            elif role := ctx["store"].check_password(name, request.form.get("password", "")[:1024]):
                limiter.succeeded(name)
                csrf = secrets.token_urlsafe(32)
                session.clear()  # a new session id for the logged-in user (fixation)
                session.update(user=name, role=role, since=time.time(), csrf=csrf)
                return redirect(_safe_next(request.form.get("next")), code=303)
            else:
                error, status = "wrong name or password", 401
                for lock in limiter.failed(name, address):
                    ctx["store"].log("login", "login-lockout", f"{lock.kind}:{lock.key}", None,
                                     {"seconds": lock.seconds, "name": name, "address": address})
                    error, status = lock.message(), 429
        return _render("login.html", error=error, next=_safe_next(request.args.get("next") or
                                                                   request.form.get("next"))), status

    @app.post("/logout")
    def logout() -> Any:
        session.clear()
        return redirect(url_for("login"), code=303)

    @app.get("/static/<name>")
    def static_file(name: str) -> Any:
        from pipeline.web.pages import LAYOUT_CSS, send_static, web_dir

        files = {n: _templates() / n for n in STATIC_FILES} | {LAYOUT_CSS: web_dir() / LAYOUT_CSS}
        return send_static(name, files)

    @app.get("/files/<slug>/<name>")
    def output_file(slug: str, name: str) -> Any:
        """A built HTML or PDF (sandboxed: it holds scraped text)."""
        from pipeline.web.security import send_output_file

        art = _article_or_404(slug)
        if name not in (f"{art.slug}.html", f"{art.slug}.pdf"):
            abort(404)
        return send_output_file(_ctx()["out"], f"{art.slug}/{name}")


def _files(slug: str) -> dict[str, bool]:
    folder = _ctx()["out"] / slug
    return {ext: (folder / f"{slug}.{ext}").is_file() for ext in ("html", "pdf")}


def _article_or_404(slug: str) -> Any:
    from flask import abort

    try:
        return _ctx()["articles"].get(slug)
    except DeskError as exc:
        abort(404, description=str(exc))


def _segment_or_404(seg_id: str) -> Any:
    from flask import abort

    art = _article_or_404(seg_id.split("/", 1)[0])
    for seg in art.segments():
        if seg.id == seg_id:
            return seg
    abort(404, description=f"no segment {seg_id[:120]} in this article (rebuilt meanwhile? reload the page)")


def _previous_zh(seg_id: str) -> str:
    """The Chinese of the sentence before ``seg_id`` in its article
    (:data:`~pipeline.desk.store.START` for the first): its context."""
    from pipeline.desk.store import START

    previous = START
    for seg in _article_or_404(seg_id.split("/", 1)[0]).segments():
        if seg.id == seg_id:
            break
        previous = seg.zh
    return previous


def _checked(seg_id: str, zh: str, ko: str) -> dict[str, Any]:
    """The build's own checks on a human text, and Korean-norm suggestions
    (offered, never applied)."""
    from pipeline.korean.style import postedit_text
    from pipeline.model import Segment
    from pipeline.qa import check_human

    probe = Segment(id=seg_id, zh=zh, ko=ko.strip())
    findings = check_human(probe, _glossary())
    norm: list[dict[str, Any]] = []
    if probe.ko:
        _, changes = postedit_text(probe.ko, zh, protected=tuple({t.ko for t in probe.terms}))
        norm = [c.to_dict() for c in changes]
    return {"findings": [f.to_dict() for f in findings], "norm": norm,
            "terms": [{"zh": t.zh, "ko": t.ko, "status": t.status} for t in probe.terms]}


def _warm_up(app: Any) -> None:
    """Load the Korean-norm lexicon and the memory index before the first editor
    needs them (the first check would otherwise take seconds)."""
    from pipeline.korean.style import postedit_text

    postedit_text("준비", "准备")
    with app.app_context():
        _suggester()
        _glossary()


def serve(app: Any, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False,
          threads: int = 4) -> None:
    """Serve with waitress (a production WSGI server, pure Python), never
    Werkzeug's development server; loopback unless the app has accounts."""
    from waitress import create_server

    if host not in LOOPBACK and not app.extensions["zhko_desk"]["accounts"]:
        raise DeskError(f"--host {host}: only with accounts (zhko desk add-user NAME, then --accounts)")
    server = create_server(app, host=host, port=port, threads=threads, max_request_body_size=MAX_BODY,
                           ident="zhko-desk")
    real_port = int(getattr(server, "effective_port", port))
    app.config["SESSION_COOKIE_NAME"] = f"zhko_desk_{real_port}"  # cookies ignore ports
    if app.extensions["zhko_desk"]["accounts"]:
        url = f"http://{'127.0.0.1' if host in LOOPBACK else host}:{real_port}/"
        print(f"Editorial desk at {url}  (log in; Ctrl+C to stop)", flush=True)
    else:
        from pipeline.web.security import access_url

        app.config["ZHKO_TOKEN_COOKIE"] = f"{app.config['ZHKO_TOKEN_COOKIE']}_{real_port}"
        url = access_url(app, real_port)
        print(f"Editorial desk at {url}  (Ctrl+C to stop; the link carries this run's access token)", flush=True)
    import threading

    threading.Thread(target=_warm_up, args=(app,), daemon=True).start()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.run()
    finally:
        server.close()
