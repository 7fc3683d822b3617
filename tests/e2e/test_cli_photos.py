"""`kinlink family add FILE --photo REF=IMAGE`: a pre-verbal child's photos registered with the
family in one transaction, from the real command; a bad option saves nothing."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tests.conftest import AGENT, adult, child, document, link

FAMILY = document({"people": [adult("m", "Rosa Elvira", "Tzul Ixcoy"),
                              child("b", None, None, age_estimate_years=0.5, preverbal=True),
                              child("t", "Ana Lucía", "Ixcoy Tzul", birth_date="2016-06-01")],
                   "links": [link("m", "b"), link("m", "t")]})


def _image(path: Path, size: tuple[int, int]) -> Path:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 160, 120)).save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def _people_named(cli, name: str) -> list:  # noqa: ANN001
    found = cli("search", name, user=AGENT)
    assert found.code == 0, found.stderr
    return found.json["people"]


def test_photos_are_registered_with_the_family(cli, station: Path, tmp_path: Path) -> None:  # noqa: ANN001
    family_file = tmp_path / "family.json"
    family_file.write_bytes(FAMILY)
    front, side = _image(tmp_path / "front.png", (120, 90)), _image(tmp_path / "side.png", (60, 80))
    done = cli("family", "add", str(family_file), "--photo", f"b={front}", "--photo", f"b={side}", user=AGENT)
    assert done.code == 0, done.stderr
    (bundle,) = done.json["bundles"]
    assert bundle["ref"] == "b" and [(p["width"], p["height"]) for p in bundle["photos"]] == [(120, 90), (60, 80)]
    shown = cli("family", "show", bundle["person"], user=AGENT).json
    baby = next(p for p in shown["people"] if p["id"] == bundle["person"])
    assert [(p["width"], p["source"]) for p in baby["photos"]] == [(120, "file"), (60, "file")]


def test_a_bad_photo_option_says_which_and_saves_nothing(cli, station: Path, tmp_path: Path) -> None:  # noqa: ANN001
    family_file = tmp_path / "family.json"
    family_file.write_bytes(FAMILY)
    good, text = _image(tmp_path / "good.png", (50, 50)), tmp_path / "notes.txt"
    text.write_text("not an image")
    for option, said in [("b", "--photo 'b': write it as REF=IMAGE"),
                         (f"={good}", "write it as REF=IMAGE"),
                         (f"b={tmp_path / 'missing.jpg'}", "there is no such file"),
                         (f"b={text}", "bundle b: photo"),
                         (f"t={good}", "bundle t: person: an identity bundle"),
                         (f"q={good}", "bundle q: no person has this ref")]:
        done = cli("family", "add", str(family_file), "--photo", f"b={good}", "--photo", option, user=AGENT)
        assert done.code == 2, (option, done.stderr)
        assert said in done.stderr, (option, done.stderr)
    assert _people_named(cli, "Tzul Ixcoy") == []
