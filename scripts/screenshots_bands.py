"""Band samples at 203 dpi, in docs/screenshots/band-{adult,child,infant}.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_bands.py [--dpi 300] [--out DIR]

It makes a throw-away station, registers an invented family (a mother, an adult whose name is not
known, a child of 7 and a pre-verbal baby with no known name) and renders one band of each layout
through the same use case as `kinlink band render`, with real signed payloads. Nothing here is real.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.ui import band_output  # noqa: E402
from tests.band_images import band_family_document  # noqa: E402

PASSPHRASE = "screenshots passphrase 1"
SAMPLES = {"adult": 0, "child": 2, "infant": 3}  # layout -> person in band_family_document()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=203, choices=[203, 300])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    band_output.ensure_gui_application()
    with tempfile.TemporaryDirectory(prefix="kinlink-bands-") as work:
        data_dir = Path(work) / "station"
        services.init_station(data_dir=data_dir, station_name="Sample Station", admin="chief", passphrase=PASSPHRASE)
        admin = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
        services.add_user(session=admin, name="ana", role="agent", passphrase=PASSPHRASE)
        admin.close()
        agent = services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)
        try:
            family = services.register_family(session=agent, document=band_family_document())["families"][0]
            for name, index in SAMPLES.items():
                band = family["people"][index]["band"]
                out = args.out / f"band-{name}.png"
                band_output.render_family_bands(session=agent, family=band, band=band, fmt="png", out=out,
                                                dpi=args.dpi, layout=name)
                out.chmod(0o644)  # a picture for the docs, with invented names
                print(out)
        finally:
            agent.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
