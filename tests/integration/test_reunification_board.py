"""The station's reunification board over a real encrypted store, and `kinlink reunification`: a
separation puts the pair on it with the court's deadline, a reunification takes it off, the CSV is
safe to open in a spreadsheet, and the file is private and never written through a planted link."""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import services
from app.store import queries
from tests.conftest import adult, child, document, link


def _separated_family(session: services.Session) -> dict[str, str]:
    answer = services.register_family(session=session, document=document({
        "people": [adult("a1", "=Rosa", "Tzoc Ajú", birth_date="1990-02-03"),
                                child("c1", "Mateo", "O'Brien", birth_date="2023-05-06"),
                                child("c2", "Lía", "Tzoc", birth_date="2012-01-01")],
        "links": [link("a1", "c1"), link("a1", "c2")]}, occurred_at="2026-11-24T14:05:00-07:00"))
    family = services.show_family(session=session, ident=answer["families"][0]["id"])
    by_child = {x["to"]: x["id"] for x in family["links"]}
    young = next(p for p in family["people"] if p["given_names"] == "Mateo")
    mother = next(p for p in family["people"] if p["role"] == "adult")
    services.separate(session=session, child=young["id"], adult=mother["id"], reason="adult taken to hospital",
                      officer="supervisor 7")
    return {"family": family["id"], "young": young["id"], "link": by_child[young["id"]]}


def test_a_separated_child_is_on_the_board_with_its_deadline_until_reunified(agent: services.Session) -> None:
    ids = _separated_family(agent)
    board = services.reunification_board(session=agent)
    assert [e["child"]["id"] for e in board["children"]] == [ids["young"]]  # the older child was not separated
    entry = board["children"][0]
    adult_row = entry["adults"][0]
    separated = datetime.fromisoformat(adult_row["separated_at"])
    assert datetime.fromisoformat(adult_row["deadline"]) - separated == timedelta(days=14)  # under 5
    assert (adult_row["relationship"], adult_row["link_state"]) == ("mother", "separated")
    assert not entry["overdue"] and entry["family"] == ids["family"]
    later = services.reunification_board(session=agent, as_of=separated + timedelta(days=15), overdue=True)
    assert [a["code"] for a in later["children"][0]["alerts"]] == ["overdue", "no_contact"]
    services.reunite(session=agent, child=ids["young"], adult=entry["adults"][0]["id"], reason="mother back")
    assert services.reunification_board(session=agent)["children"] == []


def test_the_board_is_audited_with_whom_it_showed(agent: services.Session, supervisor: services.Session) -> None:
    ids = _separated_family(agent)
    services.reunification_board(session=agent)
    trail = services.audit_trail(session=supervisor, action="reunification.view")
    assert ids["young"] in str(trail) and agent.user in str(trail)


