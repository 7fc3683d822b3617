"""Invented people for the benchmarks: names, encounter documents, and a direct bulk loader.

Every name here is invented (Spanish- and Mayan-looking words with accents, ñ, ü and K'iche'-style
apostrophes); no list holds a real person. Names are drawn with a Zipf-like weighting so that, as
in real registers, a few names are very common: that is what makes a name search slow.

``bulk_load`` writes people, bands, families, encounters and the derived ``name_token`` rows
straight into the store with ``executemany`` inside one transaction. It is only there to build a
big store quickly; it is not measured, and it skips the change log and custody rows (they take no
part in the measured queries; a real store of the same size is larger on disk).
"""

from __future__ import annotations

import json
import random
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from sqlalchemy import Engine

from app.domain import bandnumber, names

GIVEN_NAMES = [
    "Amaléz", "Belquína", "Cayetúa", "Dorisén", "Ermelú", "Fabrónia", "Gualín", "Heliéna", "Ixbalé",
    "Jacintú", "K'alebé", "Lúcamo", "Maríxa", "Nohelí", "Obdulén", "Paulúx", "Q'analé", "Rosmérix",
    "Sebastúl", "Tz'olín", "Uxmalé", "Valérqui", "Wixaná", "Xochélia", "Yesmarún", "Zenóbrio", "Ánxelo",
    "Élvaro", "Ísmena", "Ónfalo", "Úrsalo", "Ch'ayúm", "B'elejé", "Candélix", "Dámizel", "Estéfalo",
    "Florénxa", "Gúmarel", "Hilárdez", "Itzalé", "Juvénco", "Kukúlan", "Lisandrú", "Mayelúx", "Nicásquil",
    "Ofélda", "Pascúla", "Rigobéla", "Saúlme", "Teódrix", "Üllenia", "Verónquil", "Yáxchel", "Zulmíra",
]

FAMILY_NAMES = [
    "Quixabé", "Ortúzel", "Balámque", "Cax'ol", "Chumíl", "Doxán", "Elquíber", "Fuxtén", "Galbéz", "Huxcab",
    "Ichamén", "Jolóx", "K'ichelán", "Lópenaz", "Méndolo", "Noj'áx", "Oxlamén", "Pérquiz", "Q'atzúl",
    "Ramírex", "Sic'án", "Tepéxol", "Uluxtén", "Vásquiro", "Wuqubél", "Xulúm", "Yaxcabén", "Zac'ulé",
    "Aguilúx", "Barrénco", "Castañél", "Domíquez", "Escobádez", "Fuéntrez", "Gálvix", "Hernándul", "Ibáñol",
    "Jiménquez", "Lemúz", "Marroquél", "Núñaz", "Orellánix", "Peñaté", "Quiñónez-Tul", "Rúanix", "Sazúl",
    "Tujabé", "Urízar-Qan", "Velázquil", "Xicará", "Yojcom'é", "Zúñex", "Ajpacajé", "Batz'ín", "Coyoyé",
    "Ch'ok", "Ixcoyén", "Mejíal", "Pu'ac", "Tuyúc", "Ajanél", "Cúmez", "Güitzol", "Sequén",
]

SEXES = ("female", "male")
NATIONALITIES = ("GT", "HN", "SV", "MX", "EC", "NI")
LANGUAGES = (["es"], ["es", "quc"], ["es", "mam"], ["es", "kek"], ["quc"], ["es", "cak"])


def _weights(count: int, exponent: float = 0.8) -> list[float]:
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


_GIVEN_CUM = _weights(len(GIVEN_NAMES))
_FAMILY_CUM = _weights(len(FAMILY_NAMES))


class NameSource:
    """Random invented names: given names of 1-2 words, family names of 2 words (paternal, maternal)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def given(self) -> str:
        words = 1 if self.rng.random() < 0.6 else 2
        return " ".join(self.rng.choices(GIVEN_NAMES, cum_weights=_GIVEN_CUM, k=words))

    def surname(self) -> str:
        return self.rng.choices(FAMILY_NAMES, cum_weights=_FAMILY_CUM, k=1)[0]


def strip_accents(text: str) -> str:
    """What an agent types on a keyboard without accents: no marks, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def family_document(rng: random.Random, occurred_at: str) -> bytes:
    """An encounter document of one family unit: 2 adults and 2 children, each child linked to each adult."""
    source = NameSource(rng)
    paternal, maternal_a, maternal_b = source.surname(), source.surname(), source.surname()
    child_names = f"{paternal} {maternal_a}"
    people = [
        {"ref": "a1", "role": "adult", "given_names": source.given(), "family_names": child_names,
         "sex": "female", "birth_date": "1990-03-02", "nationality": "GT", "languages": ["es", "quc"]},
        {"ref": "a2", "role": "adult", "given_names": source.given(), "family_names": f"{paternal} {maternal_b}",
         "sex": "male", "birth_date": "1988-07-19", "nationality": "GT", "languages": ["es"]},
        {"ref": "c1", "role": "child", "given_names": source.given(), "family_names": child_names,
         "sex": "female", "age_estimate_years": 7},
        {"ref": "c2", "role": "child", "given_names": None, "family_names": None, "sex": "male",
         "age_estimate_years": 1, "preverbal": True, "description": "green jacket, invented test child"},
    ]
    links = [{"from": a, "to": c, "relationship": rel, "provenance": "claimed"}
             for a, rel in (("a1", "mother"), ("a2", "father")) for c in ("c1", "c2")]
    return json.dumps({"encounter": {"occurred_at": occurred_at, "place": "Benchmark crossing"},
                       "families": [{"people": people, "links": links}]}, ensure_ascii=False).encode("utf-8")


