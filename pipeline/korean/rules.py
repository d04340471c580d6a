"""The Korean-norm rule set's version, without loading the rules.

Part of the run signature and of every build key (:mod:`pipeline.uptodate`):
an unchanged rebuild must be able to read it without importing
:mod:`pipeline.korean.style`, whose import compiles the rules (~25 ms).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _data_files() -> list[Path]:
    """Every file of ``data/``: a table added later cannot be left out of the
    version (landmarks.tsv and surname_ambiguous.txt once were)."""
    return sorted(p for p in DATA.iterdir() if p.is_file() and not p.name.startswith("."))


def rules_version() -> str:
    """Rule-set version plus a hash of the data files and of the dictionary
    (NK-HanDic's version, the derived table's version): part of the run
    signature, so outputs made with an edited word list or another dictionary
    are told apart. Cheap: the dictionary itself is not loaded."""
    from pipeline.korean import dictionary

    h = hashlib.sha256()
    for path in _data_files():
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    dic = dictionary.sys_dic_path()
    h.update(f"table{dictionary.TABLE_VERSION}".encode())
    if dic is not None and (dic.parent / "version").exists():
        h.update((dic.parent / "version").read_bytes())
    return f"yanbian-2016/3+{h.hexdigest()[:8]}"


RULES_VERSION = rules_version()
