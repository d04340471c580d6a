"""The desk app through Flask's test client: saves, 409 on stale saves, checks on
human text, memory suggestions, article approval, and the security guards."""

from __future__ import annotations

import re
import time

import pytest

from tests.desk.conftest import authorized, csrf_of


def _save(client, token, seg_id, ko, version, approve=False, **kw):
    return client.post("/api/save", json={"id": seg_id, "ko": ko, "version": version, "approve": approve},
                       headers={"X-CSRF-Token": token, **kw})


def test_articles_list_and_article_page(desk_app):
    c = desk_app.test_client()
    assert c.get("/").status_code == 403  # no access token yet
    authorized(c)
    page = c.get("/").get_data(as_text=True)
    assert "news-a" in page and "news-b" in page and "draft" in page
    art = c.get("/a/news-a").get_data(as_text=True)
    assert art.count('<section class="seg') == 4
    assert "습근평 총서기가 연변주를 시찰했다." in art
    assert c.get("/a/nope").status_code == 404
    assert c.get("/a/..%2f..%2fetc").status_code == 404


def test_save_edit_then_a_stale_save_gets_409_with_the_other_text(desk_app):
    one, two = desk_app.test_client(), desk_app.test_client()
    t1, t2 = csrf_of(one), csrf_of(two)
    r = _save(one, t1, "news-a/p1/s3", "오늘은 날씨가 맑다.", 0)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["state"] == "edited" and r.get_json()["version"] == 1
    stale = _save(two, t2, "news-a/p1/s3", "오늘 날씨 좋음.", 0)
    assert stale.status_code == 409
    assert stale.get_json()["current"]["ko"] == "오늘은 날씨가 맑다."
    assert stale.get_json()["current"]["editor"] == "김편집"
    # the page now shows the saved text
    assert "오늘은 날씨가 맑다." in two.get("/a/news-a").get_data(as_text=True)


@pytest.mark.parametrize("ko, check", [
    ("총서기가 연변주를 시찰했다.", "term-violated"),  # dropped 습근평
    ("시진핑 총서기가 연변주를 시찰했다.", "forbidden"),
    ("습근평 총서기가 延边州를 시찰했다.", "hanzi-left"),
])
def test_checks_on_human_text_flag_at_once(desk_app, ko, check):
    c = desk_app.test_client()
    r = c.post("/api/check", json={"id": "news-a/p1/s1", "ko": ko}, headers={"X-CSRF-Token": csrf_of(c)})
    assert check in {f["check"] for f in r.get_json()["findings"]}


def test_lost_number_flagged_and_norm_suggested_not_applied(desk_app):
    c = desk_app.test_client()
    t = csrf_of(c)
    r = _save(c, t, "news-a/p1/s2", "전 주에서 많은 간부가 참가했다. 노동", 0).get_json()
    assert "numbers" in {f["check"] for f in r["findings"]}
    r = c.post("/api/check", json={"id": "news-a/p1/s1", "ko": "습근평 총서기가 연변주를 시찰했다. 2021년 01월 21일"},
               headers={"X-CSRF-Token": t}).get_json()
    assert {(n["before"], n["after"]) for n in r["norm"]} == {("01월", "1월")}


def test_approval_flow_and_memory_suggestions(desk_app):
    c = desk_app.test_client()
    t = csrf_of(c)
    assert c.post("/a/news-a/approve", data={"csrf": t}).status_code == 409
    for seg_id in ("news-a/title", "news-a/p1/s1", "news-a/p1/s2", "news-a/p1/s3"):
        page = c.get("/a/news-a").get_data(as_text=True)
        ko = re.search(rf'data-id="{seg_id}".*?data-saved="([^"]*)"', page, re.S).group(1)
        assert _save(c, t, seg_id, ko, 0, approve=True).status_code == 200
    r = c.post("/a/news-a/approve", data={"csrf": t})
    assert r.status_code == 303
    assert "approved by" in c.get("/a/news-a").get_data(as_text=True)
    listing = c.get("/?state=approved").get_data(as_text=True)
    assert "news-a" in listing and "news-b" not in listing
    # news-b's sentence is close to an approved one of news-a: suggested with its score
    b = c.get("/a/news-b").get_data(as_text=True)
    assert "습근평 총서기가 연변주를 시찰했다." in b
    score = int(re.search(r'class="score">(\d+)%', b).group(1))
    assert 75 <= score < 100
    assert "<ins>工作</ins>" in b  # in the new sentence, not in the memory's
    audit = c.get("/audit").get_data(as_text=True)
    assert "approve-article" in audit


