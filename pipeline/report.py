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
        findings += [{"segment": seg.id, **f.to_dict()} for f in seg.findings]
    counts = {
        "segments": sum(1 for _ in article.segments()),
        "terms": dict(Counter(t["status"] for t in terms)),
        "findings": dict(Counter(f["severity"] for f in findings)),
        "changes": sum(len(s.changes) for s in article.segments()),
    }
    return {"terms": terms, "findings": findings, "counts": counts}


@dataclass
class Report:
    """Outcome counts of one ``zhko build`` run."""

    strict: bool = False
    built: int = 0
    reused: int = 0  # articles whose outputs were already up to date
    failures: list[tuple[str, str]] = field(default_factory=list)
    terms: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    segments: int = 0
    cache_hits: int = 0
    decoded: int = 0

    def done(self, report: dict[str, Any], *, reused: bool = False) -> None:
        if reused:
            self.reused += 1
        else:
            self.built += 1
        counts = report["counts"]
        self.segments += counts["segments"]
        self.terms.update(counts["terms"])
        self.findings.update(counts["findings"])

    def failed(self, path: str, message: str) -> None:
        self.failures.append((str(path), message))

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
            f"{self.segments} segments ({self.cache_hits} from cache, {self.decoded} decoded)",
            "terms: "
            + ", ".join(f"{k} {t.get(k, 0)}" for k in ("kept", "repaired", "inserted", "violated", "proposed")),
            "QA findings: "
            + ", ".join(f"{k} {self.findings.get(k, 0)}" for k in ("critical", "warning", "info")),
        ]
        if self.strict and self.exit_code == errors.EXIT_STRICT:
            lines.append("--strict: failing because of term violations or critical QA findings")
        return "\n".join(lines)
