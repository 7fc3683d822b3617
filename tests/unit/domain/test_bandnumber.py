"""Band numbers: alphabet, Damm check character, parsing, messages for intake agents."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.bandnumber import (
    ALPHABET,
    DAMM_TABLE,
    MAX_LENGTH,
    MAX_SEQUENCE,
    MIN_SEQUENCE_LENGTH,
    STATION_CODE_LENGTH,
    BandNumber,
    InvalidBandNumber,
    check_symbol,
    decode_symbols,
    encode_symbols,
    format_band_number,
    is_valid_checksum,
    looks_like_band_number,
    make_band_number,
    normalize,
    parse_band_number,
    station_code_from_key,
)

FIXED = [
    make_band_number("K7QXM", 0),
    make_band_number("K7QXM", 3 * 32 + 1),
    make_band_number("22222", 0),
    make_band_number("ZZZZZ", 32**4 - 1),
    make_band_number("AB3CD", 32**4),
    make_band_number("HJKLM", MAX_SEQUENCE),
]

station_codes = st.text(alphabet=ALPHABET, min_size=STATION_CODE_LENGTH, max_size=STATION_CODE_LENGTH)
sequences = st.one_of(st.integers(0, 32**4 - 1), st.integers(0, MAX_SEQUENCE))
band_numbers = st.builds(make_band_number, station_codes, sequences)


def times_two(x: int) -> int:
    """Independent multiplication by 2 (the polynomial x) modulo x^5 + x^2 + 1."""
    x <<= 1
    return x ^ 0b100101 if x >= 32 else x


def reference_check(body: str) -> str:
    """Independent Damm check built on times_two."""
    interim = 0
    for ch in body:
        interim = times_two(interim) ^ ALPHABET.index(ch)
    return ALPHABET[times_two(interim)]


def substitutions(number: str) -> list[str]:
    return [number[:i] + s + number[i + 1 :] for i in range(len(number)) for s in ALPHABET if s != number[i]]


def transpositions(number: str) -> list[str]:
    return [
        number[:i] + number[i + 1] + number[i] + number[i + 2 :]
        for i in range(len(number) - 1)
        if number[i] != number[i + 1]
    ]


def assert_rejected(variant: str) -> None:
    assert not is_valid_checksum(variant), variant
    with pytest.raises(InvalidBandNumber):
        parse_band_number(variant)


def message_for(text: str) -> str:
    with pytest.raises(InvalidBandNumber) as caught:
        parse_band_number(text)
    return str(caught.value)


# --- alphabet and quasigroup -------------------------------------------------------------


def test_alphabet_has_32_distinct_unambiguous_symbols() -> None:
    assert len(ALPHABET) == 32
    assert len(set(ALPHABET)) == 32
    assert not set("O0I1") & set(ALPHABET)
    assert ALPHABET == ALPHABET.upper()


def test_table_is_a_times_x_xor_y_in_gf32() -> None:
    for x in range(32):
        for y in range(32):
            assert DAMM_TABLE[x][y] == times_two(x) ^ y


def test_every_row_and_column_is_a_permutation() -> None:
    for i in range(32):
        assert sorted(DAMM_TABLE[i]) == list(range(32))
        assert sorted(DAMM_TABLE[x][i] for x in range(32)) == list(range(32))


def test_quasigroup_is_totally_anti_symmetric() -> None:
    for c in range(32):
        for x in range(32):
            for y in range(32):
                if DAMM_TABLE[DAMM_TABLE[c][x]][y] == DAMM_TABLE[DAMM_TABLE[c][y]][x]:
                    assert x == y, (c, x, y)


# --- check character -----------------------------------------------------------------------


def test_check_symbol_matches_pinned_values_and_reference() -> None:
    assert check_symbol("K7QXM2235") == "K"
    assert check_symbol("") == "2"
    for body in ["K7QXM2235", "22222222", "ZZZZZZZZZ", "AB3CD32222"]:
        assert check_symbol(body) == reference_check(body)
        assert is_valid_checksum(body + check_symbol(body))


def test_check_symbol_rejects_non_alphabet_characters() -> None:
    with pytest.raises(ValueError):
        check_symbol("K7QXM2O35")


@pytest.mark.parametrize("number", FIXED)
def test_every_substitution_of_a_fixed_number_is_rejected(number: str) -> None:
    assert parse_band_number(number).canonical == number
    variants = substitutions(number)
    assert len(variants) == 31 * len(number)
    for variant in variants:
        assert_rejected(variant)


@pytest.mark.parametrize("number", FIXED)
def test_every_adjacent_transposition_of_a_fixed_number_is_rejected(number: str) -> None:
    for variant in transpositions(number):
        assert_rejected(variant)


def test_transposition_with_the_check_character_is_rejected() -> None:
    number = make_band_number("K7QXM", 5)
    assert number[-2] != number[-1]
    assert_rejected(number[:-2] + number[-1] + number[-2])


@given(band_numbers)
def test_every_substitution_is_rejected(number: str) -> None:
    assert is_valid_checksum(number)
    for variant in substitutions(number):
        assert not is_valid_checksum(variant), variant


@given(band_numbers)
def test_every_adjacent_transposition_is_rejected(number: str) -> None:
    for variant in transpositions(number):
        assert not is_valid_checksum(variant), variant


def test_is_valid_checksum_is_false_for_junk() -> None:
    assert not is_valid_checksum("")
    assert not is_valid_checksum("2")
    assert not is_valid_checksum("k7qxm2235k")
    assert not is_valid_checksum("K7QXM-2235-K")
    assert is_valid_checksum("K7QXM2235K")


# --- make, parse, format -------------------------------------------------------------------


@given(station_codes, sequences)
def test_make_then_parse_round_trips(code: str, sequence: int) -> None:
    number = make_band_number(code, sequence)
    parsed = parse_band_number(number)
    assert parsed == BandNumber(station_code=code, sequence=sequence, canonical=number)
    assert number.startswith(code)
    assert len(number) >= STATION_CODE_LENGTH + MIN_SEQUENCE_LENGTH + 1


@given(station_codes, sequences)
def test_lower_case_and_separators_are_accepted(code: str, sequence: int) -> None:
    number = make_band_number(code, sequence)
    display = format_band_number(number)
    variants = [display, display.lower(), f"  {display.lower()}\n", display.replace("-", " "), number.lower()]
    for typed in variants:
        assert parse_band_number(typed).canonical == number


def test_display_form_groups() -> None:
    assert format_band_number("K7QXM2235K") == "K7QXM-2235-K"
    assert parse_band_number("k7qxm 2235 k").display == "K7QXM-2235-K"
    big = make_band_number("AB3CD", 32**4)
    assert big == "AB3CD32222" + big[-1]
    assert format_band_number(big) == f"AB3CD-32222-{big[-1]}"


def test_sequences_beyond_four_symbols() -> None:
    for sequence in [32**4 - 1, 32**4, 32**5 + 7, MAX_SEQUENCE]:
        number = make_band_number("K7QXM", sequence)
        sequence_length = max(MIN_SEQUENCE_LENGTH, len(encode_symbols(sequence, 0)))
        assert len(number) == STATION_CODE_LENGTH + sequence_length + 1
        assert parse_band_number(number).sequence == sequence
    assert len(make_band_number("K7QXM", 32**4 - 1)) == 10
    assert len(make_band_number("K7QXM", 32**4)) == 11


def test_small_sequences_are_padded_with_the_zero_symbol() -> None:
    assert make_band_number("K7QXM", 0)[:-1] == "K7QXM2222"
    assert make_band_number("K7QXM", 3 * 32 + 1)[:-1] == "K7QXM2253"


@pytest.mark.parametrize("code", ["K7QX", "K7QXMM", "K7QXO", "k7qxm", "K7-QX", ""])
def test_make_rejects_bad_station_codes(code: str) -> None:
    with pytest.raises(ValueError):
        make_band_number(code, 1)


@pytest.mark.parametrize("sequence", [-1, MAX_SEQUENCE + 1])
def test_make_rejects_out_of_range_sequences(sequence: int) -> None:
    with pytest.raises(ValueError):
        make_band_number("K7QXM", sequence)


def test_format_rejects_invalid_numbers() -> None:
    with pytest.raises(InvalidBandNumber):
        format_band_number("K7QXM2235Q")


def test_invalid_band_number_is_a_value_error() -> None:
    assert issubclass(InvalidBandNumber, ValueError)


# --- messages ------------------------------------------------------------------------------


def test_message_for_bad_check_character() -> None:
    message = message_for("K7QXM-2235-Q")
    assert "'K7QXM-2235-Q'" in message
    assert "check character" in message
    assert "mistyped" in message and "swapped" in message


@pytest.mark.parametrize(
    "typed, shown", [("K7QXM-2O35-K", "'O'"), ("k7qxm-2o35-k", "'O'"), ("K7QXM-2035-K", "'0'")]
)
def test_message_for_o_and_zero(typed: str, shown: str) -> None:
    message = message_for(typed)
    assert shown in message
    assert "never use the letter O or the digit 0" in message


@pytest.mark.parametrize(
    "typed, shown", [("K7QXM-2I35-K", "'I'"), ("k7qxm-2i35-k", "'I'"), ("K7QXM-2135-K", "'1'")]
)
def test_message_for_i_and_one(typed: str, shown: str) -> None:
    message = message_for(typed)
    assert shown in message
    assert "never use the letter I or the digit 1" in message


def test_message_for_other_characters() -> None:
    message = message_for("K7QXM/2235/K")
    assert "'/'" in message
    assert "only the digits 2-9 and the letters A-Z except I and O" in message


@pytest.mark.parametrize("typed", ["", "   ", " - - "])
def test_message_for_empty(typed: str) -> None:
    assert message_for(typed).startswith("band number is empty")


def test_message_for_too_short() -> None:
    message = message_for("K7QXM-235")
    assert "too short" in message
    assert "8 characters" in message and "at least 10" in message


def test_message_for_too_long() -> None:
    typed = make_band_number("K7QXM", MAX_SEQUENCE) + "2"
    message = message_for(typed)
    assert "too long" in message
    assert f"at most {MAX_LENGTH}" in message


def test_message_for_extra_leading_padding() -> None:
    body = "K7QXM22235"
    message = message_for(body + check_symbol(body))
    assert "extra '2'" in message


# --- helpers -------------------------------------------------------------------------------


def test_normalize() -> None:
    assert normalize("  k7qxm-2235-k \n") == "K7QXM2235K"
    assert normalize("K7QXM 2235 K") == "K7QXM2235K"
    assert normalize("\tk7qxm\t2235k\r\n") == "K7QXM2235K"
    assert normalize("") == ""


def test_looks_like_band_number() -> None:
    assert looks_like_band_number("k7qxm-2235-k")
    assert looks_like_band_number("K7QXM2235Q")  # plausible even with a wrong check character
    assert not looks_like_band_number("K7QXM-235")
    assert not looks_like_band_number("Maria Lopez")
    assert not looks_like_band_number("ROSALINDA GARCIA")
    assert not looks_like_band_number("2024-01-15")
    assert not looks_like_band_number("K7QXM22222222222")


@given(st.integers(0, 2**80), st.integers(0, 12))
def test_encode_decode_round_trip(value: int, min_length: int) -> None:
    text = encode_symbols(value, min_length)
    assert len(text) >= min_length
    assert set(text) <= set(ALPHABET)
    assert decode_symbols(text) == value


def test_encode_values() -> None:
    assert encode_symbols(0, 4) == "2222"
    assert encode_symbols(31, 1) == "Z"
    assert encode_symbols(32, 1) == "32"
    assert decode_symbols("Z2") == 31 * 32
    with pytest.raises(ValueError):
        encode_symbols(-1, 4)
    with pytest.raises(ValueError):
        decode_symbols("2O")


def test_station_code_from_key() -> None:
    key = b"\x01" * 32
    code = station_code_from_key(key)
    assert code == station_code_from_key(key)
    assert len(code) == STATION_CODE_LENGTH
    assert set(code) <= set(ALPHABET)
    expected = int.from_bytes(hashlib.sha256(key).digest()[:4], "big") >> 7
    assert decode_symbols(code) == expected
    assert station_code_from_key(b"\x02" * 32) != code


@given(st.binary())
def test_station_code_from_any_key_is_in_the_alphabet(key: bytes) -> None:
    code = station_code_from_key(key)
    assert code == station_code_from_key(key)
    assert len(code) == STATION_CODE_LENGTH and set(code) <= set(ALPHABET)
    assert parse_band_number(make_band_number(code, 1)).station_code == code


def test_a_view_shows_an_odd_band_value_as_it_is() -> None:
    """A record from another replica may carry anything; the family view shows it rather than fail."""
    from app.domain.bandnumber import make_band_number
    from app.domain.views import display_band

    good = make_band_number("UC5R8", 7)
    assert display_band(good) == format_band_number(good) != good
    assert display_band("") == "" and display_band("not a band") == "not a band" and display_band(None) is None
