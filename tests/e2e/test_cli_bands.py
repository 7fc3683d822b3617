"""`kinlink band ...` through the real process: payload, verify (exit 0 / 1 / 2 / 3), void, reprint,
reissue, with JSON on stdout and the reason on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADMIN, AGENT, SUPERVISOR


@pytest.fixture
def family(cli, station: Path, example_document: bytes) -> dict[str, Any]:  # noqa: ANN001
    done = cli("family", "add", "-", user=AGENT, stdin=example_document)
    assert done.code == 0, done.stderr
    mother, baby = (p["band"] for p in done.json["families"][0]["people"])
    return {"mother": mother, "baby": baby}


def _payload(cli, band: str) -> str:  # noqa: ANN001
    done = cli("band", "payload", band, user=AGENT)
    assert done.code == 0, done.stderr
    return str(done.json["payload"])


def test_verify_one_then_two_bands(cli, family: dict[str, Any]) -> None:  # noqa: ANN001
    mother, baby = _payload(cli, family["mother"]), _payload(cli, family["baby"])
    one = cli("band", "verify", baby, user=AGENT)
    assert one.code == 0, one.stderr
    assert one.json["bands"][0]["valid"] and one.json["bands"][0]["band"] == family["baby"]
    two = cli("band", "verify", mother, baby, user=AGENT)
    assert two.code == 0 and two.json["result"] == "MATCH"
    from_stdin = cli("band", "verify", "-", user=AGENT, stdin=f"{mother}\r\n{baby}\r\n".encode())
    assert from_stdin.code == 0 and from_stdin.json["result"] == "MATCH", "a scanner piped in, one per line"


def test_no_match_and_invalid_exit_1_with_the_reason(cli, family: dict[str, Any]) -> None:  # noqa: ANN001
    baby = _payload(cli, family["baby"])
    voided = cli("band", "void", family["baby"], "--reason", "wrong wrist", user=SUPERVISOR)
    assert voided.code == 0, voided.stderr
    assert voided.json == {"band": family["baby"], "status": "voided", "reason": "wrong wrist"}
    no_match = cli("band", "verify", _payload(cli, family["mother"]), baby, user=AGENT)
    assert no_match.code == 1 and no_match.json["result"] == "NO MATCH"
    assert "NO MATCH: band 2: voided: wrong wrist" in no_match.stderr
    invalid = cli("band", "verify", "NOT A BAND", user=AGENT)
    assert invalid.code == 1 and "not a valid band: not a Kinlink band" in invalid.stderr


def test_usage_and_permission_errors(cli, family: dict[str, Any]) -> None:  # noqa: ANN001
    baby = _payload(cli, family["baby"])
    assert cli("band", "verify", baby, baby, baby, user=AGENT).code == 2
    three = cli("band", "verify", baby, baby, baby, user=AGENT, passphrase="not the passphrase")
    assert three.code == 2 and "one or two" in three.stderr, "usage is checked before the passphrase"
    assert cli("band", "verify", baby, user=AGENT, passphrase="not the passphrase").code == 3
    assert cli("band", "void", family["baby"], "--reason", "", user=SUPERVISOR).code == 2
    assert cli("band", "void", family["baby"], "--reason", "mistake", user=AGENT).code == 3
    assert cli("band", "verify", baby, user=ADMIN).code == 3
    assert cli("band", "payload", "XXXXX-2222-2", user=AGENT).code == 2


def test_reprint_and_reissue(cli, family: dict[str, Any]) -> None:  # noqa: ANN001
    reprinted = cli("band", "reprint", family["mother"], "--reason", "smudged", user=AGENT)
    assert reprinted.code == 0 and reprinted.json == {"band": family["mother"], "reprints": 1}
    assert cli("band", "void", family["baby"], "--reason", "lost", user=SUPERVISOR).code == 0
    reissued = cli("band", "reissue", family["baby"], "--reason", "replacement", user=SUPERVISOR)
    assert reissued.code == 0, reissued.stderr
    assert reissued.json["band"] != family["baby"]
    two = cli("band", "verify", _payload(cli, family["mother"]), _payload(cli, reissued.json["band"]), user=AGENT)
    assert two.code == 0 and two.json["result"] == "MATCH"
