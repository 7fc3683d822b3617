"""Check that the registry's systemd unit really starts the registry, against a real PostgreSQL.

    .venv/bin/python scripts/check_registry_unit.py        (or scripts/check-registry-unit)
        [--unit packaging/kinlink-registry@.service] [--env-file packaging/registry.env.example]
        [--no-drill]

Why: the unit's command line is only ever run by systemd on a production machine, and a slip in it
(a quote, ``$X`` for ``${X}``, a moved program, a setting the environment file spells otherwise) shows
there and nowhere else. So this script works the command line out of the unit as systemd 252 does
(scripts/systemd_unit.py), with the environment file the guide (docs/registry.md) tells the technician
to install, replaces only the program, /opt/kinlink-registry/bin/kinlink, by this checkout's
.venv/bin/kinlink, and runs it with the environment the unit gives:

1. the unit passes ``systemd-analyze verify`` (when systemd-analyze is here), and the environment file
   reads the same to systemd as to the shell (the administration commands source it);
2. a throwaway PostgreSQL cluster (tests/pgcluster.pg_cluster); the role and the database made as the
   guide makes them (createuser, createdb), named by the environment file's database URL;
3. two instances, kinlink-registry@P1 and @P2, started together on that database (as nginx's upstream
   has them): each answers GET /v1/health with {"status": "ok"} and says it runs on PostgreSQL with the
   environment file's registry name;
4. the restore drill of the guide: pg_dump, createdb + pg_restore into a scratch database, a third
   instance on it answers health, the registry's identity is the one dumped, the administration
   command (the guide's ``sh -c 'set -a; . registry.env; ...'``) reads its status; the scratch
   database dropped;
5. every instance stopped with SIGTERM, as ``systemctl stop`` does, ends cleanly within TimeoutStopSec.

Only where things live is changed, and each change is printed: the database URL's host and port (the
throwaway cluster), the state directory (a temporary one) and the instance ports (free ones). Exit 0
when all is well; 1 with a message naming what failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from systemd_unit import Unit, UnitError, command_line, parse_env_file, read_unit, service_environment  # noqa: E402

from tests.pgcluster import PgServer, free_port, pg_bindir, pg_cluster  # noqa: E402

UNIT = ROOT / "packaging" / "kinlink-registry@.service"
ENV_EXAMPLE = ROOT / "packaging" / "registry.env.example"
ENV_FILE = "/etc/kinlink/registry.env"  # where the unit reads it, and the guide installs it
PROGRAM = "/opt/kinlink-registry/bin/kinlink"
STATE = "/var/lib/kinlink-registry"  # the unit's StateDirectory=, the kinlink user's home
CLEAN_EXITS = (0, -signal.SIGTERM, 128 + signal.SIGTERM)  # what systemd counts as a clean stop here
START_SECONDS = 60


class CheckFailed(Exception):
    """One step failed: the message says which and why."""


def say(text: str) -> None:
    print(f"check-registry-unit: {text}", flush=True)


@dataclass
class Instance:
    """One kinlink-registry@PORT process, started from the unit's command line."""

    port: int
    argv: list[str]
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unit", type=Path, default=UNIT, help="the template unit (default: %(default)s)")
    parser.add_argument("--env-file", type=Path, default=ENV_EXAMPLE,
                        help=f"read as {ENV_FILE} (default: %(default)s)")
    parser.add_argument("--kinlink", type=Path, default=Path(sys.executable).parent / "kinlink",
                        help=f"run instead of {PROGRAM} (default: this venv's)")
    parser.add_argument("--no-drill", action="store_true", help="skip the restore drill (step 4)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        unit = read_unit(args.unit)
        check_env_file(args.env_file)
        planned(unit, args.env_file)
        verify_unit(args.unit)
        with tempfile.TemporaryDirectory(prefix="check-registry-unit-") as tmp:
            run(unit, args.env_file, args.kinlink, Path(tmp), drill=not args.no_drill)
    except (CheckFailed, UnitError) as failure:
        print(f"check-registry-unit: FAILED: {failure}", file=sys.stderr)
        return 1
    say(f"OK: {args.unit.name} starts the registry on PostgreSQL and stops cleanly "
        f"({time.monotonic() - started:.1f} s)")
    return 0


def verify_unit(path: Path) -> None:
    """systemd's own reading of the unit: unknown keys, bad values. Only the missing program (installed on
    the production machine, not here) is expected."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        say("systemd-analyze not found: the unit's syntax is not verified by systemd")
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        done = subprocess.run([analyze, "verify", "--man=no", str(copy)], capture_output=True, text=True,
                              timeout=60, check=False, cwd=tmp)
    complaints = [line for line in (done.stdout + done.stderr).splitlines()
                  if line.strip() and f"Command {PROGRAM} is not executable" not in line]
    if complaints:
        raise CheckFailed("systemd-analyze verify " + path.name + ":\n  " + "\n  ".join(complaints))
    say(f"systemd-analyze verify {path.name}: no complaint (but the program, installed only in production)")


def check_env_file(path: Path) -> None:
    """The administration commands source the file with ``set -a; .``: the shell must read what systemd reads."""
    systemd = parse_env_file(path.read_text(encoding="utf-8"))
    script = 'set -a; . "$1"; for n in "${@:2}"; do printf "%s\\0" "${!n-<unset>}"; done'
    done = subprocess.run(["bash", "-c", script, "check", str(path), *systemd], capture_output=True, timeout=30,
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, check=False)
    if done.returncode != 0:
        raise CheckFailed(f"the shell cannot read {path}: {done.stderr.decode(errors='replace').strip()}")
    shell = dict(zip(systemd, done.stdout.decode().split("\0")[:-1], strict=True))
    differ = [f"{name}: systemd reads {value!r}, the shell {shell[name]!r}"
              for name, value in systemd.items() if shell[name] != value]
    if differ:
        raise CheckFailed(f"{path} reads differently to systemd and to the shell:\n  " + "\n  ".join(differ))
    say(f"{path.name}: systemd and the shell read the same {len(systemd)} settings: {', '.join(systemd)}")


def planned(unit: Unit, env_file: Path) -> None:
    """The command line of kinlink-registry@8001 as systemd would run it in production: it must run the
    registry's program (checked before anything is started)."""
    argv = command_line(unit, "8001", service_environment(unit, "8001", {ENV_FILE: env_file}, home=STATE))
    if not argv or argv[0] != PROGRAM:
        raise CheckFailed(f"{unit.path.name}: ExecStart= runs {shlex.join(argv[:1])}, not {PROGRAM}")
    say(f"in production, kinlink-registry@8001 runs: {shlex.join(argv)}")


def run(unit: Unit, env_file: Path, kinlink: Path, tmp: Path, *, drill: bool) -> None:
    if pg_bindir() is None:
        raise CheckFailed("PostgreSQL is not installed here (apt-get install -y postgresql)")
    if not os.access(kinlink, os.X_OK):
        raise CheckFailed(f"{kinlink} is not executable: make the venv first (scripts/setup.sh)")
    documented = parse_env_file(env_file.read_text(encoding="utf-8")).get("KINLINK_REGISTRY_DATABASE_URL")
    if not documented:
        raise CheckFailed(f"{env_file} sets no KINLINK_REGISTRY_DATABASE_URL: the registry would use SQLite")
    url = make_url(documented)
    if url.drivername != "postgresql" or not url.username or not url.database:
        raise CheckFailed(f"{env_file}: {documented!r} is not a postgresql://ROLE@.../DATABASE URL")
    with ExitStack() as stack:
        try:
            server = stack.enter_context(pg_cluster(tmp / "pg"))
        except RuntimeError as error:
            raise CheckFailed(f"the throwaway PostgreSQL cluster did not start: {error}") from None
        say(f"throwaway PostgreSQL on 127.0.0.1:{server.port}")
        client(server, "createuser", url.username)
        client(server, "createdb", "--owner", url.username, "--encoding", "UTF8", "--template", "template0",
               url.database)
        say(f"role {url.username} and database {url.database} made as the guide makes them")
        state = tmp / "state"
        state.mkdir(mode=0o700)

        def where(database: str) -> dict[str, str]:
            moved = url.set(host=server.host, port=server.port, database=database,
                            query={k: v for k, v in url.query.items() if k not in ("host", "port")})
            return {"KINLINK_REGISTRY_DATABASE_URL": moved.render_as_string(hide_password=False)}

        say(f"relocated: the database URL's host and port to the cluster's, {STATE} to {state}")
        name = service_environment(unit, "1", {ENV_FILE: env_file}, home=STATE).get("KINLINK_REGISTRY_NAME", "")
        instances: list[Instance] = []
        with stopped_at_the_end(instances, unit):
            for _ in range(2):  # started together, as after a reboot: they take turns to migrate
                instances.append(start(unit, env_file, kinlink, state, where(url.database), tmp))
            for instance in instances:
                healthy(instance, name)
            if drill:
                restore_drill(unit, env_file, kinlink, state, server, url.username, url.database, where, tmp, name)


def client(server: PgServer, program: str, *args: str) -> None:
    """A PostgreSQL client program of the server's version, as its superuser over TCP."""
    bindir = pg_bindir()
    assert bindir is not None
    done = subprocess.run([str(bindir / program), "-h", server.host, "-p", str(server.port), "-U", server.user,
                           *args], capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise CheckFailed(f"{program} {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")


def start(unit: Unit, env_file: Path, kinlink: Path, state: Path, moved: dict[str, str], tmp: Path) -> Instance:
    """kinlink-registry@PORT on a free port: the unit's command line, its program swapped for this checkout's."""
    port = free_port()
    env = service_environment(unit, str(port), {ENV_FILE: env_file}, home=STATE)
    env = {key: str(state) if value == STATE else value for key, value in env.items()} | moved
    argv = command_line(unit, str(port), env)
    argv = [str(kinlink), *argv[1:]]  # planned() checked that argv[0] is PROGRAM
    say(f"kinlink-registry@{port}: {shlex.join(argv)}")
    log = tmp / f"instance-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env, cwd="/")
    return Instance(port, argv, process, log)


def healthy(instance: Instance, name: str) -> None:
    """GET /v1/health answers {"status": "ok"}, from a registry on PostgreSQL named as the env file says."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        if instance.process.poll() is not None:
            raise CheckFailed(f"kinlink-registry@{instance.port} exited ({instance.process.returncode}) before "
                              f"answering:\n{instance.output()}")
        try:
            answer = httpx.get(f"http://127.0.0.1:{instance.port}/v1/health", timeout=2)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise CheckFailed(f"kinlink-registry@{instance.port} did not answer in {START_SECONDS} s:\n"
                                  f"{instance.output()}") from None
            time.sleep(0.1)
    if answer.status_code != 200 or answer.json() != {"status": "ok"}:
        raise CheckFailed(f"kinlink-registry@{instance.port}: GET /v1/health answered {answer.status_code} "
                          f"{answer.text!r}")
    expected = f"registry {name!r} on postgresql"
    if expected not in instance.output():
        raise CheckFailed(f"kinlink-registry@{instance.port} does not say {expected!r}:\n{instance.output()}")
    say(f"kinlink-registry@{instance.port}: GET /v1/health {answer.json()}, {expected}")


@contextmanager
def stopped_at_the_end(instances: list[Instance], unit: Unit) -> Iterator[None]:
    """Stop every instance after the block: checked when the block went well; when it failed, only
    ended (SIGTERM, then SIGKILL), so that the first failure is the one reported."""
    try:
        yield
    except BaseException:
        for instance in instances:
            if instance.process.poll() is None:
                instance.process.terminate()
                try:
                    instance.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    instance.process.kill()
                    instance.process.wait()
        raise
    for instance in instances:
        stop(instance, unit)


def stop(instance: Instance, unit: Unit) -> None:
    """SIGTERM, as systemctl stop sends; a clean end within the unit's TimeoutStopSec."""
    if instance.process.poll() is None:
        instance.process.send_signal(signal.SIGTERM)
    limit = seconds(unit.settings.get("TimeoutStopSec", "90s"))
    try:
        code = instance.process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        instance.process.kill()
        instance.process.wait()
        raise CheckFailed(f"kinlink-registry@{instance.port} did not stop within TimeoutStopSec={limit:g}s "
                          f"of SIGTERM") from None
    if code not in CLEAN_EXITS or "Traceback" in instance.output():
        raise CheckFailed(f"kinlink-registry@{instance.port} did not end cleanly on SIGTERM ({code}):\n"
                          f"{instance.output()}")
    say(f"kinlink-registry@{instance.port}: stopped by SIGTERM, cleanly ({code})")


def seconds(text: str) -> float:
    """A systemd time span of the simple kinds units use: 30, 30s, 2min."""
    for suffix, factor in (("min", 60.0), ("ms", 0.001), ("s", 1.0), ("", 1.0)):
        if text.endswith(suffix):
            try:
                return float(text[: len(text) - len(suffix)]) * factor
            except ValueError:
                break
    raise CheckFailed(f"TimeoutStopSec={text} is not a time span this check reads")


def restore_drill(unit: Unit, env_file: Path, kinlink: Path, state: Path, server: PgServer, role: str,
                  database: str, where: Callable[[str], dict[str, str]], tmp: Path, name: str) -> None:
    """The guide's drill: last night's dump restored into a scratch database, a registry process on it."""
    scratch = f"{database}_drill"
    dump = tmp / f"{database}.dump"
    client(server, "pg_dump", "--format=custom", f"--file={dump}", database)
    client(server, "createdb", "--owner", role, "--encoding", "UTF8", "--template", "template0", scratch)
    client(server, "pg_restore", "--no-owner", f"--role={role}", "--exit-on-error", "-d", scratch, str(dump))
    say(f"restore drill: {database} dumped and restored into {scratch} (pg_dump, createdb, pg_restore)")
    try:
        drilled: list[Instance] = []
        with stopped_at_the_end(drilled, unit):
            drilled.append(start(unit, env_file, kinlink, state, where(scratch), tmp))
            status = admin_command(kinlink, env_file, state, where(scratch), "status")  # while it starts
            healthy(drilled[0], name)
            same_registry(server, database, scratch, role)
            if status.get("database") != "postgresql" or "stations" not in status:
                raise CheckFailed(f"`registry status` on {scratch} answered {status}")
            say(f"restore drill: `registry status` on {scratch}: {status['stations']} stations, "
                f"{status['changes']} changes")
    finally:
        client(server, "dropdb", "--force", scratch)
    say(f"restore drill: {scratch} dropped")


def same_registry(server: PgServer, database: str, scratch: str, role: str) -> None:
    """The restored database holds the registry's identity (its key) and belongs to the registry's role."""
    found = {}
    for db in (database, scratch):
        with server.connect(db) as conn:
            found[db] = conn.execute("SELECT name, public_key FROM registry_identity").fetchall()
            owners = {row[0] for row in conn.execute(
                "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'").fetchall()}
        if owners != {role}:
            raise CheckFailed(f"the tables of {db} belong to {sorted(owners)}, not to {role}")
    if not found[database] or found[database] != found[scratch]:
        raise CheckFailed(f"{scratch} does not hold the registry identity of {database}")
    say(f"restore drill: {scratch} holds the same registry identity, its tables owned by {role}")


def admin_command(kinlink: Path, env_file: Path, state: Path, moved: dict[str, str], *args: str) -> Any:
    """An administration command in the guide's form (``sh -c 'set -a; . registry.env; exec kinlink
    --data-dir ... registry "$@"'``, there as the kinlink user), the database moved as for the instances:
    ``--database-url`` wins over the file, as in the guide's drill."""
    script = (f"set -a; . {shlex.quote(str(env_file))}; exec {shlex.quote(str(kinlink))} "
              f'--data-dir {shlex.quote(str(state))} registry "$@"')
    argv = ["sh", "-c", script, "kinlink-registry", *args, "--database-url", moved["KINLINK_REGISTRY_DATABASE_URL"]]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False, cwd="/",
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(state)})
    if done.returncode != 0:
        raise CheckFailed(f"`kinlink registry {' '.join(args)}` failed ({done.returncode}): {done.stderr.strip()}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise CheckFailed(f"`kinlink registry {' '.join(args)}` printed {done.stdout!r}") from None


if __name__ == "__main__":
    sys.exit(main())
