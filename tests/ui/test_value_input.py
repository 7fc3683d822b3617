"""A field's new value, typed or picked (corrections and conflicts), read as the domain says the
field's kind is (``commands.correction_kind``, as the command line reads --value)."""

from __future__ import annotations

import pytest

from app.domain import commands
from app.ui.value_input import ValueInput, ValueProblem, typed_value


@pytest.mark.parametrize(("field", "text", "value"), [
    ("age_estimate_years", "7", 7),
    ("age_estimate_years", " 0,5 ", 0.5),
    ("age_estimate_years", "", None),
    ("latitude", "31.3", 31.3),
    ("longitude", "−110,9", -110.9),
    ("languages", "es, quc;  mam", ["es", "quc", "mam"]),
    ("languages", "", []),
    ("nationality", " GT ", "GT"),
    ("place", "", None),
])
def test_typed_values_are_read_as_their_kind(field: str, text: str, value: object) -> None:
    assert typed_value(field, text) == value


def test_a_number_that_is_not_one_is_said_in_the_fields_words(qapp: object) -> None:
    with pytest.raises(ValueProblem, match="number of years"):
        typed_value("age_estimate_years", "seven")
    with pytest.raises(ValueProblem, match=r"31\.3 or -110\.9"):
        typed_value("latitude", "north")


def test_the_words_of_an_unreadable_number_are_spanish_too(spanish: None) -> None:
    with pytest.raises(ValueProblem, match="número de años"):
        typed_value("age_estimate_years", "siete")
    with pytest.raises(ValueProblem, match="Escriba un número"):
        typed_value("longitude", "oeste")


def test_every_kind_the_domain_names_is_read(qtbot) -> None:
    """Flags are picked (yes or no), languages ticked by name, the other kinds typed; no kind of the
    domain's is left to text."""
    box = ValueInput()
    qtbot.addWidget(box)
    for field, kind in commands.CORRECTION_KINDS.items():
        box.set_field(field, None)
        if kind == "flag":
            assert box.currentWidget() is box.choice
            assert [box.choice.itemData(i) for i in range(box.choice.count())] == [True, False]
        elif field == "languages":
            assert box.currentWidget() is box.languages and box.value() == []
        else:
            assert kind in ("number", "list") and box.currentWidget() is box.text
            assert typed_value(field, "") in (None, [])


def test_fixed_words_are_picked_and_free_text_typed(qtbot) -> None:
    box = ValueInput()
    qtbot.addWidget(box)
    box.set_field("sex", "female")
    assert box.currentWidget() is box.choice and box.value() == "female"
    box.set_field("preverbal", False)
    assert box.currentWidget() is box.choice and box.value() is False
    box.set_field("languages", ["es", "quc", "xx"])  # a code the intake's list lacks is kept
    assert box.currentWidget() is box.languages and box.value() == ["es", "quc", "xx"]
    assert box.languages.chosen.text() == "Chosen: Spanish, K'iche', xx"
    box.set_field("nationality", "GT")
    assert box.currentWidget() is box.country and box.country.currentText() == "Guatemala (GT)"
    assert box.value() == "GT"
    box.set_field("nationality", None)
    assert box.country.currentText() == "— not known —" and box.value() is None
    box.set_field("place", "Sasabe")
    assert box.currentWidget() is box.text and box.value() == "Sasabe"
