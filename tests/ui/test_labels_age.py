"""A person's age in words (issue 16, item 12): a baby's estimated age in months, "age about 6 months"
(it read "age about 0.5", "edad aprox. 0.5"), whole years without a decimal point, in both languages."""

from __future__ import annotations

import pytest

from app.ui import labels


@pytest.mark.parametrize(("years", "english"), [(0.5, "age about 6 months"), (0.04, "age about 1 month"),
                                                 (0.95, "age about 11 months"), (1, "age about 1"),
                                                 (6.0, "age about 6"), (1.5, "age about 1.5")])
def test_an_estimated_age_in_words(qapp: object, years: float, english: str) -> None:
    assert labels.age({"age_estimate_years": years}) == english


def test_in_spanish(spanish: None) -> None:
    assert labels.age({"age_estimate_years": 0.5}) == "edad aprox. 6 meses"
    assert labels.age({"age_estimate_years": 0.04}) == "edad aprox. 1 mes"
    assert labels.age({"birth_date": "2025-06-01", "age_estimate_years": 0.5}) == "nació el 2025-06-01"


def test_an_unnamed_person_is_told_apart_by_what_is_known(qapp: object) -> None:
    """(item 4) two unnamed children never read alike: kind, age and band beside "Name unknown"."""
    baby = {"role": "child", "sex": "male", "age_estimate_years": 0.5, "band": "GNDM2-2226-A"}
    assert labels.person_label(baby) == "Name unknown (boy, age about 6 months, band GNDM2-2226-A)"
    sister = {"role": "child", "sex": "unknown", "birth_date": "2025-01-02", "band": "GNDM2-2227-C"}
    assert labels.person_label(sister) == "Name unknown (child, born 2025-01-02, band GNDM2-2227-C)"
    named = {"role": "child", "sex": "female", "given_names": "Ixchel", "band": "GNDM2-2225-8"}
    assert labels.person_label(named) == "Ixchel"
