"""Take the screenshots in docs/screenshots/ from the real app on a real (virtual) screen.

Run by ``scripts/screenshots`` under Xvfb. It makes a throw-away station with invented people,
opens each screen as a user would reach it, and saves what the window shows. Nothing here is
real data.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.ui import i18n, labels, worker  # noqa: E402
from app.ui.family_view import FamilyView  # noqa: E402
from app.ui.first_run import FirstRunDialog  # noqa: E402
from app.ui.login import LoginDialog  # noqa: E402
from app.ui.main import RESOURCES  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from tests.conftest import adult, child, document, link  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSPHRASE = "screens passphrase 1"
PHOTO = ROOT / "docs" / "examples" / "photo.png"  # the invented baby's photo, as the README's example


def settle(ms: int = 300, until: Callable[[], bool] | None = None) -> None:
    """Let the event loop run (answers from the worker arrive) for ``ms`` or until ``until()``."""
    for _ in range(100):
        loop = QEventLoop()
        QTimer.singleShot(ms // 10 or 1, loop.quit)
        loop.exec()
        if until is None or until():
            if until is None and _ < 9:
                continue
            return
    raise SystemExit("screenshots: the app did not reach the expected state")


def shoot(widget: QWidget, name: str) -> None:
    settle(200)
    widget.grab().save(str(OUT / name))
    print(f"screenshots: {OUT / name}")


def agent_at_new_station(data_dir: Path, station_name: str = "Lukeville Station") -> services.Session:
    """A new station with its admin "chief" and the agent "ana", signed in as ana (passphrase PASSPHRASE)."""
    services.init_station(data_dir=data_dir, station_name=station_name, admin="chief", passphrase=PASSPHRASE)
    chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    services.add_user(session=chief, name="ana", role="agent", passphrase=PASSPHRASE)
    chief.close()
    return services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)


def make_station(data_dir: Path) -> None:
    ana = agent_at_new_station(data_dir)
    services.register_family(session=ana, document=document({
        "people": [adult("a1", given="María José", family="García López", nationality="GT", languages=["es", "quc"]),
                   adult("a2", given="Tz'unun", family="Batz'ín Quixabé", sex="male"),
                   child("c1", given="Ixchel", family="Batz'ín García", age_estimate_years=6),
                   child("c2", given=None, family=None, age_estimate_years=1, preverbal=True,
                         description="red cap, birthmark left wrist")],
        "links": [link("a1", "c1"), link("a1", "c2"), link("a2", "c1", "father"), link("a2", "c2", "unknown")]}),
        bundles={"c2": services.IdentityBundle(carried_by="a1", photos=[(PHOTO.read_bytes(), "file")])})
    ana.close()


def baby(family: Mapping[str, Any]) -> int:
    """The row of the pre-verbal baby (the one with a photo) among the family's people."""
    return next(i for i, p in enumerate(family["people"]) if p.get("photos"))


def photo_shown(pane: object) -> bool:
    pixmap = pane.photo.pixmap()  # type: ignore[attr-defined]
    return not pixmap.isNull()


def shoot_bands_and_custody(window: MainWindow, data_dir: Path, session: services.Session, prefix: str) -> None:
    family = services.todays_families(session=session)["families"][0]
    shown = services.show_family(session=session, ident=family["id"])
    mother_and_baby = (shown["people"][0], shown["people"][baby(shown)])  # the baby's photo beside the MATCH
    payloads = [services.band_payload(session=session, band=p["band"]) for p in mother_and_baby]
    dialog = window.check_bands()
    for text in payloads:
        dialog.scan_text(text)
        settle(until=lambda: dialog.first.isVisible())
    settle(until=lambda: dialog.result.isVisible() and photo_shown(dialog.second_pane))
    shoot(dialog, f"{prefix}check-bands-match.png")
    dialog.close()
    view = window.family_view
    view.links.setCurrentItem(view.links.topLevelItem(0))
    link_dialog = window.record_link_state(*_first_link(view))
    link_dialog.reason.setText("mother taken to hospital")
    link_dialog.officer.setText("SBPA Ortiz 4471")
    link_dialog.from_side.setText("Tucson Medical Center")
    link_dialog.to_side.setText("this station, room 3")
    shoot(link_dialog, f"{prefix}separation.png")
    before = view.links.topLevelItem(0).text(4)  # "together", in the language shown
    link_dialog.save()
    settle(until=lambda: view.links.topLevelItem(0).text(4) != before)
    shoot(window, f"{prefix}main-window-separated.png")


