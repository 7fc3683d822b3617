"""The duplicate check at 100k people (``services.duplicate_candidates``, as the intake desk calls it,
its audit record included): how fast (p95 <= 100 ms) and how often a person of the store written
again finds that person's name among the candidates, by way of writing: as written, without accents
and with the family names swapped, with one family name left out, with two letters of a family name
swapped, with a second given name dropped, and with a letter wrong in the first three of every word
(which the name index's prefixes alone cannot find). Run by ``scripts/bench --only duplicates``."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path
from typing import Any

from app import services
from app.domain import names

from . import data
from .run import Figure, _count_label, percentile, sign_in

DUPLICATES_P95_GOAL_MS = 100.0
DUPLICATE_KINDS = ("as written", "no accents, family names swapped", "one family name left out", "a typo",
                   "a second given name dropped", "a typo in the first letters of every word")


def _first_letters_typo(rng: random.Random, word: str) -> str:
    """One of the first three letters changed to another (a word of one letter as it is)."""
    if len(word) < 2:
        return word
    at = rng.randrange(min(3, len(word)))
    other = next(c for c in "xqzkw" if c != word[at].lower())
    return word[:at] + other + word[at + 1:]


def duplicate_queries(rng: random.Random, named: list[tuple[str, str]],
                      count: int) -> list[tuple[str, tuple[str, str], dict[str, Any]]]:
    """(kind, the person's names on record, the person as written again) triples."""
    out = []
    for i in range(count):
        given, family = on_record = rng.choice(named)
        kind = DUPLICATE_KINDS[i % len(DUPLICATE_KINDS)]
        families = family.split()
        if kind == "no accents, family names swapped":
            given, family = data.strip_accents(given).lower(), data.strip_accents(" ".join(reversed(families)))
        elif kind == "one family name left out" and len(families) > 1:
            family = families[0]
        elif kind == "a typo" and len(family) > 4:
            at = rng.randrange(1, len(family) - 1)
            family = family[:at] + family[at + 1] + family[at] + family[at + 2:]  # two letters swapped
        elif kind == "a second given name dropped":
            given = given.split()[0]  # (a person with one given name is written as on record)
        elif kind == "a typo in the first letters of every word":
            given, family = (" ".join(_first_letters_typo(rng, w) for w in part.split()) for part in (given, family))
        out.append((kind, on_record, {"ref": "new", "given_names": given, "family_names": family}))
    return out


def duplicates(data_dir: Path, rng: random.Random, named: list[tuple[str, str]], count: int,
               people: int) -> list[Figure]:
    """Each call should find a candidate with the given names of the person written again (one of
    them: many people of the store share their names)."""
    cases = duplicate_queries(rng, named, count)
    session = sign_in(data_dir)
    times, found, missed = [], [], []
    try:
        for kind, on_record, person in cases:
            start = time.perf_counter()
            answer = services.duplicate_candidates(session=session, people=[person])
            times.append((time.perf_counter() - start) * 1000)
            matches = answer["matches"]["new"]
            found.append(len(matches))
            wanted = names.fold(on_record[0])  # (so many share the family names too that any one of them will do)
            if not any(names.fold(m["given_names"] or "") == wanted for m in matches):
                missed.append(kind)
    finally:
        session.close()
    label = _count_label(people)
    p95 = percentile(times, 95)
    figures = [
        Figure(f"duplicate candidates p50 @ {label} people", percentile(times, 50), "ms",
               note=f"{count} people written again, {statistics.mean(found):.1f} candidates on average"),
        Figure(f"duplicate candidates p95 @ {label} people", p95, "ms", f"<= {DUPLICATES_P95_GOAL_MS:g} ms",
               p95 <= DUPLICATES_P95_GOAL_MS),
        Figure("  found the person written again", 100 * (count - len(missed)) / count, "%",
               note=f"{len(missed)} of {count} found no candidate with the given names on record"),
    ]
    for kind in DUPLICATE_KINDS:
        mine = [t for (k, _, _), t in zip(cases, times, strict=True) if k == kind]
        share = 100 * (1 - missed.count(kind) / len(mine))
        figures.append(Figure(f"  p95, {kind}", percentile(mine, 95), "ms", note=f"found {share:.0f} %"))
    return figures
