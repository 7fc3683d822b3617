"""Base45 (RFC 9285): bytes as QR alphanumeric-mode characters, as the EU health certificates do.

Two bytes become three characters, a last single byte two. Decoding says what is wrong with text
that is not Base45 instead of guessing.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUES = {ch: i for i, ch in enumerate(ALPHABET)}


class Base45Error(ValueError):
    """The text is not valid Base45; the message says why."""


def encode(data: bytes) -> str:
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        value = data[i] * 256 + data[i + 1]
        value, c = divmod(value, 45)
        e, d = divmod(value, 45)
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (ALPHABET[c], ALPHABET[d])
    return "".join(out)


def decode(text: str) -> bytes:
    bad = next((ch for ch in text if ch not in _VALUES), None)
    if bad is not None:
        raise Base45Error(f"contains {bad!r}, which Base45 does not use")
    if len(text) % 3 == 1:
        raise Base45Error(f"has {len(text)} characters; Base45 text never has 3n+1")
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = [_VALUES[ch] for ch in text[i:i + 3]]
        if len(chunk) == 3:
            value = chunk[0] + chunk[1] * 45 + chunk[2] * 45 * 45
            if value > 0xFFFF:
                raise Base45Error(f"characters {i + 1}-{i + 3} encode {value}, more than two bytes hold")
            out += value.to_bytes(2, "big")
        else:
            value = chunk[0] + chunk[1] * 45
            if value > 0xFF:
                raise Base45Error(f"the last two characters encode {value}, more than a byte holds")
            out.append(value)
    return bytes(out)
