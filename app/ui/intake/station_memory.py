"""What a station remembers between families (issue 16, item 9), in its ``settings.ini``: the place
and coordinates of the last family unit saved here (the next encounter's defaults: a desk registers
family after family at the same crossing), and the folder the last photo was chosen from (where the
photo's file dialog opens, the newest picture there chosen). A place and a folder are the station's,
not anyone's personal data (docs/conventions.md §5). Without a data folder (a wizard page on its
own) nothing is remembered.
"""

from __future__ import annotations

from pathlib import Path

from ..settings import LAST_LATITUDE, LAST_LONGITUDE, LAST_PLACE, PHOTO_FOLDER, Settings


class StationMemory:
    def __init__(self, data_dir: Path | None = None) -> None:
        self._settings = Settings(data_dir) if data_dir is not None else None

    def place(self) -> tuple[str, str, str]:
        """(place, latitude, longitude) of the last family unit saved here, as typed; empty when none."""
        if self._settings is None:
            return "", "", ""
        return (str(self._settings.get(LAST_PLACE)), str(self._settings.get(LAST_LATITUDE)),
                str(self._settings.get(LAST_LONGITUDE)))

    def remember_place(self, place: str, latitude: str, longitude: str) -> None:
        if self._settings is not None:
            for setting, value in ((LAST_PLACE, place), (LAST_LATITUDE, latitude), (LAST_LONGITUDE, longitude)):
                self._settings.set(setting, value.strip())

    def photo_folder(self) -> Path | None:
        """The folder the last photo was chosen from, while it is there."""
        folder = str(self._settings.get(PHOTO_FOLDER)) if self._settings is not None else ""
        return Path(folder) if folder and Path(folder).is_dir() else None

    def remember_photo_folder(self, chosen: Path) -> None:
        if self._settings is not None:
            self._settings.set(PHOTO_FOLDER, str(chosen.parent))
