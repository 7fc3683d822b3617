"""The station's Debian package against the checkout (issue 18): how big the bundle is, and whether the
bundled app reaches its sign-in window as fast as the checkout's. Run by ``scripts/bench --only package``.

The package is built by ``scripts/package`` into the bench's work folder (about 70 s, not measured), or
taken as it is with ``--deb FILE`` (then compared with the checkout as it is now, whatever code the
.deb was built from), and extracted with ``dpkg -x`` as tests/e2e/test_package.py does.

Both programs are timed the same way, from outside, because the bundle is not ours to instrument: on one
virtual X display (``tests.xwindow``), from just before ``Popen`` until a window titled "Kinlink — sign
in" is viewable (xwininfo, polled every 10 ms), on one station made by the bundle's own ``kinlink init``,
each with the clean environment of a desk's session and a home folder of its own; then the program is
terminated. The checkout's program is ``.venv/bin/kinlink``, the bundle's ``ROOT/usr/bin/kinlink``. The
two alternate (which goes first changes every round), so that the machine's drift falls on both alike.

"Cold start" means a new process. With a warm page cache, after one untimed launch of each; with a cold
one, the kernel's page cache dropped (``sync; echo 3 > /proc/sys/vm/drop_caches``, which needs root)
before every launch, when this machine lets us; otherwise those rows are skipped and say why.
This figure is not the ``ui`` group's cold start, which runs the checkout's app offscreen in-process to
its first paint (tests/bench/startup_probe.py): the two differ by the X connection and the window
poll.

Goal: the bundle's median no slower than the checkout's, with 10 % allowed for this VM's noise
(bundle median / checkout median <= 1.10), warm and cold alike. The sizes are for information, with
no goal: the checkout's .venv holds the test and lint tools and the registry's packages too.
"""

from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path

from tests.e2e.test_package import clean_env
from tests.xwindow import viewable_window, virtual_display, wait_for_window

from .run import ADMIN, PASSPHRASE, ROOT, Figure, log, percentile

TITLE = "Kinlink — sign in"
LAUNCHES = 7
NOISE = 1.10  # the bundle's median may be this many times the checkout's and still pass


def figures(work: Path, deb: Path | None, launches: int = LAUNCHES) -> list[Figure]:
    out: list[Figure] = []
    if deb is None:
        deb, seconds = build(work)
        out.append(Figure("  (scripts/package build, not measured)", seconds, "s"))
    root = work / "package-root"
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    out += [
        Figure("package: the .deb", deb.stat().st_size / 1e6, "MB", note=f"{deb.name}; no goal"),
        Figure("package: installed, opt/kinlink (du)", disk_usage(root / "opt/kinlink") / 1e6, "MB",
               note="no goal"),
        Figure("  checkout's .venv (du), for reference", disk_usage(ROOT / ".venv") / 1e6, "MB",
               note="with the test and lint tools and the registry's packages"),
    ]
    programs = {"checkout": ROOT / ".venv/bin/kinlink", "bundle": root / "usr/bin/kinlink"}
    station = work / "package-station"
    made = subprocess.run([str(programs["bundle"]), "--data-dir", str(station), "init", "--station",
                           "Benchmark Station", "--admin", ADMIN], capture_output=True, text=True, timeout=120,
                          env=clean_env(work, KINLINK_NEW_PASSPHRASE=PASSPHRASE), check=False)
    if made.returncode != 0:
        raise RuntimeError(f"the bundle's kinlink init failed: {made.stderr[-2000:]}")
    with virtual_display() as display:
        launcher = Launcher(work, display, station, programs)
        log(f"package: {launches} launches of each to the sign-in window, warm page cache")
        for name in programs:
            launcher.launch(name)  # untimed: the page cache, and each home folder's first-run files
        out += compare(launcher.rounds(launches, drop=False), "warm cache")
        if drop_caches():
            log(f"package: {launches} launches of each, the page cache dropped before every one")
            out += compare(launcher.rounds(launches, drop=True), "page cache dropped")
        else:
            out.append(Figure("  bundle / checkout, page cache dropped", None, "x", f"<= {NOISE:.2f}",
                              note="cannot drop the page cache here (not root?): warm cache only"))
    launcher.check_errors()
    return out


