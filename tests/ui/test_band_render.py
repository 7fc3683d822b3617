"""The one drawing function and its Qt outputs: every layout at 203 and 300 dpi renders to PNG and
PDF and decodes with zxing-cpp to the exact payload, also blurred and noisy; QR modules are whole
pixels; nothing is drawn outside its box; files are private and nothing else is written."""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

import pytest
from PIL import Image

from app.bands import layout
from app.bands.content import BandContent
from app.bands.layout import TextRun
from app.ui import band_painter
from tests.band_images import blur, decode, noise, rasterise_pdf, stand_in_payload

CASES = list(itertools.product(layout.DPIS, layout.LAYOUTS))
ADULT = BandContent("a1", "K7QXM-2235-P", "K7QXM-12", "Ixchel Batz'ín Quixabé", "age 29", "adult", "adult",
                    children=("K7QXM-2236-R", "K7QXM-2237-T"))
CHILD = BandContent("c1", "K7QXM-2236-R", "K7QXM-12", "Tzunun Quixabé Batz", "age 7", "child", "child")
INFANT = BandContent("c2", "K7QXM-2237-T", "K7QXM-12", "unknown", "age ~1", "child", "infant")
BY_LAYOUT = {"adult": ADULT, "child": CHILD, "infant": INFANT}


def drawing(dpi: int, name: str, seed: object = "") -> layout.BandDrawing:
    return layout.band_drawing(BY_LAYOUT[name], stand_in_payload(f"{dpi}{name}{seed}"), dpi=dpi, layout=name)


@pytest.mark.parametrize(("dpi", "name"), CASES)
def test_png_decodes_to_the_exact_payload_also_blurred_and_noisy(dpi: int, name: str, tmp_path: Path) -> None:
    band = drawing(dpi, name)
    out = tmp_path / "band.png"
    band_painter.render_png([band], out)
    image = Image.open(out)
    assert image.size == (band.width, band.height) and image.mode == "L"
    assert round(image.info["dpi"][0]) == dpi
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    payload = band.qr.payload
    assert decode(image) == [payload]
    quarter = band.qr.module / 4
    assert decode(blur(image, quarter)) == [payload]
    assert decode(noise(blur(image, quarter), 20, seed=dpi)) == [payload]
    assert decode(noise(image, 40, seed=dpi)) == [payload]


@pytest.mark.parametrize(("dpi", "name"), CASES)
def test_qr_modules_are_whole_black_pixels_and_nothing_is_drawn_outside_its_box(dpi: int, name: str) -> None:
    band = drawing(dpi, name)
    image = band_painter.band_image([band])
    pixels = image.constBits().tobytes()
    stride, qr = image.bytesPerLine(), band.qr
    ox, oy = qr.symbol_origin
    for y in range(qr.y, qr.y + qr.side):  # the symbol and its quiet zone: pure black or white
        row = pixels[y * stride + qr.x: y * stride + qr.x + qr.side]
        assert set(row) <= {0, 255}
    for (mx, my) in [(0, 0), (6, 6), (qr.matrix.size - 1, 0), (3, qr.matrix.size - 3)]:  # finder patterns
        for dx in range(qr.module):
            for dy in range(qr.module):
                value = pixels[(oy + my * qr.module + dy) * stride + ox + mx * qr.module + dx]
                assert value == (0 if qr.matrix.dark(mx, my) else 255)
    inked = [(x, y) for y in range(band.height) for x in range(band.width) if pixels[y * stride + x] < 250]
    boxes = [(i.x, i.y, i.width, i.height) for i in band.texts] + [(qr.x, qr.y, qr.side, qr.side)]
    rules = [r for r in band.items if isinstance(r, layout.Rule)]
    boxes += [(r.x1 - r.thickness, r.y1, 2 * r.thickness, r.y2 - r.y1) for r in rules]
    stray = [p for p in inked if not any(x <= p[0] < x + w and y <= p[1] < y + h for x, y, w, h in boxes)]
    assert stray == []


def test_a_name_too_long_for_its_box_shrinks_then_wraps_then_is_elided(qapp: object) -> None:
    run = TextRun(0, 0, 300, 50, "María de los Ángeles Xiloj Batz'ín Quixabé de Tzul", 24, "name", bold=True,
                  min_size=16, max_lines=2)
    font, lines = band_painter.fit_text(run)
    assert len(lines) == 2 and " ".join(lines) == run.text and font.pixelSize() <= 24
    one_line = TextRun(0, 0, 200, 30, run.text, 24, "name", bold=True, min_size=16)
    font, lines = band_painter.fit_text(one_line)
    assert font.pixelSize() == 16 and len(lines) == 1 and lines[0].endswith("…")
    short = TextRun(0, 0, 300, 36, "unknown", 28, "name", bold=True)
    assert band_painter.fit_text(short)[0].pixelSize() == 28


@pytest.mark.parametrize("dpi", layout.DPIS)
def test_pdf_one_page_per_band_rasterised_at_203_dpi_decodes(dpi: int, tmp_path: Path) -> None:
    bands = [drawing(dpi, name, "pdf") for name in layout.LAYOUTS]
    out = tmp_path / "family.pdf"
    band_painter.render_pdf(bands, out, title="Kinlink bands K7QXM-12")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    for personal in ("Ixchel", "Quixab"):  # the title names the family number only
        assert personal.encode() not in data.split(b"/Title")[1][:80]
    pages = rasterise_pdf(out, tmp_path, 203)
    assert len(pages) == len(bands)
    assert [p.size for p in pages] == [(1218, 203)] * 3  # one media size per job: the longest band
    assert [decode(p) for p in pages] == [[b.qr.payload] for b in bands]


def test_outputs_write_only_the_chosen_file(tmp_path: Path, private_tmp: Path) -> None:
    out_dir = tmp_path / "chosen"
    out_dir.mkdir()
    bands = [drawing(203, name, "only") for name in layout.LAYOUTS]
    band_painter.render_png(bands, out_dir / "bands.png")
    band_painter.render_pdf(bands, out_dir / "bands.pdf")
    assert sorted(p.name for p in out_dir.iterdir()) == ["bands.pdf", "bands.png"]
    assert list(private_tmp.rglob("*")) == []
    stacked = Image.open(out_dir / "bands.png")
    assert stacked.size == (1218, 3 * 203 + 2 * band_painter.PNG_GAP_DOTS)
    assert sorted(decode(stacked)) == sorted(b.qr.payload for b in bands)


def test_an_unwritable_file_is_a_clear_error_and_nothing_is_left(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        if os.access(folder, os.W_OK):  # root writes anywhere: use a path under a file instead
            target = tmp_path / "a-file" / "bands.png"
            (tmp_path / "a-file").write_text("")
        else:
            target = folder / "bands.png"
        with pytest.raises(band_painter.OutputError, match="cannot write .*nothing was written"):
            band_painter.render_png([drawing(203, "child")], target)
    finally:
        os.chmod(folder, 0o700)
    assert list(folder.iterdir()) == []
