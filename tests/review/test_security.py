"""The review server as a host of untrusted content (issue 10): access token,
CSP on every response, only zhko's own files under /articles/, no open
redirect, saves that lint would reject refused, audit log robust to odd text."""

from __future__ import annotations

import json
import os
import re

import pytest

from pipeline.web import security
from tests.review.conftest import authorized


def _csrf(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _entry_token(client, key: str) -> str:
    return client.application.extensions["zhko_review"]["store"].get(key).token


# --------------------------------------------------------------------------- access token


def test_nothing_is_served_without_the_access_token(app, dirs):
    gl, _ = dirs
    before = (gl / "people.yaml").read_text(encoding="utf-8")
    other = app.test_client()  # another local process: can connect, does not know the token
    for path in ("/", "/audit", "/conflicts", "/static/review.css", "/articles/yb-test/yb-test.html"):
        r = other.get(path)
        assert r.status_code == 403, path
        assert "access link" in r.get_data(as_text=True)
    assert other.get("/?token=guess").status_code == 403
    r = other.post("/action", data={"key": "people.yaml#金寿浩", "action": "approve", "csrf": "x", "token": "y"})
    assert r.status_code == 403
    assert (gl / "people.yaml").read_text(encoding="utf-8") == before


def test_access_link_sets_an_httponly_strict_cookie_and_drops_the_token(app):
    c = app.test_client()
    token = app.config["ZHKO_ACCESS_TOKEN"]
    assert len(token) >= 40  # 256 bits
    r = c.get(f"/?status=approved&token={token}")
    assert r.status_code == 303
    assert r.headers["Location"] == "/?status=approved"
    cookie = next(h for h in r.headers.getlist("Set-Cookie") if h.startswith("zhko_review_access="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert c.get("/").status_code == 200
    # a second app (another run) has another token
    from pipeline.review.app import create_app

    other = create_app(app.extensions["zhko_review"]["store"].dir, app.extensions["zhko_review"]["output_dir"])
    assert other.config["ZHKO_ACCESS_TOKEN"] != token


def test_printed_url_carries_the_token(app):
    assert security.access_url(app, 8765) == f"http://127.0.0.1:8765/?token={app.config['ZHKO_ACCESS_TOKEN']}"


# --------------------------------------------------------------------------- CSP


def test_csp_on_every_response_and_sandbox_for_articles(client, app):
    for path, code in (("/", 200), ("/audit", 200), ("/static/review.js", 200), ("/nope", 404),
                       ("/static/nope.js", 404)):
        r = client.get(path)
        assert r.status_code == code, path
        assert r.headers["Content-Security-Policy"] == security.APP_CSP, path
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert app.test_client().get("/").headers["Content-Security-Policy"] == security.APP_CSP  # 403 too
    for path, code in (("/articles/yb-test/yb-test.html", 200), ("/articles/yb-test/yb-test.json", 200),
                       ("/articles/missing.html", 404)):
        r = client.get(path)
        assert r.status_code == code, path
        csp = r.headers["Content-Security-Policy"]
        assert csp.startswith("sandbox;") and "script-src" not in csp and "default-src 'none'" in csp
        assert r.headers["Referrer-Policy"] == "no-referrer"


# --------------------------------------------------------------------------- /articles/


def test_articles_serves_only_files_zhko_wrote(client, dirs, tmp_path):
    gl, out = dirs
    (out / ".zhko-cache.sqlite").write_bytes(b"SQLite format 3\0 secret translations")
    (out / "yb-test" / ".yb-test.html.tmp").write_text("<p>half written</p>", encoding="utf-8")
    (out / ".hidden").mkdir()
    (out / ".hidden" / "x.html").write_text("<p>x</p>", encoding="utf-8")
    (out / "notes.txt").write_text("private", encoding="utf-8")
    (out / "yb-test" / "run.sh").write_text("echo", encoding="utf-8")
    secret = tmp_path / "secret.html"
    secret.write_text("<p>outside the output folder</p>", encoding="utf-8")
    os.symlink(secret, out / "leak.html")
    os.symlink(gl, out / "gl")
    os.symlink(out / "yb-test" / "yb-test.html", out / "inside.html")  # even inside: zhko writes no links
    os.mkfifo(out / "fifo.html")
    for path in (".zhko-cache.sqlite", "yb-test/.yb-test.html.tmp", ".hidden/x.html", "notes.txt",
                 "yb-test/run.sh", "leak.html", "gl/people.yaml", "inside.html", "fifo.html",
                 "yb-test/../yb-test/yb-test.html", "yb-test//yb-test.html", "yb-test\\yb-test.html"):
        assert client.get("/articles/" + path).status_code == 404, path
    r = client.get("/articles/yb-test/yb-test.html")
    assert r.status_code == 200 and r.mimetype == "text/html"
    (out / "yb-test" / "yb-test.pdf").write_bytes(b"%PDF-1.7\n")
    r = client.get("/articles/yb-test/yb-test.pdf")
    assert r.status_code == 200 and r.headers["Content-Disposition"].startswith("attachment")


# --------------------------------------------------------------------------- redirects


@pytest.mark.parametrize("target", [
    "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "//evil.example", "/\\evil.example",
    "\\\\evil.example", "https://evil.example/", "javascript:alert(1)", " //evil.example",
    "/ /evil.example ", "evil.example", "", None, "/\x00/evil.example",
])
def test_safe_next_refuses_anything_but_a_local_path(target):
    assert security.safe_next(target) == "/"


def test_safe_next_keeps_local_paths():
    assert security.safe_next("/?q=金寿浩&status=approved") == "/?q=金寿浩&status=approved"
    assert security.safe_next("/conflicts") == "/conflicts"


def test_user_form_does_not_redirect_off_site(client):
    r = client.post("/user", data={"csrf": _csrf(client), "user": "kim", "next": "/\t/evil.example"})
    assert r.status_code == 303 and r.headers["Location"] == "/"


# --------------------------------------------------------------------------- editor name


def test_editor_name_is_bound_to_the_browser_session(client, app, dirs):
    gl, _ = dirs
    csrf = _csrf(client)
    client.post("/user", data={"csrf": csrf, "user": "박\u202e편집\x00"})
    key = "people.yaml#金寿浩"
    client.post("/action", data={"csrf": csrf, "key": key, "token": _entry_token(client, key), "action": "approve"})
    other = authorized(app.test_client())
    key2 = "terms.yaml#疫情防控"
    other.post("/action", data={"csrf": _csrf(other), "key": key2, "token": _entry_token(other, key2),
                                "action": "reject", "reason": "long"})
    recs = [json.loads(x) for x in (gl / "audit.log").read_text(encoding="utf-8").split("\n") if x]
    assert [r["user"] for r in recs] == ["박편집", "tester"]  # no control/bidi characters kept
    assert recs[0]["session"] and recs[1]["session"] and recs[0]["session"] != recs[1]["session"]


# --------------------------------------------------------------------------- lint before saving


def test_save_that_lint_rejects_is_refused(client, dirs):
    gl, _ = dirs
    before = (gl / "people.yaml").read_text(encoding="utf-8")
    csrf = _csrf(client)
    # approving a second rendering of 习近平
    key = "people.yaml#习近平~2"
    r = client.post("/action", data={"csrf": csrf, "key": key, "token": _entry_token(client, key),
                                     "action": "approve"})
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "not saved" in page and "两" not in page and "two approved renderings" in page
    # editing an approved rendering to the forbidden one
    key = "people.yaml#习近平"
    r = client.post("/action", data={"csrf": csrf, "key": key, "token": _entry_token(client, key),
                                     "action": "edit", "ko": "시진핑", "reason": "test"})
    assert r.status_code == 400 and "forbidden rendering 시진핑" in r.get_data(as_text=True)
    assert (gl / "people.yaml").read_text(encoding="utf-8") == before
    assert not (gl / "audit.log").exists()
    from pipeline.glossary.load import lint

    assert lint(gl) == []


def test_an_existing_problem_elsewhere_does_not_block_other_saves(client, dirs):
    gl, _ = dirs
    (gl / "broken.yaml").write_text("- zh: 州长\n  ko: 주장\n  kidn: title\n", encoding="utf-8")
    key = "people.yaml#金寿浩"
    r = client.post("/action", data={"csrf": _csrf(client), "key": key, "token": _entry_token(client, key),
                                     "action": "approve"})
    assert r.status_code == 303


# --------------------------------------------------------------------------- dot-file glossaries


def test_dot_file_glossaries_are_neither_enforced_nor_shown(client, dirs):
    from pipeline.glossary.load import load_glossary

    gl, _ = dirs
    (gl / ".#people.yaml").write_text("- {zh: 金寿浩, ko: 김수하}\n", encoding="utf-8")
    (gl / "._terms.yaml").write_bytes(b"\x00\x05\x16\x07 mac resource fork")
    glossary = load_glossary(gl)
    assert all(not e.file.startswith(".") for e in glossary.entries)
    page = client.get("/").get_data(as_text=True)
    assert "김수하" not in page
    shown = {e.key for e in client.application.extensions["zhko_review"]["store"].entries()}
    assert shown == {e.key + ("~2" if e.ko == "시진핑" else "") for e in glossary.entries}


# --------------------------------------------------------------------------- audit log


def test_audit_survives_line_separators_and_corrupt_lines(client, dirs):
    gl, _ = dirs
    key = "people.yaml#金寿浩"
    r = client.post("/action", data={"csrf": _csrf(client), "key": key, "token": _entry_token(client, key),
                                     "action": "reject", "reason": "pasted from Word\u2028second line\u0085third"})
    assert r.status_code == 303
    raw = (gl / "audit.log").read_text(encoding="utf-8")
    assert "\u2028" not in raw and "\u0085" not in raw and raw.count("\n") == 1
    with open(gl / "audit.log", "a", encoding="utf-8") as fh:  # a crash mid-write, a hand edit
        fh.write('{"time": "2021-01-0\n[1, 2]\n')
    # an old log written before the fix: a raw U+2028 inside a record
    with open(gl / "audit.log", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"time": "t", "user": "u", "action": "edit", "key": "k", "before": None,
                             "after": {"ko": "가\u2028나"}, "reason": "r\u2028s"}, ensure_ascii=False) + "\n")
    r = client.get("/audit")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "second line" in page and "audit.log:2: not an audit record" in page and "audit.log:3:" in page
    store = client.application.extensions["zhko_review"]["store"]
    records, problems = store.read_audit_checked()
    assert len(records) == 2 and len(problems) == 2
    assert records[0]["reason"] == "pasted from Word\u2028second line\u0085third"


def test_malformed_or_foreign_article_json_is_a_message_not_a_failed_page(client, dirs, tmp_path):
    _, out = dirs
    for slug, content in (("listy", "[]"), ("strhead", '{"heading": "x"}'), ("badseg", '{"heading": {}, "paragraphs": [{"segments": [1]}]}'),
                          ("badterm", '{"heading": {"zh": "延边", "terms": [{"start": "0"}]}}'),
                          ("notjson", "{"), ("deep", "[" * 100_000)):
        (out / slug).mkdir()
        (out / slug / f"{slug}.json").write_text(content, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere" / "leak"
    elsewhere.mkdir(parents=True)
    (elsewhere / "leak.json").write_text('{"heading": {"zh": "金寿浩 secret", "ko": "김수호"}}', encoding="utf-8")
    os.symlink(elsewhere, out / "leak")
    r = client.get("/")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    for slug in ("listy", "strhead", "badseg", "badterm"):
        assert f"{slug}.json: not a zhko article" in page
    assert "notjson.json: cannot read built article" in page and "deep.json: cannot read built article" in page
    assert "secret" not in page  # nothing read through a symlink
    assert 'href="/articles/yb-test/yb-test.html#s-yb-test-p1-s2"' in page  # the good article still counts
