"""The glossary review as the desk's Glossary tab: one app, one server, one
login; the desk's protections (access token or accounts, CSRF, CSP) on its
pages; changes signed by the desk's user."""

from __future__ import annotations

import json
import re

from tests.desk.conftest import authorized, csrf_of
from tests.desk.test_app import _login, lan_app  # noqa: F401 (fixture)

KEY = "terms.yaml#延边州"


def _entry_token(app, key: str) -> str:
    return app.extensions["zhko_review"]["store"].get(key).token


def test_the_glossary_is_a_tab_of_the_desk(desk_app, desk_dirs):
    out, gl = desk_dirs
    c = desk_app.test_client()
    assert c.get("/glossary/").status_code == 403  # the desk's access token guards the tab too
    authorized(c)
    desk = c.get("/").get_data(as_text=True)
    assert 'href="/glossary/"' in desk and 'href="/glossary/conflicts"' in desk
    page = c.get("/glossary/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert html.count('<article class="entry') == 3
    assert 'href="/glossary/static/review.css"' in html and 'href="/static/layout.css"' in html
    assert 'href="/a/news-a"' not in html and 'href="/"' in html  # the desk's tabs are there
    # occurrences link to the built article under the tab, served sandboxed
    assert 'href="/glossary/articles/news-a/news-a.html#' in html
    f = c.get("/glossary/articles/news-a/news-a.html")
    assert f.status_code == 200 and f.headers["Content-Security-Policy"].startswith("sandbox")
    assert c.get("/glossary/articles/.zhko-desk.sqlite3").status_code == 404
    for path in ("/glossary/conflicts", "/glossary/audit", "/glossary/static/review.css", "/static/layout.css"):
        assert c.get(path).status_code == 200, path
    assert c.post("/glossary/user", data={"csrf": csrf_of(c), "user": "x"}).status_code in (404, 405)


def test_a_glossary_change_from_the_desk_is_signed_by_the_desk_user(desk_app, desk_dirs):
    out, gl = desk_dirs
    c = authorized(desk_app.test_client())
    csrf = csrf_of(c)
    form = {"key": KEY, "token": _entry_token(desk_app, KEY), "action": "edit", "ko": "연변조선족자치주",
            "reason": "full name", "next": "/glossary/"}
    assert c.post("/glossary/action", data=form).status_code == 400  # no CSRF token
    assert c.post("/glossary/action", data=form | {"csrf": csrf},
                  headers={"Origin": "http://evil.example"}).status_code == 403
    r = c.post("/glossary/action", data=form | {"csrf": csrf})
    assert r.status_code == 303 and r.headers["Location"].startswith("/glossary/#e-")
    assert "ko: 연변조선족자치주" in (gl / "terms.yaml").read_text(encoding="utf-8")
    log = [json.loads(x) for x in (gl / "audit.log").read_text(encoding="utf-8").splitlines()]
    assert [(x["action"], x["user"]) for x in log] == [("edit", "김편집")]
    # a stale page: 409, rendered in the shared layout (StrictUndefined: every variable set)
    stale = c.post("/glossary/action", data=form | {"csrf": csrf, "ko": "연변"})
    assert stale.status_code == 409 and "/glossary/" in stale.get_data(as_text=True)
    history = c.get("/glossary/audit").get_data(as_text=True)
    assert "연변조선족자치주" in history and "full name" in history
    # "Sign as" on the desk signs the glossary changes too
    c.post("/user", data={"csrf": csrf, "user": "박편집", "next": "/glossary/"})
    form = {"key": KEY, "token": _entry_token(desk_app, KEY), "action": "approve", "csrf": csrf}
    assert c.post("/glossary/action", data=form).status_code == 303
    log = [json.loads(x) for x in (gl / "audit.log").read_text(encoding="utf-8").splitlines()]
    assert log[-1]["user"] == "박편집"


def test_lan_mode_the_glossary_tab_needs_the_login(lan_app, desk_dirs):  # noqa: F811
    out, gl = desk_dirs
    c = lan_app.test_client()
    r = c.get("/glossary/")
    assert r.status_code == 303 and "/login" in r.headers["Location"]
    assert c.get("/glossary/articles/news-a/news-a.html").status_code == 303
    assert _login(c, "lee", "editor password").status_code == 303
    page = c.get("/glossary/").get_data(as_text=True)
    assert "lee (editor)" in page and "Sign as" not in page
    csrf = re.search(r'name="csrf" content="([^"]+)"', page).group(1)
    form = {"key": KEY, "token": _entry_token(lan_app, KEY), "action": "approve", "csrf": csrf}
    assert c.post("/glossary/action", data=form).status_code == 303
    log = [json.loads(x) for x in (gl / "audit.log").read_text(encoding="utf-8").splitlines()]
    assert log[-1]["user"] == "lee"


def test_without_a_glossary_folder_option_there_is_no_tab(desk_dirs):
    from pipeline.desk.app import create_app

    out, _ = desk_dirs
    c = authorized(create_app(out, glossary_dir=None).test_client())
    assert "/glossary/" not in c.get("/").get_data(as_text=True)
    assert c.get("/glossary/").status_code == 404
