"""Band geometry in printer dots: whole dots per module (at least 4), a clear quiet zone of 4
modules, everything inside the band stock, no box over another, the content rules kept."""

from __future__ import annotations

import itertools

import pytest

from app.bands import layout
from app.bands.content import BandContent
from app.bands.layout import QrBlock, Rule, TextRun
from app.bands.qr import QrError
from tests.band_images import stand_in_payload

PAYLOAD = stand_in_payload("layout")
CASES = list(itertools.product(layout.DPIS, layout.LAYOUTS))


def content(name: str = "Ixchel Batz'ín Quixabé", children: tuple[str, ...] = ("K7QXM-2236-R", "K7QXM-2237-T"),
            role: str = "adult", family: str = "K7QXM-12") -> BandContent:
    return BandContent(person_id="p1", band_number="K7QXM-2235-P", family_number=family, name=name, age="age 29",
                       role=role, default_layout="adult" if role == "adult" else "child", children=children)


def _box(item: QrBlock | TextRun | Rule) -> tuple[int, int, int, int]:
    if isinstance(item, QrBlock):
        return item.x, item.y, item.side, item.side
    if isinstance(item, TextRun):
        return item.x, item.y, item.width, item.height
    return min(item.x1, item.x2), min(item.y1, item.y2), max(1, abs(item.x2 - item.x1)), max(1, abs(item.y2 - item.y1))


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.parametrize(("dpi", "name"), CASES)
def test_qr_at_whole_dots_with_quiet_zone_inside_the_band(dpi: int, name: str) -> None:
    drawing = layout.band_drawing(content(), PAYLOAD, dpi=dpi, layout=name)
    qr = drawing.qr
    assert isinstance(qr.module, int) and qr.module >= layout.MIN_DOTS_PER_MODULE
    assert qr.module == {203: 4, 300: 6}[dpi]
    assert qr.quiet == 4 and qr.side == 45 * qr.module
    assert (drawing.height, drawing.dpi) == (dpi, dpi)  # a 1-inch band
    assert 0 <= qr.x and 0 <= qr.y and qr.y + qr.side <= drawing.height and qr.x + qr.side < drawing.width
    length_mm, width_mm = drawing.size_mm()
    assert (round(length_mm, 1), round(width_mm, 1)) == (layout.STOCKS[name].length_mm, 25.4)
    assert qr.side * 25.4 / dpi == pytest.approx(22.5 if dpi == 203 else 22.86, abs=0.03)


@pytest.mark.parametrize(("dpi", "name"), CASES)
def test_no_box_leaves_the_band_or_covers_another_or_the_quiet_zone(dpi: int, name: str) -> None:
    drawing = layout.band_drawing(content(), PAYLOAD, dpi=dpi, layout=name)
    boxes = [_box(item) for item in drawing.items]
    for x, y, w, h in boxes:
        assert 0 <= x and 0 <= y and x + w <= drawing.width and y + h <= drawing.height
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b), (a, b)


@pytest.mark.parametrize(("dpi", "name"), CASES)
def test_text_is_what_a_carer_needs_and_no_tiny_type(dpi: int, name: str) -> None:
    drawing = layout.band_drawing(content(), PAYLOAD, dpi=dpi, layout=name)
    texts = {t.kind: t for t in drawing.texts}
    assert texts["name"].text == "Ixchel Batz'ín Quixabé"
    assert texts["family"].text == "K7QXM-12" and texts["band"].text == "K7QXM-2235-P"
    assert texts["age"].text == "adult · age 29"
    assert texts["family"].size == max(t.size for t in drawing.texts)  # the family number in large type
    assert texts["family"].size * 25.4 / dpi >= 5.5  # mm per em: large
    # nothing smaller than about 1.8 mm (5 pt) per em, a caption's size; main text at least 2.5 mm
    assert all(t.min_size * 25.4 / dpi >= 1.5 for t in drawing.texts)
    assert all(t.size * 25.4 / dpi >= 2.5 for t in drawing.texts if t.kind != "caption")
    children = [t.text for t in drawing.texts if t.kind == "children"]
    assert children == (["K7QXM-2236-R", "K7QXM-2237-T"] if name == "adult" else [])


def test_unknown_name_is_printed_as_unknown() -> None:
    drawing = layout.band_drawing(content(name="unknown", children=(), role="child"), PAYLOAD, dpi=203, layout="infant")
    assert [t.text for t in drawing.texts if t.kind == "name"] == ["unknown"]


@pytest.mark.parametrize("dpi", layout.DPIS)
@pytest.mark.parametrize("band_layout", ["child", "infant"])
def test_a_childs_band_names_an_adult_it_arrived_with_inside_the_band(dpi: int, band_layout: str) -> None:
    child = BandContent(person_id="c1", band_number="K7QXM-2236-R", family_number="K7QXM-12", name="unknown",
                        age="age ~1", role="child", default_layout=band_layout,
                        adults=("K7QXM-2235-P", "K7QXM-2234-M"))
    drawing = layout.band_drawing(child, PAYLOAD, dpi=dpi, layout=band_layout)
    (caption,) = [t for t in drawing.texts if t.kind == "caption" and t.text == "WITH"]
    (number,) = [t for t in drawing.texts if t.kind == "with"]
    assert number.text == "K7QXM-2235-P +1" and number.bold
    assert number.y >= max(t.y + t.height for t in drawing.texts if t.kind == "age")  # under the age
    assert number.y + number.height <= drawing.height and caption.y == number.y


def test_an_adult_with_many_children_gets_every_number_that_fits_and_a_count_of_the_rest() -> None:
    many = tuple(f"K7QXM-22{n:02d}-X" for n in range(40, 60))
    drawing = layout.band_drawing(content(children=many), PAYLOAD, dpi=203, layout="adult")
    shown = [t.text for t in drawing.texts if t.kind == "children"]
    assert shown[-1].startswith("+") and shown[-1].endswith("more")
    assert len(shown) - 1 + int(shown[-1][1:].split()[0]) == len(many)
    assert shown[:-1] == list(many[:len(shown) - 1])


def test_long_text_gets_a_smaller_size_chosen_to_fit() -> None:
    long_name = "María de los Ángeles Xiloj Batz'ín Quixabé de Tzul"
    drawing = layout.band_drawing(content(name=long_name, family="K7QXM-123456"), PAYLOAD, dpi=203, layout="child")
    texts = {t.kind: t for t in drawing.texts}
    assert texts["name"].size < 28 and texts["name"].size >= texts["name"].min_size
    assert layout.estimate_width(long_name, texts["name"].size, True) <= texts["name"].width or \
        texts["name"].size == texts["name"].min_size


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"dpi": 600, "layout": "adult"}, "203 or 300 dpi"),
    ({"dpi": 203, "layout": "wide"}, "unknown band layout 'wide'"),
])
def test_refused_layouts(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(layout.LayoutError, match=message):
        layout.band_drawing(content(), PAYLOAD, **kwargs)  # type: ignore[arg-type]


def test_a_payload_too_long_for_version_5_is_refused() -> None:
    with pytest.raises(QrError, match="at most 122"):
        layout.band_drawing(content(), "A" * 130, dpi=203, layout="adult")


def test_the_layout_defaults_to_the_contents() -> None:
    infant = BandContent("p", "K7QXM-2237-T", "K7QXM-12", "unknown", "age ~1", "child", "infant")
    assert layout.band_drawing(infant, PAYLOAD, dpi=300).layout == "infant"
