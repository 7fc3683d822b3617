"""docs/examples/fhir-bundle.json: the README's example family (docs/examples/encounter.json) as
`kinlink export fhir` writes it. Run ``.venv/bin/python scripts/fhir_example.py``.

It registers the example in a throw-away station (a temporary folder, removed after), exports the
family and writes the bundle where docs/exports.md shows it. Ids, band numbers and times differ at
each run; the shape does not."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402

OUT = ROOT / "docs" / "examples" / "fhir-bundle.json"
PASSPHRASE = "a throw-away passphrase"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "station"
        services.init_station(data_dir=data_dir, station_name="Example", admin="chief", passphrase=PASSPHRASE)
        chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
        services.add_user(session=chief, name="ana", role="agent", passphrase=PASSPHRASE)
        chief.close()
        ana = services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)
        try:
            family = services.register_family(session=ana, document=(ROOT / "docs/examples/encounter.json")
                                              .read_bytes())["families"][0]
            written = Path(folder) / "bundle.json"
            services.export_fhir(session=ana, ident=family["number"], out=written, for_whom="docs/exports.md")
            OUT.write_bytes(written.read_bytes() + b"\n")
        finally:
            ana.close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
