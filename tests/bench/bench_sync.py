"""Sync benchmarks: stations and a real registry process over a real PostgreSQL (``--only sync``).

Everything is started here and torn down at the end, without pytest: a throwaway PostgreSQL
cluster (``initdb`` + ``pg_ctl start`` through ``tests/tools/pg_ctl``, which runs the server as the
``postgres`` user when we are root) in the work directory on a free port of 127.0.0.1, with
PostgreSQL's default durability (fsync and synchronous commit on, as a real registry runs); and
``kinlink registry serve --database-url ... --port ... --workers N`` (uvicorn; N = one per core
unless ``--sync-workers`` says otherwise, as docs/registry.md advises) on 127.0.0.1, with rate
limits raised for the run (``RATE_LIMITS``: the defaults would throttle 52 stations syncing from
one address).
Stations are real encrypted stores made with ``services.init_station`` and enrolled with
``services.enroll_station``; their change records come from ``services.register_family`` with
invented small families (``data.small_family_document``: one adult and one child make 9 records,
one adult and two children 13; three of every four families have one child, so 1,000 families
make exactly 10,000 records and 20 families 200). The stations are made on 2 worker processes
before anything is measured (about 40 s); the measurements run in this process.

Figures:

1. push: one station pushes 10,000 records with ``services.sync_now``: its push phase, from the
   call until the last chunk's acknowledgement is stored (read from the progress callback); the
   note splits off the time spent waiting for the registry (HTTP requests sent until the answer is
   read). Against it, the same rows (id, station, entity, entity_id, hlc, body, signature,
   received_at, read back from the registry) written with raw psycopg ``COPY`` into an empty
   table of the registry's ``change`` shape (same sequence, unique id and index) in another
   database of the same cluster, one transaction, connection open, median of 3. The ratio is
   COPY seconds / push seconds (1.0: push as fast as COPY): goal >= 0.3, i.e. push at most ~3.3x
   COPY; and push <= 3 s. The note gives the registry's CPU seconds during the push (see 3).
2. pull: a fresh enrolled station that registered nothing follows one band of each of the 1,000
   families by its signed QR payload (``services.band_payload`` of the issuing station, as a scan
   gives it) with ``services.sync_now(follow=...)``, 100 payloads per call (the most the registry
   takes at once); the records arrive through the pulls (``backfill`` pages of each newly held unit,
   then the pages after the cursor): seconds and records per second (information, no goal).
3. burst: 50 more stations, each with 200 pending records (one push request), push at once from
   50 threads of this process (each its own store and ``RegistryClient``, released together by a
   barrier; the station's own push step, ``app.services.sync_engine._push``). Throughput is records
   over the wall time from the release until the last thread is done; latency is each push call as
   the station sees it (nonce request + signed push + checking the signed answer). Goals: no errors
   (a failed request, a record left pending or not stored), p99 <= 1 s; and the registry's CPU
   seconds (user + system of ``kinlink registry serve`` and its worker processes, psutil, from the
   release until the last push is answered) per 10,000 records pushed <= 1.0 s. The note also gives
   PostgreSQL's CPU, the stations' (this process) and other processes' (the machine less those: a
   figure well above 0 means something else ran meanwhile and the latencies are not to be trusted).

``scripts/bench --only sync`` runs it (about 2 minutes); ``--sync-families`` and ``--sync-stations``
change the sizes. ``--sync-profile DIR`` also samples the registry's worker processes with py-spy
during the burst (py-spy is not in the lock file: ``pip install py-spy`` or have it on PATH) and
adds the CPU per part to the table (``tests/bench/profile_sync.py`` says how, and how far to trust
it); its samples and the breakdown stay in DIR.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
from psycopg import sql
from sqlalchemy import MetaData, create_engine, func, select

from app import services
from app.services import sync_engine
from app.store import schema
from app.store import syncing as station_sync
from sync import client as sync_client
from sync import protocol
from sync.registry import tables
from sync.registry.store import Registry, open_registry
from tests.pgcluster import PgServer, free_port, pg_cluster
from tests.syncing import RunningRegistry

from . import data
from . import run as harness

PUSH_GOAL_S = 3.0
COPY_RATIO_GOAL = 0.3  # COPY seconds / push seconds
BURST_P99_GOAL_S = 1.0
REGISTRY_CPU_GOAL_S = 1.0  # the registry's CPU seconds (user + system, all its processes) per 10,000 pushed records
GOAL_RECORDS, GOAL_STATIONS = 10_000, 50  # the sizes the goals are set at
COPY_ROUNDS = 3
FOLLOW_BATCH = 100  # the registry takes at most 100 scanned band payloads per follow
# The registry's rate limits for the run (KINLINK_REGISTRY_RATE_LIMITS): its defaults (per client address: 20
# enrolments, 1,200 nonces, 60 failed sign-ins a minute) would throttle 52 stations that all sync from 127.0.0.1.
RATE_LIMITS = "nonce=100000/60,enroll=1000/60,failed=1000/60"
PROFILE_RATE = 250  # py-spy samples per second (--sync-profile)
PUSHER, PULLER = "push-station", "pull-station"
CHANGE_COLUMNS = ("id", "station", "entity", "entity_id", "hlc", "body", "signature", "received_at")


# ---------------------------------------------------------------------------------------------
# the stations and the registry process (the PostgreSQL cluster: tests/pgcluster.pg_cluster)


def build_station(data_dir: Path, url: str, code: str, families: int, seed: int) -> list[str]:
    """A station (fast key slots) enrolled with the registry at ``url`` with ``code``, with ``families``
    registered; the signed QR payload of one band of each (what another station scans to follow the
    family, ``services.band_payload``). Runs in a worker process: setting up is not measured."""
    harness.new_station(data_dir, harness.FAST_KDF)
    admin = services.sign_in(data_dir=data_dir, user=harness.ADMIN, passphrase=harness.PASSPHRASE)
    try:
        services.enroll_station(session=admin, url=url, code=code)
    finally:
        admin.close()
    agent = harness.sign_in(data_dir)
    try:
        bands = register(agent, random.Random(seed), families)
        return [services.band_payload(session=agent, band=band) for band in bands]
    finally:
        agent.close()


@dataclass
class Setup:
    """The running registry, its database, and the stations' sessions opened so far."""

    work: Path
    server: PgServer
    database_url: str
    registry: Registry  # the registry's store, opened in this process: enrolment codes, counts
    process: RunningRegistry
    sessions: list[services.Session] = field(default_factory=list)

    def build(self, rng: random.Random, plan: dict[str, int]) -> dict[str, list[str]]:
        """Make the stations of ``plan`` (name -> families) on 2 worker processes, the biggest first;
        the signed payload of one band of each family, by station name."""
        jobs = sorted(plan.items(), key=lambda item: -item[1])
        codes = {name: self.registry.new_enrollment_code()["code"] for name, _ in jobs}
        payloads: dict[str, list[str]] = {}
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(build_station, self.work / name, self.process.url, codes[name], families,
                                   rng.getrandbits(64)): name for name, families in jobs}
            for future in as_completed(futures):
                payloads[futures[future]] = future.result()
                if len(payloads) % 10 == 0 or len(payloads) == len(jobs):
                    harness.log(f"sync: {len(payloads)} of {len(jobs)} stations made")
        return payloads

    def sign_in(self, name: str) -> services.Session:
        session = harness.sign_in(self.work / name)
        self.sessions.append(session)
        return session

    def postmaster(self) -> int | None:
        """The PostgreSQL server's process id (the first line of its postmaster.pid)."""
        try:
            return int((self.work / "pg" / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def registry_changes(self) -> int:
        with self.registry.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(tables.change)).scalar_one())


