"""The station's Debian package (issue 18), built by ``scripts/package`` as a release is, extracted with
``dpkg -x`` into a temporary root and run from there with nothing of this checkout on its paths: its
``kinlink`` command registers and shows the README's family, and its app's first windows open on a
real (virtual) X display and are captured.

Slow: the build is about a minute and a half (PyInstaller), once for the module."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from app import __version__
from tests.conftest import ADMIN, AGENT, PASSPHRASES
from tests.xwindow import capture_window, virtual_display

ROOT = Path(__file__).resolve().parents[2]
REGISTRY_ONLY = ("fastapi", "uvicorn", "starlette", "psycopg", "psycopg_binary", "psycopg_pool", "alembic")
ADMIN_PASSPHRASE = PASSPHRASES[ADMIN]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("package")
    done = subprocess.run([str(ROOT / "scripts/package"), "--out", str(work / "out"), "--work", str(work / "work")],
                          capture_output=True, text=True, timeout=1200, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    built = list((work / "out").glob("kinlink_*.deb"))
    assert [path.name for path in built] == [f"kinlink_{__version__}_amd64.deb"]
    return built[0]


@pytest.fixture(scope="module")
def installed(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files under a temporary root, as ``dpkg -x`` lays them out."""
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg", "-x", str(package), str(root)], check=True)
    return root


def glibc_versions(library: Path) -> tuple[int, ...]:
    """The newest GLIBC_x.y symbol version a library asks for."""
    listed = subprocess.run(["objdump", "-T", str(library)], capture_output=True, text=True, check=True).stdout
    return max(tuple(map(int, version.split("."))) for version in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", listed))


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desk's session has: no virtual environment, no PYTHONPATH, none of this checkout."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", **extra}


def kinlink(root: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(root / "usr/bin/kinlink"), *args], capture_output=True, text=True, timeout=120,
                          check=False, env=clean_env(home, **env))


