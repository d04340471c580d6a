"""YAML for hostile files: no anchors or aliases, bounded nesting.

Front matter and glossary files are small flat documents: a mapping of
strings, a list of mappings of strings. Explicit tags (``!!binary``,
``!!timestamp``) make no sense there either and are refused too. YAML's
anchors and aliases (``&a``,
``*a``, ``<<: *a``) make no sense there, and they are what a "billion laughs"
document is made of: ten lines that expand to gigabytes when anything walks
the result (``repr``, ``json.dumps``, a round-trip dump). Deep nesting
(``[[[[…``) is the other way to hurt a YAML reader: PyYAML's composer and
constructor recurse once per level. So both are refused while the document
is *composed*, before any Python object exists, with a normal
``yaml.YAMLError`` carrying the line — every caller already turns those into
one message naming the file and line.

The loader runs libyaml's C parser when PyYAML has it (it does in the wheels
zhko installs) and PyYAML's pure-Python composer on top of it, so the hook
costs nothing measurable while scanning stays in C; without libyaml the
pure-Python parser is used.

:func:`check_text` applies the same rules to text another YAML library
(ruamel.yaml, for the review page's round-trip editing) is about to load.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

#: Default nesting limit (see :class:`pipeline.limits.Limits`).
MAX_DEPTH = 20

ALIAS_PROBLEM = "YAML aliases (*name) are not allowed in this file"
ANCHOR_PROBLEM = "YAML anchors (&name) are not allowed in this file"
TAG_PROBLEM = "YAML tags (!!name) are not allowed in this file"
_REFUSED = (ALIAS_PROBLEM, ANCHOR_PROBLEM, TAG_PROBLEM)


class _Guard:
    """Mixed in before :class:`Composer`: refuses aliases, anchors and deep nesting."""

    max_depth = MAX_DEPTH
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[attr-defined]
        mark: Any = event.start_mark  # libyaml's or PyYAML's Mark
        if isinstance(event, yaml.AliasEvent):
            raise ComposerError(None, None, ALIAS_PROBLEM, mark)
        if getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, ANCHOR_PROBLEM, mark)
        if getattr(event, "tag", None) not in (None, "!"):
            # Explicit tags select constructors (``!!timestamp ''`` crashes
            # PyYAML's with an AttributeError); plain data never needs one.
            raise ComposerError(None, None, TAG_PROBLEM, mark)
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise ComposerError(None, None, f"YAML nested more than {self.max_depth} levels deep", mark)
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # libyaml: scanning in C

    class SafeLoader(_Guard, Composer, _Parser, SafeConstructor, Resolver):
        """``yaml.SafeLoader`` without anchors/aliases and with bounded depth."""

        def __init__(self, stream: Any, max_depth: int = MAX_DEPTH):
            _Parser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.max_depth = max_depth

except ImportError:  # PyYAML built without libyaml
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class SafeLoader(_Guard, Reader, Scanner, _PyParser, Composer, SafeConstructor, Resolver):  # type: ignore[no-redef]
        """``yaml.SafeLoader`` without anchors/aliases and with bounded depth."""

        def __init__(self, stream: Any, max_depth: int = MAX_DEPTH):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.max_depth = max_depth


def safe_load(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """``yaml.safe_load`` under the rules above (raises ``yaml.YAMLError``)."""
    loader = SafeLoader(text, max_depth=max_depth)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def check_text(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Raise ``yaml.YAMLError`` if ``text`` uses anchors, aliases or nests too
    deep. Text PyYAML cannot parse at all passes: the caller's own YAML library
    reports its syntax errors in its own words."""
    loader = SafeLoader(text, max_depth=max_depth)
    try:
        loader.get_single_node()
    except ComposerError as exc:
        if exc.problem in _REFUSED or "nested more than" in str(exc.problem):
            raise
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()


def problem_line(exc: yaml.YAMLError, first_line: int = 1) -> tuple[int, str]:
    """(1-based line, short problem text) of a YAML error, for messages that
    name the line and never quote the document back."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    why = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return line, str(why)
