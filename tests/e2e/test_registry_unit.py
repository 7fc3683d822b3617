"""scripts/check_registry_unit.py: the registry's systemd unit, with the guide's environment file, really
starts the registry against a real PostgreSQL (two instances, the restore drill), and stops cleanly.

About 12 s: a PostgreSQL cluster of its own and three registry processes. A unit whose ExecStart= is
broken fails here (a name split into three arguments, a moved program, a lost option).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_registry_unit.py"


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=240,
                          check=False, cwd=ROOT)


def test_the_unit_starts_the_registry_on_postgresql_and_the_restore_drill_answers() -> None:
    done = _check()
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert out.count("GET /v1/health {'status': 'ok'}, registry 'Southwest border registry' on postgresql") == 3
    assert "in production, kinlink-registry@8001 runs: /opt/kinlink-registry/bin/kinlink registry serve" in out
    assert "kinlink_drill holds the same registry identity, its tables owned by kinlink" in out
    assert out.count("stopped by SIGTERM, cleanly") == 3


def test_a_unit_that_runs_another_program_fails_before_starting_anything(tmp_path: Path) -> None:
    unit = tmp_path / "kinlink-registry@.service"
    unit.write_text((ROOT / "packaging" / "kinlink-registry@.service").read_text()
                    .replace("/opt/kinlink-registry/bin/kinlink", "/opt/kinlink/bin/kinlink"))
    done = _check("--unit", str(unit))
    assert done.returncode == 1
    assert "ExecStart= runs /opt/kinlink/bin/kinlink, not /opt/kinlink-registry/bin/kinlink" in done.stderr
    assert "throwaway PostgreSQL" not in done.stdout
