"""Passphrase rules (NIST SP 800-63B): a minimum length, long passphrases welcome, no composition
rules, and no passphrase from the list of common ones shipped in resources/ or made of the
user's or the station's name."""

from __future__ import annotations

import functools
from pathlib import Path

MIN_LENGTH = 8
MAX_LENGTH = 256
COMMON_LIST = Path(__file__).resolve().parents[2] / "resources" / "common-passwords.txt"


class WeakPassphrase(ValueError):
    pass


@functools.cache
def common_passphrases() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check(passphrase: str, *, context: tuple[str, ...] = ()) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise WeakPassphrase(f"the passphrase is too short: use at least {MIN_LENGTH} characters "
                             "(12 or more recommended; spaces and whole sentences are fine)")
    if len(passphrase) > MAX_LENGTH:
        raise WeakPassphrase(f"the passphrase is longer than {MAX_LENGTH} characters")
    folded = passphrase.strip().casefold()
    if folded in common_passphrases():
        raise WeakPassphrase("this passphrase is one of the most commonly used ones: choose another "
                             "(a short sentence is easy to remember and hard to guess)")
    if any(word and folded == word.casefold() for word in ("kinlink", *context)):
        raise WeakPassphrase("the passphrase must not be the user's or the station's name")
