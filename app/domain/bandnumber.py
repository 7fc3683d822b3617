"""Band numbers: the short, checkable identifier printed on each person's QR wristband.

A band number is a station code (5 symbols, derived from the station's public key, so
offline stations never need to coordinate), a per-station sequence (at least 4 symbols)
and one check symbol. Canonical form ``K7QXM2235P``; display form ``K7QXM-2235-P``.

The alphabet leaves out O, 0, I and 1, which are confused when read aloud or typed.
The check symbol is a Damm check over the quasigroup ``x * y = (2 * x) XOR y`` in
GF(2^5) (reduction polynomial x^5 + x^2 + 1). That quasigroup is totally anti-symmetric,
so the check catches every single-symbol substitution and every adjacent transposition,
including those that involve the check symbol itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
STATION_CODE_LENGTH = 5
MIN_SEQUENCE_LENGTH = 4
# A limit so that "too long" means something: 32**8 (about 10**12) numbers per station.
MAX_SEQUENCE_LENGTH = 8
MIN_LENGTH = STATION_CODE_LENGTH + MIN_SEQUENCE_LENGTH + 1
MAX_LENGTH = STATION_CODE_LENGTH + MAX_SEQUENCE_LENGTH + 1
MAX_SEQUENCE = len(ALPHABET) ** MAX_SEQUENCE_LENGTH - 1

_BASE = len(ALPHABET)
_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_ZERO = ALPHABET[0]
_REDUCTION = 0b100101  # x^5 + x^2 + 1
_A = 2  # the multiplier a in x * y = (a . x) XOR y; any a other than 0 and 1 works
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _gf_mul(x: int, y: int) -> int:
    """The product of two elements of GF(2^5)."""
    product = 0
    while y:
        if y & 1:
            product ^= x
        y >>= 1
        x <<= 1
        if x >> 5:  # degree 5: reduce
            x ^= _REDUCTION
    return product


# DAMM_TABLE[x][y] == x * y: the totally anti-symmetric quasigroup, precomputed at import.
DAMM_TABLE: tuple[tuple[int, ...], ...] = tuple(
    tuple(_gf_mul(_A, x) ^ y for y in range(_BASE)) for x in range(_BASE)
)


class InvalidBandNumber(ValueError):
    """A typed or scanned band number that cannot be accepted; ``str()`` tells the agent why."""


@dataclass(frozen=True)
class BandNumber:
    """A parsed, valid band number."""

    station_code: str
    sequence: int
    canonical: str

    @property
    def display(self) -> str:
        """The display form, ``SSSSS-QQQQ-C``."""
        code, rest = self.canonical[:STATION_CODE_LENGTH], self.canonical[STATION_CODE_LENGTH:]
        return f"{code}-{rest[:-1]}-{rest[-1]}"


def _require_symbols(text: str, what: str) -> None:
    for ch in text:
        if ch not in _VALUES:
            raise ValueError(f"{what} {text!r} contains {ch!r}, which is not in the band number alphabet")


def _fold(text: str) -> int:
    interim = 0
    for ch in text:
        interim = DAMM_TABLE[interim][_VALUES[ch]]
    return interim


def encode_symbols(value: int, min_length: int) -> str:
    """``value`` in base 32, big-endian, left-padded with the zero symbol to ``min_length``."""
    if value < 0:
        raise ValueError(f"cannot encode a negative number ({value})")
    symbols = ""
    while value:
        value, digit = divmod(value, _BASE)
        symbols = ALPHABET[digit] + symbols
    return symbols.rjust(min_length, _ZERO)


def decode_symbols(text: str) -> int:
    """The number that ``text`` encodes, big-endian base 32 (the inverse of ``encode_symbols``)."""
    _require_symbols(text, "symbols")
    value = 0
    for ch in text:
        value = value * _BASE + _VALUES[ch]
    return value


def check_symbol(body: str) -> str:
    """The symbol that, appended to ``body``, makes the Damm fold of the whole end at 0."""
    _require_symbols(body, "band number body")
    return ALPHABET[_gf_mul(_A, _fold(body))]


def is_valid_checksum(text: str) -> bool:
    """Whether canonical ``text`` (body + check symbol, no separators) passes its check."""
    return len(text) > 1 and all(ch in _VALUES for ch in text) and _fold(text) == 0


def make_band_number(station_code: str, sequence: int) -> str:
    """The canonical band number for the ``sequence``-th band of a station."""
    if len(station_code) != STATION_CODE_LENGTH:
        raise ValueError(f"station code {station_code!r} must have exactly {STATION_CODE_LENGTH} symbols")
    _require_symbols(station_code, "station code")
    if not 0 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"sequence {sequence} is outside 0..{MAX_SEQUENCE}")
    body = station_code + encode_symbols(sequence, MIN_SEQUENCE_LENGTH)
    return body + check_symbol(body)


def normalize(text: str) -> str:
    """What was typed or scanned, without surrounding whitespace, dashes or spaces, upper-cased."""
    return "".join(text.split()).replace("-", "").translate(_ASCII_UPPER)


def _symbol_problem(shown: str, ch: str) -> str:
    if ch in "O0":
        rule = "band numbers never use the letter O or the digit 0"
    elif ch in "I1":
        rule = "band numbers never use the letter I or the digit 1"
    else:
        rule = "band numbers use only the digits 2-9 and the letters A-Z except I and O"
    return f"band number {shown!r} contains {ch!r}, but {rule}: check that character on the wristband again"


def _shape_problem(text: str, head: str) -> str | None:
    """Why the length or padding of ``text`` (alphabet symbols only) is wrong, or None."""
    count = f"it has {len(text)} characters"
    if len(text) < MIN_LENGTH:
        return f"{head} is too short: {count}, at least {MIN_LENGTH} needed"
    if len(text) > MAX_LENGTH:
        return f"{head} is too long: {count}, at most {MAX_LENGTH} allowed"
    if len(text) > MIN_LENGTH and text[STATION_CODE_LENGTH] == _ZERO:
        return f"{head} has an extra '{_ZERO}' at the start of its sequence (after the station code)"
    return None


def _problem(text: str, shown: str) -> str | None:
    """Why normalized ``text`` is not a valid band number, or None when it is."""
    if not text:
        return "band number is empty: type or scan the number printed on the wristband"
    bad = next((ch for ch in text if ch not in _VALUES), None)
    if bad is not None:
        return _symbol_problem(shown, bad)
    head = f"band number {shown!r}"
    shape = _shape_problem(text, head)
    if shape is None and _fold(text) != 0:
        return f"{head} fails its check character: a character was mistyped or two were swapped"
    return shape


def parse_band_number(text: str) -> BandNumber:
    """The band number in ``text`` (any case, dashes and spaces allowed); InvalidBandNumber if not valid."""
    canonical = normalize(text)
    problem = _problem(canonical, text.strip())
    if problem is not None:
        raise InvalidBandNumber(problem)
    code, sequence = canonical[:STATION_CODE_LENGTH], canonical[STATION_CODE_LENGTH:-1]
    return BandNumber(station_code=code, sequence=decode_symbols(sequence), canonical=canonical)


def format_band_number(canonical: str) -> str:
    """The display form ``SSSSS-QQQQ-C`` of a band number; InvalidBandNumber if it is not valid."""
    return parse_band_number(canonical).display


def looks_like_band_number(text: str) -> bool:
    """Whether a search query is plausibly a band number (alphabet symbols only, plausible length)."""
    candidate = normalize(text)
    return MIN_LENGTH <= len(candidate) <= MAX_LENGTH and all(ch in _VALUES for ch in candidate)


def station_code_from_key(public_key: bytes) -> str:
    """A station's code: the first 25 bits of SHA-256(public_key) as 5 symbols."""
    digest = hashlib.sha256(public_key).digest()
    bits = STATION_CODE_LENGTH * 5
    value = int.from_bytes(digest[:4], "big") >> (32 - bits)
    return encode_symbols(value, STATION_CODE_LENGTH)
