"""Protections for zhko's local web servers (review page, editorial desk).

WHY a module of its own: every zhko server is a host of untrusted content on a
trusted machine. It can change the approved glossary (or an edition), it runs
on an editor's workstation, and it shows text scraped from the open web. Three
kinds of attacker can reach it, and each protection here answers one of them:

* **Other web pages the editor has open** can send requests to 127.0.0.1.
  Answered by: the Host header must be a loopback name (DNS rebinding); every
  state-changing request needs a per-session CSRF token and, when the browser
  sends them, a same-origin ``Origin`` and ``Sec-Fetch-Site``; cookies are
  ``SameSite=Strict``.
* **Other local processes and users** can connect to any loopback port.
  Answered by: a secret **access token** made at start-up (``secrets``, 256
  bits), printed only in the URL the command prints (``…/?token=…``). The first
  request with it gets an ``HttpOnly; SameSite=Strict`` cookie and a redirect
  to the same URL without it; no request is served without the cookie.
* **The articles themselves**: a built article page shows hostile web text.
  Served on the app's origin and able to run script, one ``javascript:`` link
  in it could read a CSRF token and approve a term. Answered by: a
  Content-Security-Policy on **every** response; pages under the untrusted
  prefixes (``/articles/``) get ``sandbox`` (an opaque origin: no script runs,
  no cookie is sent with what it loads, nothing it does counts as same-origin);
  :func:`send_output_file` serves only regular files zhko writes (known
  extensions, no dot-files such as the SQLite cache, no symlinks).

Use from a Flask app::

    token = protect(app, untrusted_prefixes=("/articles/",))

    @app.get("/articles/<path:path>")
    def article(path):
        return send_output_file(out_dir, path)

    serve(app, port=8765, what="Glossary review")   # prints the URL with the token

Forms put :func:`csrf_token` in a hidden ``csrf`` field (or JavaScript sends it
as ``X-CSRF-Token``); redirects to a user-given path go through
:func:`safe_next`. See docs/security.md for the whole threat model.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path, PurePosixPath
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

#: Host names a loopback server answers to (anything else: DNS rebinding).
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: The query parameter that carries the access token in the printed URL.
TOKEN_PARAM = "token"
#: The app's own pages: only its own CSS/JS, no inline script, no framing.
APP_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: Pages built from untrusted text: a sandbox (opaque origin, no script, no
#: forms, no popups); the inline <style> the article templates use is allowed.
UNTRUSTED_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
#: The files zhko writes into an output folder, and how they are served.
OUTPUT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".json": "application/json",
}
#: Served as downloads: a browser's PDF viewer is not bound by the sandbox.
DOWNLOAD_TYPES = (".pdf",)


def new_token() -> str:
    """A fresh access token (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def protect(app: Any, *, token: str | None = None, untrusted_prefixes: tuple[str, ...] = (),
            csp: str = APP_CSP, login: Callable[[], Any] | None = None) -> str:
    """Install every guard of this module on a Flask ``app``; returns its access token.

    Two modes, one set of checks:

    * **loopback** (``login`` None): Host must be a loopback name, and no
      request is served without the per-run access token (see the module
      docstring). The token is kept in ``app.config["ZHKO_ACCESS_TOKEN"]``;
      :func:`serve` prints it.
    * **accounts** (the desk on a newsroom LAN): no token and any Host; instead
      ``login()`` runs on every request after the CSRF checks and returns a
      response (a redirect to the login page, a 401) to refuse it, or None.
      Returns ``""``.

    In both, every state-changing request needs the session's CSRF token and,
    when the browser sends them, a same-origin ``Origin`` and ``Sec-Fetch-Site``;
    every response gets a CSP (``untrusted_prefixes``: URL path prefixes whose
    responses carry untrusted content get :data:`UNTRUSTED_CSP` instead of ``csp``).
    """
    from flask import abort, redirect, request, session

    app.config.setdefault("ZHKO_TOKEN_COOKIE", "zhko_access")
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict")
    if not app.secret_key:
        app.secret_key = secrets.token_bytes(32)  # sessions end when the server stops
    if login is None:
        token = token or new_token()
        app.config["ZHKO_ACCESS_TOKEN"] = token
    else:
        token = ""
        app.config.pop("ZHKO_ACCESS_TOKEN", None)

    def _access() -> Any:
        """Loopback mode: the Host header and the access token."""
        if _host_name(request.host or "") not in LOOPBACK:
            abort(400, description="this server only answers on 127.0.0.1, not on the host name this request used")
        given = request.args.get(TOKEN_PARAM)
        if given is not None and request.method in ("GET", "HEAD"):
            if not hmac.compare_digest(given.encode(), token.encode()):
                abort(403, description="wrong access token: open the link the zhko command printed when it started")
            args = [(k, v) for k, v in request.args.items(multi=True) if k != TOKEN_PARAM]
            resp = redirect(request.path + ("?" + urlencode(args) if args else ""), code=303)
            resp.set_cookie(app.config["ZHKO_TOKEN_COOKIE"], token, httponly=True, samesite="Strict", path="/")
            return resp
        held = request.cookies.get(app.config["ZHKO_TOKEN_COOKIE"], "")
        if not hmac.compare_digest(held.encode(), token.encode()):
            abort(403, description=(
                "this server needs its access link: open the URL (with ?token=…) that the zhko command "
                "printed when it started"))
        return None

    @app.before_request
    def _guard() -> Any:
        if login is None:
            refused = _access()
            if refused is not None:
                return refused
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("Origin")
            if origin is not None and origin != request.host_url.rstrip("/"):
                abort(403, description="cross-origin request refused")
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                abort(403, description="cross-site request refused")
            sent = request.form.get("csrf") or request.headers.get("X-CSRF-Token")
            if not sent:
                abort(400, description="missing CSRF token: reload the page and try again")
            if not hmac.compare_digest(str(sent).encode(), str(session.get("csrf", "")).encode()):
                abort(403, description="wrong CSRF token: reload the page and try again")
        return login() if login is not None else None

    @app.after_request
    def _headers(resp: Any) -> Any:
        untrusted = any(request.path.startswith(p) for p in untrusted_prefixes)
        resp.headers["Content-Security-Policy"] = UNTRUSTED_CSP if untrusted else csp
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer" if untrusted else "same-origin"
        resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        resp.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    return token


def _host_name(host: str) -> str:
    """``host[:port]`` → host (IPv6 literals keep their brackets)."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0]


def csrf_token() -> str:
    """This browser session's CSRF token, for a hidden ``csrf`` form field."""
    from flask import session

    return str(session.get("csrf", ""))


def session_id() -> str:
    """A short, non-secret id of this browser session (a hash of its CSRF
    secret): written beside a self-declared editor name in audit records, so
    every change made from one browser session can be told apart from another's."""
    return hashlib.sha256(csrf_token().encode()).hexdigest()[:12]


def safe_next(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path on this server, else ``default`` (no open redirect).

    Browsers drop tabs and newlines inside URLs and treat ``\\`` as ``/``, so
    ``/\\t/evil.example`` would become ``//evil.example``: any control
    character, backslash, leading/trailing space or scheme/host is refused."""
    if not target or len(target) > 4096 or not target.startswith("/"):
        return default
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in target) or "\\" in target or target != target.strip():
        return default
    if target.startswith("//"):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def resolve_output_file(root: str | os.PathLike[str], relpath: str,
                        types: dict[str, str] = OUTPUT_TYPES) -> Path | None:
    """The file ``relpath`` names inside ``root`` if zhko could have written it, else None.

    Refused: any dot-file or dot-folder (``.zhko-cache.sqlite``, lock files,
    editor backups), an extension not in ``types``, any symlink on the way
    (even one pointing inside: output folders hold none), anything but a
    regular file (FIFOs, devices)."""
    if "\x00" in relpath or "\\" in relpath:
        return None
    parts = relpath.split("/")
    if any(not p or p.startswith(".") for p in parts):
        return None
    if PurePosixPath(parts[-1]).suffix.lower() not in types:
        return None
    path = Path(root)
    for i, part in enumerate(parts):
        path = path / part
        try:
            st = os.lstat(path)
        except OSError:
            return None
        last = i == len(parts) - 1
        if stat.S_ISLNK(st.st_mode) or not (stat.S_ISREG(st.st_mode) if last else stat.S_ISDIR(st.st_mode)):
            return None
    return path


def send_output_file(root: str | os.PathLike[str], relpath: str, types: dict[str, str] = OUTPUT_TYPES) -> Any:
    """A Flask response for one output file (404 for anything :func:`resolve_output_file`
    refuses). Opened with ``O_NOFOLLOW`` and re-checked, so a symlink swapped in
    after the check is not followed either. PDFs are sent as downloads."""
    from flask import abort, send_file

    path = resolve_output_file(root, relpath, types)
    if path is None:
        abort(404)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        abort(404)
    fh = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        fh.close()
        abort(404)
    suffix = path.suffix.lower()
    return send_file(fh, mimetype=types[suffix], as_attachment=suffix in DOWNLOAD_TYPES,
                     download_name=path.name, max_age=0, etag=False)


def access_url(app: Any, port: int) -> str:
    """The URL to print: the app on 127.0.0.1 with its access token."""
    return f"http://127.0.0.1:{port}/?{TOKEN_PARAM}={app.config['ZHKO_ACCESS_TOKEN']}"


def serve(app: Any, port: int = 8765, *, what: str = "zhko", open_browser: bool = True) -> None:
    """Serve ``app`` on 127.0.0.1 only (never 0.0.0.0) until Ctrl+C.

    Cookies ignore ports, so two zhko servers on one machine get cookie names
    of their own (``…_<port>``). The access URL is printed to stdout and opened
    in the browser; it is the only place the token appears."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", port, app, threaded=True)
    port = server.server_port
    app.config["SESSION_COOKIE_NAME"] = f"{app.config.get('SESSION_COOKIE_NAME') or 'zhko'}_{port}"
    app.config["ZHKO_TOKEN_COOKIE"] = f"{app.config['ZHKO_TOKEN_COOKIE']}_{port}"
    url = access_url(app, port)
    print(f"{what} at {url}  (Ctrl+C to stop; the link carries this run's access token)", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    finally:
        server.server_close()
