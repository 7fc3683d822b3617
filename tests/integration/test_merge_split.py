"""Merging two records of the same person and splitting them again: both records, their links,
bands, custody and history stay; the merged record's bands lead to the kept one; a split gives back
exactly the two records (property-tested on a real store); no merge leaves a child unlinked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import services
from app.domain.errors import ValidationError
from app.store.changelog import projection
from tests.conftest import AGENT, SUPERVISOR, adult, child, document, link
from tests.unit.domain.test_properties import invariant_one_holds

FIRST = document({"people": [adult("m", "María José", "García López", birth_date="1990-03-02"),
                             child("c", "Ixchel", "Batz García", birth_date="2019-05-01")],
                  "links": [link("m", "c")]})
AGAIN = document({"people": [adult("m", "Maria Jose", "Lopez Garcia", birth_date="1990-03-02"),
                             child("c", "Saqik", "Batz García", birth_date="2021-01-01")],
                  "links": [link("m", "c")]}, occurred_at="2026-11-25T09:00:00-07:00")


@pytest.fixture
def twice(agent: services.Session) -> dict[str, Any]:
    """The same mother registered twice, each time with another of her children."""
    first = services.register_family(session=agent, document=FIRST)["families"][0]
    again = services.register_family(session=agent, document=AGAIN)["families"][0]
    return {"first": first, "again": again}


def _tables(session: services.Session) -> dict[str, Any]:
    with session.engine.connect() as conn:
        return projection(conn)


def test_a_merge_leads_both_bands_to_the_kept_record_and_a_split_restores_both(
        supervisor: services.Session, twice: dict[str, Any]) -> None:
    kept, merged = twice["first"]["people"][0], twice["again"]["people"][0]
    before = _tables(supervisor)
    answer = services.merge_people(session=supervisor, keep=kept["band"], merge=merged["band"],
                                   reason="the same woman: passport seen at both intakes")
    assert answer == {"kept": kept["id"], "merged": merged["id"],
                      "reason": "the same woman: passport seen at both intakes"}
    by_old_band = services.show_family(session=supervisor, ident=merged["band"])
    assert by_old_band["id"] == twice["first"]["id"], "the merged record's band leads to the kept record"
    second = services.show_family(session=supervisor, ident=twice["again"]["id"])
    mother = next(p for p in second["people"] if p["id"] == merged["id"])
    assert mother["merged_into"] == kept["id"] and mother["band"] == merged["band"], "her band stays"
    assert len(second["links"]) == 1, "the link to her other child stays"
    assert second["history"][-1]["reason"] == "the same woman: passport seen at both intakes"
    after = _tables(supervisor)
    assert invariant_one_holds(after)
    assert {k: v for k, v in after.items() if k != "person"} == {k: v for k, v in before.items() if k != "person"}
    services.split_person(session=supervisor, person=merged["id"], reason="two women after all")
    assert _tables(supervisor) == before, "the split gives back exactly the two records"
    assert services.show_family(session=supervisor, ident=merged["band"])["id"] == twice["again"]["id"]


@pytest.mark.parametrize(("keep", "merge", "message"), [
    ("first.0", "first.0", "cannot be merged with itself"),
    ("first.0", "again.1", "an adult and a child cannot be the same person"),
])
def test_impossible_merges_are_refused(supervisor: services.Session, twice: dict[str, Any], keep: str, merge: str,
                                       message: str) -> None:
    def person(ref: str) -> str:
        family, index = ref.split(".")
        return str(twice[family]["people"][int(index)]["id"])

    before = _tables(supervisor)
    with pytest.raises(ValidationError, match=message):
        services.merge_people(session=supervisor, keep=person(keep), merge=person(merge), reason="same")
    assert _tables(supervisor) == before


def test_merges_of_merged_records_and_roles(agent: services.Session, supervisor: services.Session,
                                            twice: dict[str, Any]) -> None:
    kept, merged = twice["first"]["people"][0]["id"], twice["again"]["people"][0]["id"]
    with pytest.raises(services.NotPermitted):
        services.merge_people(session=agent, keep=kept, merge=merged, reason="same")
    with pytest.raises(ValidationError, match="a correction needs a reason"):
        services.merge_people(session=supervisor, keep=kept, merge=merged, reason=" ")
    services.merge_people(session=supervisor, keep=kept, merge=merged, reason="same")
    with pytest.raises(ValidationError, match="merged into .* already; split it first"):
        services.merge_people(session=supervisor, keep=kept, merge=merged, reason="again")
    with pytest.raises(ValidationError, match="is itself merged into"):
        services.merge_people(session=supervisor, keep=merged, merge=kept, reason="the other way")
    with pytest.raises(ValidationError, match="is not merged into another record"):
        services.split_person(session=supervisor, person=kept, reason="undo")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=6), st.randoms())
def test_any_merges_then_splits_give_back_the_records(supervisor: services.Session, twice: dict[str, Any],
                                                      pairs: list[tuple[int, int]], rnd: Any) -> None:
    """Random merges (the impossible ones refused), then every merge split in a random order: the
    records are exactly as before, and every child kept its links throughout."""
    people = [p["id"] for f in (twice["first"], twice["again"]) for p in f["people"]]
    people += [p["id"] for p in services.register_family(session=supervisor, document=FIRST)["families"][0]["people"]]
    before = _tables(supervisor)
    done = []
    for keep, merge in pairs:
        try:
            services.merge_people(session=supervisor, keep=people[keep], merge=people[merge], reason="same")
        except ValidationError:
            continue
        done.append(people[merge])
        assert invariant_one_holds(_tables(supervisor))
    rnd.shuffle(done)
    for person in done:
        services.split_person(session=supervisor, person=person, reason="not the same")
    assert _tables(supervisor) == before


def test_the_command_line(cli: Any, station: Path) -> None:
    first = cli("family", "add", "-", user=AGENT, stdin=FIRST).json["families"][0]["people"][0]
    again = cli("family", "add", "-", user=AGENT, stdin=AGAIN).json["families"][0]["people"][0]
    assert cli("merge", first["band"], again["band"], "--reason", "same", user=AGENT).code == 3
    assert cli("merge", first["band"], again["band"], user=SUPERVISOR).code == 2
    merged = cli("merge", first["band"], again["band"], "--reason", "same passport", user=SUPERVISOR)
    assert merged.code == 0, merged.stderr
    assert cli("family", "show", again["band"], user=AGENT).json["people"][0]["given_names"] == "María José"
    split = cli("split", again["id"], "--reason", "two women", user=SUPERVISOR)
    assert split.code == 0 and split.json["was_merged_into"] == first["id"]
    again_bad = cli("split", again["id"], "--reason", "again", user=SUPERVISOR)
    assert again_bad.code == 2 and "is not merged" in again_bad.stderr
