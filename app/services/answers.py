"""The shapes of the services' answers that the app reads most: TypedDicts, so the values are the
plain dicts (JSON for the command line) they always were, and mypy checks the keys where they are
built and where they are read.

Shapes built below the services are declared where they are built (dependencies point inward: the
family document in ``app.domain.views``, the store's read models in ``app.store``) and re-exported
here, so that this module names every one of them.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, Required, TypedDict

from app.domain.views import BandView, FamilyDocument, FieldChange, HistoryEntry, LinkView, PersonView, PhotoView
from app.store.overview import FamilySummary
from app.store.queries import FamilyRef, PersonSummary
from app.store.syncing import ConflictWrite, OpenConflict, QuarantinedRecord, RefusedRecord, RefusedTransaction

__all__ = [
    "BandView", "FamilyDocument", "FieldChange", "HistoryEntry", "LinkView", "PersonView", "PhotoView",
    "FamilySummary", "FamilyRef", "PersonSummary",
    "ConflictWrite", "OpenConflict", "QuarantinedRecord", "RefusedRecord", "RefusedTransaction",
    "SearchAnswer", "TodaysFamilies", "PersonShown", "StationName",
    "BandHolder", "UnreadCheck", "BandStatement", "RefusedCheck", "ValidCheck", "BandCheck", "Match", "Verification",
    "Attachment",
    "Conflict", "ConflictQueue", "RefusedEntry", "RefusedQueue",
    "SyncCounts", "NotEnrolledStatus", "EnrolledStatus", "SyncStatus", "SyncReport", "SyncAnswer", "FollowAnswer",
]


# --- families -------------------------------------------------------------------------------------

class SearchAnswer(TypedDict):
    """``search``."""

    query: str
    people: list[PersonSummary]  # best match first, at most the search's limit
    matched: int  # how many people the search found in all


class PersonShown(TypedDict):
    """``show_person``: one person as the family view shows them, and their unit."""

    person: PersonView
    family: FamilyRef


class TodaysFamilies(TypedDict):
    """``todays_families``: the units recorded since ``since`` (local time, ISO 8601), newest first."""

    since: str
    families: list[FamilySummary]


# --- bands ------------------------------------------------------------------------------------------

class BandHolder(TypedDict):
    """Whom a valid band was issued to, when this station holds them."""

    id: str
    role: str
    given_names: str | None
    family_names: str | None
    birth_date: str | None
    age_estimate_years: float | None
    preverbal: bool | None
    family_id: str
    description: str | None  # with the photos, what the agent compares with the person in front of them
    photos: list[PhotoView]  # oldest first, never the image (``person_photo`` gives it)


class UnreadCheck(TypedDict):
    """A scanned text that is no band payload."""

    valid: Literal[False]
    problem: Literal["malformed"]
    reason: str
    band: None


class BandStatement(TypedDict):
    """What a band's payload states."""

    band: str  # as people read it
    family: str  # the family unit's number
    role: str
    station: str
    issued: str  # ISO 8601 date


class RefusedCheck(BandStatement):
    valid: Literal[False]
    problem: str  # a code: unknown_station, revoked_station, bad_signature, voided
    reason: str


class ValidCheck(BandStatement):
    valid: Literal[True]
    problem: None
    reason: str  # empty
    person: BandHolder | None  # None when this station does not hold them


BandCheck = UnreadCheck | RefusedCheck | ValidCheck  # one scan, as ``verify_bands`` checked it; ``valid`` tells


class Match(TypedDict):
    """Whether two scanned bands are one family unit's."""

    result: Literal["MATCH", "NO MATCH"]
    reasons: list[str]
    family: str | None  # the family unit's number, on a match


class Verification(TypedDict):
    """``verify_bands``: each band checked; for two, the ``Match`` keys too."""

    bands: list[BandCheck]
    result: NotRequired[Literal["MATCH", "NO MATCH"]]
    reasons: NotRequired[list[str]]
    family: NotRequired[str | None]


class Attachment(TypedDict, total=False):
    """``confirm_attachment``: the ``outcome``, and what goes with it."""

    outcome: Required[Literal["attached", "already_attached", "wrong_person", "other_family", "invalid",
                              "not_a_scan"]]
    band: Required[str | None]
    reason: str
    problem: str | None  # invalid
    family: str  # other_family: the band's unit
    belongs_to: str  # wrong_person: the person id
    attached_at: str | None  # already_attached


# --- what waits for a supervisor ---------------------------------------------------------------------

class Conflict(OpenConflict):
    """An open conflict, with what the record shows now and whom it is about."""

    shown: Any  # the field's value now (None for a record not held here)
    family: str | None  # the family unit's id
    label: str | None  # whom the record is about ("Rosa Tzul", "Rosa Tzul → Ana Ixcoy")


class StationName(TypedDict):
    """What this station knows of another (or itself): its name, and its agency and facility once the
    registry has said them."""

    name: str
    agency: str | None
    facility: str | None


class ConflictQueue(TypedDict):
    """``list_conflicts``."""

    conflicts: list[Conflict]
    stations: dict[str, StationName]  # by code: the stations that wrote the values, where known here


class RefusedEntry(RefusedTransaction):
    about: list[str]  # whom its records are about, as this station knows them
    families: list[str]  # their family units' numbers


class RefusedQueue(TypedDict):
    """``refused_queue``."""

    refused: list[RefusedEntry]
    quarantined: list[QuarantinedRecord]


# --- sync -------------------------------------------------------------------------------------------

class SyncCounts(TypedDict):
    pending: int  # change records to send
    conflicts: int
    refused: int  # transactions the registry refused, waiting for a supervisor
    quarantined: int  # pulled records set aside
    follows_waiting: int


class NotEnrolledStatus(SyncCounts):
    enrolled: Literal[False]


class EnrolledStatus(SyncCounts):
    enrolled: Literal[True]
    registry: str  # its name
    url: str
    last_success: str | None
    last_attempt: str | None
    last_error: str | None
    failures: int  # in a row
    retry_after: str | None  # after a failure: when the app tries again
    cursor: int


SyncStatus = NotEnrolledStatus | EnrolledStatus  # ``sync_status``; ``enrolled`` tells which


class SyncReport(TypedDict):
    """What one sync did (``sync_engine.Report``)."""

    pushed: int
    pulled: int
    new_stations: int
    followed: dict[str, str]
    unknown_bands: list[str]
    cursor: int
    audit_sent: int
    refused: int  # in this sync
    quarantined: int  # in this sync
    waiting: str | None
    follow_errors: list[str]


class SyncAnswer(SyncReport, EnrolledStatus):
    """``sync_now``: the report, then the status after it (its counts replace the sync's own)."""


class FollowAnswer(TypedDict):
    """``follow_bands``, ``follow_number``: the bands whose units the next sync asks for."""

    waiting: list[str]
