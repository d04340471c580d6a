"""Writing output files so that an interrupted run never leaves a half-written
file that looks complete: write to a temporary file in the same folder, fsync,
then ``os.replace`` (atomic on POSIX)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.errors import ZhkoError


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically; raise :class:`ZhkoError` naming
    the path when the folder is unwritable or the disk is full."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ZhkoError(f"{path.parent}: cannot write output folder: {exc.strerror or exc}") from exc
    try:
        os.fchmod(fd, 0o666 & ~umask())  # mkstemp makes 0600; outputs are for readers
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ZhkoError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return path


def umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def article_dir(out_dir: str | os.PathLike[str], slug: str) -> Path:
    """``output/<slug>/`` — where one article's HTML, PDF and JSON go."""
    return Path(out_dir) / slug


#: File name of the editorial desk's database inside an output folder
#: (:mod:`pipeline.desk.store`); here so that the up-to-date check can stat it
#: without importing the store (sqlite3).
DESK_NAME = ".zhko-desk.sqlite3"


def desk_path(output_dir: str | os.PathLike[str]) -> Path:
    """The desk database of an output folder."""
    return Path(output_dir) / DESK_NAME
