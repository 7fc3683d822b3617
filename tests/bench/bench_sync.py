"""Sync benchmarks: stations and a real registry process over a real PostgreSQL (``--only sync``).

Everything is started here and torn down at the end, without pytest: a throwaway PostgreSQL
cluster (``initdb`` + ``pg_ctl start`` through ``tests/tools/pg_ctl``, which runs the server as the
``postgres`` user when we are root) in the work directory on a free port of 127.0.0.1, with
PostgreSQL's default durability (fsync and synchronous commit on, as a real registry runs); and
``kinlink registry serve --database-url ... --port ... --workers N`` (uvicorn; N = one per core
unless ``--sync-workers`` says otherwise, as docs/registry.md advises) on 127.0.0.1.
Stations are real encrypted stores made with ``services.init_station`` and enrolled with
``services.enroll_station``; their change records come from ``services.register_family`` with
invented small families (``data.small_family_document``: one adult and one child make 9 records,
one adult and two children 13; three of every four families have one child, so 1,000 families
make exactly 10,000 records and 20 families 200). The stations are made on 2 worker processes
before anything is measured (about a minute); the measurements run in this process.

Figures:

1. push: one station pushes 10,000 records with ``services.sync_now``: its push phase, from the
   call until the last chunk's acknowledgement is stored (read from the progress callback); the
   note splits off the time spent waiting for the registry (HTTP requests sent until the answer is
   read). Against it, the same rows (id, station, entity, entity_id, hlc, body, signature,
   received_at, read back from the registry) written with raw psycopg ``COPY`` into an empty
   table of the registry's ``change`` shape (same sequence, unique id and index) in another
   database of the same cluster, one transaction, connection open, median of 3. The ratio is
   COPY seconds / push seconds (1.0: push as fast as COPY): goal >= 0.3, i.e. push at most ~3.3x
   COPY; and push <= 3 s.
2. pull: a fresh enrolled station that registered nothing follows one band number of each of the
   1,000 families with ``services.sync_now(follow=...)`` in batches of 100 band numbers (the most
   the registry takes at once): seconds and records per second (information, no goal).
3. burst: 50 more stations, each with 200 pending records (one push request), push at once from
   50 threads of this process (each its own store and ``RegistryClient``, released together by a
   barrier; the station's own push step, ``sync.client._push``). Throughput is records over the
   wall time from the release until the last thread is done; latency is each push call as the
   station sees it (nonce request + signed push + checking the signed answer). Goals: no errors
   (a failed request, a record left pending or not stored), p99 <= 1 s.

``scripts/bench --only sync`` runs it (about 2 minutes); ``--sync-families`` and ``--sync-stations``
change the sizes.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from psycopg import sql
from sqlalchemy import MetaData, create_engine, func, select

from app import services
from app.store import schema
from app.store import syncing as station_sync
from sync import client as sync_client
from sync import protocol
from sync.registry import tables
from sync.registry.store import Registry, open_registry
from tests.pgcluster import INSTALL_HINT, PG_CTL, PgServer, pg_bindir
from tests.syncing import RunningRegistry, free_port

from . import data
from . import run as harness

PUSH_GOAL_S = 3.0
COPY_RATIO_GOAL = 0.3  # COPY seconds / push seconds
BURST_P99_GOAL_S = 1.0
GOAL_RECORDS, GOAL_STATIONS = 10_000, 50  # the sizes the goals are set at
COPY_ROUNDS = 3
FOLLOW_BATCH = 100  # the registry takes at most 100 band numbers per follow
PUSHER, PULLER = "push-station", "pull-station"
CHANGE_COLUMNS = ("id", "station", "entity", "entity_id", "hlc", "body", "signature", "received_at")


# ---------------------------------------------------------------------------------------------
# a throwaway PostgreSQL cluster and the registry process


@contextmanager
def pg_cluster(root: Path, options: str = "") -> Iterator[PgServer]:
    """initdb + pg_ctl start in ``root`` (through tests/tools/pg_ctl), TCP on 127.0.0.1 only, trust
    authentication for ``postgres``, ``options`` for the server (``-c name=value ...``); stopped (fast)
    at the end. ``root`` is removed with the work dir."""
    if pg_bindir() is None:
        raise RuntimeError(f"PostgreSQL server binaries (pg_ctl, initdb, postgres) not found: {INSTALL_HINT}")
    root.mkdir()
    datadir, logfile, port = root / "data", root / "server.log", free_port()

    def pg_ctl(*args: str, timeout: float = 120) -> None:
        done = subprocess.run([str(PG_CTL), *args], capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()
            if logfile.exists():
                detail += "\n" + logfile.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl {args[0]} failed ({done.returncode}): {detail}")

    pg_ctl("initdb", "-s", "-D", str(datadir), "-o", "--username=postgres --auth=trust --encoding=UTF8 --no-sync")
    try:
        pg_ctl("start", "-s", "-w", "-t", "60", "-D", str(datadir), "-l", str(logfile),
               "-o", f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' {options}".rstrip())
        yield PgServer(host="127.0.0.1", port=port, user="postgres")
    finally:
        if (datadir / "postmaster.pid").exists():  # also after a start that failed half-way
            try:
                pg_ctl("stop", "-s", "-w", "-m", "fast", "-D", str(datadir), timeout=60)
            except (RuntimeError, subprocess.SubprocessError) as exc:
                harness.log(f"sync: stopping the PostgreSQL cluster failed: {exc}")


def build_station(data_dir: Path, url: str, code: str, families: int, seed: int) -> list[str]:
    """A station (fast key slots) enrolled with the registry at ``url`` with ``code``, with ``families``
    registered; one band number of each. Runs in a worker process: setting up is not measured."""
    harness.new_station(data_dir, harness.FAST_KDF)
    admin = services.sign_in(data_dir=data_dir, user=harness.ADMIN, passphrase=harness.PASSPHRASE)
    try:
        services.enroll_station(session=admin, url=url, code=code)
    finally:
        admin.close()
    agent = harness.sign_in(data_dir)
    try:
        return register(agent, random.Random(seed), families)
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
        their band numbers by name."""
        jobs = sorted(plan.items(), key=lambda item: -item[1])
        codes = {name: self.registry.new_enrollment_code()["code"] for name, _ in jobs}
        bands: dict[str, list[str]] = {}
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(build_station, self.work / name, self.process.url, codes[name], families,
                                   rng.getrandbits(64)): name for name, families in jobs}
            for future in as_completed(futures):
                bands[futures[future]] = future.result()
                if len(bands) % 10 == 0 or len(bands) == len(jobs):
                    harness.log(f"sync: {len(bands)} of {len(jobs)} stations made")
        return bands

    def sign_in(self, name: str) -> services.Session:
        session = harness.sign_in(self.work / name)
        self.sessions.append(session)
        return session

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
        process = RunningRegistry(url, home, port=free_port(), workers=workers)
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
    ticks, wait = Ticks(), WaitTransport()
    answer = services.sync_now(session=session, progress=ticks, transport=wait)
    whole = time.perf_counter() - ticks.start
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
                       f"({wait.requests} HTTP requests){scale}"),
        harness.Figure(f"  COPY of the same {rows:,} rows (psycopg, median of {COPY_ROUNDS})", copy, "s",
                       note=f"{rows / copy:,.0f} rows/s, one transaction"),
        harness.Figure(f"  COPY in transactions of {protocol.CHUNK_CHANGES} rows", chunked, "s",
                       note=f"{rows / chunked:,.0f} rows/s (information: the cost of the push's chunking alone)"),
        harness.Figure("  ratio COPY s / push s", ratio, "x", f">= {COPY_RATIO_GOAL:g}", ratio >= COPY_RATIO_GOAL,
                       note=f"push takes {push / copy:.1f}x as long as COPY (goal <= {1 / COPY_RATIO_GOAL:.1f}x)"),
    ], count


