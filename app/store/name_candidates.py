"""The people a duplicate check scores (``services.duplicate_candidates``): those whose name words
begin like the words typed, or are the words typed with one letter wrong, missing, added or swapped,
also in the first letters ("Tsoc" for "Tzoc", "Rsa" for "Rosa"), which the name index's prefixes
alone cannot find. The store finds them; ``services/likeness.py`` scores them.

The words within one edit are looked up in the name index's vocabulary (its distinct words: a few
thousand at a station, however many people it holds), read once per store and then only the rows
added since; the people holding those words are then read through the index, as a search does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Connection, Engine, and_, func, literal_column, select, union_all

from app.domain import names

from . import schema
from .changelog import load_rows

NOT_COMPARED = ("languages", "documents")  # a person's JSON columns a duplicate check does not read
PREFIX = 3  # letters of a word that the index is searched by
MIN_FUZZY = 3  # shorter words are not looked for with a letter wrong (too many two-letter words are)
REREAD = 1000  # rows of the index read again below the last one read (SQLite may give a row the id of
#                one just deleted at the top: a person's names corrected are indexed again)


@dataclass
class _Vocabulary:
    words: set[str] = field(default_factory=set)
    listed: list[str] = field(default_factory=list)  # the same words, for rapidfuzz
    seen: int = 0  # the highest rowid of the index read


_VOCABULARIES: WeakKeyDictionary[Engine, _Vocabulary] = WeakKeyDictionary()


def name_words(conn: Connection) -> list[str]:
    """Every distinct word of the name index (of names corrected away too: such a word finds nobody)."""
    nt = schema.name_token
    top = int(conn.execute(select(func.max(literal_column("rowid"))).select_from(nt)).scalar() or 0)
    known = _VOCABULARIES.get(conn.engine)
    if known is None or top < known.seen - REREAD:  # a store not read yet (or emptied and filled again)
        known = _VOCABULARIES[conn.engine] = _Vocabulary()
        fresh = {row[0] for row in conn.execute(select(nt.c.token).distinct())}
    elif top > known.seen:
        fresh = {row[0] for row in conn.execute(select(nt.c.token).where(
            literal_column("rowid") > max(0, known.seen - REREAD)))} - known.words
    else:
        return known.listed
    known.words |= fresh
    known.listed += sorted(fresh)
    known.seen = top
    return known.listed


def one_edit_away(word: str, vocabulary: list[str]) -> list[str]:
    """The words of ``vocabulary`` one letter changed, left out, added or two swapped from ``word``."""
    if len(word) < MIN_FUZZY:
        return []
    return [found for found, _distance, _index in
            process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=1, limit=None)]


def people_named_like(conn: Connection, *names_: str | None, limit: int = 300) -> list[dict[str, Any]]:
    """People whose name words begin like the words of ``names_`` (their first ``PREFIX`` letters,
    folded) or are one of them with one edit, those matching the most of the words first."""
    words = names.search_tokens(*names_)
    if not words:
        return []
    nt = schema.name_token.c
    vocabulary = name_words(conn)
    parts = []
    for n, word in enumerate(words):
        prefix = word[:PREFIX]
        parts.append(select(nt.person_id.label("pid"), literal_column(str(n)).label("k"))
                     .where(and_(nt.token >= prefix, nt.token < prefix + "\U0010ffff")))
        typos = [w for w in one_edit_away(word, vocabulary) if not w.startswith(prefix)]
        if typos:
            parts.append(select(nt.person_id.label("pid"), literal_column(str(n)).label("k"))
                         .where(nt.token.in_(typos)))
    hits = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    ranked = select(hits.c.pid).group_by(hits.c.pid) \
        .order_by(func.count(hits.c.k.distinct()).desc(), hits.c.pid).limit(limit)
    return load_rows(conn, "person", "id", [r[0] for r in conn.execute(ranked)], skip=NOT_COMPARED)
