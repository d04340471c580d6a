"""Benchmark: the editorial desk.

    uv run python bench/desk.py [--memory 100000] [--queries 300] [--articles 50] [--skip-rebuild]

Three measurements, each printed side by side in this one run:

1. **Memory suggestions** with N human entries (variants of the examples' real
   Chinese sentences: characters substituted, clauses added or dropped): p50 /
   p95 latency per sentence of ``Suggester.suggest`` (rapidfuzz over the exact
   length window that can reach 75 %) against a plain full scan (rapidfuzz
   over every entry), and a check that both return the same matches.
   Target: p95 under 50 ms.
2. **Server time** (Flask test client, in process, no network) to render an
   article page of 300 sentences (with memory suggestions against the same
   memory) and to save one edit. Target: render under 300 ms.
3. **Rebuild after 10 edits** in a 50-article batch (tiny random-weight model,
   HTML only; ``zhko build`` as a fresh process each time): articles
   re-rendered, sentences not even read (their articles found up to date
   before reading: the desk is checked per article) and sentences decoded,
   against the cold build, an unchanged rebuild, and the same rebuild of a
   copy whose manifest knows no desk keys (what keying the up-to-date check on
   the desk database as a whole did: every article read again).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _load import load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rebuild_module():
    return load("bench/rebuild.py", "zhko_bench_rebuild")


def variants(base: list[str], n: int, rng: random.Random) -> list[str]:
    """``n`` distinct sentences near the real ones (what a year of formulaic news gives)."""
    pool = "".join(sorted(set("".join(base))))
    out: set[str] = set()
    while len(out) < n:
        s = list(rng.choice(base))
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(s))
            op = rng.random()
            if op < 0.5:
                s[i] = rng.choice(pool)
            elif op < 0.75:
                s.insert(i, rng.choice(pool))
            elif len(s) > 6:
                del s[i]
        if rng.random() < 0.3:
            s = list(rng.choice(base)[: rng.randint(4, 12)]) + s
        out.add("".join(s))
    return sorted(out)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def bench_memory(entries: list, queries: list[str]) -> None:
    from pipeline.desk.suggest import Suggester

    t0 = time.perf_counter()
    sugg = Suggester(entries)
    print(f"index of {len(sugg)} entries built in {(time.perf_counter() - t0) * 1000:.0f} ms")
    sugg.suggest(queries[0])  # warm up (imports)
    win, full, same = [], [], 0
    for q in queries:
        t = time.perf_counter()
        a = sugg.suggest(q)
        win.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        b = sugg.suggest(q, full_scan=True)
        full.append((time.perf_counter() - t) * 1000)
        same += [(s.score, s.entry.zh_key) for s in a] == [(s.score, s.entry.zh_key) for s in b]
    hits = sum(1 for q in queries if sugg.suggest(q))
    print(f"\n{'memory suggestions':<34}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    print(f"{'length + shared-char filters (zhko)':<34}{pct(win, 50):>9.2f}{pct(win, 95):>9.2f}{max(win):>9.2f}")
    print(f"{'plain full scan':<34}{pct(full, 50):>9.2f}{pct(full, 95):>9.2f}{max(full):>9.2f}")
    print(f"p95 ratio full scan / zhko: {pct(full, 95) / pct(win, 95):.1f}x; same results for {same} of "
          f"{len(queries)} sentences; {hits} had a suggestion >= 75% (target p95 < 50 ms)")


def bench_server(entries: list, base: list[str], rng: random.Random, tmp: Path) -> None:
    from pipeline.desk.app import create_app
    from pipeline.desk.store import DeskStore
    from pipeline.model import Article, Paragraph, Segment

    out = tmp / "server-out"
    slug = "big"
    segs = [Segment(id=f"{slug}/p{i // 10 + 1}/s{i % 10 + 1}", zh=rng.choice(base), ko="기계 번역 문장 " * 3)
            for i in range(300)]
    pars = [Paragraph(id=f"{slug}/p{j + 1}", segments=segs[j * 10:(j + 1) * 10]) for j in range(30)]
    art = Article(slug=slug, path="big.md", format="md", heading=Segment(id=f"{slug}/title", zh="大文章", ko="큰 기사"),
                  paragraphs=pars)
    (out / slug).mkdir(parents=True)
    (out / slug / f"{slug}.json").write_text(json.dumps(art.to_dict(), ensure_ascii=False), encoding="utf-8")
    store = DeskStore.for_output(out)
    t0 = time.perf_counter()
    store.import_memory([(e.zh, e.ko, e.editor) for e in entries], user="bench")
    print(f"\nmemory of {len(entries)} entries imported in {time.perf_counter() - t0:.1f} s")
    app = create_app(out, glossary_dir=ROOT / "glossaries", user="bench")
    c = app.test_client()
    c.get(f"/?token={app.config['ZHKO_ACCESS_TOKEN']}")
    page = c.get(f"/a/{slug}").get_data(as_text=True)  # warm: memory index, glossary, templates
    token = page.split('name="csrf" content="', 1)[1].split('"', 1)[0]
    renders, saves = [], []
    for _ in range(5):
        t = time.perf_counter()
        r = c.get(f"/a/{slug}")
        renders.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
    r = c.post("/api/save", json={"id": segs[1].id, "ko": "준비", "version": 0}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200  # warm: the first check loads the Korean-norm lexicon
    c.get(f"/api/suggest?id={segs[0].id}")  # warm: builds the memory index (zhko desk does it at start)
    suggests = []
    for seg in segs[:50]:
        t = time.perf_counter()
        assert c.get(f"/api/suggest?id={seg.id}").status_code == 200
        suggests.append((time.perf_counter() - t) * 1000)
    version = 0
    for i in range(20):
        t = time.perf_counter()
        r = c.post("/api/save", json={"id": segs[0].id, "ko": f"편집 {i}", "version": version},
                   headers={"X-CSRF-Token": token})
        saves.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.get_json()
        version = r.get_json()["version"]
    print(f"{'server time':<34}{'median ms':>10}{'max ms':>9}")
    print(f"{'article page, 301 sentences':<34}{statistics.median(renders):>10.0f}{max(renders):>9.0f}")
    print(f"{'save one edit (+ checks)':<34}{statistics.median(saves):>10.1f}{max(saves):>9.1f}")
    print(f"{'suggestions of one sentence':<34}{statistics.median(suggests):>10.1f}{max(suggests):>9.1f}")
    print(f"(target: page under 300 ms; memory of {len(entries)} entries; suggestions are fetched per "
          "sentence when it gets the focus)")


def bench_rebuild(n_articles: int, tmp: Path) -> None:
    from pipeline.desk.store import DeskStore

    rb = _rebuild_module()
    packages = rb.install_package(tmp, real_size=False)
    rb.make_batch(tmp / "in", n_articles, 5)
    env = {k: v for k, v in os.environ.items() if k != "ZHKO_CACHE"}
    env.update(ARGOS_PACKAGES_DIR=str(packages), PYTHONPATH=str(ROOT))
    out = tmp / "out"
    common = [str(tmp / "in"), "-o", str(out), "--glossary", str(ROOT / "glossaries"), "--beam", "1", "--no-pdf"]
    cold = rb.run_build(env, common)
    unchanged = rb.run_build(env, common)
    store = DeskStore.for_output(out)
    edited: set[str] = set()
    slugs = sorted(p.name for p in out.iterdir() if p.is_dir())
    for i in range(10):
        slug = slugs[(i * 7) % len(slugs)]
        data = json.loads((out / slug / f"{slug}.json").read_text(encoding="utf-8"))
        seg = data["paragraphs"][0]["segments"][i % len(data["paragraphs"][0]["segments"])]
        row = store.segment(seg["id"])
        store.save(seg["id"], zh=seg["zh"], ko=f"편집 {i}", expected_version=row.version if row else 0, user="bench",
                   approve=True)
        edited.add(slug)
    # the same folder as a build that keyed on the desk as a whole would see it:
    # no article's desk key known, so every article is read again
    whole = tmp / "out-whole-desk"
    shutil.copytree(out, whole)
    manifest = json.loads((whole / ".zhko-manifest.json").read_text(encoding="utf-8"))
    for rec in manifest["articles"].values():
        rec["desk"] = None
    (whole / ".zhko-manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    after = rb.run_build(env, common)
    before = rb.run_build(env, [common[0], "-o", str(whole), *common[3:]])
    print(f"\n{'rebuild, ' + str(n_articles) + ' articles':<34}{'wall s':>8}{'built':>7}{'up-to-date':>12}"
          f"{'unread':>8}{'looked up':>11}{'decoded':>9}")
    for name, r in (("cold", cold), ("unchanged", unchanged),
                    (f"after 10 edits ({len(edited)} articles)", after),
                    ("  same, desk keyed as a whole", before)):
        looked = r["segments"] - r["unread"]
        print(f"{name:<34}{r['s']:>8.1f}{r['built']:>7}{r['reused']:>12}{r['unread']:>8}{looked:>11}"
              f"{r['decoded']:>9}")
    print(f"re-rendered {after['built']} of {n_articles} articles (edited: {len(edited)}), decoded "
          f"{after['decoded']} sentences (cold: {cold['decoded']}); {after['unread']} of {after['segments']} "
          f"sentences not even read; {cold['s'] / after['s']:.1f}x faster than cold, "
          f"{before['s'] / after['s']:.1f}x faster than keying on the desk as a whole")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--memory", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--skip-rebuild", action="store_true")
    args = ap.parse_args()
    from pipeline.desk.store import MemoryEntry, normalize_key

    rng = random.Random(12)
    base = _rebuild_module().example_sentences()
    zhs = variants(base, args.memory + args.queries, rng)
    rng.shuffle(zhs)
    memory, queries = zhs[: args.memory], zhs[args.memory:]
    entries = [MemoryEntry(normalize_key(z), z, "승인된 번역 " + str(i), "bench", "", f"m/p1/s{i}")
               for i, z in enumerate(memory)]
    print(f"{len(base)} example sentences → {len(memory)} memory entries, {len(queries)} query sentences; "
          f"{os.cpu_count()} CPUs")
    bench_memory(entries, queries)
    with tempfile.TemporaryDirectory(prefix="zhko-bench-desk-") as tmp:
        bench_server(entries, base, rng, Path(tmp))
        if not args.skip_rebuild:
            bench_rebuild(args.articles, Path(tmp))


if __name__ == "__main__":
    main()
