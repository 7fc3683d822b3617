"""Reading the audit log for oversight: filters by person (and everything about them), user, action
and time; the chain's state; a CSV export; reading and exporting are themselves audited; agents
may not; bad filters are refused by name."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app import services
from app.domain.errors import NotFound, ValidationError
from tests.conftest import ADMIN, AGENT, SUPERVISOR, adult, child, document, link

FAMILY = document({"people": [adult("m", "Rosa", "Tzul"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01")],
                   "links": [link("m", "c")]})
OTHER = document({"people": [adult("x", "Lucía", "Reyes")]})


@pytest.fixture
def day(agent: services.Session, supervisor: services.Session) -> dict[str, Any]:
    """Two families registered; one viewed, searched, one band voided; the other left alone."""
    ours = services.register_family(session=agent, document=FAMILY)["families"][0]
    theirs = services.register_family(session=agent, document=OTHER)["families"][0]
    services.show_family(session=agent, ident=ours["people"][1]["band"])
    services.search(session=agent, text="ixcoy")
    services.void_band(session=supervisor, band=ours["people"][1]["band"], reason="torn")
    return {"ours": ours, "theirs": theirs}


def _actions(records: list[dict[str, Any]]) -> list[str]:
    return [r["action"] for r in records]


def test_a_person_filter_finds_everything_about_them(supervisor: services.Session, day: dict[str, Any]) -> None:
    child_ = day["ours"]["people"][1]
    trail = services.audit_trail(session=supervisor, person=child_["band"])
    actions = _actions(trail["records"])
    assert {"family.register", "family.view", "search", "band.void"} <= set(actions)
    seqs = [r["seq"] for r in trail["records"]]
    assert seqs == sorted(seqs, reverse=True), "newest first"
    others = services.audit_trail(session=supervisor, person=day["theirs"]["people"][0]["id"])
    assert "band.void" not in _actions(others["records"]) and "family.register" in _actions(others["records"])
    assert trail["chain"]["intact"] and trail["chain"]["records"] > len(trail["records"])


def test_user_action_and_time_filters(supervisor: services.Session, day: dict[str, Any]) -> None:
    mine = services.audit_trail(session=supervisor, user=SUPERVISOR)
    assert {r["user"] for r in mine["records"]} == {SUPERVISOR} and "band.void" in _actions(mine["records"])
    bands = services.audit_trail(session=supervisor, action="band")
    assert set(_actions(bands["records"])) <= {"band.void", "band.verify", "band.reprint", "band.reissue",
                                               "band.attach"} and bands["records"]
    assert services.audit_trail(session=supervisor, action="ban")["records"] == [], "a whole part of the name"
    today = services.audit_trail(session=supervisor, since="2000-01-01", until="2999-12-31")
    assert len(today["records"]) == len(services.audit_trail(session=supervisor)["records"]) - 1, \
        "everything (but the read just before this one)"
    assert services.audit_trail(session=supervisor, until="2001-01-01")["records"] == []
    assert services.audit_trail(session=supervisor, limit=3)["records"].__len__() == 3


@pytest.mark.parametrize(("filters", "error", "message"), [
    ({"since": "yesterday"}, ValidationError, "'yesterday' is not a date"),
    ({"limit": 0}, ValidationError, "must be from 1 to"),
    ({"person": "NOPE1-2222-2"}, NotFound, "no person or band"),
])
def test_bad_filters_are_refused_by_name(supervisor: services.Session, day: dict[str, Any], filters: dict[str, Any],
                                         error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        services.audit_trail(session=supervisor, **filters)


def test_reading_and_exporting_are_audited_and_agents_may_not(agent: services.Session, admin: services.Session,
                                                               supervisor: services.Session, day: dict[str, Any],
                                                               tmp_path: Path) -> None:
    with pytest.raises(services.NotPermitted):
        services.audit_trail(session=agent)
    services.audit_trail(session=admin, action="band")
    out = tmp_path / "audit.csv"
    answer = services.export_audit(session=supervisor, path=out, person=day["ours"]["people"][0]["id"])
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == answer["records"] > 0 and list(rows[0]) == ["seq", "at", "station", "user", "action",
                                                                    "target", "outcome", "detail", "prev_hash",
                                                                    "hash"]
    assert json.loads(rows[0]["detail"]) is not None and "Rosa" not in out.read_text(), "ids, never names"
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    latest = services.audit_trail(session=supervisor, action="audit", limit=5)["records"]
    assert [(r["user"], r["action"], r["outcome"]) for r in latest[:4]] == [
        (SUPERVISOR, "audit.export", "ok"), (SUPERVISOR, "audit.read", "ok"), (ADMIN, "audit.read", "ok"),
        (AGENT, "audit.read", "denied")]


def test_a_broken_chain_is_reported_with_the_records(supervisor: services.Session, day: dict[str, Any]) -> None:
    with supervisor.engine.begin() as conn:
        conn.execute(text("UPDATE audit SET user = 'someone' WHERE seq = 3"))
    trail = services.audit_trail(session=supervisor)
    assert not trail["chain"]["intact"] and trail["chain"]["broken_at"] == 3
    assert trail["records"], "the records are still shown"


def test_the_command_line(cli: Any, station: Path, tmp_path: Path) -> None:
    band = cli("family", "add", "-", user=AGENT, stdin=FAMILY).json["families"][0]["people"][0]["band"]
    listed = cli("audit", "list", "--person", band, user=SUPERVISOR)
    assert listed.code == 0 and "family.register" in _actions(listed.json["records"])
    bad = cli("audit", "list", "--since", "last week", user=SUPERVISOR)
    assert bad.code == 2 and "'last week' is not a date" in bad.stderr
    assert cli("audit", "list", user=AGENT).code == 3
    out = tmp_path / "trail.csv"
    exported = cli("audit", "export", str(out), "--action", "family", user=ADMIN)
    assert exported.code == 0 and exported.json["records"] >= 1 and out.exists()
    unwritable = cli("audit", "export", str(tmp_path / "no" / "such" / "dir.csv"), user=ADMIN)
    assert unwritable.code == 2 and "cannot write" in unwritable.stderr and "No such file or directory" in \
        unwritable.stderr and not (tmp_path / "no").exists()
    failed = cli("audit", "list", "--action", "audit.export", user=ADMIN).json["records"]
    assert [r["outcome"] for r in failed[:2]] == ["failed", "ok"], "a failed export is recorded too"