@contextmanager
def running(work: Path, workers: int) -> Iterator[Setup]:
    with ExitStack() as stack:
        server = stack.enter_context(pg_cluster(work / "pg"))
        url = server.url(server.create_database("registry"))
        home = work / "registry-home"
        home.mkdir()
        process = RunningRegistry(url, home, port=free_port(), workers=workers,
                                  env={"KINLINK_REGISTRY_RATE_LIMITS": RATE_LIMITS})
        stack.callback(process.stop)  # also when it does not start in time
        process.start()
        registry = open_registry(url)
        stack.callback(registry.close)
        setup = Setup(work, server, url, registry, process)
        try:
            yield setup
        finally:
            for session in setup.sessions:
                session.close()


def server_version(server: PgServer) -> str:
    with server.connect() as conn:
        row = conn.execute("SHOW server_version").fetchone()
    assert row is not None
    return str(row[0]).split()[0]


# ---------------------------------------------------------------------------------------------
# station data


def register(session: services.Session, rng: random.Random, families: int) -> list[str]:
    """Register ``families`` invented small families (every fourth with two children); one band
    number of each."""
    when = harness.occurred_at()
    bands = []
    for n in range(families):
        answer = services.register_family(session=session,
                                          document=data.small_family_document(rng, when, 2 if n % 4 == 3 else 1))
        bands.append(answer["families"][0]["people"][0]["band"])
    return bands


