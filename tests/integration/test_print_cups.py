"""Printing through a real CUPS queue: the test starts its own cupsd (private configuration, a Unix
socket of its own, no TCP port) with a cups-pdf queue, prints a family's bands through Qt as one
job, waits for the PDF that comes out of the queue, rasterises it at 203 dpi and decodes every
band. A queue that refuses jobs, is stopped or is missing gives a clear error; a retry prints. The
custody dialog prints a child's transfer sheet to the queue, by Enter, again after a refusal.

cups-pdf reads its configuration from /etc/cups only: the test writes a file of its own there
(``cups-pdf-<queue>.conf``, naming a temporary output folder) and removes it, with the temporary
folder and the cupsd it started, whatever happens. The names are invented.

The printing itself runs in a process of its own (``cups_print_worker``): libcups reads
``CUPS_SERVER`` once per thread and Qt keeps its list of printers.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app import services
from app.store import audit_log
from tests.band_images import band_family_document, decode, rasterise_pdf
from tests.conftest import AGENT, PASSPHRASES, ROOT

CUPSD = Path("/usr/sbin/cupsd")
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_CONF_DIR = Path("/etc/cups")
TOOLS = ("lpadmin", "lpstat", "cupsaccept", "cupsreject", "cupsenable", "cupsdisable", "pdftoppm")
INSTALL = "scripts/test installs them (Debian: apt-get install cups printer-driver-cups-pdf poppler-utils)"

pytestmark = pytest.mark.slow


def _why_not() -> str | None:
    """Why this machine cannot run the test, in words, or None."""
    missing = [str(p) for p in (CUPSD, PPD, BACKEND) if not p.exists()]
    missing += [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        return f"missing {', '.join(missing)}: {INSTALL}"
    if os.geteuid() != 0:
        return "cups-pdf's backend only runs under a cupsd started by root: run the suite as root (as CI does)"
    if not os.access(CUPS_PDF_CONF_DIR, os.W_OK):
        return f"{CUPS_PDF_CONF_DIR} is not writable: cups-pdf reads its per-queue configuration only there"
    return None


@dataclass
class Cups:
    root: Path
    queue: str
    out: Path
    env: dict[str, str]

    def run(self, *command: str) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=30, check=False)
        assert done.returncode == 0, f"{' '.join(command)}: {done.stderr}"
        return done.stdout

    def log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text()[-3000:] if path.exists() else "(no error log)"


def _configure(root: Path, queue: str) -> None:
    for sub in ("etc", "spool", "spool/tmp", "cache", "state", "log", "out", "cpspool"):
        (root / sub).mkdir(mode=0o755, exist_ok=True)
        os.chmod(root / sub, 0o755)  # cupsd runs filters as the lp user
    (root / "etc" / "cups-files.conf").write_text(
        f"ServerRoot {root}/etc\nRequestRoot {root}/spool\nTempDir {root}/spool/tmp\nCacheDir {root}/cache\n"
        f"StateDir {root}/state\nErrorLog {root}/log/error_log\nAccessLog {root}/log/access_log\n"
        f"PageLog {root}/log/page_log\nPrintcap {root}/printcap\nSystemGroup root\n")
    (root / "etc" / "cupsd.conf").write_text(
        f"Listen {root}/cups.sock\nLogLevel info\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
        "PreserveJobFiles No\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
    (CUPS_PDF_CONF_DIR / f"cups-pdf-{queue}.conf").write_text(
        f"Out {root}/out\nSpool {root}/cpspool\nLabel 0\nTitlePref 1\n")


def _wait_until_ready(cups: Cups, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"cupsd exited with status {proc.returncode} at start:\n{cups.log()}")
        done = subprocess.run(["lpstat", "-r"], env=cups.env, capture_output=True, text=True, check=False)
        if "is running" in done.stdout:
            return
        time.sleep(0.05)
    pytest.fail(f"cupsd did not start within 15 s:\n{cups.log()}")


@pytest.fixture(scope="module")
def cups() -> Iterator[Cups]:
    reason = _why_not()
    if reason:
        pytest.fail(f"the CUPS printing test cannot run here: {reason}")
    root = Path(tempfile.mkdtemp(prefix="kl-cups-", dir="/tmp"))  # short: a socket path has ~100 bytes
    os.chmod(root, 0o755)
    queue = f"KinlinkBands{os.getpid()}"
    env = {**os.environ, "CUPS_SERVER": str(root / "cups.sock")}
    cups = Cups(root=root, queue=queue, out=root / "out", env=env)
    proc: subprocess.Popen[bytes] | None = None
    try:
        _configure(root, queue)
        proc = subprocess.Popen([str(CUPSD), "-f", "-c", str(root / "etc/cupsd.conf"),
                                 "-s", str(root / "etc/cups-files.conf")], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _wait_until_ready(cups, proc)
        cups.run("lpadmin", "-p", queue, "-E", "-v", f"cups-pdf:/{queue}", "-m", "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd")
        yield cups
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        (CUPS_PDF_CONF_DIR / f"cups-pdf-{queue}.conf").unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def family(agent: services.Session, cups: Cups) -> dict[str, Any]:
    for old in cups.out.iterdir():
        old.unlink()
    return services.register_family(session=agent, document=band_family_document())["families"][0]


class _Creations:
    """Files created in a folder, seen by inotify (IN_CREATE, IN_MOVED_TO), even if removed since."""

    def __init__(self, folder: Path) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        assert self._fd >= 0, "inotify is not available"
        assert self._libc.inotify_add_watch(self._fd, str(folder).encode(), 0x100 | 0x80) >= 0

    def names(self) -> list[str]:
        try:
            data = os.read(self._fd, 1 << 16)
        except BlockingIOError:
            return []
        names, offset = [], 0
        while offset < len(data):
            _, _, _, length = struct.unpack_from("iIII", data, offset)
            names.append(data[offset + 16: offset + 16 + length].rstrip(b"\0").decode())
            offset += 16 + length
        return names

    def close(self) -> None:
        os.close(self._fd)


def _print(cups: Cups, data_dir: Path, family: str, printer: str, tmpdir: Path,
           **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**cups.env, "TMPDIR": str(tmpdir), "KINLINK_PASSPHRASE": PASSPHRASES[AGENT], **extra_env}
    return subprocess.run([sys.executable, "-m", "tests.integration.cups_print_worker", str(data_dir), AGENT,
                           family, printer], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)


def _spooled_pdf(cups: Cups) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pending = subprocess.run(["lpstat", "-o", cups.queue], env=cups.env, capture_output=True, text=True,
                                 check=False).stdout.strip()
        pdfs = sorted(cups.out.glob("*.pdf"))
        if pdfs and not pending:
            (pdf,) = pdfs
            return pdf
        time.sleep(0.1)
    pytest.fail(f"no PDF came out of the queue within 60 s:\n{cups.log()}")


def _decode_spooled(cups: Cups, tmp_path: Path) -> list[list[str]]:
    pdf = _spooled_pdf(cups)
    assert pdf.name.startswith("Kinlink_bands_")  # the job's title: the family number, no name
    return [decode(page) for page in rasterise_pdf(pdf, tmp_path, 203)]


def _expected(agent: services.Session, family: dict[str, Any]) -> list[list[str]]:
    job = services.band_job(session=agent, family=family["id"])
    return [[services.band_payload(session=agent, band=d.band_number)] for d in job.drawings]


def test_a_family_prints_as_one_cups_job_and_every_band_decodes(cups: Cups, agent: services.Session,
                                                               family: dict[str, Any], tmp_path: Path) -> None:
    watched = tmp_path / "tmpdir"
    watched.mkdir()
    creations = _Creations(watched)
    before = set(Path("/dev/shm").glob("kinlink-print-*"))
    try:
        done = _print(cups, agent.data_dir, family["number"], cups.queue, watched)
        created = creations.names()
    finally:
        creations.close()
    assert done.returncode == 0, done.stderr
    assert created == []  # Qt's spool file went to a private folder in memory, not to $TMPDIR
    assert set(Path("/dev/shm").glob("kinlink-print-*")) == before  # and that folder is gone
    assert _decode_spooled(cups, tmp_path) == _expected(agent, family)
    completed = cups.run("lpstat", "-W", "completed", "-o", cups.queue).strip().splitlines()
    assert len(completed) == 1  # the whole family is one job


def test_a_queue_that_refuses_jobs_is_a_clear_error_and_a_retry_prints(cups: Cups, agent: services.Session,
                                                                      family: dict[str, Any],
                                                                      tmp_path: Path) -> None:
    cups.run("cupsreject", cups.queue)
    try:
        refused = _print(cups, agent.data_dir, family["number"], cups.queue, tmp_path)
    finally:
        cups.run("cupsaccept", cups.queue)
    assert refused.returncode == 3
    assert f"the printer '{cups.queue}' refused the job" in refused.stderr
    assert "is not accepting jobs" in refused.stderr and "nothing was lost" in refused.stderr
    assert list(cups.out.glob("*.pdf")) == []
    retried = _print(cups, agent.data_dir, family["number"], cups.queue, tmp_path)
    assert retried.returncode == 0, retried.stderr
    assert _decode_spooled(cups, tmp_path) == _expected(agent, family)


def test_a_stopped_or_missing_queue_is_named_in_a_clear_error(cups: Cups, agent: services.Session,
                                                              family: dict[str, Any], tmp_path: Path) -> None:
    cups.run("cupsdisable", cups.queue)
    try:
        stopped = _print(cups, agent.data_dir, family["number"], cups.queue, tmp_path)
    finally:
        cups.run("cupsenable", cups.queue)
    assert stopped.returncode == 3
    assert f"the printer '{cups.queue}' is stopped in the print system" in stopped.stderr
    missing = _print(cups, agent.data_dir, family["number"], "NoSuchQueue", tmp_path)
    assert missing.returncode == 3
    assert f"there is no printer 'NoSuchQueue' on this station (printers: {cups.queue})" in missing.stderr
    assert list(cups.out.glob("*.pdf")) == []


def test_printed_from_the_apps_worker_thread_decodes_and_a_reprint_needs_its_reason(
        cups: Cups, agent: services.Session, family: dict[str, Any], tmp_path: Path) -> None:
    done = _print(cups, agent.data_dir, family["number"], cups.queue, tmp_path, KINLINK_PRINT_ON_WORKER="1")
    assert done.returncode == 0, done.stderr
    assert _decode_spooled(cups, tmp_path) == _expected(agent, family)
    shown = services.show_family(session=agent, ident=family["id"])
    assert all(b["printed_at"] for p in shown["people"] for b in p["bands"])
    for pdf in cups.out.glob("*.pdf"):
        pdf.unlink()
    refused = _print(cups, agent.data_dir, family["number"], cups.queue, tmp_path, KINLINK_PRINT_ON_WORKER="1")
    assert refused.returncode != 0 and "printed before" in refused.stderr
    again = _print(cups, agent.data_dir, family["number"], cups.queue, tmp_path, KINLINK_PRINT_ON_WORKER="1",
                   KINLINK_REPRINT_REASON="the first bands were torn")
    assert again.returncode == 0, again.stderr
    assert _decode_spooled(cups, tmp_path) == _expected(agent, family)
    shown = services.show_family(session=agent, ident=family["id"])
    assert all(b["reprints"] == 1 for p in shown["people"] for b in p["bands"])


def test_the_custody_dialog_prints_the_transfer_sheet_and_enter_prints_again_after_a_refusal(
        cups: Cups, agent: services.Session, family: dict[str, Any], tmp_path: Path) -> None:
    shown = services.show_family(session=agent, ident=family["id"])
    band = next(p["band"] for p in shown["people"] if p["role"] == "child")
    cups.run("cupsreject", cups.queue)
    try:
        env = {**cups.env, "TMPDIR": str(tmp_path), "KINLINK_PASSPHRASE": PASSPHRASES[AGENT],
               "KINLINK_BETWEEN": f"cupsaccept {cups.queue}"}
        done = subprocess.run([sys.executable, "-m", "tests.integration.cups_sheet_worker", str(agent.data_dir),
                               AGENT, band], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
                              check=False)
    finally:
        cups.run("cupsaccept", cups.queue)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["offered"] == cups.queue  # the only printer: offered first
    refused = seen["first"]
    assert refused["message"].startswith(f"Nothing was printed: The printer '{cups.queue}' refused the job")
    assert "nothing was lost" in refused["message"] and refused["button"] == "&Print again"
    assert not refused["on_close"]  # Enter again means print again
    printed = seen["second"]
    assert printed["message"] == "" and printed["on_close"]
    assert printed["subject"] == f"The transfer sheet went to the printer {cups.queue}. Give it to whoever " \
                                 "takes the child."
    pdf = _spooled_pdf(cups)
    assert pdf.name.startswith("Kinlink_transfer_sheet_")  # the job's title: the band number, no name
    (page,) = rasterise_pdf(pdf, tmp_path, 200)
    assert decode(page) == [services.band_payload(session=agent, band=band)]
    assert f"[printing]\nsheet_printer={cups.queue}\n" in (agent.data_dir / "settings.ini").read_text()  # remembered
    with agent.engine.connect() as conn:
        records = [r for r in audit_log.rows(conn) if r["action"] == "custody.sheet"]
    assert [(r["outcome"], json.loads(r["detail"])["printer"]) for r in records] == \
        [("failed", cups.queue), ("ok", cups.queue)]
    assert json.loads(records[-1]["detail"])["format"] == "print"
