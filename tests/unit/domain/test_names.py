"""Names: kept as given, searched without accents, case, apostrophes or word order."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import names


@pytest.mark.parametrize(("given_name", "folded"), [
    ("María José", "maria jose"),
    ("GARCÍA LÓPEZ", "garcia lopez"),
    ("Jose\u0301", "jose"),
    ("K'iche'", "kiche"),
    ("Q\u2019anjob\u2019al", "qanjobal"),
    ("Tz\u02bcul", "tzul"),
    ("Núñez-Çelik", "nunez celik"),
    ("  Ana   Lucía  ", "ana lucia"),
    ("STRASSE Straße", "strasse strasse"),
    ("", ""),
])
def test_fold(given_name: str, folded: str) -> None:
    assert names.fold(given_name) == folded


def test_search_tokens_ignore_accents_case_apostrophes_and_word_order() -> None:
    stored = names.search_tokens("María José", "García López")
    assert stored == ["maria", "jose", "garcia", "lopez"]
    for typed in ("lopez garcia maria", "GARCÍA jose", "José  MARÍA"):
        assert set(names.search_tokens(typed)) <= set(stored), typed
    assert set(names.search_tokens("K\u2019iche\u2019 Tz'ul")) == set(names.search_tokens("tzul kiche"))


def test_search_tokens_are_distinct_and_skip_unknown_names() -> None:
    assert names.search_tokens("Ana Ana", None, "ANA Pérez") == ["ana", "perez"]
    assert names.search_tokens(None, None) == []


def test_clean_keeps_the_name_as_given_in_nfc() -> None:
    assert names.clean("  Jose\u0301   K'iche'  ") == "José K'iche'"
    assert unicodedata.is_normalized("NFC", names.clean("Mari\u0301a"))
    assert names.clean("O'Brien") == "O'Brien"


@pytest.mark.parametrize("value", ["Baby Boy", "baby girl", "BEBÉ", "Bebé niña", "N/N", "N.N.", "UNKNOWN",
                                   "Desconocido", "Sin nombre", "S/N", "John Doe", "niño", "x"])
def test_placeholders(value: str) -> None:
    assert names.is_placeholder(value)


@pytest.mark.parametrize("value", ["Ana", "Baby Ana", "Nina Simone", "Xochitl", "Doel", "Rosa Elvira"])
def test_real_names_are_not_placeholders(value: str) -> None:
    assert not names.is_placeholder(value)


@pytest.mark.parametrize("value", ["a\u0000b", "a\u0007", "a\u200bb", "a\u202eb", "a\ud800"])
def test_control_and_invisible_characters_are_detected(value: str) -> None:
    assert names.has_control_characters(value)


def test_zero_width_joiner_is_allowed_for_scripts_that_need_it() -> None:
    assert not names.has_control_characters("\u0915\u094d\u200d\u0937")
    assert not names.has_control_characters("María José K'iche'")


LATIN = "abcdefghijklmnopqrstuvwxyzáéíóúñüçàèâêôäöABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÍÓÚÑÜ '\u2019-"


@given(st.text(st.characters(categories=["L", "M", "Zs"]), max_size=30))
def test_folding_is_idempotent_and_ignores_normalization(value: str) -> None:
    folded = names.fold(value)
    assert names.fold(folded) == folded
    assert names.fold(unicodedata.normalize("NFD", value)) == folded
    assert names.fold(unicodedata.normalize("NFC", value)) == folded


@given(st.lists(st.text(LATIN, min_size=1, max_size=12), min_size=1, max_size=4), st.randoms())
def test_search_tokens_match_in_any_order_and_case(words: list[str], rnd: object) -> None:
    shuffled = list(words)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    typed = " ".join(w.upper() for w in shuffled)
    assert set(names.search_tokens(typed)) == set(names.search_tokens(" ".join(words)))
    for token in names.search_tokens(typed):
        assert token == token.lower() and " " not in token and "'" not in token and "\u2019" not in token
        assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", token))


def test_name_likeness_for_duplicates() -> None:
    from app.services.likeness import NAME_FLOOR, name_likeness

    def person(given: str | None, family: str | None) -> dict[str, str | None]:
        return {"given_names": given, "family_names": family}

    rosa = person("María José", "García López")
    assert name_likeness(rosa, person("maria jose", "lopez garcia")) == 100, "accents, case, order"
    assert name_likeness(rosa, person("García López", "María José")) == 100, "given and family swapped"
    assert name_likeness(rosa, person("María José", "García")) >= 90, "one family name left out"
    assert name_likeness(rosa, person("Maria Jose", "Garcia Lopes")) >= 90, "a typo"
    assert name_likeness(rosa, person("José", "García López")) < NAME_FLOOR, "another given name"
    assert name_likeness(rosa, person(None, None)) == 0 and name_likeness(person(None, None), rosa) == 0
    assert name_likeness(rosa, person("María José", None)) < NAME_FLOOR, "a given name alone says little"
    assert NAME_FLOOR <= name_likeness(person("María José", None), person("maria jose", None)) < 100, \
        "the same given name, no family names: less sure"
