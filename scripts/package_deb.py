"""Build the station's Debian package (run by ``scripts/package``; docs/operations.md, "Installing").

PyInstaller makes a one-folder bundle of the app (the interpreter, Qt with its plugins, SQLCipher in
its wheel, the translations and icon); ``dpkg-deb`` wraps it with the ``kinlink`` command, the desktop
entry, the icon and the documentation. The package *declares* the Debian libraries Qt needs (the
set-up's list, passed as ``--depends``) rather than installing anything when it runs, and leaves the
registry's packages out (``app.cli.REGISTRY_MODULES``: the registry is installed on its own server,
docs/registry.md).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import __version__  # noqa: E402 - the checkout's, not an installed copy's
from app.cli import REGISTRY_MODULES  # noqa: E402

PREFIX = Path("opt/kinlink")  # inside the package's root
# Never in the station's bundle: the registry's server and database drivers, and the tools that test and check.
# multiprocessing: nothing in the station uses it (only the standard library's unused ProcessPoolExecutor names
# it), and bundled it brings a run-time hook that imports it at every start, 15-20 ms (docs/benchmarks.md).
EXCLUDED = (*REGISTRY_MODULES, "starlette", "psycopg_binary", "psycopg_pool", "tkinter", "pytest", "_pytest",
            "pytest_qt", "pytestqt", "xdist", "hypothesis", "mypy", "ruff", "PyInstaller", "multiprocessing")
DATA = (  # (in the checkout, in the bundle): what app/ reads from resources/
    ("resources/icons", "resources/icons"),
    ("resources/common-passwords.txt", "resources"),
)
DESCRIPTION = """\
family registration and wristbands for border processing stations
 Kinlink registers each family unit at a processing station, prints a QR
 wristband for every person (babies too), keeps the records in an encrypted
 local store and syncs them to a registry when a network is there, so that
 whoever later holds a parent or a child can find the rest of the family.
 .
 This package is the station: the desktop app and the kinlink command. The
 registry is installed on its own server (see docs/registry.md)."""


def say(text: str) -> None:
    print(f"kinlink package: {text}", file=sys.stderr, flush=True)


def bundle(work: Path) -> Path:
    """The PyInstaller one-folder bundle of the app (``work/dist/kinlink``)."""
    translations = sorted((ROOT / "resources/translations").glob("*.qm"))
    if not translations:
        raise SystemExit("kinlink package: no compiled translations (resources/translations/*.qm): "
                         "run scripts/package, which builds them")
    data = [*DATA, *((str(qm.relative_to(ROOT)), "resources/translations") for qm in translations)]
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--name", "kinlink",
               "--log-level", "WARN", "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
               "--specpath", str(work), "--paths", str(ROOT),
               # the Python modules as .pyc files in _internal/, not in one zlib archive inside the program:
               # each import then opens its own file instead of the archive; the app reached its sign-in
               # window 5 % sooner (30 alternating launches, docs/benchmarks.md), for 28 MB more on disk
               "--debug", "noarchive",
               *(option for source, target in data for option in ("--add-data", f"{ROOT / source}:{target}")),
               *(option for module in EXCLUDED for option in ("--exclude-module", module)),
               str(ROOT / "packaging/kinlink_main.py")]
    subprocess.run(command, check=True, cwd=work)
    return work / "dist" / "kinlink"


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def lay_out(bundled: Path, root: Path) -> None:
    """The package's files as they will be installed, under ``root``."""
    shutil.copytree(bundled, root / PREFIX, symlinks=True)
    command = root / "usr/bin/kinlink"
    command.parent.mkdir(parents=True)
    command.symlink_to(Path("../..") / PREFIX / "kinlink")  # relative: also right in a `dpkg -x` root
    install(ROOT / "packaging/kinlink.desktop", root / "usr/share/applications/kinlink.desktop")
    install(ROOT / "resources/icons/kinlink.svg", root / "usr/share/icons/hicolor/scalable/apps/kinlink.svg")
    docs = root / "usr/share/doc/kinlink"
    install(ROOT / "packaging/copyright", docs / "copyright")
    for example in ("encounter.json", "photo.png"):
        install(ROOT / "docs/examples" / example, docs / "examples" / example)
    changelog = docs / "changelog.gz"
    with gzip.GzipFile(changelog, "wb", compresslevel=9, mtime=0) as packed:  # mtime 0: the same bytes each build
        packed.write((ROOT / "CHANGELOG.md").read_bytes())
    for path in [root, *root.rglob("*")]:  # what dpkg installs is root's, readable by all, written by root only
        if not path.is_symlink():
            executable = path.is_dir() or path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)