def test_guards(desk_app):
    c = desk_app.test_client()
    t = csrf_of(c)
    assert c.post("/api/save", json={"id": "news-a/p1/s3", "ko": "x", "version": 0}).status_code == 400
    assert _save(c, "wrong", "news-a/p1/s3", "x", 0).status_code == 403
    assert _save(c, t, "news-a/p1/s3", "x", 0, Origin="http://evil.example").status_code == 403
    assert c.get("/", headers={"Host": "evil.example"}).status_code == 400
    r = c.get("/a/news-a")
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    f = c.get("/files/news-a/news-a.html")
    assert f.status_code == 200 and f.headers["Content-Security-Policy"].startswith("sandbox")
    assert c.get("/files/news-a/.zhko-desk.sqlite3").status_code == 404
    assert c.get("/files/news-a/news-a.json").status_code == 404
    big = c.post("/api/save", data="x" * 300_000, headers={"X-CSRF-Token": t, "Content-Type": "application/json"})
    assert big.status_code == 413
    assert _save(c, t, "news-a/p9/s9", "x", 0).status_code == 404


def test_autoescape(desk_dirs):
    from pipeline.desk.app import create_app
    from tests.desk.conftest import make_article, write_article

    out, gl = desk_dirs
    write_article(out, make_article("evil", [("<script>alert(1)</script>。", "<img src=x onerror=alert(1)>")]))
    page = authorized(create_app(out, glossary_dir=gl).test_client()).get("/a/evil").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page


@pytest.fixture
def lan_app(desk_dirs):
    from pipeline.desk.app import create_app
    from pipeline.desk.store import DeskStore

    out, gl = desk_dirs
    store = DeskStore.for_output(out)
    store.add_user("kim", "chief password", "chief")
    store.add_user("lee", "editor password", "editor")
    app = create_app(out, glossary_dir=gl, accounts=True, session_hours=1.0)
    app.config["TESTING"] = True
    return app


def _login(c, name, password):
    page = c.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf" content="([^"]+)"', page).group(1)
    return c.post("/login", data={"csrf": token, "user": name, "password": password, "next": "/"})


def test_lan_mode_refuses_anonymous_and_accepts_a_login(lan_app):
    c = lan_app.test_client()
    assert c.get("/").status_code == 303 and "/login" in c.get("/").headers["Location"]
    assert c.post("/api/save", json={}).status_code in (400, 401)
    assert _login(c, "kim", "wrong password").status_code == 401
    assert _login(c, "kim", "chief password").status_code == 303
    assert "news-a" in c.get("/").get_data(as_text=True)
    assert c.get("/", headers={"Host": "desk.newsroom.lan"}).status_code == 303  # a LAN name: login, not refusal


def test_lan_roles_and_session_expiry(lan_app, monkeypatch):
    c = lan_app.test_client()
    _login(c, "lee", "editor password")
    t = csrf_of(c)
    assert _save(c, t, "news-a/p1/s3", "편집자의 문장.", 0).status_code == 200
    assert c.post("/a/news-a/approve", data={"csrf": t}).status_code == 403  # editors do not approve articles
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3601)
    assert c.get("/").status_code == 303  # expired
    assert _save(c, t, "news-a/p1/s3", "다시.", 1).status_code == 401


def test_lan_mode_needs_accounts(desk_dirs):
    from pipeline.desk.app import create_app
    from pipeline.desk.store import DeskError

    out, gl = desk_dirs
    with pytest.raises(DeskError, match="add-user"):
        create_app(out, glossary_dir=gl, accounts=True)
