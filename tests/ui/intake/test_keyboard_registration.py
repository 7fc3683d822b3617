"""An agent registers a family of five with the keyboard alone; the store then holds exactly that
family with every link. (Invented people.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app import services
from app.ui.intake.wizard import IntakeWizard

from .conftest import CTRL, SHIFT, Keyboard

SPACE = Qt.Key.Key_Space


def _person(keyboard: Keyboard, wizard: IntakeWizard, role: str, *, given: str = "", family: str = "",
            birth: str = "", age: str = "", sex: str, country: str = "", languages: str = "") -> None:
    """Ctrl+Shift+A or C, then the fields in tab order. ``sex``/``country`` are first letters typed
    into the combo; ``languages`` letters typed into the list, each followed by Space."""
    keyboard.key(Qt.Key.Key_A if role == "adult" else Qt.Key.Key_C, CTRL | SHIFT)
    form = wizard.people_page.forms.currentWidget()
    assert keyboard.focus() is form.given_names
    keyboard.type(given)
    keyboard.tab()
    keyboard.type(family)
    keyboard.tab(2)  # past "Name unknown"
    assert keyboard.focus() is form.birth_date
    keyboard.type(birth)
    keyboard.tab()
    keyboard.type(age)
    keyboard.tab()
    assert keyboard.focus() is form.sex
    keyboard.type(sex)
    keyboard.tab()
    keyboard.type(country)
    keyboard.tab()
    assert keyboard.focus() is form.languages
    for letter in languages:
        keyboard.type(letter)
        keyboard.key(SPACE)


def _grid(keyboard: Keyboard, wizard: IntakeWizard, rows: list[list[tuple[str, str]]]) -> None:
    """Each cell: the first letter(s) of the relationship, then of the provenance ("" keeps claimed)."""
    cells = wizard.relationships_page.cells
    assert keyboard.focus() is cells[("a1", "c1")][0]
    for row in rows:
        for relationship, provenance in row:
            assert isinstance(keyboard.focus(), QComboBox)
            keyboard.type(relationship)
            keyboard.tab()
            keyboard.type(provenance)
            keyboard.tab()


def test_two_adults_and_three_children_by_keyboard_alone(qtbot, wizard: IntakeWizard, keyboard: Keyboard,
                                                         agent: services.Session) -> None:
    assert keyboard.focus() is wizard.encounter_page.place
    keyboard.type("Sasabe port, sector Tucson")
    keyboard.tab()
    keyboard.type("31.48")
    keyboard.tab()
    keyboard.type("-111.54")
    keyboard.next(wizard)
    assert wizard.step() == "people"

    _person(keyboard, wizard, "adult", given="Ixchel", family="Batz'ín Tum", birth="1991-04-12", sex="f",
            country="g", languages="sk")  # Spanish, K'iche'
    _person(keyboard, wizard, "adult", given="Tz'unun", family="Quixabé Sic", age="35", sex="m", country="h",
            languages="m")  # Mam
    _person(keyboard, wizard, "child", given="Saqik", family="Quixabé Batz'ín", birth="2016-08-30", sex="f",
            country="g", languages="k")
    _person(keyboard, wizard, "child", given="B'alam", family="Quixabé Batz'ín", age="7", sex="m")
    # The baby: name unknown, pre-verbal, described.
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    baby = wizard.people_page.forms.currentWidget()
    keyboard.tab(2)
    assert keyboard.focus() is baby.name_unknown
    keyboard.key(SPACE)
    keyboard.tab()
    assert keyboard.focus() is baby.birth_date  # the greyed names are skipped
    keyboard.tab()
    keyboard.type("0.5")
    keyboard.tab()
    keyboard.type("u")
    keyboard.tab(3)
    assert keyboard.focus() is baby.preverbal
    keyboard.key(SPACE)
    for text in ("black, curly", "brown", "mole behind the left ear", "yellow onesie"):
        keyboard.tab()
        keyboard.type(text)
    keyboard.tab()
    assert keyboard.focus() is baby.description
    keyboard.type("carried by Ixchel")
    keyboard.key(Qt.Key.Key_Return, CTRL)  # Ctrl+Return is Next, even from a multi-line field
    assert wizard.step() == "relationships", wizard.people_page.message.text()

    _grid(keyboard, wizard, [[("m", ""), ("f", "d")],   # Saqik: mother (claimed), father (document-verified)
                             [("m", "o"), ("u", "")],   # B'alam: mother (observed), unrelated adult
                             [("m", "o"), ("r", "")]])  # the baby: mother (observed), relationship unknown
    keyboard.next(wizard)
    assert wizard.step() == "review"
    assert keyboard.focus() is wizard.save_button
    assert "How Tz'unun Quixabé Sic is related to Child 3 (name unknown) is not known yet" \
        in wizard.review_page.graph.accessibleDescription()
    with qtbot.waitSignal(wizard.family_saved, timeout=10_000) as saved:
        keyboard.key(Qt.Key.Key_Return, CTRL)
        assert wizard.is_busy and not wizard.pages.isEnabled() and not wizard.save_button.isEnabled()
    _check_store(agent, saved.args[0])
    assert wizard.step() == "saved"
    assert wizard.saved_page.bands.topLevelItemCount() == 5


def _check_store(agent: services.Session, answer: dict) -> None:
    family = services.show_family(session=agent, ident=answer["families"][0]["id"])
    refs = {p["id"]: p["ref"] for p in answer["families"][0]["people"]}
    people = {refs[p["id"]]: p for p in family["people"]}
    assert len(people) == 5 and all(p["band"] for p in people.values())
    assert (people["a1"]["given_names"], people["a1"]["family_names"]) == ("Ixchel", "Batz'ín Tum")
    assert people["a1"]["birth_date"] == "1991-04-12" and people["a1"]["languages"] == ["es", "quc"]
    assert (people["a2"]["sex"], people["a2"]["age_estimate_years"], people["a2"]["nationality"]) == ("male", 35, "HN")
    assert people["c2"]["given_names"] == "B'alam" and people["c1"]["nationality"] == "GT"
    baby = people["c3"]
    assert (baby["given_names"], baby["family_names"], baby["preverbal"], baby["sex"]) == (None, None, True, "unknown")
    assert baby["age_estimate_years"] == 0.5
    assert baby["description"] == ("hair: black, curly; eyes: brown; marks: mole behind the left ear; "
                                   "clothing: yellow onesie; carried by Ixchel")
    links = {(refs[x["from"]], refs[x["to"]]): (x["relationship"], x["provenance"]) for x in family["links"]}
    assert links == {("a1", "c1"): ("mother", "claimed"), ("a2", "c1"): ("father", "document_verified"),
                     ("a1", "c2"): ("mother", "observed"), ("a2", "c2"): ("unrelated_adult", "claimed"),
                     ("a1", "c3"): ("mother", "observed"), ("a2", "c3"): ("unknown", "claimed")}
    assert family["encounter"]["place"] == "Sasabe port, sector Tucson"
    assert (family["encounter"]["latitude"], family["encounter"]["longitude"]) == (31.48, -111.54)
