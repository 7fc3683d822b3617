"""Kinlink benchmarks: ``scripts/bench`` (or ``.venv/bin/python -m tests.bench.run``) [options].

Figures, each against its goal:

- registration throughput through ``services.register_family`` on the encrypted store, and the same
  code on plain SQLite (``open_engine`` patched to ``plain=True`` in this process, see
  ``plain_sqlite``): the ratio encrypted / plain, goal >= 0.85. Blocks of 10 families alternate between the two stores.
- band number -> person lookup (``queries.person_for_band``, one read transaction per lookup on a
  freshly signed-in session, cold page cache) at 100k and 1M people: p50 / p95, goal p95 <= 5 ms.
- accent-insensitive name search (``queries.search_people``) at 100k people: p95 <= 50 ms, over
  queries without accents in lower case, in reverse word order, by word prefixes, and family names
  as written; and its ranking: a person's name typed again (no accents, words reordered, a family
  name left out) finds that person first in >= 95 % of queries.
- the duplicate check (``tests/bench/bench_duplicates.py``) at 100k people: p95 <= 100 ms, and how
  often a person written again (a second given name dropped, typos in the first letters, ...) is found.
- open + unlock (``services.sign_in`` with the real default ``KdfParams()``, key derivation
  included) on an existing store: median of 5, goal <= 0.6 s; and the key unwrap alone against the
  design's floor for the key derivation (>= 0.25 s).
- the desk at 3 a.m. (``tests/bench/bench_intake_keys.py``): the keys an agent presses to register the
  README's example family in the real main window and print its bands to a PDF, by step (goal: a
  third fewer than the first measurement), and the app's own seconds (goal <= 90 s), median of 3 runs.
- bands (``tests/bench/bench_bands.py``): zxing-cpp decode rates per layout, dpi and degradation
  (``--payloads`` each), one band drawn and encoded (goal <= 20 ms), a family of 6 to PDF
  (goal <= 300 ms), and the QR matrix with segno against qrcode.
- sync (``tests/bench/bench_sync.py``): a throwaway PostgreSQL cluster and a real registry process;
  one station pushes 10k change records (goal <= 3 s, and COPY seconds / push seconds >= 0.3 for the
  same rows written with raw psycopg COPY), a fresh station pulls them by following a scanned band
  payload of each family, and 50 stations push 200 records each at once (throughput, p50 / p99 push
  latency, goal p99 <= 1 s, no errors, and the registry's CPU seconds per 10,000 pushed records
  <= 1.0 s; ``--sync-profile DIR`` breaks that CPU down with py-spy).
- reunification (``tests/bench/bench_reunification.py``): the station's board at 10,000 held families
  (1,000 with --quick), 3 % of them with a separated child: p95 <= 100 ms; the registry's board at
  100,000 families (10,000 with --quick) with 3,000 separated children on PostgreSQL: p95 <= 1 s for the
  whole board, <= 50 ms for one child's row.
- package (``tests/bench/bench_package.py``): the Debian package built by ``scripts/package`` (or ``--deb FILE``)
  and extracted: its sizes beside the checkout's .venv (no goal), and the start to the sign-in window on a
  virtual X display of the bundle and of ``.venv/bin/kinlink``, 7 each alternating, warm and page cache
  dropped: goal the bundle's median <= 1.10 x the checkout's.

The big stores are built by ``tests.bench.data.bulk_load``: rows written directly with executemany
in one transaction, not through the services; only the lookups and searches are measured.
Results go to stdout and to bench-results/latest.txt.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from app import services
from app.domain import bandnumber
from app.store import engine as store_engine
from app.store import keyslots, paths, queries

from . import data

ROOT = Path(__file__).resolve().parents[2]
FAST_KDF = keyslots.KdfParams(iterations=1, memory_kib=64, lanes=1)  # stores whose unlock is not measured
ADMIN, AGENT = "admin", "agent"
PASSPHRASE = "bench passphrase 1"
GROUPS = ("register", "lookup", "search", "duplicates", "unlock", "ui", "intake", "bands", "sync", "reunification",
          "package")

REGISTRATION_RATIO_GOAL = 0.85
LOOKUP_P95_GOAL_MS = 5.0
UNLOCK_GOAL_S = 0.6
KDF_FLOOR_S = 0.25  # docs/design.md security defaults: a passphrase KDF of at least 0.25 s on this machine


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    goal: str = ""  # empty: a figure for information, with no goal of its own
    ok: bool | None = None
    note: str = ""

    def cells(self) -> tuple[str, str, str, str]:
        if self.value is None:
            value = "-"
        elif self.unit == "ms":
            value = f"{self.value:.2f} ms"
        elif self.unit == "s":
            value = f"{self.value:.3f} s"
        elif self.unit == "x":
            value = f"{self.value:.3f}"
        elif self.unit == "count":
            value = f"{self.value:.0f}"
        else:
            value = f"{self.value:.1f} {self.unit}".rstrip()
        result = "info" if self.ok is None and self.goal == "" else ("PASS" if self.ok else "MISS")
        if self.value is None:
            result = "skipped"
        return self.name, value, self.goal or "-", result + (f"  {self.note}" if self.note else "")


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


@contextmanager
def plain_sqlite() -> Iterator[None]:
    """Within the block, every engine the app opens is plain SQLite (the same code, no encryption)."""
    real = store_engine.open_engine

    def open_plain(path: Path, key: bytes | None, *, plain: bool = False) -> Any:
        return real(path, key, plain=True)

    store_engine.open_engine = open_plain
    try:
        yield
    finally:
        store_engine.open_engine = real


def new_station(data_dir: Path, kdf: keyslots.KdfParams) -> None:
    """A station with an admin and an agent whose key slots use ``kdf``."""
    services.init_station(data_dir=data_dir, station_name="Benchmark Station", admin=ADMIN,
                          passphrase=PASSPHRASE, kdf=kdf)
    admin = services.sign_in(data_dir=data_dir, user=ADMIN, passphrase=PASSPHRASE)
    try:
        services.add_user(session=admin, name=AGENT, role="agent", passphrase=PASSPHRASE, kdf=kdf)
    finally:
        admin.close()


def sign_in(data_dir: Path) -> services.Session:
    return services.sign_in(data_dir=data_dir, user=AGENT, passphrase=PASSPHRASE)


def occurred_at() -> str:
    return (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------
# registration throughput, encrypted vs plain


def bench_register(work: Path, rng: random.Random, families: int, block: int) -> list[Figure]:
    """The same documents registered on both stores, in alternating blocks of ``block`` families
    (ABBA order), so that a drift in this machine's speed falls on both alike."""
    enc_dir, plain_dir = work / "register-encrypted", work / "register-plain"
    new_station(enc_dir, FAST_KDF)
    with plain_sqlite():
        new_station(plain_dir, FAST_KDF)
        plain = sign_in(plain_dir)  # its engine stays plain after the block
    encrypted = sign_in(enc_dir)
    header = {d.name: paths.store_path(d).read_bytes()[:16] for d in (enc_dir, plain_dir)}
    assert header[plain_dir.name] == b"SQLite format 3\0", "the plain store should be plain SQLite"
    assert header[enc_dir.name] != b"SQLite format 3\0", "the encrypted store should not be readable"
    when = occurred_at()
    warm_up = [data.family_document(rng, when) for _ in range(5)]
    documents = [data.family_document(rng, when) for _ in range(families)]
    pairs: list[tuple[float, float]] = []  # (encrypted, plain) seconds per block
    try:
        for session in (encrypted, plain):  # statement caches, first pages, the WAL file
            for document in warm_up:
                services.register_family(session=session, document=document)
        for n, first in enumerate(range(0, families, block)):
            chunk = documents[first:first + block]
            seconds = {}
            order = [("encrypted", encrypted), ("plain", plain)]
            for name, session in order if n % 2 == 0 else order[::-1]:
                start = time.perf_counter()
                for document in chunk:
                    services.register_family(session=session, document=document)
                seconds[name] = time.perf_counter() - start
            pairs.append((seconds["encrypted"], seconds["plain"]))
            if (n + 1) % 10 == 0:
                log(f"registration: {first + len(chunk)} of {families} families on each store")
    finally:
        encrypted.close()
        plain.close()
    enc_rate = families / sum(e for e, _ in pairs)
    plain_rate = families / sum(p for _, p in pairs)
    ratio = enc_rate / plain_rate
    block_ratios = [p / e for e, p in pairs]
    spread = (f"blocks of {block}: median {statistics.median(block_ratios):.3f}, "
              f"p10-p90 {percentile(block_ratios, 10):.3f}-{percentile(block_ratios, 90):.3f}")
    return [
        Figure(f"registration, encrypted ({families} families)", enc_rate, "families/s",
               note=f"{1000 / enc_rate:.1f} ms each"),
        Figure(f"registration, plain SQLite ({families} families)", plain_rate, "families/s",
               note=f"{1000 / plain_rate:.1f} ms each"),
        Figure("registration ratio encrypted / plain", ratio, "x", f">= {REGISTRATION_RATIO_GOAL}",
               ratio >= REGISTRATION_RATIO_GOAL, note=spread),
    ]


