"""Band benchmarks: decode rates per layout x dpi x degradation, render times, qrcode vs segno.

``scripts/bench --only bands`` puts the figures in the bench table (one row per layout and dpi,
its note holding every degradation); ``.venv/bin/python -m tests.bench.bench_bands [--payloads N]``
prints the full decode-rate table on its own. Each payload is random Base45 text of a real
payload's length (120 characters), rendered by the app's one drawing function at the band's dpi,
degraded (Gaussian blur of a quarter and half a module; Gaussian noise of standard deviation 20
and 40 grey levels), and decoded by zxing-cpp; a decode counts only when the text is exact.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402

from app.bands import layout  # noqa: E402
from app.bands.content import BandContent  # noqa: E402
from tests.band_images import blur, decode, noise, stand_in_payload  # noqa: E402

DEGRADATIONS: dict[str, Callable[[Image.Image, int, int], Image.Image]] = {
    "none": lambda image, module, seed: image,
    "blur 1/4 module": lambda image, module, seed: blur(image, module / 4),
    "blur 1/2 module": lambda image, module, seed: blur(image, module / 2),
    "noise 20": lambda image, module, seed: noise(image, 20, seed),
    "noise 40": lambda image, module, seed: noise(image, 40, seed),
}
REALISTIC = ("none", "blur 1/4 module", "noise 20", "noise 40")  # docs/design.md: mild blur and noise
RENDER_GOAL_MS, FAMILY_PDF_GOAL_MS = 20.0, 300.0

_PEOPLE = [
    BandContent("a1", "K7QXM-2235-P", "K7QXM-12", "Ixchel Batz'ín Quixabé", "age 29", "adult", "adult",
                children=("K7QXM-2237-T", "K7QXM-2238-V", "K7QXM-2239-X", "K7QXM-223A-2")),
    BandContent("a2", "K7QXM-2236-R", "K7QXM-12", "unknown", "age ~30", "adult", "adult",
                children=("K7QXM-2237-T", "K7QXM-2238-V", "K7QXM-2239-X", "K7QXM-223A-2")),
    BandContent("c1", "K7QXM-2237-T", "K7QXM-12", "Tzunun Quixabé Batz", "age 9", "child", "child"),
    BandContent("c2", "K7QXM-2238-V", "K7QXM-12", "Kawok Quixabé Batz", "age 6", "child", "child"),
    BandContent("c3", "K7QXM-2239-X", "K7QXM-12", "Ajpu Quixabé", "age 3", "child", "child"),
    BandContent("c4", "K7QXM-223A-2", "K7QXM-12", "unknown", "age ~1", "child", "infant"),
]
CONTENT = {"adult": _PEOPLE[0], "child": _PEOPLE[2], "infant": _PEOPLE[5]}


def _app() -> Any:
    from app.ui.band_output import ensure_gui_application

    return ensure_gui_application()


def _image(drawing: layout.BandDrawing) -> Image.Image:
    from app.ui.band_painter import band_image

    qimage = band_image([drawing])
    return Image.frombytes("L", (qimage.width(), qimage.height()), qimage.constBits().tobytes(), "raw", "L",
                           qimage.bytesPerLine(), 1)


def decode_rates(payloads: int) -> dict[tuple[str, int], dict[str, float]]:
    """Per (layout, dpi): the share of ``payloads`` decoded exactly under each degradation."""
    _app()
    rates: dict[tuple[str, int], dict[str, float]] = {}
    for dpi in layout.DPIS:
        for name in layout.LAYOUTS:
            hits = dict.fromkeys(DEGRADATIONS, 0)
            for n in range(payloads):
                payload = stand_in_payload(f"bench:{name}:{dpi}:{n}")
                drawing = layout.band_drawing(CONTENT[name], payload, dpi=dpi, layout=name)
                image = _image(drawing)
                for label, degrade in DEGRADATIONS.items():
                    hits[label] += decode(degrade(image, drawing.qr.module, n)) == [payload]
            rates[(name, dpi)] = {label: hits[label] / payloads for label in DEGRADATIONS}
    return rates


def _median_ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def timings(repeat: int = 30) -> dict[str, tuple[float, float]]:
    """Median and max in ms: one band drawn and encoded to PNG (QR matrix included), a family of
    six to PDF, and the QR matrix alone with segno and with qrcode."""
    import qrcode

    from app.bands.qr import qr_matrix
    from app.ui.band_painter import pdf_bytes, png_bytes

    _app()
    payload = stand_in_payload("timing")

    def one_band() -> bytes:
        return png_bytes([layout.band_drawing(CONTENT["adult"], payload, dpi=203, layout="adult")])

    def family_pdf() -> bytes:
        return pdf_bytes([layout.band_drawing(c, stand_in_payload(c.person_id), dpi=203) for c in _PEOPLE])

    def with_qrcode() -> object:
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(qrcode.util.QRData(payload, mode=qrcode.util.MODE_ALPHA_NUM))
        code.make(fit=True)
        return code.get_matrix()

    one_band(), family_pdf()  # warm up fonts and caches
    return {"render + PNG, one band": _median_ms(one_band, repeat),
            "family of 6 to PDF": _median_ms(family_pdf, max(5, repeat // 3)),
            "QR matrix, segno": _median_ms(lambda: qr_matrix(payload), repeat),
            "QR matrix, qrcode": _median_ms(with_qrcode, repeat)}


def rate_table(rates: dict[tuple[str, int], dict[str, float]], payloads: int) -> str:
    header = ["layout", "dpi", *DEGRADATIONS]
    rows = [[name, str(dpi), *(f"{100 * r:.0f} %" for r in values.values())] for (name, dpi), values in rates.items()]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [f"decode rate, zxing-cpp, exact text, {payloads} payloads per cell"]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(2, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def figures(payloads: int) -> list[Any]:
    """The bench table's rows (``tests.bench.run.Figure``)."""
    from .run import Figure

    out = []
    rates = decode_rates(payloads)
    for (name, dpi), values in rates.items():
        realistic = min(values[d] for d in REALISTIC) * 100
        note = "/".join(f"{100 * r:.0f}" for r in values.values())
        out.append(Figure(f"band decode {name} @ {dpi} dpi ({payloads} payloads)", realistic, "%",
                          "= 100 % (none, blur 1/4, noise 20/40)", realistic == 100,
                          note=f"none/blur 1/4/blur 1/2/noise 20/noise 40: {note} %"))
    for label, (median, worst) in timings().items():
        goal = {"render + PNG, one band": RENDER_GOAL_MS, "family of 6 to PDF": FAMILY_PDF_GOAL_MS}.get(label)
        out.append(Figure(f"band {label}, median", median, "ms", f"<= {goal:g} ms" if goal else "",
                          median <= goal if goal else None, note=f"max {worst:.1f} ms"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_bands", description=__doc__)
    parser.add_argument("--payloads", type=int, default=20, help="payloads per layout and dpi (default 20)")
    args = parser.parse_args(argv)
    print(rate_table(decode_rates(args.payloads), args.payloads))
    print()
    for label, (median, worst) in timings().items():
        print(f"{label:<26} median {median:7.2f} ms   max {worst:7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