# ---------------------------------------------------------------------------------------------
# 2. pull into a fresh station by following band numbers


def bench_pull(setup: Setup, bands: list[str], expected: int) -> list[Any]:
    session = setup.sign_in(PULLER)
    own = held_changes(session)
    batches = [bands[i:i + FOLLOW_BATCH] for i in range(0, len(bands), FOLLOW_BATCH)]
    harness.log(f"sync: a fresh station follows {len(bands)} band numbers in {len(batches)} batches")
    applied, again, unknown = 0, 0, 0
    wait = WaitTransport()
    start = time.perf_counter()
    for batch in batches:
        ticks = Ticks()
        answer = services.sync_now(session=session, follow=batch, progress=ticks, transport=wait)
        applied += answer["pulled"]
        again += ticks.pulled()  # the follow answer is not counted by the progress callback
        unknown += len(answer["unknown_bands"])
    seconds = time.perf_counter() - start
    held = held_changes(session) - own
    assert unknown == 0 and held == expected == applied, f"pulled {applied}, holds {held} of {expected}"
    return [
        harness.Figure(f"pull {expected:,} records into a fresh station", seconds, "s",
                       note=f"sync_now(follow=...) x {len(batches)}, up to {FOLLOW_BATCH} band numbers each; "
                       f"{wait.seconds:.3f} s waiting for the registry ({wait.requests} HTTP requests)"),
        harness.Figure("  pull rate", expected / seconds, "records/s",
                       note=f"the pulls after the follows sent {again:,} of them again" if again else ""),
    ]