def pending(session: services.Session) -> int:
    with session.engine.connect() as conn:
        return station_sync.pending_count(conn)


def held_changes(session: services.Session) -> int:
    with session.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.change)).scalar_one())


class Ticks:
    """``sync_now``'s progress callback: when each push chunk and pull page was done."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.seen: list[tuple[str, int, float]] = []

    def __call__(self, phase: str, done: int, _total: int) -> None:
        self.seen.append((phase, done, time.perf_counter()))

    def push_seconds(self) -> float:
        return max(t for phase, _, t in self.seen if phase == "push") - self.start

    def push_chunks(self) -> list[float]:
        times = [t for phase, _, t in self.seen if phase == "push"]
        return [b - a for a, b in zip(times, times[1:], strict=False)]

    def pulled(self) -> int:
        return max((done for phase, done, _ in self.seen if phase == "pull"), default=0)


class WaitTransport(httpx.HTTPTransport):
    """An HTTP transport that adds up the time spent waiting for the registry (request sent until
    the whole answer is read): the rest of a sync is the station's own work."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds, self.requests = 0.0, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start = time.perf_counter()
        response = super().handle_request(request)
        response.read()
        self.seconds += time.perf_counter() - start
        self.requests += 1
        return response


# ---------------------------------------------------------------------------------------------
# 1. push 10k, against COPY


def copy_seconds(setup: Setup, chunk: int | None = None) -> tuple[float, int]:
    """Median seconds of COPYing the registry's rows into an empty table of the same shape (a
    database of its own in the same cluster), connection already open: in one transaction, or in
    one transaction per ``chunk`` rows (as a push stores them)."""
    with setup.registry.engine.connect() as conn:
        rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in conn.execute(
            select(*(tables.change.c[c] for c in CHANGE_COLUMNS)).order_by(tables.change.c.seq))]
    name = setup.server.create_database("copy")
    engine = create_engine(setup.server.url(name))
    try:
        shape = MetaData()
        tables.change.to_metadata(shape)
        shape.create_all(engine)  # the same columns, sequence, unique id and entity_id index
    finally:
        engine.dispose()
    statement = sql.SQL("COPY change ({}) FROM STDIN").format(sql.SQL(", ").join(map(sql.Identifier, CHANGE_COLUMNS)))
    step = chunk or len(rows)
    seconds = []
    try:
        with setup.server.connect(name) as conn:
            for _ in range(COPY_ROUNDS):
                conn.execute("TRUNCATE change RESTART IDENTITY")
                conn.commit()
                start = time.perf_counter()
                for first in range(0, len(rows), step):
                    with conn.cursor() as cur, cur.copy(statement) as copy:
                        for row in rows[first:first + step]:
                            copy.write_row(row)
                    conn.commit()
                seconds.append(time.perf_counter() - start)
                copied = conn.execute("SELECT count(*) FROM change").fetchone()
                assert copied is not None and copied[0] == len(rows), "COPY did not write every row"
    finally:
        setup.server.drop_database(name)
    return statistics.median(seconds), len(rows)


