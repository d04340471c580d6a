"""Counting outcomes of a batch and deciding the exit code (the way Black's
``Report`` does): the build loop only reports what happened; this module alone
knows what that means for the process's exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline import errors
from pipeline.model import Article


def prompt_counts(terms: list[dict[str, Any]]) -> dict[str, Any]:
    """How the terms of an instruction model's prompts fared: approved glossary
    terms and detected names (``entry_id`` ``reading:…``) apart, each counted
    as offered, written by the model on the first prompt (``prompt``: the
    prompt alone was enough), after the one re-prompt (``reprompt``), the rest
    by the placeholder path; plus the prompt-alone rates (when there are any)."""
    out: dict[str, Any] = {}
    for group, names in (("terms", False), ("names", True)):
        mine = [t for t in terms if t.get("strategy") != "forbidden"
                and str(t.get("entry_id", "")).startswith("reading:") == names]
        out[group] = len(mine)
        for how in ("prompt", "reprompt"):
            out[f"{group}_{how}"] = sum(1 for t in mine if t.get("strategy") == how)
    for group in ("terms", "names"):
        if out[group]:
            out[f"{group}_prompt_rate"] = round(out[f"{group}_prompt"] / out[group], 3)
    return out


def article_report(article: Article, *, prompted: bool = False) -> dict[str, Any]:
    """Per-article report: every term occurrence and QA finding with its segment id.
    ``prompted`` (the engine is told the terms, or some term says so): the
    counts get a ``prompted`` section (:func:`prompt_counts`)."""
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
    if prompted or any(t["strategy"] in ("prompt", "reprompt") for t in terms):
        counts["prompted"] = prompt_counts(terms)
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
    unread: int = 0  # segments of articles up to date before reading (not even looked up)
    cache_hits: int = 0  # segments whose translation came from the translation memory
    decoded: int = 0  # distinct sentences sent to the decoder in this run
    repeated: int = 0  # segments that repeat a sentence decoded in this run (copied, not decoded)
    human: int = 0  # segments printed with a human translation (desk edits, exact memory matches)
    warnings: list[str] = field(default_factory=list)  # not failures: e.g. cache unusable
    engine: str = ""  # the route the build took and why (printed before the summary)
    prompted: bool = False  # the engine is told the terms (the summary gives the kept rate)
    #: the articles' ``prompted`` counts summed (rates are recomputed from them)
    prompt: Counter = field(default_factory=Counter)

    def prompt_line(self) -> str:
        """``prompted terms: …`` — how often the prompt alone was enough,
        approved terms and detected names apart."""
        p = self.prompt

        def part(group: str) -> str:
            n, first, again = p.get(group, 0), p.get(f"{group}_prompt", 0), p.get(f"{group}_reprompt", 0)
            return (f"{first} of {n} kept by the prompt alone ({100 * first // max(1, n)}%), "
                    f"{again} after a re-prompt, {n - first - again} by placeholder repair")

        line = "prompted terms: " + part("terms")
        if p.get("names", 0):
            line += "; detected names: " + part("names")
        return line

    def done(self, report: dict[str, Any], *, reused: bool = False) -> None:
        if reused:
            self.reused += 1
        else:
            self.built += 1
        counts = report["counts"]
        self.segments += counts["segments"]
        self.terms.update(counts["terms"])
        self.strategies.update(counts.get("strategies", {}))
        prompted = counts.get("prompted")
        if isinstance(prompted, dict):
            self.prompt.update({k: v for k, v in prompted.items()
                                if isinstance(v, int) and not k.endswith("_rate")})
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
            f"{self.segments} segments ("
            + (f"{self.unread} unchanged, " if self.unread else "")
            + f"{self.cache_hits} from cache, {self.decoded} decoded"
            + (f", {self.repeated} repeated" if self.repeated else "")
            + (f", {self.human} human" if self.human else "") + ")",
            "terms: "
            + ", ".join(f"{k} {t.get(k, 0)}" for k in ("kept", "repaired", "inserted", "violated", "proposed")),
            "QA findings: "
            + ", ".join(f"{k} {self.findings.get(k, 0)}" for k in ("critical", "warning", "info")),
        ]
        if self.prompt or self.prompted:
            lines.insert(2, self.prompt_line())
        if self.strict and self.exit_code == errors.EXIT_STRICT:
            lines.append("--strict: failing because of term violations or critical QA findings")
        return "\n".join(lines)
