"""Passphrase rules (NIST SP 800-63B): a minimum length, long passphrases welcome, no composition
rules, and no passphrase that is trivially guessed: blank, made of one or two characters or of a
few repeated, from the list of common ones shipped in resources/, or made of the user's or the
station's name (repeated, or with only digits, spaces or punctuation around it)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

MIN_LENGTH = 8
MAX_LENGTH = 256
# At least this many different characters, spaces not counted: "aaaaaaaa", "abababab" and "1212 1212"
# are refused, while any word or sentence (or a long random string) has far more.
MIN_DISTINCT = 3
# A piece of up to this many characters repeated over the whole passphrase ("abcabcab") is refused.
MAX_REPEATED_PIECE = 4
# Parts of a name shorter than this ("al" of "al.ruiz") are only refused as part of the whole name.
MIN_NAME_PART = 3
COMMON_LIST = Path(__file__).resolve().parents[2] / "resources" / "common-passwords.txt"


class WeakPassphrase(ValueError):
    pass


@functools.cache
def common_passphrases() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check(passphrase: str, *, context: tuple[str, ...] = ()) -> None:
    """Refuse a weak passphrase (``WeakPassphrase``, a sentence to show as it is). ``context``: the
    user's name and the station's name."""
    if len(passphrase) < MIN_LENGTH:
        raise WeakPassphrase(f"the passphrase is too short: use at least {MIN_LENGTH} characters "
                             "(12 or more recommended; spaces and whole sentences are fine)")
    if len(passphrase) > MAX_LENGTH:
        raise WeakPassphrase(f"the passphrase is longer than {MAX_LENGTH} characters")
    visible = "".join(c for c in _fold(passphrase) if not _blank(c))
    if not visible:
        raise WeakPassphrase("the passphrase is blank: spaces, tabs and other invisible characters "
                             "alone are not a passphrase")
    if any(_made_of(passphrase, name) for name in ("kinlink", *context)):
        raise WeakPassphrase("the passphrase must not be made of the user's or the station's name, "
                             "even repeated or with digits, spaces or punctuation added")
    if len(set(visible)) < MIN_DISTINCT or _repeats_a_piece(visible):
        raise WeakPassphrase(f"the passphrase repeats the same few characters: use at least {MIN_DISTINCT} "
                             "different ones (a short sentence is easy to remember and hard to guess)")
    if passphrase.strip().casefold() in common_passphrases():
        raise WeakPassphrase("this passphrase is one of the most commonly used ones: choose another "
                             "(a short sentence is easy to remember and hard to guess)")


def _fold(text: str) -> str:
    """Compared without case or accents, and with compatibility forms as their plain letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def _repeats_a_piece(text: str) -> bool:
    return any(len(text) >= 2 * n and all(c == text[i % n] for i, c in enumerate(text))
               for n in range(1, MAX_REPEATED_PIECE + 1))


def _made_of(passphrase: str, name: str) -> bool:
    """Whether the passphrase is ``name`` (or a part of it of 3 letters or more) once or repeated, with
    nothing else but digits, spaces or punctuation; a name without letters: its digits likewise."""
    folded, name = _fold(passphrase), _fold(name)
    letters, name_letters = _only(folded, str.isalpha), _only(name, str.isalpha)
    if not name_letters:
        return bool(_only(name, str.isalnum)) and _repeated(_only(folded, str.isalnum), _only(name, str.isalnum))
    parts = {part for part in re.split(r"[^\w]|[\d_]", name) if len(part) >= MIN_NAME_PART}
    return any(_repeated(letters, piece) for piece in {name_letters, *parts})


def _only(text: str, keep: Callable[[str], bool]) -> str:
    return "".join(c for c in text if keep(c))


def _repeated(text: str, piece: str) -> bool:
    return bool(text and piece) and len(text) % len(piece) == 0 and text == piece * (len(text) // len(piece))
