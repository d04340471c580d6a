"""Counting outcomes of a batch and deciding the exit code (the way Black's
``Report`` does): the build loop only reports what happened; this module alone
knows what that means for the process's exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline import errors
from pipeline.model import Article


def article_report(article: Article) -> dict[str, Any]:
    """Per-article report: every term occurrence and QA finding with its segment id."""
    terms, findings = [], []
    for seg in article.segments():
        terms += [{"segment": seg.id, **t.to_dict()} for t in seg.terms]
        findings += [{**f.to_dict(), "segment": seg.id} for f in seg.findings]
    counts = {
        "segments": sum(1 for _ in article.segments()),
        "terms": dict(Counter(t["status"] for t in terms)),
        "strategies": dict(Counter(t["strategy"] for t in terms if t["strategy"])),
        "findings": dict(Counter(f["severity"] for f in findings)),
        "changes": sum(len(s.changes) for s in article.segments()),
    }
    return {"terms": terms, "findings": findings, "counts": counts}


def one_line(message: str) -> str:
    """Collapse a message to one line: line breaks and other control characters
    (a file name or a library's message may carry them) would break the
    one-line-per-failure contract and could rewrite the terminal."""
    cleaned = "".join(" " if _unsafe(c) else c for c in str(message))
    return " ".join(cleaned.split())


def _unsafe(c: str) -> bool:
    o = ord(c)
    return o < 32 or 0x7F <= o < 0xA0 or 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069


@dataclass
class Report:
    """Outcome counts of one ``zhko build`` run."""

    strict: bool = False
    built: int = 0
    reused: int = 0  # articles whose outputs were already up to date
    failures: list[tuple[str, str]] = field(default_factory=list)
    terms: Counter = field(default_factory=Counter)
    strategies: Counter = field(default_factory=Counter)  # how each term got its status
    findings: Counter = field(default_factory=Counter)
    segments: int = 0
    cache_hits: int = 0  # segments whose translation came from the translation memory
    decoded: int = 0  # distinct sentences sent to the decoder in this run
    repeated: int = 0  # segments that repeat a sentence decoded in this run (copied, not decoded)
    human: int = 0  # segments printed with a human translation (desk edits, exact memory matches)
    warnings: list[str] = field(default_factory=list)  # not failures: e.g. cache unusable
    engine: str = ""  # the route the build took and why (printed before the summary)
    prompted: bool = False  # the engine is told the terms (the summary gives the kept rate)

    def done(self, report: dict[str, Any], *, reused: bool = False) -> None:
        if reused:
            self.reused += 1
        else:
            self.built += 1
        counts = report["counts"]
        self.segments += counts["segments"]
        self.terms.update(counts["terms"])
        self.strategies.update(counts.get("strategies", {}))
        self.findings.update(counts["findings"])

    def failed(self, path: str, message: str) -> None:
        """Record a failed article; the message is kept to one line (``Error: FILE: why``)."""
        self.failures.append((str(path), one_line(message)))

    def warn(self, message: str) -> None:
        """Something the user should know that does not fail the build."""
        self.warnings.append(one_line(message))

    @property
    def violations(self) -> int:
        return self.terms.get("violated", 0)

    @property
    def exit_code(self) -> int:
        if self.failures:
            return errors.EXIT_FAILED
        if self.strict and (self.violations or self.findings.get("critical", 0)):
            return errors.EXIT_STRICT
        return errors.EXIT_OK

    def summary(self) -> str:
        """The totals line(s) printed on stderr at the end of a build."""
        t = self.terms
        lines = [
            f"{self.built} built, {self.reused} up to date, {len(self.failures)} failed; "
            f"{self.segments} segments ({self.cache_hits} from cache, {self.decoded} decoded"
            + (f", {self.repeated} repeated" if self.repeated else "")
            + (f", {self.human} human" if self.human else "") + ")",
            "terms: "
            + ", ".join(f"{k} {t.get(k, 0)}" for k in ("kept", "repaired", "inserted", "violated", "proposed")),
            "QA findings: "
            + ", ".join(f"{k} {self.findings.get(k, 0)}" for k in ("critical", "warning", "info")),
        ]
        prompted = self.strategies.get("prompt", 0) + self.strategies.get("reprompt", 0)
        if prompted or self.prompted:
            total = sum(n for k, n in self.strategies.items() if k != "forbidden")
            lines.insert(2, f"prompted terms: {self.strategies.get('prompt', 0)} of {total} kept by "
                            f"the prompt alone ({100 * self.strategies.get('prompt', 0) // max(1, total)}%), "
                            f"{self.strategies.get('reprompt', 0)} after a re-prompt, "
                            f"{total - prompted} by placeholder repair")
        if self.strict and self.exit_code == errors.EXIT_STRICT:
            lines.append("--strict: failing because of term violations or critical QA findings")
        return "\n".join(lines)
