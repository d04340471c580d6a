"""A scripted stand-in for the MT engine that misbehaves on purpose, call by
call, so each repair path of the enforcement is exercised deterministically.
Loaded by path from conftest.py (pytest runs with --import-mode=importlib).
"""

from __future__ import annotations

import re
from typing import Callable

PLACEHOLDER = re.compile(r"Z(\d+)X")


def keep(text: str) -> str:
    return text


def drop(text: str) -> str:
    return PLACEHOLDER.sub("", text)


def duplicate(text: str) -> str:
    return PLACEHOLDER.sub(lambda m: m.group(0) + " " + m.group(0), text)


def mangle(text: str) -> str:
    """What a SentencePiece model without the token in its training does."""
    return PLACEHOLDER.sub(lambda m: f"제트{m.group(1)}엑스", text)


def drop_first(text: str) -> str:
    return text.replace("Z1X", "")


class Scripted:
    """Applies ``behaviours[k]`` to every text of the k-th translate call (the
    last behaviour repeats), after ``extra`` (e.g. to emit a forbidden word)."""

    def __init__(self, *behaviours: Callable[[str], str], extra: Callable[[str], str] = keep):
        self.behaviours = behaviours or (keep,)
        self.extra = extra
        self.calls: list[list[str]] = []

    def translate(self, texts: list[str]) -> list[str]:
        step = self.behaviours[min(len(self.calls), len(self.behaviours) - 1)]
        self.calls.append(list(texts))
        return [step(self.extra(t)) for t in texts]

    def signature(self) -> dict:
        return {"engine": "scripted"}


def truncate(text: str) -> str:
    """A decoder hitting its length cap: the second half is gone."""
    return text[: len(text) // 2]


def swap(text: str) -> str:
    """Placeholders renumbered: every Z<n>X becomes Z<n+1>X."""
    return PLACEHOLDER.sub(lambda m: f"Z{int(m.group(1)) + 1}X", text)


def garble(text: str) -> str:
    """Half a placeholder left behind, plus a forbidden rendering."""
    return PLACEHOLDER.sub(lambda m: f"Z{m.group(1)} 시진핑", text)


BEHAVIOURS = {"keep": keep, "drop": drop, "duplicate": duplicate, "mangle": mangle,
              "drop_first": drop_first, "truncate": truncate, "swap": swap, "garble": garble}
