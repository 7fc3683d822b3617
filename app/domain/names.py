"""Names as given: kept exactly (Unicode NFC), searched without accents, case or word order."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 200

# Apostrophe-like characters that appear inside Mayan-language names (K'iche', Q'anjob'al).
_APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)

# Placeholder "names" that hide an unknown name. An unknown name stays unknown (null);
# the band number identifies the person. Compared after folding (accents, case).
PLACEHOLDER_NAMES = frozenset(
    {
        "baby", "baby boy", "baby girl", "boy", "girl", "infant", "child", "newborn",
        "unknown", "unk", "nn", "n n", "n a", "na", "none", "no name", "noname", "x",
        "nino", "nina", "bebe", "bebe nino", "bebe nina", "desconocido", "desconocida",
        "sin nombre", "s n", "john doe", "jane doe", "doe", "menor", "hijo", "hija",
    }
)


def clean(value: str) -> str:
    """The name as given, in Unicode NFC, with surrounding and repeated spaces removed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def fold(value: str) -> str:
    """Lower case, no accents, apostrophes removed, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in _APOSTROPHES:
        stripped = stripped.replace(mark, "")
    words = [w for w in _SPLIT.split(stripped.casefold()) if w and w != "_"]
    return " ".join(words)


def search_tokens(*names: str | None) -> list[str]:
    """The distinct folded words of all the given names, in a stable order."""
    tokens: list[str] = []
    for name in names:
        for word in fold(name if isinstance(name, str) else "").split():  # a replica may hold odd values
            if word not in tokens:
                tokens.append(word)
    return tokens


def query_words(text: str) -> list[str]:
    """The folded words of a search, in order, repeats kept ("Tzunún Tz'unun" asks for two name
    words that both fold to ``tzunun``)."""
    return fold(text).split()


def match_rank(query: list[str], given_names: str | None, family_names: str | None) -> tuple[int, int, int]:
    """How well a person's names match the folded ``query`` words, as a sort key (smallest first):
    the query words found on *different* name words (whole or as the start of one), then how many of
    those are whole words, then how few of the person's name words are left unmatched. So the person
    whose given and family names both match ranks before the fifty who share one of the words, and
    "Ana María" before "Ana María José" for the query "ana maria"."""
    free = fold(f"{given_names or ''} {family_names or ''}").split()  # the name words not matched yet
    matched = whole = 0
    prefixes = []
    for word in query:  # whole words first: an exact word is never spent on a prefix
        if word in free:
            free.remove(word)
            matched += 1
            whole += 1
        else:
            prefixes.append(word)
    for word in sorted(prefixes, key=len, reverse=True):  # the longest prefix is the most particular
        fits = sorted((w for w in free if w.startswith(word)), key=len)
        if fits:
            free.remove(fits[0])
            matched += 1
    return (-matched, -whole, len(free))


def is_placeholder(value: str) -> bool:
    return fold(value) in PLACEHOLDER_NAMES


# Characters that show nothing: control characters (Cc), format characters (Cf: among them the
# direction overrides, embeddings and isolates U+202A-U+202E and U+2066-U+2069, which make text on
# screen read differently from what is stored), surrogates, private-use and unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
# The zero-width joiner and non-joiner are invisible too, but some scripts (Devanagari, Persian, ...)
# need them to write names correctly.
_JOINERS = frozenset("\u200c\u200d")


def has_hidden_characters(value: str) -> bool:
    """Whether ``value`` holds a character a reader cannot see, or one that changes how the text
    around it shows: such text could hide a name or show another one than is stored."""
    if value.isprintable():  # every character shows (checked in C): the common case, a registry checks many
        return False
    return any(unicodedata.category(c) in _HIDDEN_CATEGORIES and c not in _JOINERS for c in value)


has_control_characters = has_hidden_characters  # the earlier name