# ---------------------------------------------------------------------------------------------
# band lookup at 100k and 1M people, name search at 100k people


def _timed(session: services.Session, items: list[str], run: Callable[[Any, str], Any],
           check: Callable[[Any], bool]) -> tuple[list[float], int]:
    """Milliseconds per item, each in its own read transaction on one connection; and the misses."""
    times, misses = [], 0
    with session.engine.connect() as conn:
        for item in items:
            start = time.perf_counter()
            with conn.begin():
                result = run(conn, item)
            times.append((time.perf_counter() - start) * 1000)
            misses += 0 if check(result) else 1
    return times, misses


def _lookups(data_dir: Path, rng: random.Random, bands: list[str], count: int, people: int) -> list[Figure]:
    numbers = [bandnumber.format_band_number(n) for n in rng.choices(bands, k=count)]  # the display form
    session = sign_in(data_dir)  # a fresh session: a cold page cache, as after unlocking
    try:
        times, misses = _timed(session, numbers, queries.person_for_band, lambda row: row is not None)
    finally:
        session.close()
    assert misses == 0, f"{misses} band numbers not found"
    label = _count_label(people)
    p95 = percentile(times, 95)
    return [
        Figure(f"band lookup p50 @ {label} people", percentile(times, 50), "ms"),
        Figure(f"band lookup p95 @ {label} people", p95, "ms", f"<= {LOOKUP_P95_GOAL_MS:g} ms",
               p95 <= LOOKUP_P95_GOAL_MS, note="" if people >= 1_000_000 else "(goal is set at 1M)"),
    ]


