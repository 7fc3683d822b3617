"""Install the station's .deb on a bare Debian 12, with the one command the README gives, and open the app.

    .venv/bin/python scripts/check_fresh_install.py        (or scripts/check-fresh-install)
        [--deb dist/kinlink_<version>_amd64.deb] [--mirror http://deb.debian.org/debian]
        [--screenshots DIR] [--keep]

Why: the package declares the Debian packages it needs (its Depends) instead of installing them when it
runs, and this machine, where the package is built and tested, has them all already; a missing one shows
only on a machine that has nothing. So this script makes such a machine: a minimal Debian 12 root made
by ``debootstrap --variant=minbase`` (about 90 packages: no X, no Qt, no Python), and in it, as root
would on a new laptop:

1. ``apt-get install -y ./kinlink_<version>_amd64.deb`` (after ``apt-get update``): the package and its
   dependencies from Debian's archive; the number of packages it brought and the time it took;
2. ``kinlink --version`` as a new desk account (``useradd -m``), with a desk session's bare
   environment, answers this checkout's version and sync protocol; from the command line, that account
   makes a station in a folder of its own, adds an agent, and the agent registers the README's family
   (the example the package ships) and reads it back;
3. ``kinlink`` with no arguments opens its set-up window on a virtual screen (Xvfb, 1366x768, shared
   with the root through /tmp/.X11-unix), in English and then in Spanish (``LANG=es_MX.UTF-8``, which
   this root has no locale for: the app's own translations are used); each screen is captured;
4. an upgrade: the same package under a later version number (``<version>+upgrade.check``), installed
   over it with ``apt-get install``; the family is still there;
5. ``apt-get remove -y kinlink`` takes away the command, the menu entry and /opt/kinlink, and leaves
   the records; the package installed again finds the family as it was.

Needs root (chroot, mount) and the network to Debian's archive; about two minutes. Exit 0 when all is
well; 1 with a message naming the step that failed. The root is deleted afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import __version__  # noqa: E402  (after the checkout is on the path)
from app.cli import VERSION  # noqa: E402  (what `kinlink --version` says)
from tests.xwindow import capture_window, virtual_display  # noqa: E402

DESK = "desk"  # the account made in the new root
RECORDS = f"/home/{DESK}/records"  # its data directory for the command line (the app's own stays empty)
EXAMPLE = "/usr/share/doc/kinlink/examples/encounter.json"  # the README's family, in the package
PASSPHRASES = ("plum orchard under snow", "seven quiet harbour lamps")  # invented, for chief and ana
WINDOWS = (("Kinlink — set up this station", "C.UTF-8", "fresh-install-en.png"),
           ("Kinlink — configurar esta estación", "es_MX.UTF-8", "fresh-install-es.png"))


class Failed(Exception):
    """A step went wrong; the message says which and how."""


def say(message: str) -> None:
    print(f"check-fresh-install: {message}", flush=True)


def run(*command: str, timeout: float = 600) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise Failed(f"{' '.join(command)} ended with exit {done.returncode}:\n{tail}")
    return done.stdout


def in_root(root: Path, *command: str, timeout: float = 600) -> str:
    return run("chroot", str(root), *command, timeout=timeout)


def desk_command(root: Path, display: str, language: str, *command: str, **extra: str) -> list[str]:
    """``command`` in the root as the desk account, with the bare environment of a desk's session."""
    environment = [f"HOME=/home/{DESK}", "PATH=/usr/local/bin:/usr/bin:/bin", f"LANG={language}",
                   f"DISPLAY={display}", *(f"{name}={value}" for name, value in extra.items())]
    return ["chroot", f"--userspec={DESK}:{DESK}", str(root), "env", "-i", *environment, *command]


def as_desk(root: Path, *command: str, **extra: str) -> str:
    return run(*desk_command(root, ":0", "C.UTF-8", "kinlink", "--data-dir", RECORDS, *command, **extra))


