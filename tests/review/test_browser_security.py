"""A hostile article page served by the review server, in real Chromium: its
script and its ``javascript:`` link must not be able to read the CSRF token or
approve a term (issue 10: that is how 习近平 → 시진핑 got approved)."""

from __future__ import annotations

import http.server
import threading

#: What an attacker's article does once it runs on the review server's origin:
#: read the entry list, take the approve form of 金寿浩, post it.
ATTACK = """
(async () => {
  document.title = "script ran";
  const page = await (await fetch("/?q=%E9%87%91%E5%AF%BF%E6%B5%A9", {credentials: "include"})).text();
  const doc = new DOMParser().parseFromString(page, "text/html");
  const form = [...doc.querySelectorAll("form")].find(f => f.querySelector("button.approve"));
  const body = new URLSearchParams();
  form.querySelectorAll("input").forEach(i => body.append(i.name, i.value));
  const r = await fetch("/action", {method: "POST", body, credentials: "include"});
  document.title = "posted " + r.status;
})();
"""


def _evil_article(out) -> None:
    folder = out / "evil"
    folder.mkdir()
    (folder / "evil.html").write_text(
        "<!doctype html><meta charset=utf-8><title>evil</title>"
        f"<script>{ATTACK}</script>"
        f'<a id="go" href="javascript:{ATTACK.replace(chr(10), " ").replace(chr(34), "&quot;")}">원문</a>',
        encoding="utf-8")


def test_script_in_a_served_article_cannot_approve_a_term(live_server, app, dirs, browser):
    gl, out = dirs
    _evil_article(out)
    before = (gl / "people.yaml").read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(live_server + "/?token=" + app.config["ZHKO_ACCESS_TOKEN"])
        assert page.locator("article.entry").count() == 7  # the editor is signed in
        page.goto(live_server + "/articles/evil/evil.html")
        page.click("#go")
        page.wait_for_timeout(1500)
        assert page.title() == "evil"  # neither the inline script nor the link ran
    finally:
        page.close()
    assert (gl / "people.yaml").read_text(encoding="utf-8") == before
    assert not (gl / "audit.log").exists()


def test_another_local_page_cannot_drive_the_server(live_server, app, dirs, browser):
    """A page from another local server (same site: only the port differs) posts
    a form to the review server while the editor is signed in."""
    gl, _ = dirs
    before = (gl / "people.yaml").read_text(encoding="utf-8")
    key = "people.yaml#金寿浩"
    token = app.extensions["zhko_review"]["store"].get(key).token
    attack = (f'<form id=f method=post action="{live_server}/action">'
              f'<input name=key value="{key}"><input name=token value="{token}">'
              '<input name=action value=approve><input name=csrf value=guess></form>'
              "<script>document.getElementById('f').submit()</script>").encode()

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(attack)

        def log_message(self, *a):
            pass

    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    thread = threading.Thread(target=evil.serve_forever, daemon=True)
    thread.start()
    page = browser.new_page()
    try:
        page.goto(live_server + "/?token=" + app.config["ZHKO_ACCESS_TOKEN"])
        with page.expect_navigation():
            page.goto(f"http://127.0.0.1:{evil.server_port}/")
        assert page.url.endswith("/action")
        assert "refused" in page.content() or "token" in page.content()
    finally:
        page.close()
        evil.shutdown()
        thread.join(5)
    assert (gl / "people.yaml").read_text(encoding="utf-8") == before