# ---------------------------------------------------------------------------------------------
# 3. 50 stations pushing at once


class CpuMeter:
    """CPU seconds used since it was made: by the registry process, by this process (the stations'
    threads) and by the whole machine (/proc/stat: PostgreSQL's processes too)."""

    def __init__(self, registry: RunningRegistry) -> None:
        assert registry.process is not None
        self.pid = registry.process.pid
        self.start = self._now()

    def _now(self) -> dict[str, float]:
        tick = os.sysconf("SC_CLK_TCK")
        stats = {}
        for entry in Path("/proc").iterdir():
            try:
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (ValueError, OSError):
                continue
        tree = {self.pid}
        while True:
            more = {pid for pid, stat in stats.items() if int(stat[1]) in tree} - tree
            if not more:
                break
            tree |= more
        registry = sum(int(stats[pid][11]) + int(stats[pid][12]) for pid in tree if pid in stats)
        machine = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        busy = sum(int(v) for v in machine[:8]) - int(machine[3]) - int(machine[4])  # all but idle and iowait
        return {"registry": registry / tick, "stations": time.process_time(),
                "machine": busy / tick}

    def read(self) -> dict[str, float]:
        end = self._now()
        return {k: end[k] - self.start[k] for k in end}


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


def bench_burst(setup: Setup, names: list[str]) -> list[Any]:
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
        barrier.wait()
        try:  # the station's own push step: outbox chunks, signed push, acknowledgements stored
            sync_client._push(session.engine, client, sync_client.Report(), lambda *_: None)
        except Exception as exc:  # every failure is counted, and the first one shown
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=push, args=pair, name=f"burst-{n}") for n, pair in enumerate(made)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait()
        start, cpu = time.perf_counter(), CpuMeter(setup.process)
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - start
        used = cpu.read()
    finally:
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
    return [
        harness.Figure(f"{len(made)} stations x {counts[0]} records pushed at once", total / seconds, "records/s",
                       note=f"{total:,} records in {seconds:.3f} s, {len(latencies)} push requests; CPU seconds "
                       f"used meanwhile: registry process {used['registry']:.2f}, stations (this process) "
                       f"{used['stations']:.2f}, whole machine {used['machine']:.2f} of "
                       f"{seconds * (os.cpu_count() or 1):.2f} available"),
        harness.Figure("  push request latency p50", p50, "s", note="nonce + signed push + answer check"),
        harness.Figure("  push request latency p99", p99, "s", f"<= {BURST_P99_GOAL_S:g} s",
                       p99 is not None and p99 <= BURST_P99_GOAL_S,
                       note=f"max {max(latencies, default=0):.3f} s{scale}"),
        harness.Figure("  errors", len(errors), "count", "0", not errors, note=shown),
    ]


# ---------------------------------------------------------------------------------------------


def figures(work: Path, stream: Callable[[str], random.Random], *, families: int = 1000, stations: int = 50,
            per_station: int = 20, workers: int = 2) -> list[Any]:
    """The bench table's rows (``tests.bench.run.Figure``). ``per_station`` families make 200 records."""
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
        bands = setup.build(stream("sync"), {PUSHER: families, PULLER: 0} | dict.fromkeys(burst, per_station))
        harness.log(f"sync: stations made in {time.perf_counter() - start:.1f} s")
        load = os.getloadavg()[0]
        pushed, count = bench_push(setup, families)
        pushed[0].note += (f"; PostgreSQL {version}; registry serve --workers {workers}; 1-min load average "
                           f"{load:.1f} at the start")
        out += pushed
        out += bench_pull(setup, bands[PUSHER], count)
        out += bench_burst(setup, burst)
    return out
