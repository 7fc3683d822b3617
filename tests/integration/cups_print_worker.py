"""Run by tests/integration/test_print_cups.py in a process of its own: libcups reads CUPS_SERVER
once per thread and Qt keeps its printer list, so the test's private cupsd needs a fresh process.

Usage: python -m tests.integration.cups_print_worker DATA_DIR USER FAMILY PRINTER [DPI]
(passphrase from KINLINK_PASSPHRASE; with KINLINK_PRINT_ON_WORKER=1 the job runs on the desktop
app's worker thread, through the function its Print button calls, with KINLINK_REPRINT_REASON as
the reason). Prints the job's JSON; a PrinterError exits with status 3 and its message on stderr.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main(argv: list[str]) -> int:
    from app import services
    from app.ui import band_output

    data_dir, user, family, printer = argv[:4]
    dpi = int(argv[4]) if len(argv) > 4 else 203
    app = band_output.ensure_gui_application()
    session = services.sign_in(data_dir=Path(data_dir), user=user, passphrase=os.environ["KINLINK_PASSPHRASE"])
    try:
        if os.environ.get("KINLINK_PRINT_ON_WORKER") == "1":
            result = _on_worker(lambda: band_output.output_family_bands(
                session=session, family=family, destination=band_output.Destination("printer", printer=printer),
                dpi=dpi, reason=os.environ.get("KINLINK_REPRINT_REASON")))
        else:
            result = band_output.print_family_bands(session=session, family=family, printer_name=printer, dpi=dpi)
    except services.PrinterError as error:
        print(str(error), file=sys.stderr)
        return 3
    finally:
        session.close()
    print(json.dumps(result))
    del app
    return 0


def _on_worker(call: Any) -> Any:
    """``call`` run as the desktop app runs it: an Operation on the worker thread, its answer (or
    exception) delivered to this, the main thread's, event loop."""
    from PySide6.QtCore import QEventLoop, QObject

    from app.ui.worker import Operation

    answer: dict[str, Any] = {}
    loop, owner = QEventLoop(), QObject()
    Operation(owner, call).success(lambda value: answer.update(value=value)) \
        .failure(lambda error: answer.update(error=error)).run()
    while not answer:
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    if "error" in answer:
        raise answer["error"]
    return answer["value"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
