"""The review page in a real (headless Debian) Chromium: filter, approve, edit,
then check the YAML files on disk and the audit log."""

from __future__ import annotations

import json

from tests.support.browser import expect



def _diff_lines(a: str, b: str) -> list[tuple[str, str]]:
    import difflib

    out = []
    for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        out.append((line[0], line[1:]))
    return out


def test_review_in_browser(live_server, app, dirs, browser, out_dir):
    gl, _ = dirs
    people_before = (gl / "people.yaml").read_text(encoding="utf-8")
    terms_before = (gl / "terms.yaml").read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(live_server + "/?token=" + app.config["ZHKO_ACCESS_TOKEN"])
        assert "token" not in page.url  # the token goes into a cookie, out of the address bar
        assert page.locator("article.entry").count() == 7
        # Filter to one term by text.
        page.fill("input[name=q]", "金寿浩")
        page.click("form.filters button[type=submit]")
        cards = page.locator("article.entry")
        # the click starts a navigation; expect() waits for the filtered page
        # (a bare count() raced it on a loaded machine and saw the old list)
        expect(cards).to_have_count(1)
        card = cards.first
        assert "김수호" in card.inner_text()
        # its occurrence: Chinese and Korean side by side, term highlighted in both
        assert card.locator("td.zh mark").first.inner_text() == "金寿浩"
        assert card.locator("td.ko mark").first.inner_text() == "김수호"
        link = card.locator("td.go a").first.get_attribute("href")
        assert link.endswith("/articles/yb-test/yb-test.html#s-yb-test-p1-s2")
        # Approve the proposed entry.
        card.locator("button.approve").click()
        page.wait_for_selector(".flash")
        assert "Approved" in page.locator(".flash").inner_text()
        assert "approved" in page.locator("article.entry .badge").first.inner_text()

        # Edit another entry (approved → reason required) from the full list.
        page.goto(live_server + "/?q=" + "领导小组")
        card = page.locator("article.entry").first
        card.locator("details.edit summary").click()
        card.locator("details.edit input[name=ko]").fill("령도소조(领导小组)")
        card.locator("details.edit input[name=note]").fill("desk decision 2021-01")
        card.locator("details.edit input[name=reason]").fill("desk wants the Chinese in brackets")
        card.locator("details.edit button.save").click()
        page.wait_for_selector(".flash")
        assert "령도소조(领导小组)" in page.locator("article.entry .ko").first.inner_text()

        # The link to the article opens the served HTML at that sentence.
        page.goto(live_server + link.split("#")[0])
        assert page.locator("#s-yb-test-p1-s2").count() == 1

        page.goto(live_server + "/?sort=freq")
        page.locator("article.entry").nth(0).locator("details.edit summary").click()
        page.screenshot(path=str(out_dir / "review.png"), full_page=True)
        (gl / "clash.yaml").write_text(
            "- {zh: 州委, ko: 주위, kind: org}\n- {zh: 防控工作, ko: 방역사업}\n- {zh: 州长, ko: 주당위}\n",
            encoding="utf-8")
        page.goto(live_server + "/conflicts")
        kinds = page.locator("li.conflict > .badge").all_inner_texts()
        assert sorted(kinds) == ["shared-rendering", "two-renderings"]
        page.screenshot(path=str(out_dir / "conflicts.png"), full_page=True)
    finally:
        page.close()

    people_after = (gl / "people.yaml").read_text(encoding="utf-8")
    terms_after = (gl / "terms.yaml").read_text(encoding="utf-8")
    # Only the approved entry's status line changed; comments kept.
    assert _diff_lines(people_before, people_after) == [("-", "  status: proposed"), ("+", "  status: approved")]
    assert "# Governor; reading still to be confirmed by the desk." in people_after
    assert sorted(_diff_lines(terms_before, terms_after)) == sorted([
        ("-", "  ko: 령도소조"),
        ("-", '  note: "no initial-sound rule: 령, not 영"'),
        ("+", "  ko: 령도소조(领导小组)"),
        ("+", '  note: "desk decision 2021-01"'),
    ])
    log = [json.loads(x) for x in (gl / "audit.log").read_text(encoding="utf-8").splitlines()]
    assert [(r["action"], r["key"], r["user"]) for r in log] == [
        ("approve", "people.yaml#金寿浩", "tester"),
        ("edit", "terms.yaml#领导小组", "tester"),
    ]
    assert log[0]["before"]["status"] == "proposed" and log[0]["after"]["status"] == "approved"
    assert log[1]["reason"] == "desk wants the Chinese in brackets"
    assert log[1]["before"]["ko"] == "령도소조" and log[1]["after"]["ko"] == "령도소조(领导小组)"
    assert log[0]["time"].endswith("Z")
