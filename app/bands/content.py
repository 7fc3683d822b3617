"""What a band says, from the family view of ``app/store/queries.family_view``.

Printed text is only what the person's carer needs (docs/design.md, Bands): the name or "unknown",
the band number, the family number, the age, and the role. An adult's band also lists the band
numbers of the children linked to that adult, the way maternity wards issue matched mother-baby
bands, and a child's band the band number of an adult the child arrived with, so that the link reads
from either wrist. Nothing else reaches a band: no nationality, no sex, no description, no documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain import bandnumber, names

UNKNOWN_NAME = "unknown"
LAYOUTS = ("adult", "child", "infant")
INFANT_UNDER_YEARS = 2  # a child under 2, or pre-verbal at any age, gets the infant band


@dataclass(frozen=True)
class BandContent:
    """The text of one band. ``band_number``, ``children`` (on an adult's band: the children linked to
    them) and ``adults`` (on a child's: the adults linked to them) are in display form."""

    person_id: str
    band_number: str
    family_number: str
    name: str
    age: str
    role: str
    default_layout: str
    children: tuple[str, ...] = ()
    adults: tuple[str, ...] = ()


def display_name(person: Mapping[str, Any]) -> str:
    """The name as given, or "unknown"; a placeholder such as "Baby Boy" is never printed."""
    parts = [p for p in (person.get("given_names"), person.get("family_names"))
             if isinstance(p, str) and p.strip() and not names.is_placeholder(p)]
    return names.clean(" ".join(parts)) if parts else UNKNOWN_NAME


def _full_years(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _full_months(born: date, today: date) -> int:
    return (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)


def age_years(person: Mapping[str, Any], today: date) -> float | None:
    """Age in years from the birth date, else the estimate, else None."""
    if person.get("birth_date"):
        return float(_full_years(date.fromisoformat(person["birth_date"]), today))
    estimate = person.get("age_estimate_years")
    return float(estimate) if estimate is not None else None


def age_text(person: Mapping[str, Any], today: date) -> str:
    """"age 34", "age 7 mo" (from a birth date); "age ~1", "age ~6 mo", "age <1" (an estimate)."""
    if person.get("birth_date"):
        born = date.fromisoformat(person["birth_date"])
        years = _full_years(born, today)
        if years >= 1:
            return f"age {years}"
        months = max(0, _full_months(born, today))
        return f"age {months} mo" if months else "age <1 mo"
    estimate = person.get("age_estimate_years")
    if estimate is None:
        return "age unknown"
    if estimate >= 1:
        return f"age ~{estimate:g}"
    months = round(estimate * 12)
    return f"age ~{months} mo" if months else "age <1"


def default_layout(person: Mapping[str, Any], today: date) -> str:
    """adult for adults; infant for a pre-verbal child or one under 2; child otherwise."""
    if person.get("role") == "adult":
        return "adult"
    age = age_years(person, today)
    if person.get("preverbal") or (age is not None and age < INFANT_UNDER_YEARS):
        return "infant"
    return "child"


def _linked_bands(view: Mapping[str, Any], person_id: str, role: str) -> tuple[str, ...]:
    """Issued band numbers of the people of ``role`` in this family linked to the person (any
    relationship), in band order: an adult's children, a child's adults."""
    linked = {x["to"] if x["from"] == person_id else x["from"]
              for x in view.get("links", []) if person_id in (x["from"], x["to"])}
    return tuple(bandnumber.format_band_number(p["band"]) for p in _in_band_order(view["people"])
                 if p["id"] in linked and p["role"] == role and p.get("band"))


def _in_band_order(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adults first, then children; each in the order their bands were issued."""
    def key(person: dict[str, Any]) -> tuple[bool, int, str]:
        band = bandnumber.normalize(person.get("band") or "")
        sequence = bandnumber.parse_band_number(band).sequence if band else 0
        return person["role"] != "adult", sequence, band
    return sorted(people, key=key)


def content_of(view: Mapping[str, Any], person: Mapping[str, Any], today: date) -> BandContent:
    if not person.get("band"):
        raise ValueError(f"person {person['id']} has no issued band")
    adult = person["role"] == "adult"
    children = _linked_bands(view, person["id"], "child") if adult else ()
    adults = () if adult else _linked_bands(view, person["id"], "adult")
    return BandContent(
        person_id=person["id"], band_number=bandnumber.format_band_number(person["band"]),
        family_number=str(view["number"]), name=display_name(person), age=age_text(person, today),
        role=str(person["role"]), default_layout=default_layout(person, today), children=children,
        adults=adults)


def family_contents(view: Mapping[str, Any], today: date) -> list[BandContent]:
    """One content per person holding an issued band: adults first, each in band issue order."""
    return [content_of(view, p, today) for p in _in_band_order(view["people"]) if p.get("band")]


def issued_band(person: Mapping[str, Any]) -> dict[str, Any] | None:
    """The person's valid (issued) band as the family view lists it, with ``printed_at`` and
    ``attached_at``; None when they hold none."""
    return next((b for b in person.get("bands", []) if b["status"] == "issued"), None)


def people_without_band(view: Mapping[str, Any]) -> list[str]:
    """Ids of people with no issued band (voided and not reissued): they cannot be printed."""
    return [p["id"] for p in view["people"] if not p.get("band")]
