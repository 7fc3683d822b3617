"""The wire between a station and the registry: signed requests, signed answers, change records.

Every request but enrolment and a nonce is signed with the station's Ed25519 key over its method,
path, a one-time nonce the registry handed out, the station code and the SHA-256 of the exact body;
so a replayed, altered or unsigned request is refused. The registry signs each answer over the
request's nonce, the answer's bytes and the next nonce it hands out with the answer (a station asks
for a nonce once a session, then uses the one each answer brings), so that an acknowledgement that
did not come from the registry is never taken for one (a station drops nothing until the registry
has acknowledged it).
Clocks play no part in signing: a station whose clock is a day off still signs in (the records it
writes are judged by their clocks: ``app.domain.clock.clock_problem``).

A change travels as the exact text its station signed and the signature; the registry and other
stations check it before they store it. Every request and answer says the protocol ``VERSION``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from app.domain import clock, names
from app.domain.changes import Change
from app.domain.model import ENTITIES
from app.security.identity import StationIdentity, verify

API = "/v1"
VERSION = 2  # of the sync protocol: every request and answer says it (``PROTOCOL_HEADER``)
PROTOCOL_HEADER = "X-Kinlink-Protocol"
STATION_HEADER = "X-Kinlink-Station"
NONCE_HEADER = "X-Kinlink-Nonce"
SIGNATURE_HEADER = "X-Kinlink-Signature"
ANSWER_SIGNATURE_HEADER = "X-Kinlink-Registry-Signature"
NEXT_NONCE_HEADER = "X-Kinlink-Next-Nonce"  # in a signed answer: the nonce for the station's next request

CHUNK_CHANGES = 500  # change records per push request (the registry takes up to 5 times as many)
CHUNK_BYTES = 6 * 1024 * 1024  # ...or fewer, when they carry photos
MAX_BODY = 32 * 1024 * 1024  # the largest request the registry reads (a chunk, or one record with its photos)
PULL_LIMIT = 500  # change records per pull answer
NONCE_SECONDS = 300

_ID = re.compile(r"[0-9a-f]{32}")  # fullmatch: "$" would let a newline through
MAX_RESOLVES = 100  # change ids one resolution names
MAX_USER = 64  # characters of the user name a record names
MAX_REASON = 2000  # characters of a record's reason
_BODY_KEYS = {"id", "entity", "entity_id", "fields", "created", "hlc", "station", "user", "reason"}


class ProtocolError(ValueError):
    """A message that is not what the protocol says; the text says what is wrong, in plain words."""


def canonical(payload: Any) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def request_message(method: str, path: str, nonce: str, station: str, body: bytes) -> bytes:
    return b"\n".join([b"kinlink-request-v1", method.upper().encode(), path.encode(), nonce.encode(),
                       station.encode(), hashlib.sha256(body).hexdigest().encode()])


def answer_message(nonce: str, body: bytes, next_nonce: str = "") -> bytes:
    """What the registry signs in an answer: the request's nonce, the answer's bytes, and the nonce it
    hands out for the station's next request (so that none can be slipped in on the way)."""
    return b"\n".join([b"kinlink-answer-v2", nonce.encode(), hashlib.sha256(body).hexdigest().encode(),
                       next_nonce.encode()])


def enrol_message(code: str, station: str) -> bytes:
    return b"\n".join([b"kinlink-enrol-v1", normalise_code(code).encode(), station.encode()])


