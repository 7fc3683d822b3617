"""JSON from people and files, read strictly (issue 15, finding 8): what the standard library takes
silently or crashes on is refused with what is wrong; numbers that are not numbers are named."""

from __future__ import annotations

import pytest

from app.domain import fields, jsontext

REFUSED = [
    ('{"given_names": "Ana", "given_names": "Eve"}', "has the key 'given_names' twice"),
    ('{"a": {"b": 1, "b": 1}}', "has the key 'b' twice"),
    ('{"age_estimate_years": NaN}', "holds NaN, which is not a number JSON has"),
    ("[Infinity]", "holds Infinity"),
    ("[-Infinity]", "holds -Infinity"),
    ("[1e999]", "holds the number 1e999, too large to be read"),
    ("1" * 5001, "a number of 5,001 digits"),
    ("[" * 100_000 + "]" * 100_000, "is nested too deeply"),
    ('"\\ud800"', "half a character"),
    ('{"\\udfff": 1}', "half a character"),
    ('{"a": 1,', "is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 9"),
    ("", "is not valid JSON"),
]


@pytest.mark.parametrize(("text", "said"), REFUSED, ids=[s.split(",")[0][:30] for _, s in REFUSED])
def test_refused_naming_what_is_wrong(text: str, said: str) -> None:
    with pytest.raises(jsontext.JSONRefused) as refused:
        jsontext.loads(text)
    assert said in str(refused.value)


def test_what_json_means_is_read_as_before() -> None:
    text = '{"a": [1, -2.5, "x", null, true], "b": {"c": "\\ud83d\\ude00"}, "d": ' + "9" * 50 + "}"
    assert jsontext.loads(text) == {"a": [1, -2.5, "x", None, True], "b": {"c": "😀"}, "d": int("9" * 50)}
    assert jsontext.loads(b'{"same": 1, "Same": 2}') == {"same": 1, "Same": 2}


@pytest.mark.parametrize(("value", "said"), [
    (float("nan"), "NaN is not a number of years"),
    (float("inf"), "infinity is not a number of years"),
    (-float("inf"), "minus infinity is not a number of years"),
    (10**5000, "a number of about 5,001 digits is out of range"),
    (-1, "-1 is out of range"),
], ids=["nan", "inf", "-inf", "5001-digits", "negative"])
def test_an_age_that_is_no_number_of_years_says_so(value: float, said: str) -> None:
    with pytest.raises(fields.FieldError) as refused:
        fields.age_estimate(value)
    assert said in str(refused.value)


@pytest.mark.parametrize(("value", "said"), [
    (float("nan"), "must be a number, not NaN"),
    (float("inf"), "must be a number, not infinity"),
    (10**5000, "a number of about 5,001 digits is out of range (-90 to 90)"),
], ids=["nan", "inf", "5001-digits"])
def test_a_coordinate_that_is_no_number_says_so(value: float, said: str) -> None:
    with pytest.raises(fields.FieldError) as refused:
        fields.coordinate(value, limit=90)
    assert said in str(refused.value)
