"""Run by tests/integration/test_print_cups.py in a process of its own (libcups reads CUPS_SERVER once
per thread and Qt keeps its printer list): the custody dialog of one child, driven by key presses as
an agent drives it: the transfer typed and recorded with Enter, then Enter on the transfer sheet step,
which prints to the printer it offers first.

Usage: python -m tests.integration.cups_sheet_worker DATA_DIR USER BAND
(passphrase from KINLINK_PASSPHRASE). With KINLINK_BETWEEN set (a command, such as ``cupsaccept
QUEUE``), that command runs after the first Enter and Enter is pressed once more. Prints, as JSON,
what the dialog showed: the printer offered, then after each Enter the form's message, the subject,
the main button's text and whether the focus is on the Close button.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    from app import services
    from app.ui import band_output
    from app.ui.custody_dialogs import CustodyDialog

    data_dir, user, band = argv[:3]
    app = band_output.ensure_gui_application()
    session = services.sign_in(data_dir=Path(data_dir), user=user, passphrase=os.environ["KINLINK_PASSPHRASE"])
    person = next(p for p in services.show_family(session=session, ident=band)["people"] if p["band"] == band)
    dialog = CustodyDialog(session, Path(data_dir), person)
    dialog.resize(640, 480)
    dialog.show()
    dialog.activateWindow()
    QTest.keyClicks(dialog.receiving_party, "Casa Colibri, Brownsville")  # (QTest types ASCII)
    QTest.keyClicks(dialog.reason, "placement order")
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    deadline = time.monotonic() + 30
    while dialog.heading.text() != "Transfer recorded":
        assert time.monotonic() < deadline, dialog.form_message.text()
        QCoreApplication.processEvents()
        time.sleep(0.01)

    def shown() -> dict[str, Any]:
        return {"message": dialog.form_message.text(), "subject": dialog.subject.text(),
                "button": dialog.save_button.text(), "on_close": dialog.focusWidget() is dialog.cancel_button}

    answer: dict[str, Any] = {"offered": dialog.sheet_to.currentText()}
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    answer["first"] = shown()
    between = os.environ.get("KINLINK_BETWEEN")
    if between:
        subprocess.run(shlex.split(between), check=True, timeout=30)
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        answer["second"] = shown()
    session.close()
    print(json.dumps(answer))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
