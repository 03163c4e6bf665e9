"""Features of `toolrec/ranker` (README.md, "toolrec/ranker"): phi(x, y) for a dialogue x and a
candidate suggestion y. The twin of packages/recommender/src/ranker/features.ts; both test
suites read packages/recommender/test-support/golden/ranker-features.json.

A row's `ranker` object (what `toolrec experiment table2` writes next to prompt/completion):

    dialogue   the dialogue's text (user query, assistant response, earlier turns, one string)
    retrieved  [{toolId, rank, score, category}] the retrieved tools for x, best first
    pool       [{text, toolId, p, category}] the grounded generator's pool for x, in its order
    list       [{text, toolId, p, category}] the logged K suggestions, in shown order

    i  name          value
    0  tool          1 when y invokes a tool, else 0
    1  p             the tool's frequency percentile p (0.5 when unknown); 0 for a general query
    2  rrank         1 / retrieval rank of y's tool for x; 0 when not retrieved or general
    3  rscore        retrieval score of y's tool / the best retrieved score; 0 as above
    4  topCategory   1 when y's tool is in the category of x's top retrieved tool
    5  overlap       share of y's content words found in x's content words
    6  length        min(words of y, 20) / 10
    7  question      1 when y ends with "?"
    8  grounded      1 - i / 16 for the grounded pool's i-th candidate (0-based); 0 outside it
    9  inPool        1 when y is in the grounded pool
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence

FEATURE_NAMES = ("tool", "p", "rrank", "rscore", "topCategory", "overlap", "length", "question", "grounded", "inPool")
#: Positions of the grounded pool the `grounded` feature spreads over (pool size <= this).
GROUNDED_SPAN = 16
#: The reference policy: score = GROUNDED_SCALE * grounded, i.e. the grounded pool's order.
GROUNDED_SCALE = 8.0

STOPWORDS = frozenset(
    "a an the and or but if so to of in on at by for with from as is are was were be been it its this that these those "
    "i me my we our you your he she they them what which who when where why how can could would should will do does did "
    "not no yes please hey hi ok okay thanks just some any all more about into than then there here also get".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> List[str]:
    """Lower-cased ASCII letter/digit runs longer than one character, minus STOPWORDS."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]


def candidate_key(text: str) -> str:
    """Identity of a candidate inside one candidate set: words joined by one space."""
    return " ".join(_WORD.findall(text.lower()))


class DialogueContext:
    """What phi needs of x, computed once per dialogue."""

    def __init__(self, ranker: Dict[str, Any]) -> None:
        self.words = set(content_words(ranker.get("dialogue") or ""))
        retrieved = ranker.get("retrieved") or []
        self.retrieved = {r["toolId"]: r for r in retrieved}
        scores = [float(r.get("score") or 0.0) for r in retrieved]
        self.max_score = max([0.0, *scores])
        self.top_category: Optional[str] = retrieved[0].get("category") if retrieved else None
        self.pool: List[Dict[str, Any]] = list(ranker.get("pool") or [])
        self.pool_index = {}
        for i, c in enumerate(self.pool):
            self.pool_index.setdefault(candidate_key(c["text"]), i)


def features(ctx: DialogueContext, candidate: Dict[str, Any]) -> List[float]:
    """phi(x, y) (module docstring)."""
    tool_id = candidate.get("toolId")
    text = candidate["text"]
    f = [0.0] * len(FEATURE_NAMES)
    if tool_id:
        f[0] = 1.0
        p = candidate.get("p")
        f[1] = 0.5 if p is None else float(p)
        r = ctx.retrieved.get(tool_id)
        if r is not None:
            f[2] = 1.0 / max(1, int(r["rank"]))
            f[3] = float(r.get("score") or 0.0) / ctx.max_score if ctx.max_score > 0 else 0.0
        cat = candidate.get("category")
        f[4] = 1.0 if cat is not None and cat == ctx.top_category else 0.0
    words = content_words(text)
    f[5] = sum(1 for w in words if w in ctx.words) / len(words) if words else 0.0
    f[6] = min(len(_WORD.findall(text.lower())), 20) / 10
    f[7] = 1.0 if text.strip().endswith("?") else 0.0
    i = ctx.pool_index.get(candidate_key(text))
    if i is not None:
        f[8] = 1.0 - i / GROUNDED_SPAN
        f[9] = 1.0
    return f


def candidate_set(ctx: DialogueContext, items: Sequence[Dict[str, Any]]) -> "tuple[List[Dict[str, Any]], List[int]]":
    """The Plackett-Luce candidate set for a list over x: the pool, plus the list's items not in
    it (a KL pair's completion from another dialogue); and each list item's index in the set."""
    cands = list(ctx.pool)
    index = dict(ctx.pool_index)
    positions: List[int] = []
    for it in items:
        k = candidate_key(it["text"])
        if k not in index:
            index[k] = len(cands)
            cands.append(it)
        positions.append(index[k])
    return cands, positions


def reference_weights() -> List[float]:
    """The reference policy's weights: the grounded pool's order (grounded feature only)."""
    w = [0.0] * len(FEATURE_NAMES)
    w[FEATURE_NAMES.index("grounded")] = GROUNDED_SCALE
    return w
