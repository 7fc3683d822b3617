"""The reunification policy (docs/reunification.md) with a real registry process and real stations:
operators set it (refused when not sensible, nothing changed), the registry numbers and signs each
version, stations receive every version at sync, each separation records the version it is judged
by and keeps its deadline when a new one is set, and a policy written into a station's store by hand
is not believed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from app import services
from app.domain import policy as domain_policy
from app.domain.policy import Policy
from app.store import schema
from sync.registry.errors import Invalid
from tests.conftest import adult, child, document, link
from tests.syncing import RunningRegistry, TestStation

pytestmark = pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python alone
FAMILY = document({"people": [adult("m", "Rosa", "Tzul Ixcoy"), child("a", "Ana", "Ixcoy", birth_date="2024-02-01"),
                              child("b", "Beto", "Ixcoy", birth_date="2024-03-01")],
                   "links": [link("m", "a"), link("m", "b")]})


def _set(registry: RunningRegistry, days: Any) -> dict[str, Any]:
    opened = registry.open()
    try:
        return opened.set_policy(days, who="operator:test")
    finally:
        opened.close()


def _deadline(entry: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(entry["adults"][0]["deadline"].replace("Z", "+00:00"))


def _separated_at(entry: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(entry["adults"][0]["separated_at"].replace("Z", "+00:00"))


def test_each_separation_keeps_the_policy_it_was_recorded_under(
        registry: RunningRegistry, make_station: Callable[..., TestStation]) -> None:
    station = make_station("Border")
    assert services.current_policy(session=station.agent) == {**Policy().as_dict(), "built_in": True}
    first = _set(registry, {"under_5_days": 10, "other_days": 20, "contact_days": 5})
    assert first == {"version": 1, "under_5_days": 10, "other_days": 20, "contact_days": 5, "built_in": False}
    station.sync()
    assert services.current_policy(session=station.agent)["version"] == 1
    answer = station.register(FAMILY)["families"][0]
    mother, ana, beto = (p["id"] for p in answer["people"])
    services.separate(session=station.agent, child=ana, adult=mother, reason="mother taken to hospital")
    _set(registry, {"under_5_days": 7, "other_days": 20, "contact_days": 3})
    station.sync()
    services.separate(session=station.agent, child=beto, adult=mother, reason="mother taken to hospital")
    shown = station.show(answer["id"])
    recorded = {x["to"]: x["events"][0]["policy_version"] for x in shown["links"]}
    assert recorded == {ana: 1, beto: 2}
    board = services.reunification_board(session=station.agent)
    assert board["policy"]["version"] == 2
    by_child = {e["child"]["id"]: e for e in board["children"]}
    assert _deadline(by_child[ana]) - _separated_at(by_child[ana]) == timedelta(days=10), "version 1 still"
    assert _deadline(by_child[beto]) - _separated_at(by_child[beto]) == timedelta(days=7)


@pytest.mark.parametrize(("days", "says"), [
    ({"under_5_days": 0, "other_days": 30, "contact_days": 10}, "from 1 to 365, not 0"),
    ({"under_5_days": 14, "other_days": 30}, "policy.contact_days: is missing"),
    ("fourteen days", "must be a JSON object"),
])
def test_a_policy_that_is_not_sensible_is_refused_and_nothing_changes(
        registry: RunningRegistry, days: Any, says: str) -> None:
    with pytest.raises(Invalid, match=says):
        _set(registry, days)
    opened = registry.open()
    try:
        assert opened.policy() == {**Policy().as_dict(), "built_in": True}
        assert opened.policy_versions() == []
    finally:
        opened.close()


def test_a_policy_written_into_the_store_by_hand_is_not_believed(
        registry: RunningRegistry, make_station: Callable[..., TestStation]) -> None:
    """The attack: someone at the desk who can open the store adds a version with 60-day deadlines
    (signed with a key of their own, or not at all) to make overdue children look on time."""
    station = make_station("Border")
    _set(registry, {"under_5_days": 14, "other_days": 30, "contact_days": 10})
    station.sync()
    forged = Policy(version=9, under_5_days=60, other_days=60, contact_days=60)
    text = domain_policy.signed_bytes(forged).decode()
    with station.agent.engine.begin() as conn:
        conn.execute(insert(schema.policy).values(version=9, document=text, signature=station.agent.identity.sign(
            text.encode()), received_at="2026-12-01T00:00:00+00:00"))
    assert services.current_policy(session=station.agent)["version"] == 1
    assert services.reunification_board(session=station.agent)["policy"]["under_5_days"] == 14


def test_registry_policy_show_and_set_from_the_command_line(cli: Any, registry: RunningRegistry,
                                                            tmp_path: Path) -> None:
    def registry_cli(*args: str) -> Any:
        return cli("--data-dir", str(registry.data_dir), "registry", "policy", *args, "--database-url",
                   registry.database_url)

    shown = registry_cli("show")
    assert shown.code == 0 and shown.json == {**Policy().as_dict(), "built_in": True}
    broken = tmp_path / "broken.json"
    broken.write_text('{"under_5_days": 14,')
    refused = registry_cli("set", str(broken))
    assert refused.code == 2 and "is not JSON" in refused.stderr and "unchanged" in refused.stderr
    zero = tmp_path / "zero.json"
    zero.write_text(json.dumps({"under_5_days": 0, "other_days": 30, "contact_days": 10}))
    assert registry_cli("set", str(zero)).code == 2
    good = tmp_path / "policy.json"
    good.write_text(json.dumps({"under_5_days": 12, "other_days": 28, "contact_days": 8}))
    done = registry_cli("set", str(good))
    assert done.code == 0 and done.json["version"] == 1, done.stderr
    assert registry_cli("show").json == {"version": 1, "under_5_days": 12, "other_days": 28, "contact_days": 8,
                                         "built_in": False}
