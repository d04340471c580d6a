"""Length-sorted chunks, each decoded with its own cap, all submitted at once.

WHY: CTranslate2's ``max_decoding_length`` is one number per call. Given one
call for a whole batch, every sentence that does not stop by itself (random
test weights never do; weak real models fall into repetition loops) decodes
as long as the *longest* sentence of the batch allows. Measured on a
real-size model (200 sentences, beam 4, 2 cores) that made zhko 0.26× of the
same library used well. So the sources are sorted by length, cut into chunks
of similar length (a chunk closes when it is full or when the next sentence's
cap would exceed the chunk's first cap by more than ``slack``), and each chunk
goes to CTranslate2 as its own asynchronous call with its own cap. The calls
queue in CTranslate2's own pool of ``inter_threads`` workers, so every core
stays busy without a Python thread pool (measured: per-chunk calls from Python
threads are no faster, see ``bench/translate.py``).

Submission order: most tokens to decode first (:func:`submission_order`).
WHY (issue 14, zhko measured at 0.87x of the true ceiling at the default cap):
measured, not the chunking -- zhko's plan and the ceiling's are the same 13
chunks (200 sentences: sizes 16 x 12 + 8, caps 56..256, 22,368 tokens at the
default cap, 9,600 at ``--max-length 48``); not Python work -- encoding,
planning and detokenizing 200 sentences take 23 ms against ~60 s of decoding,
and the calls pass the same options as the ceiling's. What was left: (1) the
benchmark always ran zhko first, and a process's first long decode is slow
(100 sentences under load: zhko first 257.6 s, second 179.2 s; ceiling
168.7/168.2 s); (2) the tail: shortest first ends with the two largest-cap chunks
(100 sentences: 16 x 238 and 4 x 256) side by side, then one core idle while
the larger finishes. Longest first, same chunks: 157.4/166.2 s vs 168.7/168.2 s
(same run, alternated). The order changes no result: each chunk is one call
decoded on one thread.

Determinism: the chunks are a function of the *set* of sources (sorted by
length, ties broken by the tokens), so the same texts always form the same
batches and give the same floating-point results, whatever their order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: A chunk closes when the next sentence's cap exceeds its first cap by more
#: than this factor (plus ``SLACK_TOKENS``), so a short sentence never decodes
#: to a long one's cap. Measured on a real-size model (200 sentences, beam 4,
#: default cap, idle 2 cores): 1.25 cut the batches so small that zhko ran at
#: 0.63x of fixed chunks of 16; 2.0 ran at 0.93-1.01x of them.
SLACK = 2.0
SLACK_TOKENS = 4


def plan(keys: Sequence[Sequence[str]], cap: Callable[[int], int], max_size: int,
         slack: float = SLACK, slack_tokens: int = SLACK_TOKENS) -> list[list[int]]:
    """Indices into ``keys`` grouped into chunks: sorted by (length, tokens),
    at most ``max_size`` per chunk (0 = unbounded), caps within ``slack``."""
    order = sorted(range(len(keys)), key=lambda i: (len(keys[i]), list(keys[i])))
    chunks: list[list[int]] = []
    first_cap = 0
    for i in order:
        c = cap(len(keys[i]))
        if (chunks and (not max_size or len(chunks[-1]) < max_size)
                and c <= first_cap * slack + slack_tokens):
            chunks[-1].append(i)
        else:
            chunks.append([i])
            first_cap = c
    return chunks


def submission_order(chunks: list[list[int]], chunk_cap: Callable[[list[int]], int]) -> list[int]:
    """Positions in ``chunks`` in the order they are submitted: most tokens to
    decode first (chunk size x its cap), ties in plan order.

    WHY longest first (LPT): CTranslate2's workers take the queued calls in
    order. Shortest first (the plan's order) left the longest chunk for last,
    with the other core idle while it ran alone; longest first ends on the
    small ones, which fill the gaps. Deterministic: a pure function of the
    plan, and each chunk still decodes as one call on one thread, so the
    results do not depend on the order."""
    return sorted(range(len(chunks)), key=lambda k: (-len(chunks[k]) * chunk_cap(chunks[k]), k))


def run(chunks: list[list[int]], submit: Callable[[list[int]], list[Any]],
        chunk_cap: Callable[[list[int]], int]) -> dict[int, Any]:
    """Submit every chunk (``submit`` returns CTranslate2's asynchronous results,
    one per index) in :func:`submission_order`, then wait for all of them;
    ``{index: result}``.

    WHY submit everything before waiting: waiting chunk by chunk would leave
    all but one core idle at the end of each chunk."""
    pending = [(chunks[k], submit(chunks[k])) for k in submission_order(chunks, chunk_cap)]
    out: dict[int, Any] = {}
    for chunk, results in pending:
        for i, res in zip(chunk, results):
            out[i] = res.result() if hasattr(res, "result") else res
    return out
