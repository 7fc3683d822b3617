"""Started by the UI benchmark as a fresh process: open the app on DATA_DIR the way ``kinlink``
does, print "ready" once the sign-in window is on screen, and quit. The parent measures from the
process start to that line (a cold start: interpreter, Qt, translations, the store check)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui import i18n
from app.ui.login import LoginDialog
from app.ui.main import Launcher
from app.ui.settings import LANGUAGE, Settings


def main() -> int:
    data_dir = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    i18n.switch(Settings(data_dir).get(LANGUAGE))
    launcher = Launcher(data_dir)
    launcher.start()
    assert isinstance(launcher.dialog, LoginDialog)

    def ready() -> None:
        print("ready", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)  # after the first paint of the sign-in window
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
