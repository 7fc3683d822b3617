"""The band payload: what it holds, that it fits QR version 5-M, that a changed byte breaks the
signature, and that no input whatever makes parsing raise anything but a PayloadError."""

from __future__ import annotations

import random
from datetime import date

import pytest
import segno
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bands import base45, payload
from app.domain import bandnumber
from app.security.identity import StationIdentity, verify

STATION = StationIdentity.generate("Test station")
STATEMENT = payload.BandPayload(band=bandnumber.make_band_number(STATION.code, 2224), family=f"{STATION.code}-17",
                                role="child", issued=date(2026, 11, 25))


def _signed(statement: payload.BandPayload = STATEMENT) -> str:
    return payload.encode(statement, STATION.sign(statement.message()))


def test_round_trip_and_signature() -> None:
    text = _signed()
    parsed, signature = payload.parse(text)
    assert parsed == STATEMENT and parsed.station == STATION.code
    assert verify(STATION.public_key, signature, parsed.message())


def test_it_fits_qr_version_5_at_error_correction_m_in_alphanumeric_mode() -> None:
    text = _signed()
    assert len(text) == payload.TEXT_LENGTH == 120 and set(text) <= set(base45.ALPHABET)
    code = segno.make(text, error="m", mode="alphanumeric", boost_error=False)
    assert (code.version, code.error, code.mode) == (5, "M", "alphanumeric")


def test_extremes_round_trip() -> None:
    for statement in (
            payload.BandPayload(band=bandnumber.make_band_number("22222", 0), family="22222-1", role="adult",
                                issued=payload.EPOCH),
            payload.BandPayload(band=bandnumber.make_band_number("ZZZZZ", 2**30 - 1), family=f"ZZZZZ-{2**24 - 1}",
                                role="child", issued=date(2109, 9, 1))):
        assert payload.parse(payload.encode(statement, bytes(64)))[0] == statement


def test_a_scanners_enter_is_ignored() -> None:
    assert payload.parse(_signed() + "\r\n")[0] == STATEMENT
    assert payload.parse("\t" + _signed() + "\n")[0] == STATEMENT


def test_caps_lock_on_a_keyboard_wedge_scanner_is_ignored() -> None:
    """Caps Lock turns every letter to lower case; Base45 has none, so nothing is ambiguous."""
    text = _signed()
    assert text.lower() != text
    assert payload.parse(text.lower() + "\n")[0] == STATEMENT
    assert payload.parse(text.swapcase()) == payload.parse(text)


def test_a_changed_signature_byte_no_longer_verifies() -> None:
    raw = bytearray(base45.decode(_signed()))
    raw[-1] ^= 0x80
    parsed, signature = payload.parse(base45.encode(bytes(raw)))
    assert parsed == STATEMENT and not verify(STATION.public_key, signature, parsed.message())


def test_every_changed_data_byte_breaks_the_signature() -> None:
    raw = base45.decode(_signed())
    for i in range(payload.DATA_BYTES):
        changed = bytearray(raw)
        changed[i] ^= 0x01
        try:
            parsed, signature = payload.parse(base45.encode(bytes(changed)))
        except payload.PayloadError:
            continue  # refused as damaged: fine too
        assert not verify(STATION.public_key, signature, parsed.message()), f"byte {i}"


@pytest.mark.parametrize(("text", "reason"), [
    ("", "nothing was scanned"), ("\r\n", "nothing was scanned"),
    ("HT56F-2224-8", "12 characters where a band has 120"),
    ("é" * 120, "contains 'é'"), ("a#" * 60, "contains '#'"),
    ("ZZZ" * 40, "more than two bytes"),
])
def test_malformed_scans_are_named(text: str, reason: str) -> None:
    with pytest.raises(payload.PayloadError, match=reason):
        payload.parse(text)


def _with_fields(**changes: int) -> str:
    values = payload._unpack(STATEMENT.data()) | changes
    return base45.encode(payload._pack(values) + bytes(64))


@pytest.mark.parametrize(("changes", "reason"), [
    ({"version": 7}, "format version 7; this Kinlink reads version 1: update Kinlink"),
    ({"spare": 3}, "damaged"), ({"family_seq": 0}, "damaged"),
])
def test_impossible_contents_are_named(changes: dict[str, int], reason: str) -> None:
    with pytest.raises(payload.PayloadError, match=reason):
        payload.parse(_with_fields(**changes))


def test_a_family_number_that_cannot_be_packed_is_refused() -> None:
    with pytest.raises(ValueError, match="family number"):
        payload.BandPayload(band=STATEMENT.band, family="nonsense", role="adult", issued=date(2026, 1, 1)).data()


# --- fuzz: 100,000 inputs in all; only PayloadError (or a payload) ever comes out -----------------
# Each hypothesis example carries a batch of inputs: 3,400 examples x 10 inputs per strategy, three
# strategies, plus 2,000 random cuts, keeps the whole fuzz near 100k inputs at a few seconds.

BATCH = 10


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


VALID = _signed()


def _parse_only_payload_error(text: str) -> None:
    try:
        parsed, signature = payload.parse(text)
    except payload.PayloadError as error:
        assert str(error)
    else:
        assert len(signature) == 64 and parsed.role in payload.ROLES


@fuzz(3_400)
@given(st.lists(st.text(max_size=300), min_size=BATCH, max_size=BATCH))
def test_fuzz_any_text(texts: list[str]) -> None:
    for text in texts:
        _parse_only_payload_error(text)


def test_fuzz_any_bytes_written_in_base45() -> None:
    """34,000 random byte strings in Base45, half of them a payload's length (a seeded generator, as
    for the mutations: random bytes need no strategy)."""
    rng = random.Random(45)
    for n in range(3_400 * BATCH):
        size = payload.PAYLOAD_BYTES if n % 2 else rng.randint(0, 100)
        _parse_only_payload_error(base45.encode(rng.randbytes(size)))


MUTANTS = base45.ALPHABET + "aé\x00\n-"


def test_fuzz_mutations_of_a_valid_payload() -> None:
    """34,000 valid payloads with 1 to 6 characters changed (a seeded generator: hypothesis added
    nothing here but its own cost, two thirds of the test's time)."""
    rng = random.Random(2026)
    for _ in range(3_400 * BATCH):
        text = list(VALID)
        for _ in range(rng.randint(1, 6)):
            text[rng.randrange(len(text))] = rng.choice(MUTANTS)
        _parse_only_payload_error("".join(text))


def test_random_truncations_and_extensions() -> None:
    rng = random.Random(2026)
    for _ in range(2000):
        cut = rng.randint(0, len(VALID))
        _parse_only_payload_error(VALID[:cut] + "".join(rng.choice(base45.ALPHABET) for _ in range(rng.randint(0, 5))))
