"""The passphrase rules (issue 15, finding 6): blank, one or two characters, a few repeated, and the
user's or the station's name dressed up are refused; sentences and long random strings are not."""

from __future__ import annotations

import pytest

from app.security.passphrase import WeakPassphrase, check

CONTEXT = ("ana", "Test Station")  # the user's name, the station's name


@pytest.mark.parametrize("candidate", [" " * 8, "\t" * 8, " \t \n \u00a0 \u3000 ", "\u200b" * 8, " " * 40])
def test_blank_passphrases_are_refused(candidate: str) -> None:
    with pytest.raises(WeakPassphrase, match="^the passphrase is blank: spaces, tabs"):
        check(candidate, context=CONTEXT)


@pytest.mark.parametrize("candidate", ["aaaaaaaa", "AAAAaaaa", "a a a a a a", "abababab", "1212 1212",
                                       "abcabcab", "xyz!xyz!xyz!", "........", "ééééééée"])
def test_one_two_or_a_few_repeated_characters_are_refused(candidate: str) -> None:
    with pytest.raises(WeakPassphrase, match="repeats the same few characters: use at least 3 different ones"):
        check(candidate, context=CONTEXT)


@pytest.mark.parametrize("candidate", ["anaanaana", "Ana Ana Ana", "ANA-ana-Ana", "ana2026!!", "2026 ana",
                                       "Test Station", "teststation99", "station station", "Test Test Test",
                                       "Kinlink kinlink", "Kïnlïnk 2026"])
def test_the_users_or_stations_name_dressed_up_is_refused(candidate: str) -> None:
    with pytest.raises(WeakPassphrase, match="must not be made of the user's or the station's name"):
        check(candidate, context=CONTEXT)


def test_names_are_compared_without_case_or_accents() -> None:
    with pytest.raises(WeakPassphrase, match="station's name"):
        check("MARIA maria 1", context=("maría.pérez", "Nogales Norte"))
    with pytest.raises(WeakPassphrase, match="station's name"):
        check("perez perez perez", context=("maría.pérez", "Nogales Norte"))
    with pytest.raises(WeakPassphrase, match="station's name"):
        check("007 007 007", context=("007", "Nogales Norte"))


@pytest.mark.parametrize("candidate", [
    "ana loves the river road", "la niña de María cruzó el río a las tres", "correct horse battery staple",
    "q8#Lz!0p", "12345678!", "abc abc d", "Ana y su hermana cruzaron juntas", "x" * 3 + "yz" * 2 + "w" * 3,
    "Nogales at dawn, 2026", "una frase muy larga " * 12])
def test_sentences_and_random_strings_pass_without_composition_rules(candidate: str) -> None:
    check(candidate, context=CONTEXT)


def test_the_older_rules_still_hold() -> None:
    with pytest.raises(WeakPassphrase, match="too short"):
        check("abc def", context=CONTEXT)
    with pytest.raises(WeakPassphrase, match="longer than 256"):
        check("una frase " * 30, context=CONTEXT)
    with pytest.raises(WeakPassphrase, match="most commonly used"):
        check("Password123", context=CONTEXT)
