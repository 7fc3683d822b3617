"""The station store's SQL merge (``changelog.merge_change``) equals the in-memory reference
(``app.domain.merge.Replica``) for any order of the same changes, on a real encrypted store."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import services
from app.domain.changes import Change
from app.domain.merge import Replica
from app.store import syncing
from app.store.changelog import load_row
from tests.unit.domain.test_merge import histories


def _fresh_ids(changes: list[Change]) -> list[Change]:
    """The same history on a record of its own (a new example shares the store)."""
    entity, prefix = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    return [replace(c, id=prefix + c.id[16:], entity_id=entity) for c in changes]


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
        new = syncing.apply_pulled(conn, [(c, None) for c in shuffled + shuffled[:2]], agent.identity.code)
        row = load_row(conn, "person", changes[0].entity_id)
        conflicts = syncing.conflict_count(conn)
    assert new == len(changes), "each change is applied once"
    assert row is not None
    expected = reference.state["person"][changes[0].entity_id]
    assert {k: row[k] for k in expected} == expected
    assert conflicts - before == len(reference.conflicts())