def bench_push(setup: Setup, families: int) -> tuple[list[Any], int]:
    session = setup.sign_in(PUSHER)
    count = pending(session)
    harness.log(f"sync: pushing {count:,} change records of {families} families")
    cpu = CpuMeter(setup.process, setup.postmaster())
    cpu.start()
    ticks, wait = Ticks(), WaitTransport()
    answer = services.sync_now(session=session, progress=ticks, transport=wait)
    whole = time.perf_counter() - ticks.start
    used = cpu.read()
    push = ticks.push_seconds()
    assert answer["pushed"] == count and answer["pending"] == 0, f"push left records behind: {answer}"
    assert setup.registry_changes() == count, "the registry does not hold every pushed record"
    copy, rows = copy_seconds(setup)
    chunked, _ = copy_seconds(setup, protocol.CHUNK_CHANGES)
    ratio = copy / push
    chunks = ticks.push_chunks()
    scale = "" if count >= GOAL_RECORDS else f" (the goals are set at {GOAL_RECORDS:,} records)"
    return [
        harness.Figure(f"push {count:,} records, {families} families (sync_now)", push, "s", f"<= {PUSH_GOAL_S:g} s",
                       push <= PUSH_GOAL_S, note=f"{count / push:,.0f} records/s; {len(chunks)} requests of "
                       f"{protocol.CHUNK_CHANGES}, median {statistics.median(chunks) * 1000:.0f} ms each; "
                       f"whole sync_now {whole:.3f} s, of which {wait.seconds:.3f} s waiting for the registry "
                       f"({wait.requests} HTTP requests){scale}; registry CPU {used['registry']:.2f} s "
                       f"({used['registry'] / count * GOAL_RECORDS:.2f} s per {GOAL_RECORDS:,} records), PostgreSQL "
                       f"{used['postgres']:.2f} s, other processes {used['others']:.2f} s"),
        harness.Figure(f"  COPY of the same {rows:,} rows (psycopg, median of {COPY_ROUNDS})", copy, "s",
                       note=f"{rows / copy:,.0f} rows/s, one transaction"),
        harness.Figure(f"  COPY in transactions of {protocol.CHUNK_CHANGES} rows", chunked, "s",
                       note=f"{rows / chunked:,.0f} rows/s (information: the cost of the push's chunking alone)"),
        harness.Figure("  ratio COPY s / push s", ratio, "x", f">= {COPY_RATIO_GOAL:g}", ratio >= COPY_RATIO_GOAL,
                       note=f"push takes {push / copy:.1f}x as long as COPY (goal <= {1 / COPY_RATIO_GOAL:.1f}x)"),
    ], count


# ---------------------------------------------------------------------------------------------
# 2. pull into a fresh station by following scanned band payloads


def bench_pull(setup: Setup, payloads: list[str], expected: int) -> list[Any]:
    """A fresh station follows one band of each family by its signed QR payload (as a scan would),
    ``FOLLOW_BATCH`` payloads per ``sync_now(follow=...)``; the history of each unit it now holds
    arrives through its pulls (``backfill`` pages, then the pages after its cursor)."""
    session = setup.sign_in(PULLER)
    own = held_changes(session)
    batches = [payloads[i:i + FOLLOW_BATCH] for i in range(0, len(payloads), FOLLOW_BATCH)]
    harness.log(f"sync: a fresh station follows {len(payloads)} scanned band payloads in {len(batches)} batches")
    applied, received, followed, problems = 0, 0, 0, []
    wait = WaitTransport()
    start = time.perf_counter()
    for batch in batches:
        ticks = Ticks()
        answer = services.sync_now(session=session, follow=batch, progress=ticks, transport=wait)
        applied += answer["pulled"]
        received += ticks.pulled()  # records in the pull answers, applied or not
        followed += len(answer["followed"])
        problems += answer["follow_errors"] + answer["unknown_bands"]
        if answer["follows_waiting"] or answer["quarantined"]:
            problems.append(f"{answer['follows_waiting']} follows still waiting, {answer['quarantined']} records set "
                            "aside")
    seconds = time.perf_counter() - start
    held = held_changes(session) - own
    assert not problems and followed == len(payloads), \
        f"followed {followed} of {len(payloads)}: {'; '.join(map(str, problems[:3]))}"
    assert held == expected == applied, f"pulled {applied}, holds {held} of {expected}"
    again = received - applied
    return [
        harness.Figure(f"pull {expected:,} records into a fresh station", seconds, "s",
                       note=f"sync_now(follow=payloads) x {len(batches)}, up to {FOLLOW_BATCH} scanned payloads "
                       f"each; {wait.seconds:.3f} s waiting for the registry ({wait.requests} HTTP requests)"),
        harness.Figure("  pull rate", expected / seconds, "records/s",
                       note=f"the pulls sent {again:,} records again" if again else ""),
    ]


# ---------------------------------------------------------------------------------------------
# 3. 50 stations pushing at once


