"""Screenshots of the new encounter wizard, in docs/screenshots/intake-*.png.

Run under Xvfb (like scripts/screenshots.py, which takes the other screens)::

    xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_intake.py
    (add ``--language es`` for the Spanish screens, ``--language pseudo`` to look for clipped texts)

It makes a throw-away station, signs in an agent, and fills the wizard for an invented family:
two adults and three children, the youngest pre-verbal with no known name. Nothing here is real.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.ui import i18n, worker  # noqa: E402
from app.ui.intake.person_form import PersonForm  # noqa: E402
from app.ui.intake.wizard import IntakeWizard  # noqa: E402
from scripts.screenshots import OUT, PASSPHRASE, settle, shoot  # noqa: E402

ADULTS = [dict(given="María José", family="García López", sex="female", birth="1990-03-02", nationality="GT",
               languages=["es", "quc"]),
          dict(given="Tz'unun", family="Batz'ín Quixabé", sex="male", age="36", nationality="GT",
               languages=["quc", "es"])]
CHILDREN = [dict(given="Ixchel", family="Batz'ín García", sex="female", birth="2017-05-14", nationality="GT",
                 languages=["quc", "es"]),
            dict(given="Kawoq", family="Batz'ín García", sex="male", age="6", nationality="GT", languages=["quc"]),
            dict(unknown=True, sex="male", age="1", preverbal=True,
                 features={"hair": "black, short", "eyes": "brown", "marks": "birthmark on the left wrist",
                           "clothing": "red cap, green blanket"})]
# (adult, child) -> relationship, provenance
LINKS = {(0, 0): ("mother", "claimed"), (0, 1): ("mother", "claimed"), (0, 2): ("mother", "observed"),
         (1, 0): ("father", "document_verified"), (1, 1): ("father", "claimed"), (1, 2): ("unknown", "claimed")}


def fill(form: PersonForm, person: dict) -> None:
    if person.get("unknown"):
        form.name_unknown.setChecked(True)
    else:
        form.given_names.setText(person["given"])
        form.family_names.setText(person["family"])
    form.birth_date.setText(person.get("birth", ""))
    form.age.setText(person.get("age", ""))
    form.sex.setCurrentIndex(form.sex.findData(person["sex"]))
    if person.get("nationality"):
        form.nationality.setCurrentIndex(form.nationality.findData(person["nationality"]))
    form.set_languages(person.get("languages", []))
    if person.get("preverbal"):
        form.preverbal.setChecked(True)
        for name, text in person["features"].items():
            form.features[name].setText(text)


def _invented_picture(path: Path) -> None:
    """A drawing standing in for a baby's photo (shapes, not a person)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (222, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((230, 110, 410, 290), fill=(236, 200, 170))
    draw.rectangle((190, 280, 450, 480), fill=(60, 140, 80))  # the green blanket
    draw.pieslice((220, 90, 420, 230), 180, 360, fill=(200, 40, 40))  # the red cap
    image.save(path)


def sign_in(data_dir: Path) -> services.Session:
    services.init_station(data_dir=data_dir, station_name="Lukeville Station", admin="chief", passphrase=PASSPHRASE)
    chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    services.add_user(session=chief, name="ana", role="agent", passphrase=PASSPHRASE)
    chief.close()
    return services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)


def main() -> int:
    """``--language es`` (or ``pseudo``) takes the same screens in that language, as intake-es-*.png."""
    app = QApplication(sys.argv[:1])
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "en"
    if language == "pseudo":
        i18n.install_pseudo()
    else:
        i18n.switch(language)
    prefix = "intake" if language == "en" else f"intake-{language}"
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "station"
        session = sign_in(data_dir)
        wizard = IntakeWizard(session, data_dir)
        wizard.resize(1180, 740)
        wizard.show()
        page = wizard.encounter_page
        page.place.setText("Sasabe port of entry, sector Tucson, 2 km east of the gate")
        page.latitude.setText("31.48")
        page.longitude.setText("-111.54")
        shoot(wizard, f"{prefix}-1-encounter.png")
        wizard.next()
        people = wizard.people_page
        for person in ADULTS:
            fill(people.add_person("adult"), person)
        children = []
        for person in CHILDREN:
            children.append(people.add_person("child"))
            fill(children[-1], person)
        people.show_person("a1")
        shoot(wizard, f"{prefix}-2-people.png")
        people.show_person("c3")
        baby = children[2]
        combo = baby.bundle.carried_by
        combo.setCurrentIndex(max(0, combo.findData(combo.itemData(1))))  # the first adult carried the baby
        picture = Path(tmp) / "drawing.png"
        _invented_picture(picture)
        baby.bundle.photo_path.setText(str(picture))
        baby.bundle.load(str(picture))
        settle(until=lambda: not baby.bundle.loading)
        people.scroll_area.ensureWidgetVisible(baby.bundle.thumbnail)
        shoot(wizard, f"{prefix}-2-people-preverbal.png")
        wizard.next()
        cells = wizard.relationships_page.cells
        for (adult, child), (relationship, provenance) in LINKS.items():
            combos = cells[(f"a{adult + 1}", f"c{child + 1}")]
            combos[0].setCurrentIndex(combos[0].findData(relationship))
            combos[1].setCurrentIndex(combos[1].findData(provenance))
        unchosen = cells[("a2", "c3")][0]
        unchosen.setCurrentIndex(0)
        wizard.next()  # refused: the message names the child
        shoot(wizard, f"{prefix}-3-relationships-refused.png")
        unchosen.setCurrentIndex(unchosen.findData("unknown"))
        shoot(wizard, f"{prefix}-3-relationships.png")
        wizard.next()
        shoot(wizard, f"{prefix}-4-review.png")
        wizard.save()
        settle(until=lambda: wizard.step() == "saved")
        shoot(wizard, f"{prefix}-5-saved.png")
        wizard.close()
        worker.wait_for_idle()
        session.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
