"""Where the registry's CPU goes: py-spy's samples of its processes (``record --format raw``: one line
per distinct stack, ``frame;frame;...;leaf COUNT``, root first) broken down by part of the registry.

``scripts/bench --only sync --sync-profile DIR`` takes the samples during the 50-station burst and
prints the breakdown; ``python -m tests.bench.profile_sync --cpu SECONDS --records N FILE...`` breaks
down samples taken before (several runs' files together, for more samples).

A sample goes to the part named by the deepest frame of its stack that one of ``RULES`` names (some
only under a given caller): e.g. a PostgreSQL query made by ``state.load_known`` counts as state
loading, the database driver's work included; the driver's share of each part is shown beside it.

py-spy samples the threads that are not idle: running, or ready to run but waiting for a core. On a
machine whose cores are all busy (the burst: 2 cores, two registry workers, PostgreSQL and 50
stations' threads) the second kind is common, so samples are not CPU time. Samples whose innermost
frame is psycopg waiting for PostgreSQL (``wait``; mostly threads queued for the push's advisory lock,
woken every 0.1 s by psycopg's wait loop) or handing it a query (``_execute_send``: libpq's send, after
which PostgreSQL's backend usually takes the core) are counted apart as ``WAITING`` and left out of
the shares (measured in-process with a CPU clock, the driver's waits and sends are a small part of
the CPU: about 2 ms of a 200-record push). The seconds are the shares of the CPU that the
registry's processes used, as measured from the operating system: an estimate, good to a few
hundredths of a second per part.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

# (part, a frame's text contains this, ... and a frame above it contains this (or None)); the first
# rule that matches the deepest frame any rule matches wins.
RULES: list[tuple[str, str, str | None]] = [
    # each change record's decoding and checks of form and signature (push._decoded, on every core)
    ("records: Ed25519 signature check (PyNaCl)", "verify (app/security/identity.py", "decode_change"),
    ("records: json.loads of the signed text", "loads (json/__init__.py", "decode_change"),
    ("records: canonical re-serialisation (signing_bytes)", "signing_bytes (", "decode_change"),
    ("records: form checks (parse_body, Change.from_body, base64)", "decode_change (sync/protocol.py", None),
    ("records: form checks (parse_body, Change.from_body, base64)", "_check (sync/registry/push.py", None),
    ("push: station keys (a query per push)", "station_keys (sync/registry/enrolment.py", "_decoded"),
    ("push: the check pool's hand-off", "_decoded (sync/registry/push.py", None),
    ("push: the check pool's hand-off", "(concurrent/futures/", None),
    # the station's signed request and the nonce before it
    ("auth: request signature check (PyNaCl)", "verify (app/security/identity.py", "authenticate"),
    ("auth: nonce (rate-limit count, insert)", "issue_nonce (sync/registry/auth.py", None),
    ("auth: authenticate (rate-limit check, station row, nonce used up)", "authenticate (sync/registry/auth.py", None),
    # judging (authority), current state, storing
    ("authority: record_problems (the domain's value rules)", "record_problems (app/domain/records.py", None),
    ("authority: invariant 1 (family_problems)", "_problems (sync/registry/authority.py", None),
    ("authority: the rest of judge (views, references, holdings)", "(sync/registry/authority.py", None),
    ("state: load_known (read current state)", "load_known (sync/registry/state.py", None),
    ("state: save (record, record_ref)", "save (sync/registry/state.py", None),
    ("indexing (entity_family, band_index, family_index, orphans)", "(sync/registry/indexing.py", None),
    ("holdings (take, grant, renew)", "(sync/registry/holdings.py", None),
    ("audit append (the registry's hash chain)", "append (sync/registry/auditing.py", "push (sync/registry/push.py"),
    ("push: change rows INSERT ... RETURNING, rest of _store", "_store (sync/registry/push.py", None),
    ("push: ids held already, grouping, answer", "_judge_and_store (sync/registry/push.py", None),
    ("push: transaction, advisory lock, commit", "push (sync/registry/push.py", None),
    # the other routes a station's sync uses
    ("pull (backfill pages, pages after the cursor)", "(sync/registry/pull.py", None),
    ("follow (scanned payloads)", "follow (sync/registry/store.py", None),
    ("stations (keys list)", "stations (sync/registry/enrolment.py", None),
    ("audit route (a station's chain copy)", "(sync/registry/auditing.py", None),
    # HTTP around the routes
    ("answer: canonical JSON + registry signature", "answer (sync/registry/api/deps.py", None),
    ("FastAPI route: model_dump of the records", "push (sync/registry/api/routes/records.py", None),
    ("FastAPI: request JSON + pydantic validation", "json (starlette/requests.py", None),
    ("FastAPI: request JSON + pydantic validation", "request_body_to_args (fastapi/", None),
    ("FastAPI: request JSON + pydantic validation", "(pydantic", None),
    ("FastAPI/Starlette/anyio: routing, dependencies, thread hand-off", "(fastapi/", None),
    ("FastAPI/Starlette/anyio: routing, dependencies, thread hand-off", "(starlette/", None),
    ("FastAPI/Starlette/anyio: routing, dependencies, thread hand-off", "(anyio/", None),
    ("HTTP server: uvicorn, h11, asyncio, edges middleware", "(sync/registry/api/edges.py", None),
    ("HTTP server: uvicorn, h11, asyncio, edges middleware", "(uvicorn/", None),
    ("HTTP server: uvicorn, h11, asyncio, edges middleware", "(h11/", None),
    ("HTTP server: uvicorn, h11, asyncio, edges middleware", "(asyncio/", None),
]
DRIVER = ("(sqlalchemy/", "(psycopg/", "(psycopg_pool/")
OTHER = "other"
WAITING = "waiting for PostgreSQL (not counted)"
WAIT_LEAVES = ("wait (psycopg/connection.py", "_execute_send (psycopg/_cursor_base.py")


def read(files: Iterable[Path]) -> list[tuple[list[str], int]]:
    """(frames root first, count) of py-spy's raw output files."""
    stacks = []
    for path in files:
        for line in Path(path).read_text(errors="replace").splitlines():
            stack, _, count = line.rstrip().rpartition(" ")
            if stack and count.isdigit():
                stacks.append((stack.split(";"), int(count)))
    return stacks