def test_the_csv_opens_cell_by_cell_and_a_formula_stays_text(agent: services.Session, tmp_path: Path) -> None:
    _separated_family(agent)
    out = tmp_path / "board.csv"
    board = services.reunification_board(session=agent)
    services.write_board(session=agent, board=board, fmt="csv", out=out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and os.stat(out).st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["adult_given_names"] == "'=Rosa" and rows[0]["adult_family_names"] == "Tzoc Ajú"
    assert rows[0]["child_family_names"] == "O'Brien" and rows[0]["relationship"] == "mother"
    assert rows[0]["child_custody"].startswith("station")


def test_a_planted_link_at_the_output_is_refused_and_left_alone(agent: services.Session, tmp_path: Path) -> None:
    _separated_family(agent)
    victim = tmp_path / "victim.txt"
    victim.write_text("the planter's file")
    out = tmp_path / "board.json"
    out.symlink_to(victim)
    with pytest.raises(services.OutputError, match="symbolic link"):
        services.write_board(session=agent, board=services.reunification_board(session=agent), fmt="json", out=out)
    assert victim.read_text() == "the planter's file" and out.is_symlink()


def test_kinlink_reunification_json_csv_and_refusals(agent: services.Session, cli, tmp_path: Path) -> None:
    ids = _separated_family(agent)
    shown = cli("reunification", user="ana")
    assert shown.code == 0, shown.stderr
    assert set(shown.json) == {"as_of", "policy", "children"}
    assert shown.json["policy"] == {"version": 0, "under_5_days": 14, "other_days": 30, "contact_days": 10}
    assert shown.json["children"][0]["child"]["id"] == ids["young"]
    assert set(shown.json["children"][0]["child"]["custody"]) == {"kind", "station", "agency", "facility", "since"}
    assert cli("reunification", "--overdue", user="ana").json["children"] == []
    needs_file = cli("reunification", "--format", "csv", user="ana")
    assert needs_file.code == 2 and "-o FILE" in needs_file.stderr
    out = tmp_path / "board.csv"
    written = cli("reunification", "--format", "csv", "-o", str(out), user="ana")
    assert written.code == 0 and written.json["children"] == 1 and out.read_bytes().startswith(b"\xef\xbb\xbf")


def _bands(session: services.Session, family_id: str) -> dict[str, str]:
    return {p["given_names"]: p["band"] for p in services.show_family(session=session, ident=family_id)["people"]}


def test_kinlink_separate_and_reunite_by_band_with_their_refusals(agent: services.Session, cli) -> None:
    answer = services.register_family(session=agent, document=document({
        "people": [adult("a1", "Rosa", "Tzoc"), child("c1", "Mateo", "Tzoc", age_estimate_years=3)],
        "links": [link("a1", "c1")]}))
    bands = _bands(agent, answer["families"][0]["id"])
    swapped = cli("separate", bands["Rosa"], bands["Mateo"], "--reason", "x", user="ana")
    assert swapped.code == 2 and "an adult's record, not a child's" in swapped.stderr
    future = cli("separate", bands["Mateo"], bands["Rosa"], "--reason", "hospital",
                 "--at", (datetime.now(UTC) + timedelta(days=2)).isoformat(), user="ana")
    assert future.code == 2 and "in the future" in future.stderr
    at = (datetime.now(UTC) - timedelta(hours=5)).isoformat()
    done = cli("separate", bands["Mateo"], bands["Rosa"], "--reason", "adult taken to hospital", "--at", at,
               user="ana")
    assert done.code == 0, done.stderr
    event = services.show_family(session=agent, ident=bands["Mateo"])["links"][0]["events"][0]
    assert event["officer"] == "ana" and event["from_side"].startswith("at station ") and event["to_side"]
    board = cli("reunification", user="ana").json["children"]
    assert board[0]["adults"][0]["separated_at"] == datetime.fromisoformat(at).astimezone(UTC) \
        .isoformat(timespec="seconds").replace("+00:00", "Z")
    earlier = cli("reunite", bands["Mateo"], bands["Rosa"], "--reason", "back", "--at",
                  (datetime.now(UTC) - timedelta(hours=6)).isoformat(), user="ana")
    assert earlier.code == 2 and "before the pair's last record" in earlier.stderr
    assert cli("reunite", bands["Mateo"], bands["Rosa"], "--reason", "mother back from hospital",
               user="ana").code == 0
    assert cli("reunification", user="ana").json["children"] == []
    again = cli("reunite", bands["Mateo"], bands["Rosa"], "--reason", "twice", user="ana")
    assert again.code == 2 and "reunified cannot become reunified" in again.stderr


def test_kinlink_custody_transfer_and_close_pair_with_their_refusals(agent: services.Session, cli) -> None:
    answer = services.register_family(session=agent, document=document({
        "people": [adult("a1", "Rosa", "Tzoc"), child("c1", "Mateo", "Tzoc", age_estimate_years=3)],
        "links": [link("a1", "c1")]}))
    family_id = answer["families"][0]["id"]
    bands = _bands(agent, family_id)
    history = len(services.show_family(session=agent, ident=family_id)["history"])
    refusals = [
        (("--to", "shelter"), "invalid choice: 'shelter'"),
        (("--to", "station"), "--station: a transfer to a Kinlink station names it"),
        (("--to", "station", "--station", "7QXK0"), "--station: must be a station code"),
        (("--to", "hhs_orr"), "--facility: custody of kind hhs_orr says where"),
        (("--to", "ice", "--station", "7QXKM", "--facility", "ICE"), "only custody at a Kinlink station names one"),
        (("--to", "ice", "--facility", "ICE", "--at", (datetime.now(UTC) + timedelta(days=1)).isoformat()),
         "in the future"),
        (("--to", "ice", "--facility", "ICE", "--at", "2026-11-01T00:00:00Z"), "before the person's current custody"),
    ]
    for extra, says in refusals:
        refused = cli("custody", "transfer", bands["Mateo"], *extra, "--reason", "placement", user="ana")
        assert refused.code == 2 and says in refused.stderr, (extra, refused.stderr)
    assert len(services.show_family(session=agent, ident=family_id)["history"]) == history, "nothing was written"
    sent = cli("custody", "transfer", bands["Mateo"], "--to", "station", "--station", "7QXKM", "--reason",
               "placement order 77", user="ana")
    assert sent.code == 0 and sent.json["in_transit"] is True, sent.stderr
    child_view = next(p for p in services.show_family(session=agent, ident=family_id)["people"]
                      if p["given_names"] == "Mateo")
    assert child_view["custody"]["in_transit"] and child_view["custody"]["station"] == "7QXKM"
    assert cli("separate", bands["Mateo"], bands["Rosa"], "--reason", "child placed", user="ana").code == 0
    by_agent = cli("close-pair", bands["Mateo"], bands["Rosa"], "--reason", "the adult declined", user="ana")
    assert by_agent.code == 3 and "not permitted" in by_agent.stderr
    closed = cli("close-pair", bands["Mateo"], bands["Rosa"], "--reason", "DNA shows no relation", user="sofia")
    assert closed.code == 0 and closed.json["state"] == "closed", closed.stderr
    assert cli("reunification", user="sofia").json["children"] == [], "a closed pair leaves the board"
    again = cli("close-pair", bands["Mateo"], bands["Rosa"], "--reason", "twice", user="sofia")
    assert again.code == 2 and "are closed, not separated" in again.stderr
    pair = services.show_family(session=agent, ident=family_id)["links"][0]
    assert [e["state"] for e in pair["events"]] == ["separated", "closed"] and pair["state"] == "closed"


def test_a_station_that_holds_neither_cannot_reunite_them(agent: services.Session) -> None:
    ids = _separated_family(agent)
    family = services.show_family(session=agent, ident=ids["family"])
    mother = next(p for p in family["people"] if p["role"] == "adult")
    for person in (ids["young"], mother["id"]):
        services.transfer_custody(session=agent, person=person, to="hhs_orr",
                                  facility="Shelter (invented)", reason="moved for the test")
    with pytest.raises(services.DomainError, match="holds neither"):
        services.reunite(session=agent, child=ids["young"], adult=mother["id"], reason="elsewhere")
    assert services.reunification_board(session=agent)["children"][0]["adults"][0]["link_state"] == "separated"


def test_two_people_not_linked_are_not_a_pair(agent: services.Session) -> None:
    one = services.register_family(session=agent, document=document({
        "people": [adult("a1", "Rosa", "Tzoc"), child("c1", "Mateo", "Tzoc")], "links": [link("a1", "c1")]}))
    two = services.register_family(session=agent, document=document({
        "people": [adult("a2", "Elena", "Xol"), child("c2", "Iker", "Xol")], "links": [link("a2", "c2")]}))
    kid, other = _bands(agent, one["families"][0]["id"])["Mateo"], _bands(agent, two["families"][0]["id"])["Elena"]
    with pytest.raises(services.NotFound, match="are not linked"):
        services.separate(session=agent, child=kid, adult=other, reason="x")


def test_many_units_read_at_once_are_the_units_read_one_by_one(agent: services.Session,
                                                               supervisor: services.Session) -> None:
    ids = _separated_family(agent)
    other = services.register_family(session=agent, document=document({
        "people": [adult("a2", "Elena", "Xol"), child("c2", "Iker", "Xol")], "links": [link("a2", "c2")]}))
    other_id = other["families"][0]["id"]
    moved = next(p for p in services.show_family(session=agent, ident=ids["family"])["people"]
                 if p["given_names"] == "Lía")
    services.move_person(session=supervisor, person=moved["id"], to_family=other_id,
                         reason="registered in the wrong unit")
    with agent.engine.begin() as conn:
        one_by_one = [queries.family_view(conn, f) for f in sorted([ids["family"], other_id])]
        at_once = queries.family_views(conn, sorted([ids["family"], other_id]))
    for unit in one_by_one:
        unit["history"] = []
    assert at_once == one_by_one
    assert any(x["from"] == moved["id"] or x["to"] == moved["id"] for x in at_once[0]["links"] + at_once[1]["links"])


def test_kinlink_contact_repeats_keeps_the_pair_separated_and_clears_no_contact(agent: services.Session, cli) -> None:
    answer = services.register_family(session=agent, document=document({
        "people": [adult("a1", "Rosa", "Tzoc"), child("c1", "Mateo", "Tzoc", age_estimate_years=3)],
        "links": [link("a1", "c1")]}))
    bands = _bands(agent, answer["families"][0]["id"])
    kid, mom = bands["Mateo"], bands["Rosa"]
    early = cli("contact", kid, mom, "--kind", "call", user="ana")
    assert early.code == 2 and "between a separated pair; this link is together" in early.stderr
    separated_at = datetime.now(UTC) - timedelta(days=12)
    assert cli("separate", kid, mom, "--reason", "hospital", "--at", separated_at.isoformat(), user="ana").code == 0
    late = separated_at + timedelta(days=15)
    overdue = services.reunification_board(session=agent, as_of=late)["children"][0]
    assert [a["code"] for a in overdue["alerts"]] == ["overdue", "no_contact"]
    before = cli("contact", kid, mom, "--kind", "call", "--at", (separated_at - timedelta(hours=1)).isoformat(),
                 user="ana")
    assert before.code == 2 and "before the separation" in before.stderr
    bad_kind = cli("contact", kid, mom, "--kind", "letter", user="ana")
    assert bad_kind.code == 2 and "invalid choice: 'letter'" in bad_kind.stderr
    first = separated_at + timedelta(days=2)
    assert cli("contact", kid, mom, "--kind", "call", "--at", first.isoformat(), user="ana").code == 0
    noted = cli("contact", kid, mom, "--kind", "video", "--note", "-", user="ana", stdin=b"talked about school")
    assert noted.code == 0, noted.stderr
    family = services.show_family(session=agent, ident=kid)
    assert family["links"][0]["state"] == "separated"
    contacts = [e for e in family["links"][0]["events"] if e["state"] == "contact"]
    assert [(c["kind"], c["officer"]) for c in contacts] == [("call", "ana"), ("video", "ana")]
    assert contacts[1]["reason"] == "talked about school"
    entry = services.reunification_board(session=agent, as_of=late)["children"][0]
    assert [a["code"] for a in entry["alerts"]] == ["overdue"]
    assert entry["adults"][0]["last_contact_at"] is not None and entry["adults"][0]["link_state"] == "separated"
