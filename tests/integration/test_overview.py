"""The overview services: today's family units (no names, audited) and the station's status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app import services
from app.store import audit_log
from tests.conftest import adult, child, document, link


def _family(session: services.Session, now: datetime, separated: bool = False) -> dict:
    answer = services.register_family(session=session, now=now, document=document({
        "people": [adult("a1", given="Nohelí", family="Quixabé"), child("c1", given="Ixchel", family="Quixabé"),
                   child("c2", given=None, family=None, preverbal=True, age_estimate_years=1)],
        "links": [link("a1", "c1"), link("a1", "c2")]}, occurred_at="2026-01-02T10:00:00-07:00"))
    if separated:
        family = services.show_family(session=session, ident=answer["families"][0]["id"])
        services.change_link_state(session=session, link_id=family["links"][0]["id"], state="separated",
                                   reason="adult taken to hospital", officer="supervisor 7",
                                   from_side="hospital", to_side="this station")
    return answer["families"][0]


def test_todays_families_newest_first_with_counts(agent: services.Session) -> None:
    now = datetime.now(UTC)
    _family(agent, now - timedelta(days=2))
    first = _family(agent, now - timedelta(minutes=2))
    second = _family(agent, now - timedelta(minutes=1), separated=True)
    listed = services.todays_families(session=agent, now=now, hours=1)["families"]
    assert [f["number"] for f in listed] == [second["number"], first["number"]]
    assert (listed[0]["people"], listed[0]["children"], listed[0]["separated"]) == (3, 2, 1)
    assert (listed[1]["separated"]) == 0
    assert (listed[0]["bands"], listed[0]["bands_printed"], listed[0]["bands_on"]) == (3, 0, 0)
    child = services.show_family(session=agent, ident=second["id"])["people"][-1]
    services.confirm_attachment(session=agent, person=child["id"],
                                scan=services.band_payload(session=agent, band=child["band"]))
    again = services.todays_families(session=agent, now=now, hours=1)["families"][0]
    assert (again["bands"], again["bands_printed"], again["bands_on"]) == (3, 1, 1)
    assert "Nohelí" not in repr(listed), "the overview carries no names"
    with agent.engine.connect() as conn:
        last = list(audit_log.rows(conn))[-1]
    assert last["action"] == "family.list" and second["id"] in last["detail"]


def test_an_admin_may_not_list_families(admin: services.Session) -> None:
    with pytest.raises(services.NotPermitted):
        services.todays_families(session=admin)


def test_the_status_counts_changes_waiting_for_the_registry(agent: services.Session) -> None:
    before = services.station_status(session=agent)["pending_changes"]
    _family(agent, datetime.now(UTC))
    after = services.station_status(session=agent)
    assert after["pending_changes"] > before
    assert (after["user"], after["role"], after["last_sync"]) == ("ana", "agent", None)
