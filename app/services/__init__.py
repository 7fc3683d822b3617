"""The use cases, one function each, shared by the desktop app, the command line and the tests.

Every function is keyword-only, checks the signed-in user's permission first (refusals are
audited too), and writes its effect, its signed change records and its audit record in one
transaction.
"""

from app.domain.errors import DomainError, InvariantViolation, NotFound, ValidationError
from app.security.lockout import AccountLocked, LogonStateUnusable
from app.security.roles import NotPermitted, Permission
from app.store.engine import StoreDamaged, WrongKey
from app.store.keyslots import KeySlotError, WrongPassphrase
from app.store.schema import SchemaTooNew

from .auditing import audit_trail, export_audit, verify_audit
from .backups import backup_station, restore_station
from .bands import (
    band_payload,
    confirm_attachment,
    record_reprint,
    reissue_band,
    verify_bands,
    void_band,
)
from .conflicts import list_conflicts, resolve_conflict
from .custody import arrive, transfer_custody
from .duplicates import document_duplicates, duplicate_candidates
from .exports import export_fhir, export_recipient
from .families import (
    MAX_SEARCH_RESULTS,
    change_link_state,
    correct_person,
    correct_record,
    merge_people,
    move_person,
    register_family,
    search,
    show_family,
    show_person,
    split_person,
)
from .family_export import family_text, write_family
from .identity_bundle import IdentityBundle, Photo, add_identity_bundle, person_photo, prepare_photo, read_photo_file
from .keys import station_key, trust_station, trusted_stations
from .locking import DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES, idle_minutes, lock_session, unlock_session
from .merge_proposals import propose_merge
from .overview import station_status, todays_families
from .pairs import close_pair, contact, reunite, separate
from .printing import BandJob, OutputError, PrinterError, band_job, render_family_zpl, reprints, send_family_zpl
from .proposals import decide_proposal, list_proposals, propose_correction
from .reunification import board_csv, current_policy, reunification_board, write_board
from .session import AccountDisabled, Session, SlotNotCurrent, StoreExists, StoreMissing
from .station import about, init_station, recover, sign_in, station_exists
from .sync import (
    NotEnrolled,
    SyncFailure,
    enroll_station,
    follow_bands,
    follow_number,
    refused_queue,
    resend_refused,
    sync_now,
    sync_status,
    withdraw_refused,
)
from .transfer_sheet import TransferSheet, record_sheet, transfer_sheet
from .users import (
    add_user,
    change_passphrase,
    disable_user,
    list_users,
    locked_users,
    release_user,
    reset_passphrase,
    set_recovery_key,
    set_role,
)

__all__ = [
    "backup_station", "restore_station",
    "contact", "reunite", "separate", "board_csv", "reunification_board", "write_board", "current_policy",
    "DomainError", "InvariantViolation", "NotFound", "ValidationError",
    "station_status", "todays_families", "MAX_SEARCH_RESULTS",
    "band_payload", "confirm_attachment", "record_reprint", "reissue_band", "verify_bands", "void_band",
    "BandJob", "OutputError", "PrinterError", "band_job", "render_family_zpl", "reprints", "send_family_zpl",
    "DEFAULT_IDLE_MINUTES", "MAX_IDLE_MINUTES", "KeySlotError", "SchemaTooNew", "StoreDamaged", "WrongKey",
    "WrongPassphrase", "LogonStateUnusable",
    "station_key", "trust_station", "trusted_stations",
    "IdentityBundle", "Photo", "add_identity_bundle", "person_photo", "prepare_photo", "read_photo_file",
    "AccountDisabled", "AccountLocked", "NotPermitted", "Permission", "Session", "SlotNotCurrent", "StoreExists",
    "StoreMissing", "add_user", "change_link_state", "change_passphrase", "correct_person", "correct_record",
    "disable_user", "list_conflicts", "resolve_conflict",
    "document_duplicates", "duplicate_candidates", "merge_people", "move_person",
    "split_person", "decide_proposal", "list_proposals",
    "propose_correction", "propose_merge",
    "idle_minutes", "init_station", "list_users", "locked_users", "lock_session", "recover", "register_family",
    "release_user", "reset_passphrase", "search", "set_recovery_key", "set_role", "show_family", "show_person",
    "sign_in", "about",
    "station_exists", "transfer_custody", "arrive", "close_pair", "unlock_session", "verify_audit", "audit_trail",
    "export_audit", "export_fhir", "export_recipient",
    "NotEnrolled", "SyncFailure", "enroll_station", "sync_now", "sync_status", "follow_bands", "follow_number",
    "refused_queue", "resend_refused", "withdraw_refused",
    "family_text", "write_family", "TransferSheet", "record_sheet", "transfer_sheet",
]
