"""`zhko glossary review` as editors start it: a real server process prints
its address with the access token; nothing is served without it."""

from __future__ import annotations

import re
import select
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, cookie: str = "") -> tuple[int, dict[str, str]]:
    opener = urllib.request.build_opener(_NoRedirect)
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(req, timeout=10) as resp:
            return resp.status, dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def test_review_command_prints_a_token_url_and_refuses_requests_without_it(dirs):
    gl, out = dirs
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "glossary", "review", "--glossary", str(gl), "--output", str(out),
         "--port", "0", "--no-browser"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "the server printed nothing"
        line = proc.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:(\d+))/\?token=([A-Za-z0-9_-]{40,})", line)
        assert m, line
        base, port, token = m.groups()
        assert _get(base + "/")[0] == 403
        assert _get(base + "/?token=" + "x" * 43)[0] == 403
        status, headers = _get(f"{base}/?token={token}")
        assert status == 303 and headers["Location"] == "/"
        cookie = headers["Set-Cookie"].split(";")[0]
        assert cookie.startswith(f"zhko_review_access_{port}=")  # one name per port
        status, headers = _get(base + "/", cookie)
        assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
        assert _get(base + "/articles/yb-test/yb-test.html", cookie)[1]["Content-Security-Policy"].startswith("sandbox")
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()