class CpuMeter:
    """CPU seconds (user + system) used since ``start()``: by the registry's processes (``kinlink
    registry serve`` and its uvicorn workers, the whole process tree; of it, system time alone), by
    PostgreSQL's (the postmaster and its backends), by this process (the stations' threads), by the
    whole machine (psutil; steal and I/O wait not counted) and so by other processes (the machine less
    those: another program running meanwhile makes the figures unreliable). Processes that started
    meanwhile count from zero; one that ended meanwhile is not counted (none should: the workers live
    as long as the registry, and PostgreSQL's backends as long as the registry's pooled connections)."""

    def __init__(self, registry: RunningRegistry, postmaster: int | None) -> None:
        assert registry.process is not None
        self.roots = {"registry": registry.process.pid, "postgres": postmaster}
        self.begin: dict[str, dict[int, tuple[float, float]]] = {}
        self.machine = (0.0, 0.0)

    def _trees(self) -> dict[str, dict[int, tuple[float, float]]]:
        """Per process tree, (user + system, system) seconds of each of its processes so far; under
        the key 0, what the tree's processes that have ended used (their parent's ``children`` times:
        PostgreSQL ends the backend of each connection the registry's pool closes)."""
        found: dict[str, dict[int, tuple[float, float]]] = {}
        for name, pid in self.roots.items():
            found[name] = {}
            if pid is None:
                continue
            try:
                root = psutil.Process(pid)
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue
            ended = [0.0, 0.0]
            for proc in tree:
                try:
                    used = proc.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                found[name][proc.pid] = (used.user + used.system, used.system)
                ended[0] += used.children_user + used.children_system
                ended[1] += used.children_system
            found[name][0] = (ended[0], ended[1])
        mine = psutil.Process().cpu_times()
        found["stations"] = {os.getpid(): (mine.user + mine.system, mine.system)}
        return found

    @staticmethod
    def _busy() -> tuple[float, float]:
        """The whole machine's busy seconds, and of them the kernel's interrupt handling (loopback
        TCP's packets among it), which no process is charged with."""
        times = psutil.cpu_times()  # user includes guest time; steal is the hypervisor's, not ours
        interrupts = float(getattr(times, "irq", 0.0) + getattr(times, "softirq", 0.0))
        return float(times.user + times.nice + times.system) + interrupts, interrupts

    def start(self) -> None:
        self.begin, self.machine = self._trees(), self._busy()

    def read(self) -> dict[str, float]:
        end, busy = self._trees(), self._busy()

        def spent(name: str, part: int) -> float:
            before = self.begin.get(name, {})
            gone = sum(used[part] for pid, used in before.items() if pid and pid not in end[name])
            return sum(now[part] - before.get(pid, (0.0, 0.0))[part] for pid, now in end[name].items()) - gone

        used = {name: spent(name, 0) for name in end}
        used["registry system"] = spent("registry", 1)
        used["machine"] = busy[0] - self.machine[0]
        used["interrupts"] = busy[1] - self.machine[1]
        used["others"] = max(0.0, used["machine"] - used["interrupts"] - used["registry"] - used["postgres"]
                             - used["stations"])
        used["registry processes"] = len(end["registry"]) - 1
        return used

    def note(self, used: dict[str, float], seconds: float) -> str:
        return (f"CPU seconds used meanwhile: registry {used['registry']:.2f} ({used['registry processes']:.0f} "
                f"processes; {used['registry system']:.2f} of it system), PostgreSQL {used['postgres']:.2f}, "
                f"stations (this process) {used['stations']:.2f}, kernel interrupts {used['interrupts']:.2f}, "
                f"other processes {used['others']:.2f}; whole machine {used['machine']:.2f} of "
                f"{seconds * (os.cpu_count() or 1):.2f} available")

    def registry_workers(self) -> list[int]:
        """The registry's uvicorn worker processes (without the supervisor, idle while they serve, and
        multiprocessing's resource tracker); the registry itself when it runs in one process."""
        pids = sorted(pid for pid in self._trees()["registry"] if pid)
        workers = []
        for pid in pids:
            try:
                if "spawn_main" in " ".join(psutil.Process(pid).cmdline()):
                    workers.append(pid)
            except psutil.NoSuchProcess:
                continue
        return workers or pids[:1]


