"""A pre-verbal child's identity bundle on a real encrypted store: who carried the child and photos,
kept through signed change records, shown without the image bytes, refused when wrong."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select

from app import services
from app.domain import changes
from app.store import schema
from app.store.changelog import load_changes, projection
from tests.conftest import adult, child, document, link

FAMILY = document({"people": [adult("m", "Rosa Elvira", "Tzul Ixcoy"), {**adult("p", "Tomás", "Ixcoy"), "sex": "male"},
                              child("t", "Ana Lucía", "Ixcoy Tzul", birth_date="2016-06-01"),
                              child("b", None, None, age_estimate_years=0.5, preverbal=True)],
                   "links": [link("m", "t"), link("m", "b"), link("p", "t", "father"), link("p", "b", "unknown")]},
                  {"people": [adult("o", "Elena", "Tum")]})


def _photo(size: tuple[int, int] = (300, 200)) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 20.0, 0.0)})
    Image.new("RGB", size, (90, 120, 200)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def people(agent: services.Session) -> dict[str, str]:
    answer = services.register_family(session=agent, document=FAMILY)
    return {p["ref"]: p["id"] for f in answer["families"] for p in f["people"]}


def _audit(session: services.Session) -> list[dict[str, Any]]:
    with session.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.audit).order_by(schema.audit.c.seq)).mappings()]


def test_photos_given_together_are_shown_in_the_order_given(agent: services.Session,
                                                            people: dict[str, str]) -> None:
    sizes = [(40 + 10 * i, 60) for i in range(8)]  # eight photos in the same millisecond or not
    services.add_identity_bundle(session=agent, person=people["b"], photos=[(_photo(s), "file") for s in sizes])
    shown = services.show_family(session=agent, ident=people["b"])
    baby = next(p for p in shown["people"] if p["id"] == people["b"])
    assert [(p["width"], p["height"]) for p in baby["photos"]] == sizes


def test_the_bundle_is_stored_shown_and_replayed(agent: services.Session, people: dict[str, str]) -> None:
    answer = services.add_identity_bundle(session=agent, person=people["b"], carried_by=people["m"],
                                          photos=[(_photo(), "file"), (_photo((100, 150)), "camera")])
    assert answer["carried_by"] == people["m"] and len(answer["photos"]) == 2
    shown = services.show_family(session=agent, ident=people["b"])
    baby = next(p for p in shown["people"] if p["id"] == people["b"])
    assert baby["carried_by"] == people["m"]
    assert [(p["source"], p["width"], p["height"]) for p in baby["photos"]] == [("file", 300, 200),
                                                                             ("camera", 100, 150)]
    assert all(set(p) == {"id", "taken_at", "width", "height", "source"} for p in baby["photos"])
    assert "image" not in json.dumps(baby["photos"]) and len(json.dumps(shown)) < 20_000, "no bytes shown"
    jpeg = services.person_photo(session=agent, photo_id=baby["photos"][0]["id"])
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG" and image.size == (300, 200) and not image.getexif()
    with agent.engine.connect() as conn:
        log, tables = load_changes(conn), projection(conn)
    assert changes.replay(log) == tables
    assert tables["photo"][baby["photos"][0]["id"]]["data"] == jpeg
    audit = _audit(agent)
    bundle = next(r for r in audit if r["action"] == "person.bundle")
    assert bundle["target"] == people["b"] and json.loads(bundle["detail"])["photos"] == \
        [p["id"] for p in baby["photos"]]
    assert [r["target"] for r in audit if r["action"] == "photo.view"] == [baby["photos"][0]["id"]]
    assert not any("Rosa" in r["detail"] or len(r["detail"]) > 500 for r in audit), "ids, never names or images"


@pytest.mark.parametrize("carrier", ["t", "o", "b", "nobody"])
def test_carried_by_must_be_an_adult_of_the_same_family(agent: services.Session, people: dict[str, str],
                                                        carrier: str) -> None:
    with pytest.raises(services.ValidationError, match="carried_by: must be an adult of the child's own family"):
        services.add_identity_bundle(session=agent, person=people["b"], carried_by=people.get(carrier, carrier))
    with agent.engine.connect() as conn:
        assert conn.execute(select(schema.person.c.carried_by).where(schema.person.c.id == people["b"])) \
            .scalar() is None


def test_only_a_pre_verbal_child_has_a_bundle(agent: services.Session, people: dict[str, str]) -> None:
    with pytest.raises(services.ValidationError, match="only for a pre-verbal child"):
        services.add_identity_bundle(session=agent, person=people["t"], carried_by=people["m"])


def test_a_bad_photo_leaves_no_trace(agent: services.Session, people: dict[str, str]) -> None:
    with agent.engine.connect() as conn:
        before = len(load_changes(conn))
    with pytest.raises(services.ValidationError, match="not a photo"):
        services.add_identity_bundle(session=agent, person=people["b"], carried_by=people["m"],
                                     photos=[(_photo(), "file"), (b"not an image", "file")])
    with agent.engine.connect() as conn:
        assert len(load_changes(conn)) == before


def test_an_admin_may_neither_add_nor_view(admin: services.Session, agent: services.Session,
                                           people: dict[str, str]) -> None:
    with pytest.raises(services.NotPermitted):
        services.add_identity_bundle(session=admin, person=people["b"], carried_by=people["m"])
    photo = services.add_identity_bundle(session=agent, person=people["b"], photos=[(_photo(), "file")])
    with pytest.raises(services.NotPermitted):
        services.person_photo(session=admin, photo_id=photo["photos"][0]["id"])
    denied = [r for r in _audit(agent) if r["outcome"] == "denied"]
    assert [r["action"] for r in denied] == ["person.bundle", "photo.view"]


def test_a_photo_file_over_the_limit_is_not_read(agent: services.Session, tmp_path) -> None:
    big = tmp_path / "big.jpg"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB that were never written
    with pytest.raises(services.ValidationError, match="the photo is 50 MB; the largest accepted is 15 MB"):
        services.read_photo_file(path=big)


def _change_rows(session: services.Session) -> list[dict[str, Any]]:
    with session.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.change.c.entity, schema.change.c.tx)).mappings()]


def test_registration_with_bundles_is_one_transaction(agent: services.Session) -> None:
    answer = services.register_family(session=agent, document=FAMILY, bundles={
        "b": services.IdentityBundle(carried_by="m", photos=[(_photo(), "file"), (_photo((80, 120)), "camera")])})
    ids = {p["ref"]: p["id"] for f in answer["families"] for p in f["people"]}
    (bundle,) = answer["bundles"]
    assert bundle["ref"] == "b" and bundle["person"] == ids["b"] and bundle["carried_by"] == ids["m"]
    assert [(p["source"], p["width"]) for p in bundle["photos"]] == [("file", 300), ("camera", 80)]
    rows = _change_rows(agent)
    assert {r["entity"] for r in rows} >= {"family", "person", "link", "band", "photo"}
    assert len({r["tx"] for r in rows}) == 1  # sent to the registry as one transaction, never split
    baby = next(p for p in services.show_family(session=agent, ident=ids["b"])["people"] if p["id"] == ids["b"])
    assert baby["carried_by"] == ids["m"] and len(baby["photos"]) == 2
    assert [a["action"] for a in _audit(agent)].count("person.bundle") == 1


@pytest.mark.parametrize(("bundle", "refusal"), [
    (services.IdentityBundle(photos=[(b"not an image", "file")]), "bundle b: photo"),
    (services.IdentityBundle(photos=[(_photo(), "file")]), None),  # given for "t", a child who speaks
    (services.IdentityBundle(carried_by="o"), "bundle b: carried_by: must be an adult of the child's own family"),
    (services.IdentityBundle(carried_by="zz"), "bundle b: no person has the ref 'zz'"),
])
def test_a_refused_bundle_saves_nothing_of_the_family(agent: services.Session, bundle: services.IdentityBundle,
                                                       refusal: str | None) -> None:
    ref = "b" if refusal else "t"
    with pytest.raises(services.ValidationError) as refused:
        services.register_family(session=agent, document=FAMILY, bundles={ref: bundle})
    assert str(refused.value).startswith(refusal or "bundle t: person: an identity bundle (who carried the child, "
                                                     "photos) is only for a pre-verbal child")
    assert _change_rows(agent) == []
    assert services.search(session=agent, text="Tzul Ixcoy")["people"] == []


def test_a_bundle_for_a_ref_not_in_the_document_is_refused(agent: services.Session) -> None:
    with pytest.raises(services.ValidationError, match="bundle x: no person has this ref"):
        services.register_family(session=agent, document=FAMILY,
                                 bundles={"x": services.IdentityBundle(photos=[(_photo(), "file")])})
    assert _change_rows(agent) == []
