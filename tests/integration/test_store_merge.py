"""The station store's SQL merge (``changelog.merge_change``) equals the in-memory reference
(``app.domain.merge.Replica``) for any order of the same changes, on a real encrypted store."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app import services
from app.domain import names
from app.domain.changes import Change
from app.domain.merge import Replica
from app.store import schema, syncing
from app.store.changelog import load_row
from tests.unit.domain.test_merge import histories


def _fresh_ids(changes: list[Change]) -> list[Change]:
    """The same history on a record of its own (a new example shares the store)."""
    entity, prefix = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    return [replace(c, id=prefix + c.id[16:], entity_id=entity, resolves=tuple(prefix + r[16:] for r in c.resolves))
            for c in changes]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories(), st.randoms(use_true_random=False))
def test_the_store_merges_like_the_reference(agent: services.Session, changes: list[Change], rnd: Any) -> None:
    changes = _fresh_ids(changes)
    reference = Replica()
    reference.merge_all(changes)
    shuffled = list(changes)
    rnd.shuffle(shuffled)
    with agent.engine.begin() as conn:
        before = syncing.conflict_count(conn)
        new = len(syncing.apply_pulled(conn, [(c, None) for c in shuffled + shuffled[:2]], agent.identity.code))
        row = load_row(conn, "person", changes[0].entity_id)
        conflicts = syncing.conflict_count(conn)
    assert new == len(changes), "each change is applied once"
    assert row is not None
    expected = reference.state["person"][changes[0].entity_id]
    assert {k: row[k] for k in expected} == expected
    assert conflicts - before == len(reference.conflicts())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(histories(), min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_batches_merge_like_the_reference(agent: services.Session, stories: list[list[Change]], rnd: Any) -> None:
    """Pull pages hold many records' changes at once: a creation alone in its page is written by the
    batch path, what comes later by the one-by-one path; either way the store equals the reference,
    and a person's name is searchable."""
    changes = [c for story in stories for c in _fresh_ids(story)]
    reference = Replica()
    reference.merge_all(changes)
    shuffled = list(changes)
    rnd.shuffle(shuffled)
    cuts = sorted(rnd.sample(range(1, len(shuffled)), min(3, len(shuffled) - 1))) if len(shuffled) > 1 else []
    pages = [shuffled[a:b] for a, b in zip([0, *cuts], [*cuts, len(shuffled)], strict=True)]
    new = 0
    with agent.engine.begin() as conn:
        for page in pages:
            new += len(syncing.apply_pulled(conn, [(c, None) for c in page + page[:1]], agent.identity.code))
        rows = {entity_id: load_row(conn, "person", entity_id) for entity_id in reference.state["person"]}
        tokens = {entity_id: sorted(t for (t,) in conn.execute(
            select(schema.name_token.c.token).where(schema.name_token.c.person_id == entity_id)))
            for entity_id in reference.state["person"]}
    assert new == len({c.id for c in changes}), "each change is applied once"
    for entity_id, expected in reference.state["person"].items():
        row = rows[entity_id]
        assert row is not None and {k: row[k] for k in expected} == expected
        assert tokens[entity_id] == sorted(names.search_tokens(expected.get("given_names"),
                                                               expected.get("family_names")))