def bench_lookup_and_search(work: Path, stream: Callable[[str], random.Random], args: argparse.Namespace,
                            groups: set[str]) -> list[Figure]:
    data_dir = work / "big"
    new_station(data_dir, FAST_KDF)
    session = sign_in(data_dir)
    key, code = session.data_key, session.identity.code
    session.close()
    figures: list[Figure] = []

    def load(count: int) -> data.Loaded:
        engine = store_engine.open_engine(paths.store_path(data_dir), key)
        try:
            start = time.perf_counter()
            loaded = data.bulk_load(engine, code, stream(f"load {count}"), count)
            seconds = time.perf_counter() - start
        finally:
            engine.dispose()
        log(f"bulk-loaded {count:,} people in {seconds:.1f} s (not measured)")
        figures.append(Figure(f"  (bulk load of {_count_label(count)} people, direct)", seconds, "s"))
        return loaded

    base = load(args.people)
    bands = list(base.bands)
    if "lookup" in groups:
        figures += _lookups(data_dir, stream("lookup"), bands, args.lookups, args.people)
    if "search" in groups:
        from . import bench_search
        figures += bench_search.speed(data_dir, stream("search"), base.named, args.queries, args.people)
        figures += bench_search.ranking(data_dir, stream("search ranking"), base.named, args.queries, args.people)
    if "duplicates" in groups:
        from . import bench_duplicates
        figures += bench_duplicates.duplicates(data_dir, stream("duplicates"), base.named, args.duplicate_checks,
                                               args.people)
    if "lookup" in groups:
        big_label = _count_label(args.big)
        if args.quick or args.big <= args.people:
            figures += [Figure(f"band lookup p95 @ {big_label} people", None, "ms",
                               f"<= {LOOKUP_P95_GOAL_MS:g} ms", note="(--quick)")]
        else:
            more = load(args.big - args.people)
            bands += more.bands
            size = sum(p.stat().st_size for p in data_dir.iterdir()) / 1e6
            log(f"store with {args.big:,} people: {size:,.0f} MB on disk")
            figures += _lookups(data_dir, stream("lookup big"), bands, args.lookups, args.big)
    return figures


def _count_label(count: int) -> str:
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    if count % 1000 == 0:
        return f"{count // 1000}k"
    return f"{count:,}"


# ---------------------------------------------------------------------------------------------
# open + unlock with the real key derivation


