"""Base45 as RFC 9285 defines it: its examples, round trips, and what bad text is told."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.bands import base45


@pytest.mark.parametrize(("data", "text"), [
    (b"AB", "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581"), (b"ietf!", "QED8WEX0"),
    (b"", ""),
])
def test_the_rfc_examples(data: bytes, text: str) -> None:
    assert base45.encode(data) == text
    assert base45.decode(text) == data


@given(st.binary(max_size=200))
def test_round_trip(data: bytes) -> None:
    text = base45.encode(data)
    assert set(text) <= set(base45.ALPHABET)
    assert base45.decode(text) == data


@pytest.mark.parametrize(("text", "reason"), [
    ("BB8a", "contains 'a'"), ("BB", "encode"), ("GGW", "more than two bytes"), ("ZZ", "more than a byte"),
    ("BB8B", r"3n\+1"),
])
def test_bad_text_is_named(text: str, reason: str) -> None:
    with pytest.raises(base45.Base45Error, match=reason):
        base45.decode(text)
