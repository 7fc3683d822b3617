"""The process that tests/integration/test_crash.py kills: registers families until it is killed.

Usage: ``python tests/integration/crash_worker.py DATA_DIR USER SEED`` with the user's passphrase
in ``KINLINK_PASSPHRASE``. It signs in with the real services, prints ``ready``, then registers one
family unit per encounter document in a loop, through ``services.register_family`` (the same code
the app and the CLI use). After each ``register_family`` returns (its transaction is committed) it
prints one JSON line ``{"id", "number", "people": [{"ref", "id", "band"}], "links": N}`` and flushes,
so every line the test reads names a family that must survive the kill.

Every name is invented: random words built from syllables, never a real person's name.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app import services
from app.domain import names

# Syllables for invented Spanish- and Mayan-looking names (with accents and K'iche'-style apostrophes).
_SYLLABLES = ["ba", "bé", "xa", "quí", "tlo", "ma", "ñu", "ru", "sé", "lu", "tz'i", "k'a", "cho", "mó",
              "ne", "pí", "ya", "zu", "ga", "lé", "b'a", "ixi", "tú", "ro", "fa", "dü", "vi", "wa"]
_RELATIONSHIPS = ["mother", "father", "legal_guardian", "grandparent", "aunt_uncle", "unknown"]


def invented_word(rng: random.Random) -> str:
    """A made-up word; never one the domain refuses as a placeholder (e.g. "Bébé")."""
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if not names.is_placeholder(word):
            return word


def invented_name(rng: random.Random, words: int) -> str:
    return " ".join(invented_word(rng) for _ in range(words))


def family_document(rng: random.Random, occurred_at: str) -> tuple[bytes, int]:
    """An encounter document with one family unit (1-2 adults, 0-3 children); and its link count."""
    surname = invented_name(rng, 2)
    people: list[dict[str, Any]] = []
    for i in range(rng.randint(1, 2)):
        people.append({"ref": f"a{i}", "role": "adult", "given_names": invented_name(rng, rng.randint(1, 2)),
                       "family_names": surname, "sex": rng.choice(["female", "male"]),
                       # (from 1950 to 1979: old enough to be any child's parent or grandparent)
                       "birth_date": f"19{rng.randint(50, 79)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                       "nationality": rng.choice(["GT", "HN", "SV", "MX"]), "languages": ["es", "quc"]})
    for i in range(rng.randint(0, 3)):
        preverbal = rng.random() < 0.4
        people.append({"ref": f"c{i}", "role": "child", "sex": rng.choice(["female", "male"]),
                       "given_names": None if preverbal else invented_name(rng, 1),
                       "family_names": None if preverbal else surname,
                       "age_estimate_years": rng.randint(0, 2) if preverbal else rng.randint(3, 15),
                       "preverbal": preverbal, "description": "invented test child"})
    adults = [p["ref"] for p in people if p["role"] == "adult"]
    children = [p["ref"] for p in people if p["role"] == "child"]
    links = [{"from": a, "to": c, "relationship": rng.choice(_RELATIONSHIPS), "provenance": "claimed"}
             for a in adults for c in children]
    if len(adults) == 2 and rng.random() < 0.5:
        links.append({"from": adults[0], "to": adults[1], "relationship": "unknown", "provenance": "observed"})
    document = {"encounter": {"occurred_at": occurred_at, "place": "Crash test crossing"},
                "families": [{"people": people, "links": links}]}
    return json.dumps(document, ensure_ascii=False).encode("utf-8"), len(links)


def main(argv: list[str]) -> int:
    data_dir, user, seed = Path(argv[1]), argv[2], int(argv[3])
    rng = random.Random(seed)
    occurred_at = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
    session = services.sign_in(data_dir=data_dir, user=user, passphrase=os.environ["KINLINK_PASSPHRASE"])
    print("ready", flush=True)
    while True:
        document, link_count = family_document(rng, occurred_at)
        answer = services.register_family(session=session, document=document)
        for family in answer["families"]:
            sys.stdout.write(json.dumps({**family, "links": link_count}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
