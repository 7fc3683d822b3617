"""`kinlink band render` through the real process: PNG, PDF and ZPL files that decode to the signed
payloads, private files, and the exit codes of docs/design.md."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app import services
from tests.band_images import band_family_document, decode, rasterise_pdf, zpl_graphic, zpl_labels, zpl_native_data
from tests.conftest import ADMIN, AGENT


@pytest.fixture
def family(agent: services.Session) -> dict[str, Any]:
    return services.register_family(session=agent, document=band_family_document())["families"][0]


def test_render_one_band_as_png(cli: Any, agent: services.Session, family: dict[str, Any], tmp_path: Path) -> None:
    baby = family["people"][3]["band"]
    out = tmp_path / "baby.png"
    done = cli("band", "render", baby.lower().replace("-", ""), "--format", "png", "-o", str(out), user=AGENT)
    assert done.code == 0, done.stderr
    assert [(b["band"], b["layout"], b["dpi"]) for b in done.json["bands"]] == [(baby, "infant", 203)]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert decode(Image.open(out)) == [services.band_payload(session=agent, band=baby)]


def test_render_the_family_as_pdf_at_300_dpi_with_a_chosen_layout(cli: Any, agent: services.Session,
                                                                   family: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "family.pdf"
    done = cli("band", "render", family["people"][2]["band"], "--family", "--format", "pdf", "--dpi", "300",
               "--layout", "child", "-o", str(out), user=AGENT)
    assert done.code == 0, done.stderr
    bands = [b["band"] for b in done.json["bands"]]
    assert len(bands) == 4 and {b["layout"] for b in done.json["bands"]} == {"child"}
    pages = rasterise_pdf(out, tmp_path, 203)
    assert [decode(p) for p in pages] == [[services.band_payload(session=agent, band=b)] for b in bands]


@pytest.mark.parametrize("qr", ["graphic", "native"])
def test_render_the_family_as_zpl(cli: Any, agent: services.Session, family: dict[str, Any], tmp_path: Path,
                                  qr: str) -> None:
    out = tmp_path / "family.zpl"
    done = cli("band", "render", family["people"][0]["band"], "--family", "--format", "zpl", "--qr", qr,
               "-o", str(out), user=AGENT)
    assert done.code == 0, done.stderr
    payloads = [services.band_payload(session=agent, band=b["band"]) for b in done.json["bands"]]
    labels = zpl_labels(out.read_text())
    got = [decode(zpl_graphic(lb))[0] if qr == "graphic" else zpl_native_data(lb) for lb in labels]
    assert got == payloads


def test_render_refusals_and_their_exit_codes(cli: Any, family: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    band = family["people"][0]["band"]
    unknown = cli("band", "render", "K7QXM-2235-P", "--format", "png", "-o", str(out), user=AGENT)
    assert unknown.code == 2 and "no family unit, person or band 'K7QXM-2235-P'" in unknown.stderr
    admin = cli("band", "render", band, "--format", "png", "-o", str(out), user=ADMIN)
    assert admin.code == 3 and "not permitted to print bands" in admin.stderr
    usage = cli("band", "render", band, "--format", "png", "--dpi", "600", "-o", str(out), user=AGENT)
    assert usage.code == 2 and "invalid choice: 600" in usage.stderr
    nowhere = cli("band", "render", band, "--format", "pdf", "-o", str(tmp_path / "no" / "x.pdf"), user=AGENT)
    assert nowhere.code == 2 and "cannot write" in nowhere.stderr and "nothing was written" in nowhere.stderr
    assert not out.exists()