def sign_request(identity: StationIdentity, method: str, path: str, nonce: str, body: bytes) -> dict[str, str]:
    signature = identity.sign(request_message(method, path, nonce, identity.code, body))
    return {STATION_HEADER: identity.code, NONCE_HEADER: nonce, SIGNATURE_HEADER: b64(signature),
            "Content-Type": "application/json", PROTOCOL_HEADER: str(VERSION)}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise ProtocolError(f"{what} is not base64 text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ProtocolError(f"{what} is not base64 text") from None


def normalise_code(code: str) -> str:
    """An enrolment code as typed: case, spaces and dashes do not matter."""
    return re.sub(r"[\s-]", "", code).upper()


# --- change records on the wire ---------------------------------------------------------------

def encode_change(body: str, signature: bytes, seq: int | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"body": body, "signature": b64(signature)}
    if seq is not None:
        item["seq"] = seq
    return item


def decode_change(item: Any, keys: Mapping[str, bytes]) -> tuple[Change, str]:
    """A change record from the wire, checked: its form, and its signature by the station that
    wrote it (``keys``: station code -> Ed25519 public key). Returns the change and its exact text."""
    if not isinstance(item, Mapping) or not isinstance(item.get("body"), str):
        raise ProtocolError("a change record must be an object with 'body' (text) and 'signature'")
    text, signature = item["body"], unb64(item.get("signature"), "a change record's signature")
    try:
        body = json.loads(text)
    except ValueError:
        raise ProtocolError("a change record's body is not JSON") from None
    change = parse_body(body, signature)
    encoded = text.encode("utf-8")
    if canonical(body) != encoded:  # the form it was signed in (parse_body refuses an empty base or resolves)
        raise ProtocolError(f"change {change.id} is not in its signed (canonical) form")
    key = keys.get(change.station)
    if key is None:
        raise ProtocolError(f"change {change.id} comes from station {change.station!r}, which is not enrolled")
    if not verify(key, signature, encoded):
        raise ProtocolError(f"change {change.id} has a bad signature (altered, or not signed by {change.station})")
    return change, text


def _is_reading(value: Any) -> bool:
    try:
        clock.Hlc.parse(value)
    except ValueError:
        return False
    return True


def parse_body(body: Any, signature: bytes = b"") -> Change:
    """The parts of a change record, each checked for its form; the reason names the first thing
    wrong. The values it writes are checked by the domain's rules (``app.domain.records``), where the
    registry judges a push and a station screens a pull."""
    if not isinstance(body, dict):
        raise ProtocolError("a change record's body must be a JSON object")
    missing, unknown = _BODY_KEYS - set(body), set(body) - _BODY_KEYS - {"base", "resolves"}
    if missing or unknown:
        raise ProtocolError(f"a change record's body has missing keys {sorted(missing)} or unknown keys "
                            f"{sorted(unknown)}")
    ident = body["id"]
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        raise ProtocolError("a change record's id must be 32 lower-case hex digits")
    entity = body["entity"]
    if entity not in ENTITIES:
        raise ProtocolError(f"change {ident}: there is no entity {entity!r}")
    if not isinstance(body["entity_id"], str) or not 1 <= len(body["entity_id"]) <= 64 \
            or names.has_hidden_characters(body["entity_id"]):
        raise ProtocolError(f"change {ident}: the entity id must be printable text of 1 to 64 characters")
    fields = body["fields"]
    if not isinstance(fields, dict) or not fields:
        raise ProtocolError(f"change {ident}: 'fields' must be an object naming at least one field")
    wrong = sorted(set(fields) - set(ENTITIES[entity].fields))
    if wrong:
        raise ProtocolError(f"change {ident}: {entity} has no field(s) {wrong}")
    if not all(isinstance(v, list) and len(v) == 2 for v in fields.values()):
        raise ProtocolError(f"change {ident}: each field must be [old, new]")
    if not isinstance(body["created"], bool):
        raise ProtocolError(f"change {ident}: 'created' must be true or false")
    for key in ("hlc", "station", "user"):
        if not isinstance(body[key], str) or not body[key]:
            raise ProtocolError(f"change {ident}: {key!r} must be text")
    try:
        parsed = clock.Hlc.parse(body["hlc"])
    except ValueError:
        raise ProtocolError(f"change {ident}: {body['hlc']!r} is not a clock reading") from None
    if parsed.node != body["station"] or str(parsed) != body["hlc"]:
        raise ProtocolError(f"change {ident}: the clock reading does not belong to station {body['station']!r}")
    if len(body["user"]) > MAX_USER or names.has_hidden_characters(body["user"]):
        raise ProtocolError(f"change {ident}: 'user' must be printable text of at most {MAX_USER} characters")
    reason = body["reason"]
    if reason is not None and (not isinstance(reason, str) or len(reason) > MAX_REASON
                               or names.has_hidden_characters(reason.replace("\n", " "))):
        raise ProtocolError(f"change {ident}: 'reason' must be printable text of at most {MAX_REASON} characters, "
                            "or null")
    base = body.get("base")
    if "base" in body and (not isinstance(base, dict) or not base
                           or not all(isinstance(k, str) and k in fields and _is_reading(v) for k, v in base.items())):
        raise ProtocolError(f"change {ident}: 'base' must map the fields it writes to clock readings")
    if "resolves" in body:
        resolves = body["resolves"]
        if (not isinstance(resolves, list) or not 1 <= len(resolves) <= MAX_RESOLVES
                or not all(isinstance(r, str) and _ID.fullmatch(r) for r in resolves)
                or len(set(resolves)) != len(resolves)):
            raise ProtocolError(f"change {ident}: 'resolves' must list 1 to {MAX_RESOLVES} distinct change ids")
        if body["created"] or resolves != sorted(resolves):
            raise ProtocolError(f"change {ident}: only an update resolves a conflict, naming change ids in order")
    return Change.from_body(body, signature)
