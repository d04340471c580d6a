"""The desk in a real (headless Debian) Chromium, served by waitress: edit a
sentence with the keyboard, approve every sentence, approve the article, build,
and find the edit in the PDF with no DRAFT; a second page saving stale text gets
409 and sees the other editor's text; LAN mode refuses an anonymous visitor and
accepts a login."""

from __future__ import annotations

import threading

import pytest

from tests.builds.conftest import GLOSSARY, make_batch
from tests.support.browser import expect

EDIT = "편집자가 건반으로 고친 문장이다."


def serve(app):
    """The app on 127.0.0.1 (free port) with waitress, in a thread; returns (url, stop)."""
    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"

    def stop():
        server.close()
        thread.join(5)

    return url, stop


@pytest.fixture
def built(tmp_path, argos_dir_direct):
    from pipeline.build import build
    from tests.support.build_options import options_factory

    src, out = tmp_path / "in", tmp_path / "out"
    make_batch(src, 1, per_article=2)
    options = options_factory(argos_dir_direct, out)(pdf=True)
    assert build([src], options).exit_code == 0
    return src, out, options


def _wait_state(page, index, state):
    page.wait_for_function(
        "([i, s]) => document.querySelectorAll('section.seg')[i].dataset.state === s", arg=[index, state],
        timeout=10_000)


def test_edit_approve_build_and_a_stale_page_gets_409(built, browser):
    from pypdf import PdfReader

    from pipeline.build import build
    from pipeline.desk.app import create_app

    src, out, options = built
    app = create_app(out, glossary_dir=GLOSSARY, user="김편집")
    url, stop = serve(app)
    token = app.config["ZHKO_ACCESS_TOKEN"]
    slug = next(p.name for p in out.iterdir() if p.is_dir())
    one = browser.new_context().new_page()
    two = browser.new_context().new_page()
    try:
        one.goto(f"{url}/?token={token}")
        assert one.locator("tr.art").count() == 1 and "draft" in one.locator("tr.art").inner_text()
        one.click(f"tr.art a")
        two.goto(f"{url}/a/{slug}?token={token}")  # opened before the edit: will be stale
        segs = one.locator("section.seg")
        expect(segs).to_have_count(3)  # waits for the article page the click opened
        n = segs.count()
        # the first sentence has the focus; replace its text and approve with the keyboard
        assert one.evaluate("document.activeElement === document.querySelectorAll('section.seg textarea')[0]")
        one.keyboard.press("Control+A")
        one.keyboard.type(EDIT)
        one.keyboard.press("Control+Enter")
        _wait_state(one, 0, "approved")
        # the focus moved on; approve the others as they stand (typing when the engine left nothing)
        for i in range(1, n):
            assert one.evaluate(f"document.activeElement === document.querySelectorAll('section.seg textarea')[{i}]")
            if not segs.nth(i).locator("textarea").input_value().strip():
                one.keyboard.type("빈 문장을 채웠다.")
            one.keyboard.press("Control+Enter")
            _wait_state(one, i, "approved")
        assert one.locator("#counts .c-approved b").inner_text() == str(n)
        # Alt+Up goes back one sentence
        one.keyboard.press("Alt+ArrowUp")
        assert one.evaluate(f"document.activeElement === document.querySelectorAll('section.seg textarea')[{n - 2}]")

        # the stale page saves the first sentence: 409, the other editor's text shown, nothing overwritten
        two.locator("section.seg textarea").first.fill("다른 편집자의 낡은 문장.")
        two.locator("section.seg textarea").first.press("Control+s")
        two.wait_for_selector("section.seg .conflict:not([hidden])")
        assert EDIT in two.locator("section.seg .conflict .theirs").first.inner_text()
        assert "someone else" in two.locator("section.seg .msg").first.inner_text()

        one.click("#approve-article")
        one.wait_for_selector(".flash")
        assert "approved" in one.locator("#art-state").inner_text()
    finally:
        one.close()
        two.close()
        stop()

    report = build([src], options)
    assert report.exit_code == 0 and report.decoded == 0
    pdf = out / slug / f"{slug}.pdf"
    reader = PdfReader(pdf)
    text = "".join(p.extract_text() for p in reader.pages)
    assert EDIT.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert "DRAFT" not in text and not reader.metadata.title.startswith("DRAFT")


