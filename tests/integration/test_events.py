"""What changed is announced once a transaction that wrote records is committed: the family units it
touched (so that every view showing them refreshes), and nothing for a transaction refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import services
from app.services import events
from tests.conftest import adult, child, document, link


@pytest.fixture
def heard() -> Iterator[list[events.Changed]]:
    found: list[events.Changed] = []
    stop = events.subscribe(found.append)
    yield found
    stop()


def test_a_registration_and_a_correction_announce_their_family_unit(agent: services.Session,
                                                                    supervisor: services.Session,
                                                                    heard: list[events.Changed]) -> None:
    answer = services.register_family(session=agent, document=document(
        {"people": [adult("m"), child("c", birth_date="2020-01-01")], "links": [link("m", "c")]}))
    family = answer["families"][0]
    [registered] = heard
    assert registered.families == {family["id"]} and registered.source == "local"
    assert ("person", family["people"][0]["id"]) in registered.entities
    services.correct_person(session=supervisor, person=family["people"][1]["id"], field="description",
                            value="green cap", reason="seen at the desk")
    assert heard[-1].families == {family["id"]} and heard[-1].entities == {("person", family["people"][1]["id"])}


def test_nothing_is_announced_for_what_was_refused(agent: services.Session, heard: list[events.Changed]) -> None:
    with pytest.raises(services.ValidationError):
        services.register_family(session=agent, document=document({"people": [child("c")]}))
    assert heard == []


def test_a_listener_that_fails_does_not_undo_the_work(agent: services.Session) -> None:
    def broken(_changed: events.Changed) -> None:
        raise RuntimeError("a view that broke")

    stop = events.subscribe(broken)
    try:
        answer = services.register_family(session=agent, document=document({"people": [adult("m")]}))
    finally:
        stop()
    assert services.show_family(session=agent, ident=answer["families"][0]["id"])["people"]


def test_a_sync_announces_the_family_units_it_brought(make_station: object, registry: object) -> None:
    border, shelter = make_station("Border"), make_station("Shelter")  # type: ignore[operator]
    band = border.register(document({"people": [adult("m")]}))["families"][0]["people"][0]["band"]
    border.sync()
    found: list[events.Changed] = []
    stop = events.subscribe(found.append)
    try:
        shelter.sync(follow=[border.payload(band)])
    finally:
        stop()
    family = shelter.show(band)["id"]
    assert [c.source for c in found if c.touches(family)] == ["sync"]