class Sampler:
    """py-spy (``record --nonblocking``, Python stacks of every thread that is not idle) attached to
    each of the registry's worker processes for the burst; its samples (``--format raw``, one file per
    process in ``out``) are broken down by ``tests.bench.profile_sync``. ``--sync-profile DIR`` turns
    it on; py-spy is not in the lock file: ``pip install py-spy``, or have it on PATH."""

    def __init__(self, out: Path, pids: list[int]) -> None:
        self.out = out
        self.out.mkdir(parents=True, exist_ok=True)
        self.pids = pids
        self.exe = py_spy()
        self.procs: list[subprocess.Popen[bytes]] = []
        self.files = [self.out / f"burst-{pid}.txt" for pid in self.pids]

    def start(self) -> None:
        for pid, out in zip(self.pids, self.files, strict=True):
            with open(out.with_suffix(".log"), "wb") as log:
                self.procs.append(subprocess.Popen([self.exe, "record", "--pid", str(pid), "--rate", str(PROFILE_RATE),
                                                    "--nonblocking", "--format", "raw", "--output", str(out)],
                                                   stdout=log, stderr=log))
        time.sleep(1.0)  # attached by then (it says nothing when not writing to a terminal)
        for proc, out in zip(self.procs, self.files, strict=True):
            if proc.poll() is not None:
                raise RuntimeError(f"py-spy could not attach: {out.with_suffix('.log').read_text().strip()}")

    def stop(self) -> None:
        for proc in self.procs:
            proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
        harness.log(f"sync: py-spy samples of the burst in {', '.join(map(str, self.files))}")

    def figures(self, records: int, cpu_seconds: float) -> list[Any]:
        from . import profile_sync

        stacks = profile_sync.read(self.files)
        parts = profile_sync.breakdown(stacks)
        parts.pop(profile_sync.WAITING, None)
        table = profile_sync.table(stacks, cpu_seconds, records)
        (self.out / "breakdown.txt").write_text(table + "\n")
        harness.log(f"sync: the registry's CPU in the burst by part (py-spy, {PROFILE_RATE}/s):\n{table}")
        total = sum(parts.values()) or 1
        per = cpu_seconds / records * GOAL_RECORDS if records else 0.0
        return [harness.Figure(f"    {name}", share / total * per, "s", note=f"{100 * share / total:.1f} % of the "
                               f"CPU samples (py-spy), s per {GOAL_RECORDS:,} records")
                for name, share in sorted(parts.items(), key=lambda item: -item[1])]


def py_spy() -> str:
    beside = Path(sys.executable).parent / "py-spy"  # installed in the venv
    found = shutil.which("py-spy") or (str(beside) if beside.exists() else None)
    if found is None:
        raise RuntimeError("--sync-profile needs py-spy (not in the lock file): pip install py-spy, or put it on PATH")
    return found


