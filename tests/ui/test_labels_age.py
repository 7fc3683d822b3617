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
