"""The real ``kinlink`` process: the unusual refused (exit 2, naming the person and the field) and
registered only with --confirm-unusual, and a corrected name read from stdin (``--value -``). What
cannot be is refused the same way (tests/integration/test_plausibility.py)."""

from __future__ import annotations

from pathlib import Path

from app import services
from tests.conftest import AGENT, SUPERVISOR, adult, child, document, link


def test_family_add_registers_the_unusual_only_when_confirmed(cli, station: Path) -> None:  # noqa: ANN001
    unusual = document({"people": [adult("m", age_estimate_years=15), child("c", age_estimate_years=1)],
                        "links": [link("m", "c")]})
    asked = cli("family", "add", "-", user=AGENT, stdin=unusual)
    assert asked.code == 2 and asked.stderr == (
        "kinlink: families[0].people[0].age_estimate_years: 'm' is an adult about 15 years old: a minor registered "
        "as an adult (unusual: if the family confirms it, run the command again with --confirm-unusual); nothing "
        "was changed\n")
    confirmed = cli("family", "add", "-", "--confirm-unusual", user=AGENT, stdin=unusual)
    assert confirmed.code == 0, confirmed.stderr
    assert len(confirmed.json["families"][0]["people"]) == 2


def test_correct_reads_the_value_from_stdin_and_a_text_field_takes_text(cli, agent: services.Session) -> None:  # noqa: ANN001
    answer = services.register_family(session=agent, document=document({"people": [adult("m", "Rosa", "Tzul")]}))
    band = answer["families"][0]["people"][0]["band"]
    piped = cli("correct", band, "--field", "given_names", "--value", "-", "--reason", "her passport",
                user=SUPERVISOR, stdin="Rosalía\n".encode())
    assert piped.code == 0, piped.stderr
    assert services.show_family(session=agent, ident=band)["people"][0]["given_names"] == "Rosalía"
    listed = cli("correct", band, "--field", "given_names", "--value", '["Ana"]', "--reason", "x", user=SUPERVISOR)
    assert (listed.code, listed.stderr) == (2, "kinlink: --value for given_names must be text, not a list (JSON "
                                               "is for the fields that take numbers, true/false or lists); nothing "
                                               "was changed\n")
