"""Fixtures for the review tools: a temp copy of a small glossary and output dir,
the Flask app over them, and a live server on 127.0.0.1 (port 0) for the browser."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tests.support.browser import browser  # noqa: F401 (the Chromium fixture)

DATA = Path(__file__).parent / "data"
OUT = Path(__file__).resolve().parents[1] / "_out" / "review"


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    gl, out = tmp_path / "glossaries", tmp_path / "output"
    shutil.copytree(DATA / "glossary", gl)
    shutil.copytree(DATA / "output", out)
    return gl, out


@pytest.fixture
def app(dirs):
    from pipeline.review.app import create_app

    gl, out = dirs
    app = create_app(gl, out, user="tester")
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    """A browser that opened the access link the command printed."""
    return authorized(app.test_client())


def authorized(client):
    """Open the app's access link once (sets the token cookie), as an editor does."""
    token = client.application.config["ZHKO_ACCESS_TOKEN"]
    r = client.get(f"/?token={token}")
    assert r.status_code == 303, r.status_code
    return client


@pytest.fixture
def live_server(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="session")
def out_dir() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT

