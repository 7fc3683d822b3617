"""The examples in docs/encounter-document.md register as the document says (the docs stay true)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app import services

DOC = Path(__file__).resolve().parents[2] / "docs" / "encounter-document.md"
BLOCKS = re.findall(r"```json\n(.*?)```", DOC.read_text(), re.S)
DOCUMENTS = [b for b in BLOCKS if '"encounter": {' in b]


def test_the_doc_has_its_examples() -> None:
    assert len(DOCUMENTS) == 3


@pytest.mark.parametrize("index", range(len(DOCUMENTS)))
def test_each_example_registers(agent: services.Session, index: int) -> None:
    raw = DOCUMENTS[index].encode()
    answer = services.register_family(session=agent, document=raw)
    people = json.loads(raw)["families"][0]["people"]
    assert [p["ref"] for p in answer["families"][0]["people"]] == [p["ref"] for p in people]
    shown = services.show_family(session=agent, ident=answer["families"][0]["people"][0]["band"])
    assert len(shown["people"]) == len(people)
