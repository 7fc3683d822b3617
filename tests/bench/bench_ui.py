"""The desktop app's speed: cold start to the sign-in window (goal <= 1.5 s, median of several
launches), and how long each step of the new encounter wizard takes to answer Next on a station
holding 100k people (goal <= 100 ms), plus the save."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

STARTUP_GOAL_S = 1.5
STEP_GOAL_MS = 100.0
ROOT = Path(__file__).resolve().parents[2]


def cold_start(data_dir: Path, launches: int = 5) -> list[float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(launches):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(Path(__file__).with_name("startup_probe.py")), str(data_dir)],
                              capture_output=True, text=True, env=env, timeout=60, check=False)
        if "ready" not in done.stdout:
            raise RuntimeError(f"the app did not start: {done.stderr[-2000:]}")
        times.append(time.perf_counter() - start)
    return times


def wizard_steps(session: Any, data_dir: Path, rounds: int = 5) -> dict[str, list[float]]:
    """Fill a family of four in the wizard (as the tests do) and time each Next, then the save."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.intake.wizard import IntakeWizard
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(session, data_dir)
    window.show()
    timings: dict[str, list[float]] = {"encounter": [], "people": [], "relationships": [], "save": []}
    for _ in range(rounds):
        window.new_encounter()
        wizard = window.intake
        assert isinstance(wizard, IntakeWizard)
        _fill(wizard)
        for step in ("encounter", "people", "relationships"):
            start = time.perf_counter()
            wizard.next()
            app.processEvents()
            timings[step].append((time.perf_counter() - start) * 1000)
        saved: list[bool] = []
        wizard.family_saved.connect(lambda _answer, s=saved: s.append(True))
        start = time.perf_counter()
        wizard.save()
        while not saved:
            loop = QEventLoop()
            QTimer.singleShot(1, loop.quit)
            loop.exec()
        timings["save"].append((time.perf_counter() - start) * 1000)
        wizard.start_over()
    window.close()
    from app.ui import worker

    worker.wait_for_idle()  # the print dialogs' family fetches, before the application goes
    return timings


def _fill(wizard: Any) -> None:
    wizard.encounter_page.place.setText("Bench crossing, mile 3")
    people = wizard.people_page
    for role, given, family in (("adult", "Amaléz", "Quixabé"), ("adult", "Dorisén", "Chumíl"),
                                ("child", "Ixbalé", "Quixabé"), ("child", None, None)):
        form = people.add_person(role)
        if given:
            form.given_names.setText(given)
            form.family_names.setText(family)
        else:
            form.name_unknown.setChecked(True)
        form.sex.setCurrentIndex(1)
        form.age.setText("30" if role == "adult" else "4")
    wizard.next()  # encounter -> people is timed separately below; prime the relationships grid
    wizard.next()
    for (relationship, provenance) in wizard.relationships_page.cells.values():
        relationship.setCurrentIndex(relationship.findData("unknown"))
        provenance.setCurrentIndex(max(0, provenance.findData("claimed")))
    wizard.back()
    wizard.back()


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), max(values)
