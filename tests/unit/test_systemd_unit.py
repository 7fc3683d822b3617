"""scripts/systemd_unit.py reads a unit and an environment file as systemd 252 does, and the registry's
unit, its environment file example and the deployment guide (docs/registry.md) agree with each other.

The real run (the command started against PostgreSQL) is tests/e2e/test_registry_unit.py; these are the
rules it rests on, and the drift it cannot see, checked without starting anything.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from systemd_unit import (  # noqa: E402
    UnitError,
    command_line,
    expand_command,
    parse_env_file,
    read_unit,
    service_environment,
    split_words,
)

UNIT = ROOT / "packaging" / "kinlink-registry@.service"
ENV_EXAMPLE = ROOT / "packaging" / "registry.env.example"
NGINX = ROOT / "packaging" / "nginx-kinlink-registry.conf"
GUIDE = ROOT / "docs" / "registry.md"
PROGRAM = "/opt/kinlink-registry/bin/kinlink"


def _argv(env_file: Path, instance: str = "8001") -> list[str]:
    unit = read_unit(UNIT)
    env = service_environment(unit, instance, {"/etc/kinlink/registry.env": env_file}, home="/var/lib/kinlink-registry")
    return command_line(unit, instance, env)


def test_braced_is_one_argument_bare_is_split_and_none_when_unset() -> None:
    env = {"NAME": "Southwest border registry", "TLS": "--certfile '/etc/a b.crt' --keyfile k", "EMPTY": ""}
    words = split_words('run --name ${NAME} $TLS $EMPTY $UNSET x${UNSET}y "${NAME}" $$HOME ${NAME:-d} $NAME/x')
    assert expand_command(words, env) == [
        "run", "--name", "Southwest border registry", "--certfile", "/etc/a b.crt", "--keyfile", "k",
        "xy", "Southwest border registry", "$HOME", "${NAME:-d}"]  # "$NAME/x": the variable "NAME/x", unset


def test_unit_lines_unquote_and_unescape_as_systemd_does() -> None:
    assert split_words(r'''a "b c" 'd "e"' f\sg "h\"i" \\''') == ["a", "b c", 'd "e"', "f g", 'h"i', "\\"]
    with pytest.raises(UnitError, match="unclosed"):
        split_words('a "b')


def test_environment_file_quotes_comments_and_white_space() -> None:
    text = ("# a comment\n; another\n  A = spaced value  \nB='single $quoted \\n'\n"
            'C="double \\"q\\" \\$x \\n"\nD="a"b\'c\'\nE=\n9BAD=x\nF=a\\\nb\n'
            "# a comment ending in a backslash \\\nG=swallowed in systemd 252\nH=after\n")
    assert parse_env_file(text) == {"A": "spaced value", "B": "single $quoted \\n", "C": 'double "q" $x \\n',
                                    "D": "ab'c'", "E": "", "F": "ab", "H": "after"}
    # D: a quote opens only where a value (or a quoted part) starts; the shell reads "abc" there, which is
    # why the check compares the two readings of the example


def test_environment_file_overrides_the_units_environment(tmp_path: Path) -> None:
    env_file = tmp_path / "registry.env"
    env_file.write_text("KINLINK_REGISTRY_HOST=0.0.0.0\n")
    argv = _argv(env_file)
    assert argv[argv.index("--host") + 1] == "0.0.0.0"
    assert argv[argv.index("--name") + 1] == "Kinlink registry", "the unit's default, one argument"


def test_the_shipped_unit_with_the_example_runs_the_registry_on_the_instance_port() -> None:
    assert _argv(ENV_EXAMPLE, "8002") == [PROGRAM, "registry", "serve", "--host", "127.0.0.1", "--port", "8002",
                                          "--name", "Southwest border registry"]


def test_the_examples_tls_lines_become_separate_options(tmp_path: Path) -> None:
    uncommented = re.sub(r"(?m)^# (KINLINK_REGISTRY_(HOST|TLS)=)", r"\1", ENV_EXAMPLE.read_text())
    assert uncommented != ENV_EXAMPLE.read_text()
    env_file = tmp_path / "registry.env"
    env_file.write_text(uncommented)
    assert _argv(env_file, "8443")[3:] == [
        "--host", "0.0.0.0", "--port", "8443", "--name", "Southwest border registry",
        "--certfile", "/etc/kinlink/tls/registry.crt", "--keyfile", "/etc/kinlink/tls/registry.key"]


def test_a_required_environment_file_must_be_given() -> None:
    unit = read_unit(UNIT)
    with pytest.raises(UnitError, match="EnvironmentFile=/etc/kinlink/registry.env is required"):
        service_environment(unit, "8001", {}, home="/")


def test_the_guide_includes_the_environment_file_example_verbatim() -> None:
    guide = GUIDE.read_text()
    assert f"```sh\n{ENV_EXAMPLE.read_text()}```" in guide, "docs/registry.md must show registry.env.example whole"


def test_nginx_upstream_ports_are_the_instances_the_guide_enables() -> None:
    ports = re.findall(r"(?m)^\s*server 127\.0\.0\.1:(\d+)", NGINX.read_text())
    guide = GUIDE.read_text()
    assert len(ports) >= 2
    for port in ports:
        assert f"kinlink-registry@{port}" in guide


def test_the_registry_is_not_run_from_the_stations_install() -> None:
    for path in (GUIDE, UNIT, ROOT / "packaging" / "README.md", NGINX):
        assert "/opt/kinlink/bin" not in path.read_text(), f"{path}: the registry lives in /opt/kinlink-registry"
    for named in set(re.findall(r"packaging/[\w@.-]+", GUIDE.read_text())):
        assert (ROOT / named.rstrip(".")).exists(), f"docs/registry.md names {named}, which is not there"
