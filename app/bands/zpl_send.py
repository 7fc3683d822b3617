"""Sending a ZPL job to a Zebra-compatible printer on its raw TCP port (9100).

Before the job, the printer is asked for its host status (``~HS``); a printer that reports it is
out of labels, paused or has its head open gets no job and the agent gets a message saying so. A
printer that does not answer the status question (a plain raw socket, a print server) gets the job
anyway. Every failure is a :class:`PrinterError` in plain words; the job lives only in memory and
can be sent again.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass

from .errors import PrinterError

DEFAULT_PORT = 9100
CONNECT_TIMEOUT_S = 5.0
SEND_TIMEOUT_S = 20.0
STATUS_TIMEOUT_S = 2.0
STX, ETX = b"\x02", b"\x03"


@dataclass(frozen=True)
class HostStatus:
    """What a Zebra printer reports in its answer to ``~HS`` (the flags the agent can act on)."""

    paper_out: bool
    paused: bool
    head_open: bool
    ribbon_out: bool

    def problem(self) -> str:
        words = [w for flag, w in ((self.paper_out, "out of bands (paper out)"), (self.head_open, "its head is open"),
                                   (self.ribbon_out, "out of ribbon"), (self.paused, "paused")) if flag]
        return " and ".join(words)


def parse_host_status(answer: bytes) -> HostStatus | None:
    """The flags of a ``~HS`` answer (three STX..ETX strings), or None when it is not one."""
    strings = [part.split(ETX)[0].decode("ascii", "replace").split(",") for part in answer.split(STX)[1:]]
    if len(strings) < 2 or len(strings[0]) < 3 or len(strings[1]) < 5:
        return None
    first, second = strings[0], strings[1]
    return HostStatus(paper_out=first[1].strip() == "1", paused=first[2].strip() == "1",
                      head_open=second[2].strip() == "1",
                      ribbon_out=second[3].strip() == "1" and second[4].strip() == "1")


def _where(host: str, port: int) -> str:
    return f"{host}:{port}"


def _not_answering(host: str, port: int) -> PrinterError:
    return PrinterError(f"the printer at {_where(host, port)} does not answer — check it is on and connected; "
                        "the job was not printed and can be retried")


def _read_status(conn: socket.socket, timeout: float) -> HostStatus | None:
    conn.sendall(b"~HS")
    answer, deadline = b"", time.monotonic() + timeout
    while answer.count(ETX) < 3 and (left := deadline - time.monotonic()) > 0:
        conn.settimeout(left)
        try:
            chunk = conn.recv(1024)
        except TimeoutError:
            break
        if not chunk:
            break
        answer += chunk
    return parse_host_status(answer)


def send_job(job: bytes, *, host: str, port: int = DEFAULT_PORT, status_timeout: float = STATUS_TIMEOUT_S,
             connect_timeout: float = CONNECT_TIMEOUT_S) -> HostStatus | None:
    """Send ``job`` on one connection after a status check; the status the printer gave, if any."""
    try:
        conn = socket.create_connection((host, port), timeout=connect_timeout)
    except socket.gaierror:
        raise PrinterError(f"there is no printer address {host!r} on this network — check the printer's "
                           "address; the job was not printed and can be retried") from None
    except OSError:  # refused, timed out, unreachable
        raise _not_answering(host, port) from None
    with conn:
        try:
            status = _read_status(conn, status_timeout) if status_timeout > 0 else None
        except OSError:
            raise _not_answering(host, port) from None
        if status is not None and status.problem():
            raise PrinterError(f"the printer at {_where(host, port)} is {status.problem()} — fix that, then "
                               "print again; the job was not printed")
        _send(conn, job, host, port)
    return status


def _send(conn: socket.socket, job: bytes, host: str, port: int) -> None:
    try:
        conn.settimeout(SEND_TIMEOUT_S)
        conn.sendall(job)
        conn.shutdown(socket.SHUT_WR)
    except OSError:
        raise PrinterError(f"the connection to the printer at {_where(host, port)} was lost while sending — "
                           "some bands may have printed: check them, then print the family's bands again") from None