def shoot_printing_and_putting_on(window: MainWindow, data_dir: Path, session: services.Session, tmp: Path,
                                  prefix: str) -> None:
    """The print dialog (a PDF to a throw-away folder), then putting the bands on: two people ticked
    off and the other child's band scanned on the baby, whose photo shows."""
    shown = window.family_view.family()
    assert shown is not None
    printing = window.bands.print_bands(shown)
    for index in range(printing.destination.count()):
        if printing.destination.itemData(index).kind == "pdf":
            printing.destination.setCurrentIndex(index)
    printing.file_path.setText(str(tmp / f"bands-{shown['number']}.pdf"))
    shoot(printing, f"{prefix}print-bands.png")
    printing.print_bands()
    settle(until=lambda: printing.done_message.isVisible())
    printing.close()
    putting_on = window.bands.put_bands_on(shown)
    people, row = shown["people"], baby(shown)
    other_child = next(p for p in people if p["role"] == "child" and not p.get("photos"))
    for person in [p for p in people if p["role"] == "adult"] + [other_child]:  # on the wrist chosen:
        wrist = row if person is other_child else people.index(person)  # the child's band on the baby's
        putting_on.people.setCurrentItem(putting_on.people.topLevelItem(wrist))
        putting_on.scan_text(services.band_payload(session=session, band=person["band"]))
        settle(until=lambda: putting_on.scan.isEnabled() and bool(putting_on.answer.text()))
    settle(until=lambda: photo_shown(putting_on.person_pane))
    shoot(putting_on, f"{prefix}put-bands-on.png")
    putting_on.close()
    settle(until=lambda: window.family_view.people.topLevelItemCount() == 4)


def _first_link(view: FamilyView) -> tuple[dict, str]:
    family = view._family or {}
    link = family["links"][0]
    people = {p["id"]: p for p in family["people"]}
    named = {**link, "from_name": labels.person_name(people[link["from"]]),
             "to_name": labels.person_name(people[link["to"]])}
    return named, view._link_sentence(link, people)


def take_all(tmp: Path, prefix: str) -> None:
    """Every screen, in the language switched on, named with ``prefix``."""
    fresh = FirstRunDialog(tmp / "fresh")
    fresh.show()
    fresh.station_name.setText("Lukeville Station")
    fresh.admin_name.setText("chief")
    shoot(fresh, f"{prefix}first-run.png")
    fresh.close()

    data_dir = tmp / "station"
    make_station(data_dir)
    login = LoginDialog(data_dir, "ana")
    login.show()
    shoot(login, f"{prefix}sign-in.png")
    login.passphrase.setText(PASSPHRASE)
    login.sign_in()
    settle(until=lambda: login.session is not None)
    assert login.session is not None
    window = MainWindow(login.session, data_dir)
    window.resize(1366, 768)  # the screen a station's laptop has: the family view and its person pane whole
    window.show()
    window.search_box.setText("garcia")
    window.search()
    settle(until=lambda: window.results.topLevelItemCount() > 0)
    window.results.setCurrentItem(window.results.topLevelItem(0))
    settle(until=lambda: window.family_view.people.topLevelItemCount() == 4)
    view = window.family_view
    view.people.setCurrentItem(view.people.topLevelItem(baby(view.family() or {})))
    settle(until=lambda: photo_shown(view.person_pane))
    shoot(window, f"{prefix}main-window-family.png")
    about = window.show_about()
    settle()
    shoot(about, f"{prefix}about.png")
    about.close()
    shoot_printing_and_putting_on(window, data_dir, login.session, tmp, prefix)
    shoot_bands_and_custody(window, data_dir, login.session, prefix)
    window.lock()
    shoot(window, f"{prefix}locked.png")
    window.close()
    worker.wait_for_idle()
    login.session.close()


def in_each_language(take: Callable[[Path, str], None]) -> int:
    """Run ``take(work_dir, prefix)`` in English ("") and in Spanish ("es-"), each in a fresh
    temporary directory, in one application."""
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "kinlink.svg")))  # as run_app does
    OUT.mkdir(parents=True, exist_ok=True)
    for language, prefix in (("en", ""), ("es", "es-")):
        i18n.switch(language)
        with tempfile.TemporaryDirectory() as tmp:
            take(Path(tmp), prefix)
    i18n.switch("en")
    app.quit()
    return 0


def main() -> int:
    return in_each_language(take_all)


if __name__ == "__main__":
    raise SystemExit(main())