class TimedClient(sync_client.RegistryClient):
    """A station's registry client that notes how long each push call takes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latencies: list[float] = []

    def call(self, method: str, path: str, payload: Any = None) -> Any:
        if not path.endswith("/push"):
            return super().call(method, path, payload)
        start = time.perf_counter()
        answer = super().call(method, path, payload)
        self.latencies.append(time.perf_counter() - start)
        return answer


def bench_burst(setup: Setup, names: list[str], profile: Path | None = None) -> list[Any]:
    made: list[tuple[services.Session, TimedClient]] = []
    for name in names:
        session = setup.sign_in(name)
        with session.engine.connect() as conn:
            state = station_sync.enrolment(conn)
        assert state is not None
        made.append((session, TimedClient(state["registry_url"], session.identity, bytes(state["registry_key"]))))
    counts = [pending(s) for s, _ in made]
    total = sum(counts)
    before = setup.registry_changes()
    harness.log(f"sync: {len(made)} stations push {counts[0]} records each at once")
    barrier = threading.Barrier(len(made) + 1)
    errors: list[str] = []

    def push(session: services.Session, client: TimedClient) -> None:
        try:
            barrier.wait()
        except threading.BrokenBarrierError:  # the burst did not start (see the main thread's error)
            return
        try:  # the station's own push step: outbox chunks, signed push, acknowledgements stored
            sync_engine._push(session.engine, client, sync_engine.Report(), lambda *_: None)
        except Exception as exc:  # every failure is counted, and the first one shown
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=push, args=pair, name=f"burst-{n}") for n, pair in enumerate(made)]
    for thread in threads:
        thread.start()
    sampler: Sampler | None = None
    try:
        try:
            cpu = CpuMeter(setup.process, setup.postmaster())
            if profile is not None:
                sampler = Sampler(profile, cpu.registry_workers())
                sampler.start()
            cpu.start()  # the registry is idle until the barrier lets the stations go
        except BaseException:
            barrier.abort()  # the stations' threads end without pushing
            raise
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - start
        used = cpu.read()
    finally:
        if sampler is not None:
            sampler.stop()
        for _, client in made:
            client.close()
    latencies = [t for _, client in made for t in client.latencies]
    left = sum(pending(s) for s, _ in made)
    stored = setup.registry_changes() - before
    if left or stored != total:
        errors.append(f"{left} records still pending; the registry stored {stored} of {total}")
    p50 = harness.percentile(latencies, 50) if latencies else None
    p99 = harness.percentile(latencies, 99) if latencies else None
    shown = f"first: {errors[0][:160]}" if errors else ""
    scale = "" if len(made) >= GOAL_STATIONS else f" (the goal is set at {GOAL_STATIONS} stations)"
    per_10k = used["registry"] / stored * GOAL_RECORDS if stored else None
    figures = [
        harness.Figure(f"{len(made)} stations x {counts[0]} records pushed at once", total / seconds, "records/s",
                       note=f"{total:,} records in {seconds:.3f} s, {len(latencies)} push requests; "
                       + cpu.note(used, seconds)),
        harness.Figure("  push request latency p50", p50, "s", note="nonce + signed push + answer check"),
        harness.Figure("  push request latency p99", p99, "s", f"<= {BURST_P99_GOAL_S:g} s",
                       p99 is not None and p99 <= BURST_P99_GOAL_S,
                       note=f"max {max(latencies, default=0):.3f} s{scale}"),
        harness.Figure(f"  registry CPU per {GOAL_RECORDS:,} pushed records", per_10k, "s",
                       f"<= {REGISTRY_CPU_GOAL_S:g} s", per_10k is not None and per_10k <= REGISTRY_CPU_GOAL_S,
                       note=f"user + system of the registry's processes during the burst, {used['registry']:.2f} s "
                       f"for {stored:,} records ({used['registry'] / stored * 1e6 if stored else 0:.0f} us each); "
                       f"PostgreSQL {used['postgres'] / stored * GOAL_RECORDS if stored else 0:.2f} s per "
                       f"{GOAL_RECORDS:,}" + (" (measured with py-spy attached)" if profile else "")),
        harness.Figure("  errors", len(errors), "count", "0", not errors, note=shown),
    ]
    if sampler is not None:
        figures += sampler.figures(stored, used["registry"])
    return figures


# ---------------------------------------------------------------------------------------------


def figures(work: Path, stream: Callable[[str], random.Random], *, families: int = 1000, stations: int = 50,
            per_station: int = 20, workers: int = 2, profile: Path | None = None) -> list[Any]:
    """The bench table's rows (``tests.bench.run.Figure``). ``per_station`` families make 200 records.
    ``profile``: a directory for py-spy's samples of the registry during the burst (and their breakdown)."""
    root = work / "sync"
    root.mkdir()
    out: list[Any] = []
    with running(root, workers) as setup:
        version = server_version(setup.server)
        harness.log(f"sync: PostgreSQL {version} on 127.0.0.1:{setup.server.port}, registry at {setup.process.url} "
                    f"({workers} process{'es' if workers > 1 else ''})")
        burst = [f"burst-{n:02d}" for n in range(stations)]
        harness.log(f"sync: making {stations + 2} enrolled stations on 2 processes, {families} families on one and "
                    f"{per_station} on each of {stations} (not measured)")
        start = time.perf_counter()
        payloads = setup.build(stream("sync"), {PUSHER: families, PULLER: 0} | dict.fromkeys(burst, per_station))
        harness.log(f"sync: stations made in {time.perf_counter() - start:.1f} s")
        load = os.getloadavg()[0]
        pushed, count = bench_push(setup, families)
        pushed[0].note += (f"; PostgreSQL {version}; registry serve --workers {workers}; 1-min load average "
                           f"{load:.1f} at the start")
        out += pushed
        out += bench_pull(setup, payloads[PUSHER], count)
        out += bench_burst(setup, burst, profile)
    return out
