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
from scripts.screenshots import agent_at_new_station  # noqa: E402

OUT = ROOT / "docs" / "examples" / "fhir-bundle.json"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "station"
        ana = agent_at_new_station(data_dir, "Example")
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
