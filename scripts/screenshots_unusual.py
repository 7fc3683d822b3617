"""The screenshot of the intake wizard asking to confirm what is unusual, in
docs/screenshots/intake-unusual-confirm.png (``--language es``: intake-es-unusual-confirm.png).

Run under Xvfb::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_unusual.py

A throw-away station and an invented family: a mother about 15 years old, registered as an adult,
with a daughter of about 3 and a baby. Nothing here is real.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.ui import i18n, worker  # noqa: E402
from app.ui.intake.wizard import IntakeWizard  # noqa: E402
from scripts.screenshots import OUT, settle, shoot  # noqa: E402
from scripts.screenshots_intake import fill, sign_in  # noqa: E402

MOTHER = dict(given="Yesenia", family="Chox Tum", sex="female", age="15", nationality="GT", languages=["quc", "es"])
CHILDREN = [dict(given="Ana Lucía", family="Chox", sex="female", age="3", nationality="GT"),
            dict(unknown=True, sex="male", age="0.5", preverbal=True,
                 features={"hair": "none", "eyes": "brown", "marks": "", "clothing": "yellow blanket"})]


def main() -> int:
    app = QApplication(sys.argv[:1])
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "en"
    i18n.switch(language)
    prefix = "intake" if language == "en" else f"intake-{language}"
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "station"
        session = sign_in(data_dir)
        wizard = IntakeWizard(session, data_dir)
        wizard.resize(1180, 740)
        wizard.show()
        wizard.activateWindow()  # (the focus on "Register anyway" shows)
        wizard.encounter_page.place.setText("Sasabe port of entry, sector Tucson")
        wizard.next()
        fill(wizard.people_page.add_person("adult"), MOTHER)
        for person in CHILDREN:
            fill(wizard.people_page.add_person("child"), person)
        wizard.next()
        for child in ("c1", "c2"):
            combo = wizard.relationships_page.cells[("a1", child)][0]
            combo.setCurrentIndex(combo.findData("mother"))
        wizard.next()
        wizard.save()  # asks: Enter on "Register anyway", or Escape to go back
        settle(until=wizard.review_page.confirming)
        shoot(wizard, f"{prefix}-unusual-confirm.png")
        wizard.close()
        worker.wait_for_idle()
        session.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
