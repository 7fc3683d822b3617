"""A program's window on a real X display, watched from outside the program: a virtual screen of its
own (Xvfb), the moment a window of a given title is on it (mapped and viewable), and a picture of the
screen. Used where the program under test is not ours to instrument: the installed package's
``kinlink`` (tests/e2e/test_package.py, tests/bench/bench_package.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCREEN = "1366x768x24"  # the desks' laptops


@contextmanager
def virtual_display() -> Iterator[str]:
    """A fresh Xvfb at 1366x768; yields its DISPLAY (":N", the first free number, told by Xvfb itself)."""
    read, write = os.pipe()
    # -noreset: by default Xvfb resets when its last client leaves, and refuses whoever connects meanwhile
    # (one xwininfo in ten between two launches of a program)
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp",
                               "-noreset"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as told:
            number = told.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (exit {server.poll()})")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def viewable_window(display: str, title: str) -> str | None:
    """The id of a window titled ``title`` that is on screen now, if there is one."""
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, env=env, check=True).stdout
    for window in re.findall(r"^\s+(0x[0-9a-f]+) \"" + re.escape(title) + r"\"", tree, re.MULTILINE):
        state = subprocess.run(["xwininfo", "-id", window], capture_output=True, text=True, env=env,
                               check=False).stdout
        if "Map State: IsViewable" in state:
            return str(window)
    return None


def wait_for_window(display: str, title: str, process: subprocess.Popen[bytes], timeout: float = 30) -> float:
    """Seconds since now until a window titled ``title`` is viewable; fails if ``process`` ends first."""
    started = time.monotonic()
    while viewable_window(display, title) is None:
        if process.poll() is not None:
            raise AssertionError(f"the program ended (exit {process.returncode}) before its window '{title}' showed")
        if time.monotonic() - started > timeout:
            raise AssertionError(f"no window '{title}' within {timeout:.0f} s")
        time.sleep(0.01)
    return time.monotonic() - started


def capture_window(display: str, title: str, command: list[str], picture: Path, *, env: dict[str, str],
                   timeout: float = 30) -> tuple[float, str]:
    """Start ``command`` (its environment ``env``, which names the display), wait until its window
    ``title`` is on screen, let it paint, capture the screen into ``picture`` and end the program.
    Returns the seconds to the window and what the program wrote (stdout and stderr together); a window
    that does not show fails with that output in the message."""
    app = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        seconds = wait_for_window(display, title, app, timeout=timeout)
        time.sleep(0.5)  # painted
        grab_screen(display, picture)
    except AssertionError as error:
        app.kill()
        raise AssertionError(f"{error}\n{app.communicate()[0].decode(errors='replace')[-1500:]}") from None
    finally:
        if app.poll() is None:
            app.terminate()
    return seconds, app.communicate(timeout=30)[0].decode(errors="replace")


def grab_screen(display: str, path: Path) -> None:
    """The whole screen as a PNG, taken by a Qt process of this checkout on the same display."""
    script = ("import sys\nfrom PySide6.QtWidgets import QApplication\napp = QApplication(sys.argv[:1])\n"
              "assert app.primaryScreen().grabWindow(0).save(sys.argv[1])\n")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    subprocess.run([sys.executable, "-c", script, str(path)], env=env, check=True, timeout=60)
