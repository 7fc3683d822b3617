"""Passphrase rules (NIST SP 800-63B): length only, no composition rules."""

from __future__ import annotations

MIN_LENGTH = 8
MAX_LENGTH = 256


class WeakPassphrase(ValueError):
    pass


def check(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise WeakPassphrase(f"the passphrase is too short: use at least {MIN_LENGTH} characters "
                             "(12 or more recommended; spaces and whole sentences are fine)")
    if len(passphrase) > MAX_LENGTH:
        raise WeakPassphrase(f"the passphrase is longer than {MAX_LENGTH} characters")