def register_example(root: Path) -> str:
    """A station in the desk account's RECORDS folder, an agent, and the README's family (shipped in the
    package) registered by the agent; the band number of its first person."""
    as_desk(root, "init", "--station", "Fresh check", "--admin", "chief", KINLINK_NEW_PASSPHRASE=PASSPHRASES[0])
    as_desk(root, "--user", "chief", "user", "add", "ana", "--role", "agent", KINLINK_PASSPHRASE=PASSPHRASES[0],
            KINLINK_NEW_PASSPHRASE=PASSPHRASES[1])
    added = as_desk(root, "--user", "ana", "family", "add", EXAMPLE, KINLINK_PASSPHRASE=PASSPHRASES[1])
    return str(json.loads(added)["families"][0]["people"][0]["band"])


def family_size(root: Path, band: str) -> int:
    shown = as_desk(root, "--user", "ana", "family", "show", band, KINLINK_PASSPHRASE=PASSPHRASES[1])
    return len(json.loads(shown)["people"])


def install(root: Path, deb_name: str) -> str:
    return in_root(root, "sh", "-c", f"cd /tmp && apt-get install -y ./{shlex.quote(deb_name)}")


def later_version(deb: Path, folder: Path) -> Path:
    """The same package under a later version number (``<version>+upgrade.check``), for apt to upgrade to."""
    unpacked = folder / "later"
    run("dpkg-deb", "--raw-extract", str(deb), str(unpacked))
    control = unpacked / "DEBIAN/control"
    text = control.read_text(encoding="utf-8")
    control.write_text(re.sub(r"^Version: (.*)$", r"Version: \1+upgrade.check", text, flags=re.MULTILINE),
                       encoding="utf-8")
    later = folder / f"upgrade-check-{deb.name}"  # never the name of the package it upgrades
    run("dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(unpacked), str(later))
    shutil.rmtree(unpacked)
    return later


def mount(stack: ExitStack, *arguments: str) -> None:
    target = arguments[-1]
    run("mount", *arguments)
    stack.callback(subprocess.run, ["umount", "--lazy", target], check=False)


def remove_root(root: Path) -> None:
    """Delete the Debian root, unless something is still mounted in it: deleting through a mount that did not
    come off would delete the machine's own /dev or /tmp/.X11-unix."""
    mounts = [line.split()[1] for line in Path("/proc/self/mounts").read_text().splitlines()]
    still = [point for point in mounts if point == str(root) or point.startswith(f"{root}/")]
    if still:
        say(f"{root} is left in place: {', '.join(still)} still mounted there; umount them, then delete it")
        return
    shutil.rmtree(root, ignore_errors=True)


def check(deb: Path, mirror: str, screenshots: Path, keep: bool) -> None:
    with ExitStack() as stack:
        root = Path(tempfile.mkdtemp(prefix="kinlink-fresh-", dir="/var/tmp"))
        root.chmod(0o755)  # it becomes /, which every account must be able to enter
        if keep:
            say(f"the root stays in {root}")
        else:
            stack.callback(remove_root, root)

        say(f"a bare Debian 12 in {root} (debootstrap --variant=minbase bookworm {mirror})")
        started = time.monotonic()
        run("debootstrap", "--variant=minbase", "bookworm", str(root), mirror, timeout=1800)
        bare = len(in_root(root, "dpkg-query", "-f", "${Package}\n", "-W").split())
        say(f"   {bare} packages, in {time.monotonic() - started:.0f} s")

        mount(stack, "-t", "proc", "proc", str(root / "proc"))
        mount(stack, "--bind", "/dev", str(root / "dev"))
        shutil.copy("/etc/resolv.conf", root / "etc/resolv.conf")
        shutil.copy(deb, root / "tmp" / deb.name)

        say(f"1. apt-get install -y ./{deb.name}")
        started = time.monotonic()
        in_root(root, "apt-get", "update", "-q")
        installed = install(root, deb.name)
        seconds = time.monotonic() - started
        brought = re.search(r"(\d+) newly installed", installed)
        say(f"   {brought.group(1) if brought else '?'} packages installed (kinlink and what it depends on), "
            f"in {seconds:.0f} s with apt-get update")
        in_root(root, "useradd", "--create-home", "--shell", "/bin/bash", DESK)

        told = run(*desk_command(root, ":0", "C.UTF-8", "kinlink", "--version")).strip()
        if told != VERSION:
            raise Failed(f"kinlink --version said {told!r}, not {VERSION!r}")
        say(f"2. kinlink --version as {DESK}: {told}")
        band = register_example(root)
        say(f"   the README's family registered from the command line, in {RECORDS}: band {band}, "
            f"{family_size(root, band)} people")

        display = stack.enter_context(virtual_display())
        (root / "tmp/.X11-unix").mkdir(exist_ok=True)
        mount(stack, "--bind", "/tmp/.X11-unix", str(root / "tmp/.X11-unix"))
        screenshots.mkdir(parents=True, exist_ok=True)
        say(f"3. kinlink, the app, as {DESK} on a virtual screen")
        for title, language, picture in WINDOWS:
            try:
                seconds, _ = capture_window(display, title, desk_command(root, display, language, "kinlink"),
                                            screenshots / picture, env=dict(os.environ), timeout=60)
            except AssertionError as error:
                raise Failed(f"the app in {language}: {error}") from None
            say(f"   its window '{title}' ({language}) in {seconds:.1f} s: {screenshots / picture}")

        later = later_version(deb, root / "tmp")
        install(root, later.name)
        now = in_root(root, "dpkg-query", "--showformat", "${Version}", "--show", "kinlink")
        if not now.endswith("+upgrade.check") or family_size(root, band) != 2:
            raise Failed(f"after the upgrade to {later.name}: installed {now}, the family not found whole")
        say(f"4. upgraded to {now} (apt-get install ./{later.name}): the family is still there")

        in_root(root, "apt-get", "remove", "-y", "kinlink")
        left = [path for path in ("opt/kinlink", "usr/bin/kinlink", "usr/share/applications/kinlink.desktop")
                if (root / path).exists() or (root / path).is_symlink()]
        if left:
            raise Failed(f"apt-get remove kinlink left {', '.join('/' + path for path in left)}")
        if not (root / RECORDS.lstrip("/") / "station.db").is_file():
            raise Failed(f"apt-get remove kinlink took the records in {RECORDS} with it")
        say("5. apt-get remove -y kinlink: the command, the menu entry and /opt/kinlink are gone; the records stay")
        install(root, deb.name)
        if family_size(root, band) != 2:
            raise Failed("installed again, kinlink does not find the family registered before")
        say(f"   installed again ({deb.name}): the family is found as it was")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deb", type=Path, default=ROOT / f"dist/kinlink_{__version__}_amd64.deb",
                        help="the package (default: what scripts/package builds)")
    parser.add_argument("--mirror", default="http://deb.debian.org/debian", help="Debian's archive")
    parser.add_argument("--screenshots", type=Path, default=Path(tempfile.gettempdir()) / "kinlink-fresh-install",
                        help="where the captured screens go")
    parser.add_argument("--keep", action="store_true", help="keep the Debian root afterwards")
    options = parser.parse_args()
    if os.geteuid() != 0:
        say("needs root (chroot and mount)")
        return 1
    if not options.deb.is_file():
        say(f"no package at {options.deb}: build it with scripts/package, or name one with --deb")
        return 1
    started = time.monotonic()
    try:
        check(options.deb.resolve(), options.mirror, options.screenshots, options.keep)
    except (Failed, subprocess.TimeoutExpired) as error:
        say(f"FAILED: {error}")
        return 1
    say(f"all well, in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