def build(work: Path) -> tuple[Path, float]:
    """The .deb of this working tree, built as a release is."""
    log("package: building the .deb with scripts/package (about 70 s, not measured)")
    started = time.perf_counter()
    done = subprocess.run([str(ROOT / "scripts/package"), "--out", str(work / "package-out"), "--work",
                           str(work / "package-work")], capture_output=True, text=True, timeout=1200, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"scripts/package failed: {done.stderr[-4000:]}")
    built = sorted((work / "package-out").glob("kinlink_*.deb"))
    if len(built) != 1:
        raise RuntimeError(f"scripts/package made {[p.name for p in built]}, not one .deb")
    return built[0], time.perf_counter() - started


def disk_usage(path: Path) -> int:
    """Bytes on disk, as ``du`` counts them."""
    return int(subprocess.run(["du", "-s", "-B1", str(path)], capture_output=True, text=True,
                              check=True).stdout.split()[0])


def drop_caches() -> bool:
    """Empty the kernel's page cache (and dentries, inodes); False where this machine does not let us."""
    subprocess.run(["sync"], check=True)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


class Launcher:
    """Starts each program on the station and display, each with a home folder of its own."""

    def __init__(self, work: Path, display: str, station: Path, programs: dict[str, Path]) -> None:
        self.display, self.station, self.programs = display, station, programs
        self.homes = {name: work / f"package-home-{name}" for name in programs}
        for home in self.homes.values():
            home.mkdir()

    def launch(self, name: str) -> float:
        """Seconds from just before ``Popen`` until the sign-in window is viewable; then the program ends."""
        home = self.homes[name]
        with (home / "stderr.log").open("ab") as errors:
            started = time.monotonic()
            app = subprocess.Popen([str(self.programs[name]), "--data-dir", str(self.station)],
                                   env=clean_env(home, DISPLAY=self.display), stdout=subprocess.DEVNULL,
                                   stderr=errors)
            try:
                wait_for_window(self.display, TITLE, app)
                seconds = time.monotonic() - started
            finally:
                app.terminate()
                app.wait(30)
        gone = time.monotonic()
        while viewable_window(self.display, TITLE) is not None:  # never time the next launch on this one's window
            if time.monotonic() - gone > 10:
                raise RuntimeError("the sign-in window stayed on screen after its program ended")
            time.sleep(0.01)
        return seconds

    def rounds(self, launches: int, *, drop: bool) -> dict[str, list[float]]:
        """``launches`` of each program, alternating, the first of each round taking turns."""
        times: dict[str, list[float]] = {name: [] for name in self.programs}
        names = list(self.programs)
        for n in range(launches):
            for name in names if n % 2 == 0 else names[::-1]:
                if drop and not drop_caches():
                    raise RuntimeError("the page cache could be dropped once but not again")
                times[name].append(self.launch(name))
        return times

    def check_errors(self) -> None:
        for name, home in self.homes.items():
            errors = (home / "stderr.log").read_text(errors="replace")
            if "Traceback" in errors:
                raise RuntimeError(f"the {name}'s program failed: {errors[-2000:]}")


def compare(times: dict[str, list[float]], cache: str) -> list[Figure]:
    medians = {name: statistics.median(values) for name, values in times.items()}
    rows = [Figure(f"start to the sign-in window, {name}, {cache}, median of {len(values)}", medians[name], "s",
                   note=f"p90 {percentile(values, 90):.3f} s, min {min(values):.3f} s")
            for name, values in times.items()]
    ratio = medians["bundle"] / medians["checkout"]
    return [*rows, Figure(f"  bundle / checkout, {cache}", ratio, "x", f"<= {NOISE:.2f}", ratio <= NOISE,
                          note="medians; 10 % allowed for noise")]