def glibc_needed(bundled: Path) -> str:
    """The newest C library version any program or library in the bundle asks for (its ``GLIBC_x.y``
    symbol versions, as ``objdump -T`` lists them): the bundle carries libraries of the machine it was
    built on (libstdc++ among them), and on a system with an older C library they do not load. The package
    says so (``libc6 (>= x.y)``), so that apt refuses to install it there instead of the app failing to start."""
    elves = [path for path in sorted(bundled.rglob("*")) if path.is_file() and not path.is_symlink() and _is_elf(path)]
    found: set[tuple[int, ...]] = set()
    for start in range(0, len(elves), 100):
        listed = subprocess.run(["objdump", "-T", *map(str, elves[start:start + 100])], capture_output=True,
                                text=True, check=False).stdout
        found |= {tuple(int(part) for part in version.split(".")) for version in re.findall(r"GLIBC_(\d+(?:\.\d+)+)",
                                                                                              listed)}
    if not found:
        raise SystemExit("kinlink package: no C library versions found in the bundle (is objdump there?)")
    return ".".join(map(str, max(found)))


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def control(root: Path, depends: list[str]) -> str:
    size = sum(path.lstat().st_size for path in root.rglob("*")) // 1024 + 1
    fields = {"Package": "kinlink", "Version": __version__, "Section": "misc", "Priority": "optional",
              "Architecture": architecture(), "Maintainer": "Kinlink developers <kinlink@example.org>",
              "Installed-Size": str(size), "Depends": ", ".join(depends), "Description": DESCRIPTION}
    return "".join(f"{name}: {value}\n" for name, value in fields.items())


def build(out: Path, work: Path, depends: list[str], compression: str) -> Path:
    started = time.monotonic()
    if work.exists():
        shutil.rmtree(work / "root", ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    say(f"bundling Kinlink {__version__} with PyInstaller into {work} (a minute or two)")
    bundled = bundle(work)
    root = work / "root"
    lay_out(bundled, root)
    (root / "DEBIAN").mkdir()
    depends = [f"libc6 (>= {glibc_needed(bundled)})", *depends]
    (root / "DEBIAN/control").write_text(control(root, depends), encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    package = out / f"kinlink_{__version__}_{architecture()}.deb"
    say(f"writing {package} ({compression})")
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(package)],
                   check=True, stdout=subprocess.DEVNULL)
    say(f"done in {time.monotonic() - started:.0f} s: {package} ({package.stat().st_size / 1e6:.0f} MB); "
        f"install it with: sudo apt install {package.resolve()}")
    return package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/package", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the .deb goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build/package",
                        help="PyInstaller's and the package root's folder (default: build/package; kept, so that "
                             "a second build reuses PyInstaller's analysis)")
    parser.add_argument("--depends", default="", help="the Debian packages it depends on, separated by spaces")
    parser.add_argument("--compression", choices=("zstd", "xz", "gzip", "none"), default="zstd",
                        help="of the .deb's contents: zstd (the default: 2 s, 130 MB; Debian 12's dpkg reads it) or "
                             "xz (100 s, 99 MB, for older systems)")
    args = parser.parse_args(argv)
    if not args.depends.split():
        parser.error("--depends is empty: scripts/package passes the set-up's Debian packages")
    os.umask(0o022)
    build(args.out.resolve(), args.work.resolve(), args.depends.split(), args.compression)
    return 0


if __name__ == "__main__":
    sys.exit(main())
