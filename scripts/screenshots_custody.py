"""Screenshots of a custody transfer from the border station to a shelter and the shelter's arrival
scan, in docs/screenshots/{,es-}custody-transfer.png, its transfer-sheet step ({,es-}custody-transfer-sheet.png,
{,es-}custody-transfer-sheet-saved.png), {,es-}in-transit.png, the FHIR export dialog ({,es-}export-fhir.png),
{,es-}arrival.png and {,es-}arrived.png.

Run under Xvfb (like scripts/screenshots.py)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_custody.py

It starts a registry (SQLite, a throw-away folder) and two stations enrolled as a CBP border
station and an HHS/ORR shelter, registers the invented family of ``scripts/screenshots.make_station``
at the border, transfers its baby to the shelter, and shows the shelter's arrival scan with a fresh
photo (a made-up picture of colours). Nothing here is real.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.ui import worker  # noqa: E402
from app.ui.arrival_dialog import ArrivalDialog  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from scripts.screenshots import PASSPHRASE, in_each_language, make_station, settle, shoot  # noqa: E402
from tests.syncing import RunningRegistry  # noqa: E402


def _enrolled(data_dir: Path, registry: RunningRegistry, **place: str) -> services.Session:
    make_station(data_dir)
    chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    services.enroll_station(session=chief, url=registry.url, code=registry.enrollment_code(**place))
    chief.close()
    return services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)


def _window(session: services.Session, data_dir: Path, family: str) -> MainWindow:
    window = MainWindow(session, data_dir)
    window.resize(1366, 768)
    window.show()
    window.open_family(family)
    settle(until=lambda: window.family_view.people.topLevelItemCount() == 4)
    return window


def take(work: Path, prefix: str) -> None:
    (work / "registry").mkdir()
    registry = RunningRegistry(f"sqlite:///{work / 'registry' / 'registry.db'}", work / "registry")
    registry.start()
    try:
        border = _enrolled(work / "border", registry, agency="cbp", facility="Lukeville port (invented)")
        shelter = _enrolled(work / "shelter", registry, agency="hhs_orr",
                            facility="ORR shelter, Brownsville (invented)")
        for session in (shelter, border):
            services.sync_now(session=session)
        family = services.todays_families(session=border)["families"][0]["id"]
        baby = next(p for p in services.show_family(session=border, ident=family)["people"] if p["preverbal"])
        window = _window(border, work / "border", family)
        view = window.family_view
        row = next(i for i in range(4) if view.family()["people"][i]["id"] == baby["id"])  # type: ignore[index]
        view.people.setCurrentItem(view.people.topLevelItem(row))
        dialog = window.record_custody(view.family()["people"][row])  # type: ignore[index]
        dialog.location.setCurrentIndex(dialog.location.findData("station"))
        dialog.station.setText(shelter.identity.code)
        dialog.reference.setText("UAC-2026-0042")
        dialog.reason.setText("placement order 77 (invented)")
        shoot(dialog, f"{prefix}custody-transfer.png")
        dialog.save()
        settle(until=lambda: dialog.cancel_button.isEnabled() and dialog.sheet_to.isVisible())
        shoot(dialog, f"{prefix}custody-transfer-sheet.png")  # the second step (no printer under Xvfb: a file)
        dialog.ask_sheet_file = lambda: work / "sheet.pdf"  # type: ignore[method-assign]  # (no file dialog)
        dialog.print_sheet()
        settle()
        shoot(dialog, f"{prefix}custody-transfer-sheet-saved.png")
        dialog.reject()
        settle(until=lambda: view.people.topLevelItem(row).text(4).startswith(("in transit", "en tránsito")))
        shoot(window, f"{prefix}in-transit.png")
        export = window.export_family(view.family())  # type: ignore[arg-type]
        export.path.setText(str(work / "family.json"))
        export.recipient.setText("ORR shelter, Brownsville (invented)")
        settle()
        shoot(export, f"{prefix}export-fhir.png")
        export.reject()
        window.close()
        services.sync_now(session=border)
        services.sync_now(session=shelter)
        photo = work / "arrival.png"
        Image.new("RGB", (160, 120), (40, 120, 200)).save(photo)
        window = _window(shelter, work / "shelter", family)
        view = window.family_view
        view.people.setCurrentItem(view.people.topLevelItem(row))
        view.arrival_button.click()
        settle(until=lambda: any(d.isVisible() for d in window.findChildren(ArrivalDialog)))
        [arrival] = [d for d in window.findChildren(ArrivalDialog) if d.isVisible()]
        arrival.scan.setText(services.band_payload(session=border, band=baby["band"]))
        arrival.photo_path.setText(str(photo))
        shoot(arrival, f"{prefix}arrival.png")
        arrival.save()
        settle(until=lambda: not view.people.topLevelItem(row).text(4).startswith(("in transit", "en tránsito")))
        shoot(window, f"{prefix}arrived.png")
        window.close()
        worker.wait_for_idle()
        border.close()
        shelter.close()
    finally:
        registry.stop()


if __name__ == "__main__":
    sys.exit(in_each_language(take))
