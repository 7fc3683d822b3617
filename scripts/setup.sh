# shellcheck shell=bash
# Shared by scripts/run and scripts/test: install what is missing, fast when nothing is.
# Debian packages through apt-get (with sudo when not root), Python packages pinned by
# requirements/lock.txt into .venv. Idempotent.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# Qt runtime (offscreen and printing), then what a real window needs.
QT_RUNTIME=(libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 libcups2 fonts-dejavu-core libpulse0)
QT_WINDOW=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
           libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libx11-xcb1)
TEST_TOOLS=(postgresql xvfb xauth x11-utils desktop-file-utils poppler-utils cups printer-driver-cups-pdf)

say() { printf 'kinlink setup: %s\n' "$*" >&2; }

ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { say "missing ${missing[*]} and no apt-get: install them by hand"; return 1; }
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_for_venv() {
  local py
  for py in python3.11 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$py"; return 0
    fi
  done
  say "Python 3.11 or newer is needed"; return 1
}

ensure_venv() {
  local py stamp want
  py="$(python_for_venv)"
  if ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
    ensure_debian_packages python3-venv
  fi
  [ -x "$VENV/bin/python" ] || { say "creating $VENV"; "$py" -m venv "$VENV"; }
  want="$(cat "$ROOT/requirements/lock.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  stamp="$VENV/.kinlink-installed"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python packages (requirements/lock.txt)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements/lock.txt"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$ROOT"
    echo "$want" > "$stamp"
  fi
}

# Build the Qt translations (.qm) from their sources (.ts) when missing or older.
ensure_translations() {
  local ts qm
  for ts in "$ROOT"/resources/translations/*.ts; do
    [ -e "$ts" ] || continue
    qm="${ts%.ts}.qm"
    if [ ! -e "$qm" ] || [ "$ts" -nt "$qm" ]; then
      "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
    fi
  done
}