def test_the_package_says_what_it_is_and_what_it_needs(package: Path, installed: Path) -> None:
    fields = subprocess.run(["dpkg-deb", "--field", str(package)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Package: kinlink$\n(.|\n)*^Version: {re.escape(__version__)}$", fields, re.MULTILINE)
    depends = {name.strip() for name in re.search(r"^Depends: (.*)$", fields, re.MULTILINE).group(1).split(",")}
    listed = f'source {ROOT}/scripts/setup.sh; echo "${{QT_RUNTIME[@]}} ${{QT_WINDOW[@]}}"'
    setup = subprocess.run(["bash", "-c", listed], capture_output=True, text=True, check=True).stdout.split()
    glibc = [name for name in depends if name.startswith("libc6 ")]
    assert depends - set(glibc) == set(setup) and "libxcb-cursor0" in depends
    # the bundle carries the build machine's libstdc++ and libpython: the C library they need is declared
    needed = max(glibc_versions(installed / "opt/kinlink/_internal" / name)
                 for name in ("libstdc++.so.6", "libpython3.11.so.1.0"))
    declared = re.fullmatch(r"libc6 \(>= ([\d.]+)\)", glibc[0]) if len(glibc) == 1 else None
    assert declared and tuple(map(int, declared.group(1).split("."))) >= needed, glibc
    listing = subprocess.run(["dpkg-deb", "--contents", str(package)], capture_output=True, text=True,
                             check=True).stdout
    assert re.search(r"^lrwxrwxrwx root/root .* \./usr/bin/kinlink -> \.\./\.\./opt/kinlink/kinlink$", listing,
                     re.MULTILINE)
    for path in ("./opt/kinlink/kinlink", "./usr/share/applications/kinlink.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/kinlink.svg", "./usr/share/doc/kinlink/copyright",
                 "./opt/kinlink/_internal/resources/translations/kinlink_es.qm"):
        assert re.search(rf" {re.escape(path)}$", listing, re.MULTILINE), path
    # what _internal/ holds at its top: ("opt", "kinlink", "_internal", NAME, ...)
    bundled = {Path(line.split()[-1]).parts[3] for line in listing.splitlines()
               if line.split()[-1].startswith("./opt/kinlink/_internal/") and len(Path(line.split()[-1]).parts) > 3}
    assert not [name for name in bundled if name.split(".")[0] in REGISTRY_ONLY], "the registry's packages are in"
    # the modules are files (a registry package would show above), and multiprocessing's start-up hook is out
    assert {"app", "sync", "sqlalchemy"} <= bundled and "multiprocessing" not in bundled
    assert not [line for line in listing.splitlines() if not line.startswith(("drwxr-xr-x root/root",
                                                                               "-rw-r--r-- root/root",
                                                                               "-rwxr-xr-x root/root",
                                                                               "lrwxrwxrwx root/root"))]


def test_the_installed_command_registers_and_shows_the_readme_family(installed: Path, tmp_path: Path) -> None:
    data = tmp_path / "station"
    version = kinlink(installed, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"kinlink {__version__} (sync protocol 2)"
    made = kinlink(installed, tmp_path, "--data-dir", str(data), "init", "--station", "Sasabe", "--admin", ADMIN,
                   KINLINK_NEW_PASSPHRASE=ADMIN_PASSPHRASE)
    assert made.returncode == 0, made.stderr
    added = kinlink(installed, tmp_path, "--data-dir", str(data), "--user", ADMIN, "user", "add", AGENT, "--role",
                    "agent", KINLINK_PASSPHRASE=ADMIN_PASSPHRASE, KINLINK_NEW_PASSPHRASE=PASSPHRASES[AGENT])
    assert added.returncode == 0, added.stderr
    agent = {"KINLINK_DATA_DIR": str(data), "KINLINK_USER": AGENT, "KINLINK_PASSPHRASE": PASSPHRASES[AGENT]}
    example = installed / "usr/share/doc/kinlink/examples/encounter.json"  # the README's family, shipped
    registered = kinlink(installed, tmp_path, "family", "add", str(example), **agent)
    assert registered.returncode == 0, registered.stderr
    band = json.loads(registered.stdout)["families"][0]["people"][0]["band"]
    shown = kinlink(installed, tmp_path, "family", "show", band, **agent)
    assert shown.returncode == 0, shown.stderr
    names = [(person["given_names"], person["role"]) for person in json.loads(shown.stdout)["people"]]
    assert ("María José", "adult") in names and len(names) == 2
    exported = kinlink(installed, tmp_path, "export", "fhir", band, "-o", str(tmp_path / "family.json"), "--for",
                       "Test shelter", **agent)  # FHIR's models are imported on the first export: in the bundle too
    assert exported.returncode == 0, exported.stderr
    assert json.loads((tmp_path / "family.json").read_text())["resourceType"] == "Bundle"
    registry = kinlink(installed, tmp_path, "registry", "stations", **agent)
    assert registry.returncode == 2
    assert "the registry is not part of this installation" in registry.stderr and "Traceback" not in registry.stderr


def test_the_installed_app_opens_its_first_windows(installed: Path, tmp_path: Path) -> None:
    """The set-up window on an empty data folder, in the system's Spanish (the bundle's translations), then
    (a station made) the sign-in window in English, each captured."""
    data = tmp_path / "station"
    with virtual_display() as display:
        windows = (("Kinlink — configurar esta estación", "es_MX.UTF-8"), ("Kinlink — sign in", "C.UTF-8"))
        for title, language in windows:
            picture = tmp_path / f"{title.split()[-1]}.png"
            _, output = capture_window(display, title, [str(installed / "usr/bin/kinlink"), "--data-dir", str(data)],
                                       picture, env=clean_env(tmp_path, DISPLAY=display, LANG=language))
            assert "Traceback" not in output, output
            centre = Image.open(picture).convert("RGB").getpixel((683, 384))
            assert sum(centre) > 300, f"the screen's centre is dark {centre}: no window painted there"
            if not data.exists():
                made = kinlink(installed, tmp_path, "--data-dir", str(data), "init", "--station", "Sasabe",
                               "--admin", ADMIN, KINLINK_NEW_PASSPHRASE=ADMIN_PASSPHRASE)
                assert made.returncode == 0, made.stderr


def test_the_menu_entry_and_the_documents_inside(installed: Path) -> None:
    with gzip.open(installed / "usr/share/doc/kinlink/changelog.gz") as packed:
        assert packed.read() == (ROOT / "CHANGELOG.md").read_bytes()
    desktop = installed / "usr/share/applications/kinlink.desktop"
    checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    assert "\nExec=kinlink\n" in desktop.read_text() and "\nIcon=kinlink\n" in desktop.read_text()
    assert (installed / "usr/share/icons/hicolor/scalable/apps/kinlink.svg").read_bytes() == \
        (ROOT / "resources/icons/kinlink.svg").read_bytes()
