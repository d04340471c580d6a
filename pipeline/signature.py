"""The run signature: everything that determines a build's output, stamped on
every HTML page, PDF and JSON file so that a result can be reproduced (the idea
of sacrebleu's signatures).

A signature is a dict (kept in the JSON) plus a one-line ``short`` form::

    zhko:0.1.0|engine:ctranslate2-4.8.5|route:zh-en-ko(zh-en:1.9,en-ko:1.1)|beam:4|glossary:1a2b3c4d|opencc:t2s|ko:yanbian-1
"""

from __future__ import annotations

from typing import Any, Iterable


def dist_version(name: str) -> str | None:
    """The installed version of distribution ``name`` (None when not installed),
    as ``importlib.metadata.version`` finds it: the first ``*.dist-info`` of that
    name along ``sys.path``, its METADATA's ``Version:``.

    WHY not ``importlib.metadata`` itself: importing it costs ~40 ms (email,
    zipfile, csv…), a large share of an unchanged rebuild, which needs zhko's
    and CTranslate2's versions for its build key. Anything unusual (an
    ``.egg-info``, two dist-infos of the name in one folder, no ``Version:``)
    is left to ``importlib.metadata``."""
    import os
    import re
    import sys

    want = re.sub(r"[-_.]+", "_", name).lower()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found = [n for n in names if re.sub(r"[-_.]+", "_", n.partition("-")[0]).lower() == want
                 and n.endswith((".dist-info", ".egg-info", ".egg"))]
        if not found:
            continue
        if len(found) == 1 and found[0].endswith(".dist-info"):
            try:
                with open(os.path.join(entry or ".", found[0], "METADATA"), encoding="utf-8") as f:
                    for line in f:
                        if line.startswith("Version:"):
                            return line[len("Version:"):].strip()
                        if not line.strip():
                            break  # end of the headers
            except OSError:
                pass
        break
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def zhko_version() -> str:
    return dist_version("zhko") or "source"


def run_signature(
    *,
    translator: dict[str, Any],
    glossary_hash: str,
    opencc_configs: Iterable[str],
    korean_style: str,
    rules_version: str,
) -> dict[str, Any]:
    """Combine the parts into one signature dict with a ``short`` string.

    ``translator`` is what :meth:`Translator.signature` returned: it must name
    the engine, the route with package versions and the decoding options.
    """
    sig: dict[str, Any] = {
        "zhko": zhko_version(),
        "translator": dict(translator),
        "glossary": glossary_hash,
        "opencc": sorted(set(opencc_configs)) or ["t2s"],
        "korean_style": korean_style,
        "korean_rules": rules_version if korean_style != "south" else "off",
    }
    sig["short"] = format_signature(sig)
    return sig


def _route_part(tr: dict[str, Any]) -> str:
    route = str(tr.get("route", "?")).replace("→", "-")
    pkgs = tr.get("packages") or []
    versions = ",".join(
        f"{p.get('from_code', p.get('from', '?'))}-{p.get('to_code', p.get('to', '?'))}:"
        f"{p.get('package_version', p.get('version', '?'))}"
        for p in pkgs
        if isinstance(p, dict)
    )
    return f"{route}({versions})" if versions else route


def format_signature(sig: dict[str, Any]) -> str:
    """The one-line form, stable for equal inputs."""
    tr = sig.get("translator", {})
    engine = str(tr.get("engine", "?")).replace(" ", "-")
    parts = [
        f"zhko:{sig.get('zhko', '?')}",
        f"engine:{engine}",
        *([f"model:{tr['name']}"] if tr.get("name") and tr.get("name") != "argos" else []),
        *([f"device:{tr['device']}"] if tr.get("device") and tr.get("device") != "cpu" else []),
        f"route:{_route_part(tr)}",
        # each engine owns its decoding field (beam:4, greedy, temp:0.2); older
        # signatures (and the translation memory's) only had beam_size
        str(tr.get("decoding") or f"beam:{tr.get('beam_size', '?')}"),
        f"glossary:{sig.get('glossary', '?')}",
        f"opencc:{'+'.join(sig.get('opencc', []))}",
        f"ko:{sig.get('korean_style', '?')}-{sig.get('korean_rules', '?')}",
    ]
    return "|".join(parts)