def small_family_document(rng: random.Random, occurred_at: str, children: int = 1) -> bytes:
    """An encounter document of a small family unit: one adult and ``children`` children, each
    child linked to the adult (registered: 9 change records with one child, 13 with two)."""
    source = NameSource(rng)
    paternal, maternal = source.surname(), source.surname()
    born = f"19{rng.randint(60, 89)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"  # a parent 20+ years older
    people: list[dict[str, Any]] = [{
        "ref": "a1", "role": "adult", "given_names": source.given(), "family_names": f"{paternal} {maternal}",
        "sex": rng.choice(SEXES), "birth_date": born, "nationality": rng.choice(NATIONALITIES),
        "languages": rng.choice(LANGUAGES)}]
    for n in range(children):
        people.append({"ref": f"c{n + 1}", "role": "child", "given_names": source.given(),
                       "family_names": f"{source.surname()} {paternal}", "sex": rng.choice(SEXES),
                       "age_estimate_years": rng.randint(0, 16)})
    links = [{"from": "a1", "to": f"c{n + 1}", "relationship": "mother" if people[0]["sex"] == "female" else "father",
              "provenance": "claimed"} for n in range(children)]
    return json.dumps({"encounter": {"occurred_at": occurred_at, "place": "Benchmark crossing"},
                       "families": [{"people": people, "links": links}]}, ensure_ascii=False).encode("utf-8")


@dataclass
class Loaded:
    """What a bulk load wrote that the benchmarks query for."""

    people: int
    bands: list[str]  # canonical band numbers, in sequence order
    named: list[tuple[str, str]]  # a sample of (given_names, family_names) of people with names


_PERSON_SQL = ("INSERT INTO person (id, family_id, role, given_names, family_names, sex, birth_date, "
               "age_estimate_years, nationality, languages, preverbal, description, documents, "
               "arrived_without_adult) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_BAND_SQL = "INSERT INTO band (id, person_id, number, status, void_reason, reprints) VALUES (?, ?, ?, ?, ?, ?)"
_FAMILY_SQL = "INSERT INTO family (id, encounter_id, number, status) VALUES (?, ?, ?, ?)"
_ENCOUNTER_SQL = ("INSERT INTO encounter (id, occurred_at, place, latitude, longitude, agent, station, "
                  "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_TOKEN_SQL = "INSERT INTO name_token (token, person_id) VALUES (?, ?)"


def bulk_load(engine: Engine, station_code: str, rng: random.Random, count: int, *, sample: int = 5000,
              chunk: int = 20_000, cache_mib: int = 512) -> Loaded:
    """Add ``count`` invented people (families of 2 adults and 2 children) after the station's current
    sequences, in one transaction, and advance the station's family and band sequences past them."""
    source = NameSource(rng)
    bands: list[str] = []
    named: list[tuple[str, str]] = []
    seen_named = 0
    with engine.begin() as conn:
        # A bigger page cache for this connection only: the engine is disposed after loading,
        # so the measured connections open with the app's own pragmas.
        conn.exec_driver_sql(f"PRAGMA cache_size = -{cache_mib * 1024}")
        family_seq, band_seq = conn.exec_driver_sql("SELECT family_seq, band_seq FROM station").one()
        rows: dict[str, list[Sequence[Any]]] = {k: [] for k in ("person", "band", "family", "encounter", "token")}

        def flush() -> None:
            for key, sql in (("encounter", _ENCOUNTER_SQL), ("family", _FAMILY_SQL), ("person", _PERSON_SQL),
                             ("band", _BAND_SQL), ("token", _TOKEN_SQL)):
                if rows[key]:
                    conn.exec_driver_sql(sql, rows[key])
                    rows[key].clear()

        for i in range(count):
            if i % 4 == 0:
                family_seq += 1
                family_id, encounter_id = uuid.uuid4().hex, uuid.uuid4().hex
                paternal, maternal = source.surname(), source.surname()
                rows["encounter"].append((encounter_id, "2026-11-24T14:05:00-07:00", "Benchmark crossing",
                                          None, None, "bench", station_code, "2026-11-24T21:06:00+00:00"))
                rows["family"].append((family_id, encounter_id, f"{station_code}-{family_seq}", "open"))
            role = "adult" if i % 4 < 2 else "child"
            unknown = role == "child" and rng.random() < 0.3
            given = None if unknown else source.given()
            family_names = None if unknown else f"{paternal} {maternal if i % 4 != 1 else source.surname()}"
            person_id = uuid.uuid4().hex
            band_seq += 1
            number = bandnumber.make_band_number(station_code, band_seq)
            bands.append(number)
            rows["person"].append((
                person_id, family_id, role, given, family_names, rng.choice(SEXES),
                f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}" if role == "adult" else None,
                "null" if role == "adult" else str(rng.randint(0, 16)), rng.choice(NATIONALITIES),
                json.dumps(rng.choice(LANGUAGES)), unknown, "invented test child" if unknown else None, "[]", False))
            rows["band"].append((uuid.uuid4().hex, person_id, number, "issued", None, 0))
            rows["token"].extend((token, person_id) for token in names.search_tokens(given, family_names))
            if given is not None and family_names is not None:
                seen_named += 1  # reservoir sample of named people, for the search queries
                if len(named) < sample:
                    named.append((given, family_names))
                elif (slot := rng.randrange(seen_named)) < sample:
                    named[slot] = (given, family_names)
            if len(rows["person"]) >= chunk:
                flush()
        flush()
        conn.exec_driver_sql("UPDATE station SET family_seq = ?, band_seq = ?", (family_seq, band_seq))
    return Loaded(count, bands, named)