def bench_unlock(work: Path, rng: random.Random, tries: int = 5) -> list[Figure]:
    data_dir = work / "unlock"
    real = keyslots.KdfParams()
    new_station(data_dir, real)
    slots = keyslots.load(paths.keyslot_path(data_dir))
    assert all(s.kdf == real for s in slots.slots), "the unlock figure needs the real default KDF cost"
    session = sign_in(data_dir)
    when = occurred_at()
    for _ in range(20):  # an existing store with some records, not an empty one
        services.register_family(session=session, document=data.family_document(rng, when))
    session.close()
    unlock, kdf = [], []
    for _ in range(tries):
        start = time.perf_counter()
        session = sign_in(data_dir)
        unlock.append(time.perf_counter() - start)
        session.close()
        start = time.perf_counter()
        keyslots.load(paths.keyslot_path(data_dir)).unwrap(AGENT, PASSPHRASE)
        kdf.append(time.perf_counter() - start)
    median = statistics.median(unlock)
    return [
        Figure(f"open + unlock, median of {tries}", median, "s", f"<= {UNLOCK_GOAL_S:g} s", median <= UNLOCK_GOAL_S,
               note=f"Argon2id {real.iterations} it, {real.memory_kib // 1024} MiB; max {max(unlock):.3f} s"),
        Figure("  of which key unwrap (Argon2id)", statistics.median(kdf), "s", f">= {KDF_FLOOR_S:g} s",
               statistics.median(kdf) >= KDF_FLOOR_S, note="docs/design.md: the KDF costs at least 0.25 s"),
    ]


# ---------------------------------------------------------------------------------------------


def bench_ui(work: Path, rng: random.Random, people: int) -> list[Figure]:
    """Cold start to the sign-in window; the wizard's steps and save on a store of ``people``."""
    from . import bench_ui as ui

    data_dir = work / "ui"
    new_station(data_dir, FAST_KDF)
    session = sign_in(data_dir)
    key, code = session.data_key, session.identity.code
    engine = store_engine.open_engine(paths.store_path(data_dir), key)
    try:
        data.bulk_load(engine, code, rng, people)
    finally:
        engine.dispose()
    starts = ui.cold_start(data_dir)
    median, worst = ui.summary(starts)
    figures = [Figure(f"cold start to the sign-in window, median of {len(starts)}", median, "s",
                      f"<= {ui.STARTUP_GOAL_S:g} s", median <= ui.STARTUP_GOAL_S, note=f"max {worst:.3f} s")]
    for step, values in ui.wizard_steps(session, data_dir).items():
        median, worst = ui.summary(values)
        goal = step != "save"
        figures.append(Figure(f"wizard {step} @ {_count_label(people)} people, median", median, "ms",
                              f"<= {ui.STEP_GOAL_MS:g} ms" if goal else "", median <= ui.STEP_GOAL_MS if goal else None,
                              note=f"max {worst:.1f} ms" + ("" if goal else " (on the worker; the UI stays live)")))
    session.close()
    return figures


def environment() -> str:
    conn = sqlcipher3.connect(":memory:")
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        conn.close()
    return (f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"SQLCipher {cipher} (SQLite {sqlite}), {platform.system()} {platform.release()}")


