"""The reunification board at a station (``./scripts/bench --only reunification``).

A station holding ``families`` family units (2 adults and 2 children each, registered through
``services.register_family``, 50 units per encounter document so that building the store is quick),
of which ``separated`` have a child separated from its mother (``services.separate``, back-dated so
that some are overdue). Measured: ``services.reunification_board`` as `kinlink reunification` and the
app call it (its audit record included), p50 and p95 over ``runs`` calls on one signed-in session.
Goal (issue 14): a station's board at 10,000 held families <= 100 ms.
"""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app import services

from . import data
from .run import FAST_KDF, Figure, log, new_station, occurred_at, percentile, sign_in

BOARD_GOAL_MS = 100.0
PER_DOCUMENT = 50


def _documents(rng: random.Random, families: int) -> list[bytes]:
    """Encounter documents of ``PER_DOCUMENT`` family units each (refs made unique per unit)."""
    when = occurred_at()
    out = []
    for start in range(0, families, PER_DOCUMENT):
        units = []
        for n in range(start, min(start + PER_DOCUMENT, families)):
            unit = json.loads(data.family_document(rng, when))["families"][0]
            for person in unit["people"]:
                person["ref"] = f"u{n}{person['ref']}"
            for link in unit["links"]:
                link["from"], link["to"] = f"u{n}{link['from']}", f"u{n}{link['to']}"
            units.append(unit)
        out.append(json.dumps({"encounter": {"occurred_at": when, "place": "Benchmark crossing"},
                               "families": units}, ensure_ascii=False).encode("utf-8"))
    return out


def figures(work: Path, rng: random.Random, *, families: int, separated: int, runs: int = 20) -> list[Figure]:
    data_dir = work / "reunification"
    new_station(data_dir, FAST_KDF)
    session = sign_in(data_dir)
    try:
        start = time.perf_counter()
        ids: list[str] = []
        for document in _documents(rng, families):
            ids += [f["id"] for f in services.register_family(session=session, document=document)["families"]]
        chosen = rng.sample(ids, min(separated, len(ids)))
        for n, family_id in enumerate(chosen):
            family = services.show_family(session=session, ident=family_id)
            kid = next(p for p in family["people"] if p["role"] == "child")
            mother = next(p for p in family["people"] if p["role"] == "adult" and p["sex"] == "female")
            at = (datetime.now(UTC) - timedelta(days=n % 40, minutes=5)).isoformat()
            services.separate(session=session, child=kid["id"], adult=mother["id"], reason="benchmark", at=at)
        log(f"reunification: {families:,} families, {len(chosen):,} separated, built in "
            f"{time.perf_counter() - start:.0f} s (not measured)")
        times, shown = [], 0
        for _ in range(runs):
            begin = time.perf_counter()
            board = services.reunification_board(session=session)
            times.append((time.perf_counter() - begin) * 1000)
            shown = len(board["children"])
    finally:
        session.close()
    p95 = percentile(times, 95)
    label = f"{families // 1000}k" if families % 1000 == 0 else f"{families:,}"
    return [
        Figure(f"station board p50 @ {label} families", percentile(times, 50), "ms",
               note=f"{shown} children on it, {runs} calls"),
        Figure(f"station board p95 @ {label} families", p95, "ms", f"<= {BOARD_GOAL_MS:g} ms", p95 <= BOARD_GOAL_MS),
    ]
