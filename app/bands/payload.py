"""What a band's QR code says: a signed, binary, Base45-written statement by the issuing station.

Layout (format version 1): 16 bytes of data, bit-packed big-endian, then a 64-byte Ed25519
signature; 80 bytes are 120 Base45 characters, which fit QR version 5 at error correction M in
alphanumeric mode (at most 122)::

    bits  field
    4     format version (1)
    1     role: 0 adult, 1 child
    25    band number: issuing station code
    30    band number: sequence (over a billion bands per station)
    25    family number: station code
    24    family number: sequence (16 million family units per station)
    15    issue date: days since 2020-01-01 (until 2109)
    4     zero
    then  Ed25519 signature of b"kinlink-band/1" + the 16 data bytes

The band number's station is the issuing station (it allocated the number and signed the band).
No personal data: no name, no birth date, no nationality. ``parse`` turns any text into a
payload or a :class:`PayloadError` whose message says what is wrong; nothing else escapes.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain import bandnumber

from . import base45

VERSION = 1
ROLES = ("adult", "child")
EPOCH = date(2020, 1, 1)
DOMAIN = b"kinlink-band/1"
_FIELDS = (("version", 4), ("role", 1), ("band_station", 25), ("band_seq", 30), ("family_station", 25),
           ("family_seq", 24), ("days", 15), ("spare", 4))
DATA_BYTES = sum(bits for _, bits in _FIELDS) // 8  # 16
SIGNATURE_BYTES = 64
PAYLOAD_BYTES = DATA_BYTES + SIGNATURE_BYTES
TEXT_LENGTH = len(base45.encode(bytes(PAYLOAD_BYTES)))  # 120


_CAPS_LOCK = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


class PayloadError(ValueError):
    """A scanned text is not a valid Kinlink band payload; the message says why, in words."""


@dataclass(frozen=True)
class BandPayload:
    band: str  # canonical band number
    family: str  # family number, "STATION-N"
    role: str  # adult | child
    issued: date
    version: int = VERSION

    @property
    def station(self) -> str:
        """The issuing station's code (the band number's station part)."""
        return self.band[: bandnumber.STATION_CODE_LENGTH]

    def data(self) -> bytes:
        band = bandnumber.parse_band_number(self.band)
        family_station, family_seq = _split_family(self.family)
        return _pack({"version": self.version, "role": ROLES.index(self.role),
                      "band_station": bandnumber.decode_symbols(band.station_code), "band_seq": band.sequence,
                      "family_station": bandnumber.decode_symbols(family_station), "family_seq": family_seq,
                      "days": (self.issued - EPOCH).days, "spare": 0})

    def message(self) -> bytes:
        """What the station signs."""
        return DOMAIN + self.data()


def encode(payload: BandPayload, signature: bytes) -> str:
    if len(signature) != SIGNATURE_BYTES:
        raise ValueError("an Ed25519 signature has 64 bytes")
    return base45.encode(payload.data() + signature)


def parse(text: str) -> tuple[BandPayload, bytes]:
    """The payload and its signature from scanned ``text`` (a scanner's Enter or Tab around it is
    ignored, and so is Caps Lock: ASCII lower case is read as upper case; a space is a Base45
    character, so spaces are kept). Raises :class:`PayloadError` with the reason for anything else."""
    try:
        return _parse(text)
    except PayloadError:
        raise
    except Exception as error:  # noqa: BLE001 - any surprise is a malformed payload, not a crash
        raise PayloadError(f"not a Kinlink band ({type(error).__name__})") from None


def looks_like_payload(text: str) -> bool:
    """Whether text (typed, or sent by a keyboard-wedge scanner) has the shape of a band payload:
    the right length in the Base45 alphabet, lower case allowed (Caps Lock). Only :func:`parse`
    says whether it is one."""
    text = text.strip("\r\n\t").translate(_CAPS_LOCK)
    return len(text) == TEXT_LENGTH and all(ch in base45.ALPHABET for ch in text)


def _parse(text: str) -> tuple[BandPayload, bytes]:
    if not isinstance(text, str):
        raise PayloadError("not a Kinlink band: the scan is not text")
    text = text.strip("\r\n\t")  # a scanner's Enter or Tab; spaces belong to Base45
    text = text.translate(_CAPS_LOCK)  # Base45 has no lower case: a scanner typing with Caps Lock on
    if not text.strip():
        raise PayloadError("nothing was scanned")
    if len(text) != TEXT_LENGTH:
        raise PayloadError(f"not a Kinlink band: {len(text)} characters where a band has {TEXT_LENGTH}")
    try:
        raw = base45.decode(text)
    except base45.Base45Error as error:
        raise PayloadError(f"not a Kinlink band: the text {error}") from None
    if len(raw) != PAYLOAD_BYTES:
        raise PayloadError(f"damaged: {len(raw)} bytes where a band has {PAYLOAD_BYTES}")
    f = _unpack(raw[:DATA_BYTES])
    if f["version"] != VERSION:
        raise PayloadError(f"a band of format version {f['version']}; this Kinlink reads version {VERSION}: "
                           "update Kinlink")
    if f["spare"] or f["family_seq"] == 0:
        raise PayloadError("damaged: the band's data does not hold together")
    code = bandnumber.STATION_CODE_LENGTH
    payload = BandPayload(
        band=bandnumber.make_band_number(bandnumber.encode_symbols(f["band_station"], code), f["band_seq"]),
        family=f"{bandnumber.encode_symbols(f['family_station'], code)}-{f['family_seq']}",
        role=ROLES[f["role"]], issued=EPOCH + timedelta(days=f["days"]), version=f["version"])
    return payload, raw[DATA_BYTES:]


def _pack(values: dict[str, int]) -> bytes:
    packed = 0
    for name, bits in _FIELDS:
        value = values[name]
        if not 0 <= value < 2**bits:
            raise ValueError(f"{name} = {value} does not fit a band payload ({bits} bits)")
        packed = (packed << bits) | value
    return packed.to_bytes(DATA_BYTES, "big")


def _unpack(data: bytes) -> dict[str, int]:
    packed, values = int.from_bytes(data, "big"), {}
    for name, bits in reversed(_FIELDS):
        packed, values[name] = packed >> bits, packed & (2**bits - 1)
    return values


def _split_family(number: str) -> tuple[str, int]:
    station, _, sequence = number.partition("-")
    if len(station) != bandnumber.STATION_CODE_LENGTH or not sequence.isdigit() or not 0 < int(sequence) < 2**32:
        raise ValueError(f"family number {number!r} is not STATION-N")
    return station, int(sequence)
