"""Search ranks by how well a person matches, not by the alphabet, and says how many matched (issue 16,
item 15): on a station where 60 people share one word of the query, the one person whose given *and*
family names match comes first; the agent can ask for more than the first page. Invented names."""

from __future__ import annotations

import pytest

from app import services
from app.domain import names
from app.domain.errors import ValidationError
from app.store import queries
from tests.conftest import adult, document

MANY = 60  # more than a page of 50


def _register(agent: services.Session, *people: tuple[str, str]) -> None:
    doc = document(*[{"people": [adult(f"a{n}", given, family, age_estimate_years=30)], "links": []}
                     for n, (given, family) in enumerate(people)])
    services.register_family(session=agent, document=doc)


@pytest.fixture
def crowded(agent: services.Session) -> services.Session:
    """60 people called Tzunún (a family name) or Tz'unun (a given name), and the one who is both."""
    _register(agent, *[("Abelina", f"Tzunún Ajanel {i:02d}") for i in range(MANY // 2)])
    _register(agent, *[(f"Tz'unun {i:02d}", "Aguilar") for i in range(MANY // 2)])
    _register(agent, ("Tz'unun", "Mejía Tzunún"))
    return agent


def test_the_person_matching_on_given_and_family_names_comes_first(crowded: services.Session) -> None:
    answer = services.search(session=crowded, text="tzunun tz'unun")
    assert answer["matched"] == MANY + 1
    assert len(answer["people"]) == 50
    first = answer["people"][0]
    assert (first["given_names"], first["family_names"]) == ("Tz'unun", "Mejía Tzunún")


def test_whole_words_before_prefixes_and_the_closest_name_first(agent: services.Session) -> None:
    _register(agent, ("Ana María José", "Pérez"), ("Anabel Mariela", "Pérez"), ("Ana María", "Pérez"))
    shown = [p["given_names"] for p in services.search(session=agent, text="ana mari perez")["people"]]
    assert shown == ["Ana María", "Ana María José", "Anabel Mariela"]


def test_the_agent_sees_more_when_asking_and_a_limit_out_of_range_is_refused(crowded: services.Session) -> None:
    assert len(services.search(session=crowded, text="tzunun", limit=100)["people"]) == MANY + 1
    for limit in (0, 1001):
        with pytest.raises(ValidationError, match="between 1 and 1000"):
            services.search(session=crowded, text="tzunun", limit=limit)


def test_a_name_word_matches_one_query_word_only() -> None:
    words = names.query_words("Tzunún Tz'unun")
    assert words == ["tzunun", "tzunun"]
    both = names.match_rank(words, "Tz'unun", "Mejía Tzunún")
    one = names.match_rank(words, "Abelina", "Tzunún Ajanel")
    assert both < one and both[0] == -2 and one[0] == -1


def test_past_the_ranked_candidates_whole_words_are_taken_first(crowded: services.Session,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """With fewer candidates ranked than people found, those with every word whole are taken first, then
    the others: each one shown still matches every word."""
    monkeypatch.setattr(queries, "SEARCH_CANDIDATES", 5)
    answer = services.search(session=crowded, text="tzun aguil", limit=5)
    assert answer["matched"] == MANY // 2
    assert all(names.fold(p["family_names"]).startswith("aguilar") and names.fold(p["given_names"]).startswith("tz")
               for p in answer["people"])
    assert len(answer["people"]) == 5
    answer = services.search(session=crowded, text="mejia tzunun", limit=5)
    assert answer["matched"] == 1 and answer["people"][0]["family_names"] == "Mejía Tzunún"
    answer = services.search(session=crowded, text="tzunun abel", limit=5)  # whole: tzunun; prefix: abel
    assert answer["matched"] == MANY // 2 and len(answer["people"]) == 5
    assert all(p["given_names"] == "Abelina" for p in answer["people"])
