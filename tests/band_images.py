"""Band images for the tests and the bench: stand-in payloads, degradations, decoding with zxing-cpp.

Pure Pillow (no numpy): Gaussian blur with ``ImageFilter.GaussianBlur`` (its radius is the
standard deviation, in pixels), Gaussian noise from a seeded tile so that every run degrades the
same way.
"""

from __future__ import annotations

import random
import re
import subprocess
from functools import cache
from pathlib import Path

import zxingcpp
from PIL import Image, ImageChops, ImageFilter

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
PAYLOAD_LENGTH = 120  # 80 bytes in Base45, the length of a real signed band payload
_TILE = 256


def stand_in_payload(seed: int | str = 0, length: int = PAYLOAD_LENGTH) -> str:
    """A payload-shaped text: ``length`` random characters of the Base45 alphabet."""
    rng = random.Random(f"payload:{seed}")
    return "".join(rng.choice(BASE45) for _ in range(length))


def decode(image: Image.Image) -> list[str]:
    """The texts of every QR code zxing-cpp finds in ``image``."""
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)]


def blur(image: Image.Image, sigma: float) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius=sigma)) if sigma > 0 else image


@cache
def _noise_tile(sigma: float, seed: int) -> Image.Image:
    rng = random.Random(f"noise:{sigma}:{seed}")
    values = bytes(max(0, min(255, round(128 + rng.gauss(0, sigma)))) for _ in range(_TILE * _TILE))
    return Image.frombytes("L", (_TILE, _TILE), values)


def noise(image: Image.Image, sigma: float, seed: int = 0) -> Image.Image:
    """``image`` (grayscale) plus Gaussian noise of standard deviation ``sigma`` grey levels."""
    if sigma <= 0:
        return image
    gray = image.convert("L")
    tile = _noise_tile(float(sigma), seed)
    field = Image.new("L", gray.size)
    for x in range(0, gray.width, _TILE):
        for y in range(0, gray.height, _TILE):
            field.paste(tile, (x, y))
    return ImageChops.add(gray, field, scale=1.0, offset=-128)


def rasterise_pdf(pdf: Path, out_dir: Path, dpi: int = 203) -> list[Image.Image]:
    """Every page of ``pdf`` as a grayscale image, by poppler's ``pdftoppm``."""
    prefix = out_dir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True,
                   capture_output=True, timeout=60)
    pages = sorted(out_dir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(p).convert("L") for p in pages]


def zpl_labels(job: str) -> list[str]:
    """The labels (``^XA`` .. ``^XZ``) of a ZPL job."""
    return re.findall(r"\^XA.*?\^XZ", job, flags=re.S)


def zpl_graphic(label: str, quiet: int = 16) -> Image.Image:
    """The ``^GFA`` bitmap of a label as an image (1 = black), with a white border for decoding."""
    match = re.search(r"\^GFA,(\d+),(\d+),(\d+),([0-9A-F]+)\^FS", label)
    assert match, "no ^GFA field in the label"
    total, row_bytes, data = int(match[1]), int(match[3]), bytes.fromhex(match[4])
    assert len(data) == total == int(match[2])
    rows = total // row_bytes
    bitmap = Image.frombytes("1", (row_bytes * 8, rows), bytes(b ^ 0xFF for b in data))  # PIL: 1 = white
    framed = Image.new("L", (bitmap.width + 2 * quiet, rows + 2 * quiet), 255)
    framed.paste(bitmap.convert("L"), (quiet, quiet))
    return framed


def zpl_native_data(label: str) -> str:
    """The data of the label's ``^BQ`` field after its ``MM,A`` (manual, alphanumeric) prefix."""
    match = re.search(r"\^BQN,2,(\d+)\^FDMM,A(.*?)\^FS", label, flags=re.S)
    assert match, "no native ^BQN field in the label"
    return match[2]


def band_family_document() -> bytes:
    """An invented family of four: a mother, a child of 7, a pre-verbal baby with no known name,
    and an adult whose name is not known, each child linked to both adults."""
    from tests.conftest import adult, child, document, link

    people = [
        adult("a1", "Ixchel", "Batz'ín Quixabé", birth_date="1997-03-02", nationality="GT"),
        adult("a2", None, None, age_estimate_years=30),
        child("c1", "Tzunun", "Quixabé Batz", age_estimate_years=7),
        child("c2", None, None, age_estimate_years=1, preverbal=True, description="green blanket"),
    ]
    links = [link("a1", "c1"), link("a1", "c2"), link("a2", "c1", "unknown"), link("a2", "c2", "unknown")]
    return document({"people": people, "links": links})
