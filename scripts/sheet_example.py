"""docs/examples/family.csv and docs/screenshots/transfer-sheet.png: the README's example
family (docs/examples/encounter.json, the baby's photo docs/examples/photo.png) after the separation
and the transfers, as `kinlink family show --format csv` and `kinlink custody sheet` write them. Run
``.venv/bin/python scripts/sheet_example.py`` (needs poppler-utils' pdftoppm).

It works in a throw-away station (a temporary folder, removed after). The PNGs are pdftoppm's
rendering of the real PDF at 100 dpi (A4, English; ``--language es`` draws the Spanish one,
``transfer-sheet-es.png``). Ids, band numbers and times differ at each run."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import services  # noqa: E402
from scripts.screenshots import agent_at_new_station  # noqa: E402

CSV = ROOT / "docs" / "examples" / "family.csv"
SHOTS = ROOT / "docs" / "screenshots"
SHEETS = [("es", "letter", "transfer-sheet-es")] if sys.argv[1:] == ["--language", "es"] else \
    [("en", "a4", "transfer-sheet")]


def main() -> None:
    from app.ui import transfer_sheet

    transfer_sheet.ensure_widget_application()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "station"
        ana = agent_at_new_station(data_dir, "Example")
        try:
            family = services.register_family(
                session=ana, document=(ROOT / "docs/examples/encounter.json").read_bytes(),
                bundles={"c1": services.IdentityBundle(carried_by="a1", photos=[
                    ((ROOT / "docs/examples/photo.png").read_bytes(), "file")])})["families"][0]
            mother, baby = (p["band"] for p in family["people"])
            services.separate(session=ana, child=baby, adult=mother, reason="mother taken to detention")
            services.transfer_custody(session=ana, person=mother, to="ice", facility="Florence detention centre",
                                      reason="detention order")
            services.transfer_custody(session=ana, person=baby, to="hhs_orr", facility="ORR shelter, Brownsville",
                                      reference="ORR-2026-5521", reason="placement order")
            services.write_family(session=ana, ident=baby, fmt="csv", out=CSV)
            for language, paper, name in SHEETS:
                pdf = Path(folder) / f"{name}.pdf"
                transfer_sheet.render_transfer_sheet(session=ana, person=baby, out=pdf, paper=paper,
                                                     language=language)
                subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(SHOTS / name)],
                               check=True)
        finally:
            ana.close()
    for written in (CSV, *(SHOTS / f"{n}.png" for *_, n in SHEETS)):
        os.chmod(written, 0o644)  # (private like every export; a file of the docs is read by everyone)
    print(f"wrote {CSV.relative_to(ROOT)} and " + ", ".join(f"{SHOTS.relative_to(ROOT)}/{n}.png" for *_, n in SHEETS))


if __name__ == "__main__":
    main()
