"""The band QR matrix: alphanumeric mode, error correction M, version 5 at most, decodable."""

from __future__ import annotations

import pytest
from PIL import Image

from app.bands import qr
from tests.band_images import BASE45, decode, stand_in_payload


def _image(matrix: qr.QrMatrix, module: int = 4) -> Image.Image:
    """A plain rendering (no Qt): black modules, quiet zone of 4 modules."""
    side = matrix.size_with_quiet_zone * module
    image = Image.new("L", (side, side), 255)
    for x, y, length in matrix.runs():
        left, top = (x + qr.QUIET_ZONE) * module, (y + qr.QUIET_ZONE) * module
        image.paste(0, (left, top, left + length * module, top + module))
    return image


def test_a_real_length_payload_is_version_5_and_decodes() -> None:
    payload = stand_in_payload(1)
    matrix = qr.qr_matrix(payload)
    assert (matrix.version, matrix.size, matrix.size_with_quiet_zone) == (5, 37, 45)
    assert decode(_image(matrix)) == [payload]


@pytest.mark.parametrize(("length", "version"), [(1, 1), (20, 1), (21, 2), (90, 4), (91, 5), (122, 5)])
def test_smallest_version_at_error_correction_m(length: int, version: int) -> None:
    payload = stand_in_payload(length, length)
    matrix = qr.qr_matrix(payload)
    assert matrix.version == version  # never a Micro QR code, never boosted
    assert decode(_image(matrix)) == [payload]


def test_mode_and_error_correction_are_what_the_design_says() -> None:
    import segno

    payload = stand_in_payload(2)
    code = segno.make_qr(payload, error="m", mode="alphanumeric", boost_error=False)
    assert qr.qr_matrix(payload).rows == tuple(tuple(bool(v) for v in row) for row in code.matrix)
    assert (code.mode, code.error, code.designator) == ("alphanumeric", "M", "5-M")


def test_every_character_of_the_alphabet_is_accepted() -> None:
    assert qr.ALPHANUMERIC == set(BASE45)
    assert decode(_image(qr.qr_matrix(BASE45))) == [BASE45]


@pytest.mark.parametrize(("payload", "words"), [
    ("", "empty"),
    ("A" * 123, "has 123 characters; a band's QR code holds at most 122 (version 5 at error correction M)"),
    ("HC1:abc", "'a', 'b', 'c', outside the QR alphanumeric set"),
    ("NAME=MARÍA", "'=', 'Í'"),
])
def test_payloads_that_cannot_be_a_band_qr_code_are_refused(payload: str, words: str) -> None:
    with pytest.raises(qr.QrError) as refused:
        qr.qr_matrix(payload)
    assert words in str(refused.value)


def test_runs_cover_exactly_the_dark_modules() -> None:
    matrix = qr.qr_matrix(stand_in_payload(3))
    dark = {(x + i, y) for x, y, n in matrix.runs() for i in range(n)}
    assert dark == {(x, y) for y in range(matrix.size) for x in range(matrix.size) if matrix.dark(x, y)}