def test_lan_mode_refuses_anonymous_and_accepts_a_login(built, browser):
    from pipeline.desk.app import create_app
    from pipeline.desk.store import DeskStore

    _, out, _ = built
    DeskStore.for_output(out).add_user("kim", "chief password", "chief")
    app = create_app(out, glossary_dir=GLOSSARY, accounts=True)
    url, stop = serve(app)
    page = browser.new_context().new_page()
    try:
        resp = page.request.get(f"{url}/api/save")
        assert resp.status in (401, 405)
        page.goto(f"{url}/")
        assert "/login" in page.url and page.locator("tr.art").count() == 0
        page.fill("input[name=user]", "kim")
        page.fill("input[name=password]", "wrong password")
        page.click("form.login button")
        expect(page.locator("main")).to_contain_text("wrong name or password")
        page.fill("input[name=user]", "kim")
        page.fill("input[name=password]", "chief password")
        page.click("form.login button")
        page.wait_for_selector("tr.art")
        assert "kim (chief)" in page.inner_text("header.top")
    finally:
        page.close()
        stop()


def test_memory_suggestion_taken_with_one_key(desk_dirs, browser):
    from pipeline.desk.app import create_app
    from pipeline.desk.store import DeskStore

    out, gl = desk_dirs
    store = DeskStore.for_output(out)
    store.save("news-a/p1/s1", zh="习近平总书记在延边州考察。", ko="습근평 총서기가 연변주를 시찰했다.",
               expected_version=0, user="김편집", approve=True)
    app = create_app(out, glossary_dir=gl, user="박편집")
    url, stop = serve(app)
    page = browser.new_context().new_page()
    try:
        page.goto(f"{url}/a/news-b?token={app.config['ZHKO_ACCESS_TOKEN']}")
        page.locator("section.seg textarea").nth(1).focus()
        page.wait_for_selector("section.seg >> nth=1 >> ol.suggestions li")
        li = page.locator("section.seg").nth(1).locator("ol.suggestions li").first
        assert "%" in li.locator(".score").inner_text()
        assert li.locator("ins").first.inner_text() == "工作"  # the source difference, highlighted
        page.keyboard.press("Alt+1")
        assert page.locator("section.seg textarea").nth(1).input_value() == "습근평 총서기가 연변주를 시찰했다."
        page.keyboard.press("Control+Enter")
        _wait_state(page, 1, "approved")
    finally:
        page.close()
        stop()
    row = store.segment("news-b/p1/s1")
    assert (row.ko, row.origin, row.editor, row.state) == ("습근평 총서기가 연변주를 시찰했다.", "memory-suggestion",
                                                           "박편집", "approved")


def test_glossary_tab_in_the_desk_and_a_hostile_article_under_it_cannot_approve(desk_dirs, browser):
    """The glossary review as the desk's tab, in Chromium: the editor approves a
    term from the tab; a built article served under the tab (scraped text) runs
    no script, so it cannot approve one (the desk's CSP, one set of guards)."""
    from pipeline.desk.app import create_app
    from tests.review.test_browser_security import ATTACK

    out, gl = desk_dirs
    (gl / "people.yaml").write_text("- zh: 金寿浩\n  ko: 김수호\n  kind: person\n  status: proposed\n",
                                    encoding="utf-8")
    evil = out / "evil"
    evil.mkdir()
    attack = ATTACK.replace('fetch("/', 'fetch("/glossary/')  # the tab's routes
    (evil / "evil.html").write_text(
        "<!doctype html><meta charset=utf-8><title>evil</title>"
        f"<script>{attack}</script>"
        f'<a id="go" href="javascript:{attack.replace(chr(10), " ").replace(chr(34), "&quot;")}">원문</a>',
        encoding="utf-8")
    app = create_app(out, glossary_dir=gl, user="김편집")
    url, stop = serve(app)
    page = browser.new_context().new_page()
    try:
        page.goto(f"{url}/?token={app.config['ZHKO_ACCESS_TOKEN']}")
        page.click("header.top nav a[href='/glossary/']")
        expect(page.locator("article.entry")).to_have_count(4)
        page.goto(f"{url}/glossary/articles/evil/evil.html")
        page.click("#go")
        page.wait_for_timeout(1500)
        assert page.title() == "evil"  # neither the inline script nor the link ran
        assert "status: proposed" in (gl / "people.yaml").read_text(encoding="utf-8")
        page.goto(f"{url}/glossary/?q=金寿浩")
        page.locator("article.entry button.approve").click()
        page.wait_for_selector(".flash")
        assert "Approved" in page.locator(".flash").inner_text()
    finally:
        page.close()
        stop()
    assert "status: approved" in (gl / "people.yaml").read_text(encoding="utf-8")
    assert '"user": "김편집"' in (gl / "audit.log").read_text(encoding="utf-8")
