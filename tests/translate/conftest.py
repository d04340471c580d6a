"""Fixtures for the translate tests: an Argos package index served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture
def serve(tmp_path):
    """Serve a folder on 127.0.0.1 (random port); returns (folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _publish(root: Path, base: str, packages: dict[str, Path], keys: list[str],
             extra_entries: list[dict] | None = None) -> str:
    """Write an Argos-format index.json listing the given packages; returns its URL."""
    index = []
    for key in keys:
        src = packages[key]
        shutil.copy(src, root / src.name)
        f, t = key.split("-")
        index.append({
            "package_version": "1.0", "argos_version": "1.9.0",
            "from_code": f, "from_name": f, "to_code": t, "to_name": t,
            "type": "translate", "code": f"translate-{f}_{t}",
            "links": [f"{base}/{src.name}"],
        })
    index += extra_entries or []
    (root / "index.json").write_text(json.dumps(index))
    return f"{base}/index.json"




@pytest.fixture
def publish():
    """``publish(root, base, packages, keys, extra_entries=None) -> index URL``."""
    return _publish
