"""Screenshots of the duplicate check on the intake's review step (issue 16, item 6), in
docs/screenshots/{,es-}intake-possible-duplicate.png (someone who may be registered already, the
choice asked for after a save) and {,es-}intake-duplicate-record.png (the record opened beside the
wizard, "Same person" chosen).

Run under Xvfb (``scripts/screenshots_supervisor.py`` takes them too, with the supervisor's screens)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_duplicates.py

An agent registers Rosa Elvira Tzoc Ajú again as "Rosa Tzoc Aju" (a second given name dropped, no
accent), with the same birth date. Nothing here is real.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.ui import worker  # noqa: E402
from app.ui.intake.wizard import IntakeWizard  # noqa: E402
from scripts.screenshots import PASSPHRASE, in_each_language, make_station, settle, shoot  # noqa: E402
from tests.conftest import adult, child, document, link  # noqa: E402

ROSA = document({"people": [adult("r", "Rosa Elvira", "Tzoc Ajú", nationality="GT", birth_date="1991-04-17"),
                            child("c", "Mateo", "Tzoc Ajú", age_estimate_years=4)],
                 "links": [link("r", "c")]})


def shoot_possible_duplicate(data_dir: Path, prefix: str) -> None:
    """Rosa registered again, written another way, with her son: the review step says who she may be."""
    ana = services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)
    try:
        services.register_family(session=ana, document=ROSA)
        wizard = IntakeWizard(ana, data_dir)
        wizard.resize(1366, 740)
        wizard.show()
        wizard.encounter_page.place.setText("Lukeville, gate 2")
        wizard.next()
        form = wizard.people_page.add_person("adult")
        form.given_names.setText("Rosa")
        form.family_names.setText("Tzoc Aju")
        form.sex.setCurrentIndex(form.sex.findData("female"))
        form.birth_date.setText("1991-04-17")
        son = wizard.people_page.add_person("child")
        son.given_names.setText("Mateo")
        son.family_names.setText("Tzoc Aju")
        son.sex.setCurrentIndex(son.sex.findData("male"))
        son.age.setText("4")
        wizard.next()
        cells = wizard.relationships_page.cells[("a1", "c1")][0]
        cells.setCurrentIndex(cells.findData("mother"))
        wizard.next()
        box = wizard.review_page.matches
        settle(until=lambda: len(box.rows) == 2)
        wizard.save()  # refused: a choice to make for each
        settle(until=box.message.isVisible)
        shoot(wizard, f"{prefix}intake-possible-duplicate.png")
        box.rows[0].same.setChecked(True)
        dialog = wizard.duplicates.open_record(box.rows[0].match)
        settle(until=lambda: dialog.view.people.topLevelItemCount() == 2)
        shoot(dialog, f"{prefix}intake-duplicate-record.png")
        dialog.close()
        wizard.close()
        worker.wait_for_idle()
    finally:
        ana.close()


def take_all(tmp: Path, prefix: str) -> None:
    data_dir = tmp / "station"
    make_station(data_dir)
    shoot_possible_duplicate(data_dir, prefix)


def main() -> int:
    return in_each_language(take_all)


if __name__ == "__main__":
    raise SystemExit(main())