def part_of(frames: list[str]) -> str:
    if frames and frames[-1].startswith(WAIT_LEAVES):
        return WAITING
    for depth in range(len(frames) - 1, -1, -1):
        frame = frames[depth]
        for name, needle, caller in RULES:
            if needle in frame and (caller is None or any(caller in above for above in frames[:depth])):
                return name
    return OTHER


def breakdown(stacks: list[tuple[list[str], int]]) -> dict[str, int]:
    """Samples per part."""
    parts: Counter[str] = Counter()
    for frames, count in stacks:
        parts[part_of(frames)] += count
    return dict(parts)


def driver_share(stacks: list[tuple[list[str], int]]) -> dict[str, int]:
    """Samples per part spent in the database driver (SQLAlchemy, psycopg)."""
    parts: Counter[str] = Counter()
    for frames, count in stacks:
        if any(d in frame for frame in frames for d in DRIVER):
            parts[part_of(frames)] += count
    return dict(parts)


def table(stacks: list[tuple[list[str], int]], cpu_seconds: float, records: int, per: int = 10_000) -> str:
    """The parts, biggest first: samples, share, CPU seconds per ``per`` records (the share of the
    measured ``cpu_seconds``), and of that the database driver's."""
    parts, driver = breakdown(stacks), driver_share(stacks)
    waiting = parts.pop(WAITING, 0)
    driver.pop(WAITING, None)
    total = sum(parts.values())
    if not total or not records:
        return "(no samples)"
    scale = cpu_seconds / records * per
    width = max(len(p) for p in parts)
    lines = [f"{'part':<{width}}  samples  share   CPU s/{per // 1000}k  of which DB driver",
             f"{'-' * width}  -------  ------  ---------  ------------------"]
    for name, count in sorted(parts.items(), key=lambda item: -item[1]):
        lines.append(f"{name:<{width}}  {count:7d}  {100 * count / total:5.1f}%  {count / total * scale:9.3f}  "
                     f"{driver.get(name, 0) / total * scale:9.3f}")
    lines.append(f"{'all':<{width}}  {total:7d}  100.0%  {scale:9.3f}  {sum(driver.values()) / total * scale:9.3f}")
    lines.append(f"{WAITING}: {waiting} samples more ({100 * waiting / (total + waiting):.0f} % of all)")
    others: Counter[str] = Counter()
    for frames, count in stacks:
        if part_of(frames) == OTHER:
            others[frames[-1]] += count
    if others:
        lines.append("other, by innermost frame: " + "; ".join(f"{f} {c}" for f, c in others.most_common(6)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.profile_sync", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="py-spy raw output files (record --format raw)")
    parser.add_argument("--cpu", type=float, required=True, help="the registry's CPU seconds while they were taken")
    parser.add_argument("--records", type=int, required=True, help="records pushed meanwhile")
    args = parser.parse_args(argv)
    print(table(read(args.files), args.cpu, args.records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
