"""Name search at 100k people (``queries.search_people``): how fast (p95 <= 50 ms over queries without
accents in lower case, in reverse word order, by word prefixes, and family names as written) and how well
it ranks (a person's name typed again, with no accents, the words reordered and a family name left out,
finds that person first in >= 95 % of queries). Run by ``scripts/bench --only search``."""

from __future__ import annotations

import random
import statistics
from pathlib import Path
from typing import Any

from app.domain import names
from app.store import queries

from . import data
from .run import Figure, _count_label, _timed, percentile, sign_in

SEARCH_P95_GOAL_MS = 50.0
SEARCH_FIRST_GOAL_PCT = 95.0

SEARCH_KINDS = ("accent-less lower-case", "reverse word order", "word prefixes", "family names as written")


def search_queries(rng: random.Random, named: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """(kind, query) pairs made from the names of people in the store."""
    out = []
    for i in range(count):
        given, family = rng.choice(named)
        kind = SEARCH_KINDS[i % len(SEARCH_KINDS)]
        words = f"{given} {family}".split()
        if kind == "accent-less lower-case":
            query = data.strip_accents(" ".join(words))
        elif kind == "reverse word order":
            query = data.strip_accents(" ".join(reversed(words)))
        elif kind == "word prefixes":
            picked = [given.split()[0], family.split()[0]]
            query = " ".join(w[: rng.randint(3, 5)] for w in picked).lower()
        else:
            query = family
        out.append((kind, query))
    return out


def speed(data_dir: Path, rng: random.Random, named: list[tuple[str, str]], count: int,
            people: int) -> list[Figure]:
    pairs = search_queries(rng, named, count)
    session = sign_in(data_dir)
    found: list[int] = []

    def run(conn: Any, query: str) -> list[dict[str, Any]]:
        result = queries.search_people(conn, query)["people"]
        found.append(len(result))
        return result

    try:
        times, misses = _timed(session, [q for _, q in pairs], run, bool)
    finally:
        session.close()
    assert misses == 0, f"{misses} searches for people in the store found nobody"
    label = _count_label(people)
    p95 = percentile(times, 95)
    figures = [
        Figure(f"name search p50 @ {label} people", percentile(times, 50), "ms",
               note=f"{count} queries, {statistics.mean(found):.0f} results on average (limit 50)"),
        Figure(f"name search p95 @ {label} people", p95, "ms", f"<= {SEARCH_P95_GOAL_MS:g} ms",
               p95 <= SEARCH_P95_GOAL_MS),
    ]
    for kind in SEARCH_KINDS:
        mine = [t for (k, _), t in zip(pairs, times, strict=True) if k == kind]
        example = next(q for k, q in pairs if k == kind)
        figures.append(Figure(f"  p95, {kind}", percentile(mine, 95), "ms", note=f"e.g. {example!r}"))
    return figures


def written_again(rng: random.Random, given: str, family: str) -> str:
    """A person's name as an agent might type it again: no accents, the words in another order, and one
    family name left out when there are two or more."""
    family_words = family.split()
    if len(family_words) > 1:
        family_words.pop(rng.randrange(len(family_words)))
    words = given.split() + family_words
    rng.shuffle(words)
    return data.strip_accents(" ".join(words)).lower()


def ranking(data_dir: Path, rng: random.Random, named: list[tuple[str, str]], count: int,
            people: int) -> list[Figure]:
    """How often the person written again (``written_again``) is the first answer (a person of the same
    name counts: nothing tells them apart). Where another person's name matches the query as well (the
    same words, as many left over: "maria lopez" typed for one of many María López Something), no order
    can put the one meant first: those queries are counted apart, and the goal is judged on the rest."""
    session = sign_in(data_dir)
    first = tied = first_untied = best = 0
    matched = []
    try:
        with session.engine.connect() as conn:
            for _ in range(count):
                given, family = rng.choice(named)
                query = written_again(rng, given, family)
                with conn.begin():
                    hits = queries.search_people(conn, query, limit=queries.SEARCH_CANDIDATES)
                matched.append(hits["matched"])
                words, meant = names.query_words(query), (names.fold(given), names.fold(family))
                key = names.match_rank(words, given, family)
                others = [p for p in hits["people"]
                          if (names.fold(p["given_names"] or ""), names.fold(p["family_names"] or "")) != meant]
                ranks = [names.match_rank(words, p["given_names"], p["family_names"]) for p in others]
                is_tied = any(rank <= key for rank in ranks)
                best += all(rank >= key for rank in ranks) and len(hits["people"]) > len(others)
                top = hits["people"][0] if hits["people"] else None
                is_first = top is not None and top not in others
                first += is_first
                tied += is_tied
                first_untied += is_first and not is_tied
    finally:
        session.close()
    label, untied = _count_label(people), count - tied
    pct = 100 * first_untied / untied if untied else 100.0
    return [
        Figure(f"name search: the person written again first @ {label} people", pct, "%",
               f">= {SEARCH_FIRST_GOAL_PCT:g} %", pct >= SEARCH_FIRST_GOAL_PCT,
               note=f"of the {untied} queries (of {count}: no accents, words reordered, a family name left out) "
                    "whose words tell the person apart"),
        Figure("  the person written again among the best matches", 100 * best / count, "%",
               note="no one shown before them matches the query better"),
        Figure("  queries another person's name matches as well", 100 * tied / count, "%",
               note=f"first anyway in {100 * first / count:.1f} % of all; {statistics.median(matched):.0f} people "
                    f"found (median), {max(matched)} at most"),
    ]
