"""Screenshots of a supervisor's and an admin's screens, in docs/screenshots/{,es-}supervisor-*.png
and {,es-}admin-users.png.

Run under Xvfb (like scripts/screenshots.py, which takes the other screens)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_supervisor.py

It makes a station with an invented family (``scripts/screenshots.make_station``), a second unit
(the father registered again, with another child) and a supervisor, then shoots the correction form
for a person (a nationality chosen by name; languages ticked by name), the form that merges two records
of one person and the form that moves a person to another unit (each showing whom the typed number
names), the form that voids a band, an agent's proposed
correction waiting, the conflict queue holding one conflict (the supervisor's own correction of a
name against another station's, brought in as a sync would bring it, signed by a made-up second
station); then the same queue's transactions the registry refused, the form that withdraws one, and
the record set aside from a pull: a throw-away registry process (``kinlink registry serve``, as the
tests start it) with a second station, Nogales, whose family unit the station follows by a scan
until the registry's operator revokes that holding; the supervisor's correction and custody transfer
of a Nogales person are then refused, and a bad record (as an older registry might have stored it)
is set aside; then the audit log filtered by that person; an agent registering a person on record
again, written another way (the review step says who she may be: ``screenshots_duplicates.py``);
then, as the admin, the station's users. Nothing here is real.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.domain import clock  # noqa: E402
from app.domain.changes import Change  # noqa: E402
from app.security.identity import StationIdentity  # noqa: E402
from app.store import accounts, syncing  # noqa: E402
from app.store.changelog import load_changes  # noqa: E402
from app.ui import conflicts_dialog, labels, worker  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.sync_panel import SyncScheduler  # noqa: E402
from scripts.screenshots import PASSPHRASE, in_each_language, make_station, settle, shoot  # noqa: E402
from scripts.screenshots_duplicates import shoot_possible_duplicate  # noqa: E402
from sync.registry import tables  # noqa: E402
from tests.conftest import adult, child, document, link  # noqa: E402
from tests.syncing import RunningRegistry  # noqa: E402


def a_conflict(session: services.Session, person_id: str) -> None:
    services.correct_record(session=session, ident=person_id, field="given_names", value="Majo",
                            reason="what she answers to")
    other = StationIdentity.generate("Nogales Station")
    with session.engine.begin() as conn:  # what the registry would have said of the station
        accounts.trust(conn, other.code, {"public_key": other.public_key, "name": "Nogales Station",
                                          "source": "registry", "added_at": datetime.now(UTC).isoformat(),
                                          "agency": "cbp", "facility": "Nogales processing center"})
        created = next(c for c in load_changes(conn, [person_id]) if c.created)
        theirs = Change(uuid.uuid4().hex, "person", person_id, {"given_names": ("María José", "María Josefa")},
                        False, str(clock.Hlc(clock.now_ms() + 60_000, 0, other.code)), other.code, "luis",
                        "as written on her passport", base={"given_names": created.hlc})
        syncing.apply_pulled(conn, [(replace(theirs, signature=other.sign(theirs.signing_bytes())), 1)],
                             session.identity.code)


def refusals(tmp: Path, data_dir: Path, session: services.Session, person_id: str, prefix: str) -> RunningRegistry:
    """A registry (returned running: the caller stops it) that refused two of this station's
    transactions, and a record it sent that this station set aside."""
    registry = RunningRegistry(f"sqlite:///{tmp / 'registry.db'}", tmp / "registry-home")
    registry.data_dir.mkdir()
    registry.start()
    chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    services.enroll_station(session=chief, url=registry.url, code=registry.enrollment_code())
    chief.close()
    nogales_dir = tmp / "nogales"
    services.init_station(data_dir=nogales_dir, station_name="Nogales Station", admin="boss", passphrase=PASSPHRASE)
    nogales = services.sign_in(data_dir=nogales_dir, user="boss", passphrase=PASSPHRASE)
    try:
        services.enroll_station(session=nogales, url=registry.url, code=registry.enrollment_code())
        services.add_user(session=nogales, name="luis", role="supervisor", passphrase=PASSPHRASE)
        luis = services.sign_in(data_dir=nogales_dir, user="luis", passphrase=PASSPHRASE)
        family = services.register_family(session=luis, document=document({
            "people": [adult("a", given="Rosa Elvira", family="Tzul Ixcoy", nationality="GT"),
                       child("b", given="Mateo", family="Tzul", age_estimate_years=4)],
            "links": [link("a", "b")]}))["families"][0]
        services.sync_now(session=luis)
        payload = services.band_payload(session=luis, band=family["people"][0]["band"])
        luis.close()
        services.sync_now(session=session, follow=[payload])
        opened = registry.open()
        try:
            opened.revoke_holding(session.identity.code, family["id"], "followed by mistake")
        finally:
            opened.close()
        mother, boy = family["people"][0]["id"], family["people"][1]["id"]
        services.correct_record(session=session, ident=mother, field="nationality", value="HN",
                                reason="pasaporte hondureño visto" if prefix else "Honduran passport seen")
        services.transfer_custody(session=session, person=boy, to="hhs_orr",
                                  facility="ORR shelter, Tucson", reason="placed in an ORR shelter")
        bad = Change(uuid.uuid4().hex, "person", person_id, {"role": (None, "pirate")}, False,
                     str(clock.Hlc(clock.now_ms(), 0, nogales.identity.code)), nogales.identity.code, "luis", None)
        bad = replace(bad, signature=nogales.identity.sign(bad.signing_bytes()))
        opened = registry.open()
        try:
            with opened.engine.begin() as conn:  # as an older registry, which did not check values, stored it
                conn.execute(tables.change.insert().values(
                    id=bad.id, station=bad.station, entity=bad.entity, entity_id=bad.entity_id, hlc=bad.hlc,
                    body=bad.signing_bytes().decode(), signature=bad.signature,
                    received_at=datetime.now(UTC).isoformat()))
        finally:
            opened.close()
        services.sync_now(session=session)
    finally:
        nogales.close()
    return registry


def second_unit(data_dir: Path) -> dict:
    """The father registered again at a second intake, written another way, with another child."""
    ana = services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)
    try:
        return services.register_family(session=ana, document=document({
            "people": [adult("a", given="Tzunun", family="Batzin Quixabe", sex="male", birth_date="1987-05-14"),
                       child("b", given="Kawoq", family="Batzin", age_estimate_years=3)],
            "links": [link("a", "b", "father")]}))["families"][0]
    finally:
        ana.close()


def shoot_previews(window: MainWindow, person: dict, again: dict, prefix: str) -> None:
    """The correction (by name), the merge and the move, each as the supervisor sees it before acting."""
    dialog = window.correct_record("person", person, labels.person_label(person))
    dialog.field.setCurrentIndex(dialog.field.findData("nationality"))
    dialog.value.country.setCurrentIndex(dialog.value.country.findData("HN"))
    dialog.reason.setText("pasaporte hondureño visto" if prefix else "Honduran passport seen")
    shoot(dialog, f"{prefix}supervisor-correct.png")
    dialog.field.setCurrentIndex(dialog.field.findData("languages"))
    dialog.value.languages.set_codes(["es", "quc", "mam"])
    dialog.reason.setText("habla mam también" if prefix else "she speaks Mam too")
    shoot(dialog, f"{prefix}supervisor-correct-languages.png")
    dialog.close()
    father = next(p for p in window.family_view.family()["people"] if p.get("given_names") == "Tz'unun")
    merging = window.merge_person(father)
    merging.keep.setText(again["people"][0]["band"])
    merging.reason.setText("mismo pasaporte en las dos entrevistas" if prefix
                           else "the same passport at both intakes")
    settle(until=merging.save_button.isEnabled)
    shoot(merging, f"{prefix}supervisor-merge.png")
    merging.close()
    moving = window.move_person(person)
    moving.family.setText(again["number"])
    moving.reason.setText(f"su familia es la {again['number']}" if prefix else f"her family is unit {again['number']}")
    settle(until=moving.save_button.isEnabled)
    shoot(moving, f"{prefix}supervisor-move.png")
    moving.close()


def take_all(tmp: Path, prefix: str) -> None:
    data_dir = tmp / "station"
    make_station(data_dir)
    chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    services.add_user(session=chief, name="sofia", role="supervisor", passphrase=PASSPHRASE)
    chief.close()
    session = services.sign_in(data_dir=data_dir, user="sofia", passphrase=PASSPHRASE)
    try:
        window = MainWindow(session, data_dir)
        window.resize(1366, 768)
        window.show()
        assert window.board is not None  # the board: what a supervisor sees first (scripts/screenshots_board.py)
        window.board.reject()  # Esc: back to the family units
        settle(until=lambda: window.today.topLevelItemCount() == 1)
        window.today.setCurrentItem(window.today.topLevelItem(0))
        view = window.family_view
        settle(until=lambda: view.people.topLevelItemCount() == 4)
        row = next(i for i in range(4) if view.people.topLevelItem(i).text(0).startswith("María José"))
        view.people.setCurrentItem(view.people.topLevelItem(row))
        person = view._selected(view.people, "people")
        assert person is not None
        shoot_previews(window, person, second_unit(data_dir), prefix)
        voiding = window.void_band(person)
        assert voiding is not None
        voiding.reason.setText("roto en el cierre" if prefix else "torn at the clasp")
        shoot(voiding, f"{prefix}supervisor-void-band.png")
        voiding.close()
        ana = services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)
        try:
            services.propose_correction(session=ana, ident=person["id"], field="languages", value=["es", "mam"],
                                        reason="habla mam, no k'iche'" if prefix else "she speaks Mam, not K'iche'")
        finally:
            ana.close()
        proposals = window.show_proposals()
        settle(until=lambda: proposals.list.topLevelItemCount() == 1)
        shoot(proposals, f"{prefix}supervisor-proposals.png")
        proposals.close()
        a_conflict(session, person["id"])
        queue = window.show_conflicts()
        settle(until=lambda: queue.queue.topLevelItemCount() == 1)
        queue.writes.setCurrentItem(queue.writes.topLevelItem(1))
        shoot(queue, f"{prefix}supervisor-conflicts.png")
        queue.close()
        registry = refusals(tmp, data_dir, session, person["id"], prefix)
        try:
            queue = window.show_conflicts()
            settle(until=lambda: queue.refused.topLevelItemCount() == 2)
            queue.tabs.setCurrentIndex(conflicts_dialog.REFUSED)
            queue.refused.setFocus()
            shoot(queue, f"{prefix}supervisor-queue-refused.png")
            queue.tabs.setCurrentIndex(conflicts_dialog.SET_ASIDE)
            shoot(queue, f"{prefix}supervisor-queue-set-aside.png")
            queue.tabs.setCurrentIndex(conflicts_dialog.REFUSED)
            queue.refused.setCurrentItem(queue.refused.topLevelItem(1))  # the custody transfer
            withdrawing = queue.withdraw()
            assert withdrawing is not None
            withdrawing.reason.setText("registrado aquí por error: el niño nunca pasó por esta estación" if prefix
                                       else "recorded here by mistake: the boy never came through this station")
            shoot(withdrawing, f"{prefix}supervisor-withdraw.png")
            withdrawing.close()
            queue.close()
        finally:
            registry.stop()
        trail = window.show_audit()
        settle(until=lambda: trail.records.topLevelItemCount() > 0)
        trail.person.setText(str(person["band"]))
        trail.load()
        settle(until=lambda: not trail.is_busy and trail.records.topLevelItemCount() > 0)
        shoot(trail, f"{prefix}supervisor-audit.png")
        trail.close()
        window.close()
        worker.wait_for_idle()
    finally:
        session.close()
    shoot_possible_duplicate(data_dir, prefix)
    chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    try:
        window = MainWindow(chief, data_dir)
        window.show()
        accounts = window.show_users()
        settle(until=lambda: not accounts.is_busy and accounts.users.topLevelItemCount() == 3)
        shoot(accounts, f"{prefix}admin-users.png")
        accounts.close()
        window.close()
        worker.wait_for_idle()
    finally:
        chief.close()


def main() -> int:
    SyncScheduler.START_MS = SyncScheduler.PERIOD_MS = 3_600_000  # the syncs here are the script's own
    return in_each_language(take_all)


if __name__ == "__main__":
    raise SystemExit(main())