def table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "goal", "result"), *(f.cells() for f in figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 6)
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description="Kinlink benchmarks: a table of figures with their goals, PASS or MISS, "
        "printed and written to bench-results/latest.txt.")
    parser.add_argument("--quick", action="store_true",
                        help="skip the 1M-people store, register 100 families per store, and sync 200 families "
                        "and 10 stations (under 2 minutes)")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups to run, of: {', '.join(GROUPS)} (default: all)")
    parser.add_argument("--families", type=int, default=None,
                        help="families registered on each store (default: 300, or 100 with --quick)")
    parser.add_argument("--block", type=int, default=10,
                        help="families per block when registration alternates between the two stores (default: 10)")
    parser.add_argument("--people", type=int, default=100_000,
                        help="people in the store for lookup and search (default: 100000)")
    parser.add_argument("--big", type=int, default=1_000_000,
                        help="people in the big store for band lookup (default: 1000000)")
    parser.add_argument("--lookups", type=int, default=1000, help="random band lookups at each size (default: 1000)")
    parser.add_argument("--queries", type=int, default=1000, help="name searches (default: 1000)")
    parser.add_argument("--duplicate-checks", type=int, default=400,
                        help="duplicate checks, one person each (default: 400)")
    parser.add_argument("--payloads", type=int, default=20,
                        help="band payloads per layout and dpi for the decode rates (default: 20)")
    parser.add_argument("--sync-families", type=int, default=None,
                        help="families the sync group's pushing station registers, 10 records each on average "
                        "(default: 1000, i.e. 10000 records; 200 with --quick)")
    parser.add_argument("--sync-workers", type=int, default=os.cpu_count() or 1,
                        help="registry processes (kinlink registry serve --workers; default: one per core)")
    parser.add_argument("--sync-stations", type=int, default=None,
                        help="stations pushing 200 records each at once in the sync group (default: 50; 10 with "
                        "--quick)")
    parser.add_argument("--sync-profile", type=Path, default=None, metavar="DIR",
                        help="sample the registry's processes with py-spy during the sync group's burst (py-spy "
                        "must be installed: it is not in the lock file) and break its CPU down by part; the "
                        "samples and the breakdown go to DIR")
    parser.add_argument("--deb", type=Path, default=None, help="the package group measures this .deb "
                        "instead of building one with scripts/package")
    parser.add_argument("--seed", type=int, default=2026,
                        help="seed for the invented data and the queries (default: 2026)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the stores are made (default: a temporary directory, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the stores (their place is printed)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "latest.txt",
                        help="file the table is also written to (default: bench-results/latest.txt)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when any figure misses its goal")
    args = parser.parse_args(argv)
    groups = {g.strip() for g in args.only.split(",") if g.strip()}
    if not groups or groups - set(GROUPS):
        parser.error(f"--only takes some of: {', '.join(GROUPS)}")
    args.groups = groups
    if args.families is None:
        args.families = 100 if args.quick else 300
    if args.sync_families is None:
        args.sync_families = 200 if args.quick else 1000
    if args.sync_stations is None:
        args.sync_stations = 10 if args.quick else 50
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)

    def stream(name: str) -> random.Random:
        """One random stream per use, so that the data of one group does not depend on the others run."""
        return random.Random(f"{args.seed}:{name}")

    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kinlink-bench-", dir=args.workdir))
    started = time.perf_counter()
    figures: list[Figure] = []
    try:
        if "register" in args.groups:
            log(f"registration: {args.families} families on an encrypted and on a plain store")
            figures += bench_register(work, stream("register"), args.families, args.block)
        if args.groups & {"lookup", "search", "duplicates"}:
            log(f"band lookup, name search and duplicate checks: bulk-loading {args.people:,} invented people")
            figures += bench_lookup_and_search(work, stream, args, args.groups)
        if "unlock" in args.groups:
            log("open + unlock with the real key derivation")
            figures += bench_unlock(work, stream("unlock"))
        if "ui" in args.groups:
            log(f"desktop app: cold start, and the wizard on a store of {args.people:,} people")
            figures += bench_ui(work, stream("ui"), args.people)
        if "intake" in args.groups:
            from . import bench_intake_keys

            log("intake desk: the README's family typed in and its bands printed, by keyboard alone, 3 runs")
            figures += bench_intake_keys.figures(work)
        if "bands" in args.groups:
            from . import bench_bands

            log(f"bands: decode rates over {args.payloads} payloads per layout and dpi, render times")
            figures += bench_bands.figures(args.payloads)
        if "sync" in args.groups:
            from . import bench_sync

            log(f"sync: PostgreSQL registry; push and pull of {args.sync_families} families' records, "
                f"{args.sync_stations} stations pushing at once")
            figures += bench_sync.figures(work, stream, families=args.sync_families, stations=args.sync_stations,
                                          workers=args.sync_workers, profile=args.sync_profile)
        if "reunification" in args.groups:
            from . import bench_reunification

            families = 1000 if args.quick else 10_000
            log(f"reunification: the station's board at {families:,} held families, then the registry's")
            figures += bench_reunification.figures(work, stream("reunification"), families=families,
                                                   separated=families * 3 // 100)
        if "package" in args.groups:
            from . import bench_package

            figures += bench_package.figures(work, args.deb)
    finally:
        if args.keep:
            log(f"stores kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started
    options = " ".join(sys.argv[1:] if argv is None else argv) or "(defaults)"
    report = "\n".join([
        f"Kinlink benchmarks, {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, {total:.0f} s, options: {options}",
        environment(),
        "",
        table(figures),
        "",
    ])
    print(report, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report)
    log(f"written to {args.out}")
    missed = [f.name for f in figures if f.ok is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
