"""The review app through Flask's test client: CSRF, stale edits, escaping,
required reasons, conflicts."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.review.conftest import authorized


def _csrf(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _token(client, key: str) -> str:
    from pipeline.review.store import GlossaryStore

    store = client.application.extensions["zhko_review"]["store"]
    assert isinstance(store, GlossaryStore)
    return store.get(key).token


def _post(client, data: dict, **kw):
    return client.post("/action", data=data, **kw)


def test_page_lists_entries_with_occurrences(client):
    page = client.get("/").get_data(as_text=True)
    assert page.count('<article class="entry') == 7
    # the term is highlighted on both sides of its sentence pair
    assert "<mark>金寿浩</mark>" in page and "<mark>김수호</mark>" in page
    assert 'href="/articles/yb-test/yb-test.html#s-yb-test-p1-s2"' in page
    assert ">violated<" in page  # the enforcement status from the article's terms
    # filters
    assert client.get("/?status=forbidden").get_data(as_text=True).count('<article class="entry') == 1
    assert client.get("/?kind=org").get_data(as_text=True).count('<article class="entry') == 2
    assert client.get("/?file=terms.yaml&q=防控").get_data(as_text=True).count('<article class="entry') == 1


def test_sorted_by_frequency(client):
    page = client.get("/?sort=freq").get_data(as_text=True)
    counts = [int(x) for x in re.findall(r'class="freq"[^>]*>(\d+)×', page)]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2


def test_approve_then_stale_token_gets_409(client, dirs):
    gl, _ = dirs
    csrf, key = _csrf(client), "people.yaml#金寿浩"
    token = _token(client, key)
    r = _post(client, {"csrf": csrf, "key": key, "token": token, "action": "approve", "next": "/"})
    assert r.status_code == 303
    before = (gl / "people.yaml").read_text(encoding="utf-8")
    # a second tab still holds the old token
    r = _post(client, {"csrf": csrf, "key": key, "token": token, "action": "edit", "ko": "김수하", "next": "/"})
    assert r.status_code == 409
    assert "changed by someone else" in r.get_data(as_text=True)
    assert (gl / "people.yaml").read_text(encoding="utf-8") == before


def test_reason_required_for_reject_forbid_and_editing_approved(client, dirs):
    gl, _ = dirs
    csrf = _csrf(client)
    before = (gl / "terms.yaml").read_text(encoding="utf-8")
    for action, key in (("reject", "terms.yaml#疫情防控"), ("forbid", "terms.yaml#疫情防控"), ("edit", "terms.yaml#州委")):
        r = _post(client, {"csrf": csrf, "key": key, "token": _token(client, key), "action": action,
                           "ko": "x", "reason": "  "})
        assert r.status_code == 400, action
        assert "reason" in r.get_data(as_text=True)
    assert (gl / "terms.yaml").read_text(encoding="utf-8") == before
    assert not (gl / "audit.log").exists()
    # editing a proposed entry needs no reason
    key = "terms.yaml#疫情防控"
    r = _post(client, {"csrf": csrf, "key": key, "token": _token(client, key), "action": "edit",
                       "ko": "방역", "kind": "phrase", "note": ""})
    assert r.status_code == 303
    after = (gl / "terms.yaml").read_text(encoding="utf-8")
    assert "  ko: 방역\n  kind: phrase\n  status: proposed   # desk prefers a shorter form?" in after


def test_csrf_missing_wrong_and_cross_origin(client, dirs):
    gl, _ = dirs
    csrf, key = _csrf(client), "people.yaml#金寿浩"
    good = {"key": key, "token": _token(client, key), "action": "approve"}
    assert _post(client, good).status_code == 400  # missing token
    assert _post(client, {**good, "csrf": "not-the-token"}).status_code == 403
    r = _post(client, {**good, "csrf": csrf}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = _post(client, {**good, "csrf": csrf}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    # a different browser (no session cookie) with a stolen-looking token fails too
    other = authorized(client.application.test_client())
    assert other.post("/action", data={**good, "csrf": csrf}).status_code == 403
    assert "status: proposed" in (gl / "people.yaml").read_text(encoding="utf-8").split("金寿浩")[1][:80]
    # the same-origin request with the right token works
    r = _post(client, {**good, "csrf": csrf}, headers={"Origin": "http://localhost"})
    assert r.status_code == 303
    # the user form is protected the same way
    assert client.post("/user", data={"user": "mallory"}).status_code == 400


def test_non_loopback_host_refused(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_hostile_text_is_escaped(tmp_path):
    from pipeline.review.app import create_app

    gl = tmp_path / "g"
    gl.mkdir()
    (gl / "evil.yaml").write_text(
        '- zh: "<script>alert(1)</script>"\n  ko: "<img src=x onerror=alert(2)>"\n'
        '  note: "</dd><script>alert(3)</script>"\n  status: proposed\n', encoding="utf-8")
    client = authorized(create_app(gl, tmp_path / "none").test_client())
    r = client.get("/")
    page = r.get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/dd&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    # round trip through a form: the key with markup still addresses the entry
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    key = html.unescape(re.search(r'name="key" value="([^"]+)"', page).group(1))
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    r = client.post("/action", data={"csrf": csrf, "key": key, "token": token, "action": "approve"})
    assert r.status_code == 303
    assert "status: approved" in (gl / "evil.yaml").read_text(encoding="utf-8")
    flashed = client.get("/").get_data(as_text=True)
    assert "<script>alert" not in flashed


def test_conflicts_view(tmp_path):
    from pipeline.review.app import create_app
    from pipeline.review.store import GlossaryStore
    from pipeline.review.usage import find_conflicts

    gl = tmp_path / "g"
    gl.mkdir()
    (gl / "a.yaml").write_text(
        "- {zh: 延边, ko: 연변, kind: place}\n"
        "- {zh: 延边, ko: 옌볜, kind: place}\n"            # two approved renderings
        "- {zh: 主任, ko: 주임, kind: title}\n"
        "- {zh: 主席, ko: 주임, kind: title}\n"            # one Korean for two unrelated terms
        "- {zh: 金寿浩, ko: 김수호, variants: [金壽浩]}\n"
        "- {zh: 金壽浩, ko: 김수호}\n"                     # same Korean, but a variant: fine
        "- {zh: 疫情防控, ko: 방역}\n"
        "- {zh: 防控工作, ko: 방역사업}\n"                 # partial overlap in 疫情防控工作
        "- {zh: 领导小组, ko: 령도소조, priority: 1}\n"
        "- {zh: 小组长, ko: 소조장}\n"                     # overlap, but different priority: fine
        "- {zh: 延边州, ko: 연변주}\n"                     # contains 延边: longest match wins, fine
        "- {zh: 习近平, ko: 시진, status: forbidden}\n"
        "- {zh: 习近平同志, ko: 시진핑동지}\n",            # forbidden rendering inside an approved one
        encoding="utf-8")
    found = {(c.kind, tuple(sorted(e.zh for e in c.entries))) for c in find_conflicts(GlossaryStore(gl).entries())}
    assert found == {
        ("two-renderings", ("延边", "延边")),
        ("shared-rendering", ("主任", "主席")),
        ("overlap", ("疫情防控", "防控工作")),
        ("forbidden-inside", ("习近平", "习近平同志")),
    }
    page = authorized(create_app(gl, tmp_path / "none").test_client()).get("/conflicts").get_data(as_text=True)
    assert "延边 has 2 approved renderings: 연변, 옌볜" in page
    assert "疫情防控工作" in page


def test_articles_served_from_output_dir_only(client, dirs):
    assert client.get("/articles/yb-test/yb-test.html").status_code == 200
    assert client.get("/articles/../glossaries/people.yaml").status_code == 404
    assert client.get("/static/../app.py").status_code == 404


def test_audit_page_shows_changes(client):
    csrf, key = _csrf(client), "people.yaml#金寿浩"
    _post(client, {"csrf": csrf, "key": key, "token": _token(client, key), "action": "reject",
                   "reason": "wrong <b>reading</b>"})
    page = client.get("/audit").get_data(as_text=True)
    assert "wrong &lt;b&gt;reading&lt;/b&gt;" in page and "tester" in page


def test_signing_as_another_editor(client, dirs):
    gl, _ = dirs
    csrf, key = _csrf(client), "people.yaml#金寿浩"
    assert client.post("/user", data={"csrf": csrf, "user": "박편집"}).status_code == 303
    _post(client, {"csrf": csrf, "key": key, "token": _token(client, key), "action": "approve"})
    assert '"user": "박편집"' in (gl / "audit.log").read_text(encoding="utf-8")
