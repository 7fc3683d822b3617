"""ZPL to a Zebra-compatible printer on TCP: a fake printer on 127.0.0.1 receives the family's job;
the ^BQ data is the exact payload and the ^GFA bitmap decodes to it; a printer that does not
answer, or reports it is out of bands, gets a clear PrinterError and the job can be sent again."""

from __future__ import annotations

import json
import socket
import socketserver
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from app import services
from app.bands import zpl, zpl_send
from app.store import audit_log
from tests.band_images import band_family_document, decode, zpl_graphic, zpl_labels, zpl_native_data

STATUS_OK = (b"\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n"
             b"\x02000,0,0,0,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n")
STATUS_PAPER_OUT = STATUS_OK.replace(b"030,0,0", b"030,1,0", 1)


class FakeZebra(socketserver.ThreadingTCPServer):
    """Answers ``~HS`` with ``status`` (unless None) and keeps every job it receives."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0, status: bytes | None = STATUS_OK) -> None:
        self.status = status
        self.jobs: list[bytes] = []
        self.done = threading.Event()
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: FakeZebra = self.server  # type: ignore[assignment]
        data = b""
        self.request.settimeout(10)
        while chunk := self.request.recv(65536):
            data += chunk
            if data.startswith(b"~HS") and server.status is not None and len(data) == 3:
                self.request.sendall(server.status)
        server.jobs.append(data)
        server.done.set()


@pytest.fixture
def printer() -> Iterator[FakeZebra]:
    yield from _serve(FakeZebra())


def _serve(server: FakeZebra) -> Iterator[FakeZebra]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def family(agent: services.Session) -> dict[str, Any]:
    return services.register_family(session=agent, document=band_family_document())["families"][0]


def _received(printer: FakeZebra) -> list[str]:
    assert printer.done.wait(10), "the fake printer got no job"
    (job,) = printer.jobs
    assert job.startswith(b"~HS^XA")
    return zpl_labels(job[3:].decode("utf-8"))


def _payloads(agent: services.Session, family: dict[str, Any]) -> list[str]:
    order = services.band_job(session=agent, family=family["id"]).drawings
    return [services.band_payload(session=agent, band=d.band_number) for d in order]


def test_native_qr_field_data_is_the_payload(agent: services.Session, family: dict[str, Any],
                                             printer: FakeZebra) -> None:
    answer = services.send_family_zpl(session=agent, family=family["number"], host="127.0.0.1",
                                      port=printer.port, qr="native")
    assert answer["printer_status"] == "reported ok" and len(answer["bands"]) == 4
    labels = _received(printer)
    assert [zpl_native_data(label) for label in labels] == _payloads(agent, family)
    assert all("^BQN,2,4^FDMM,A" in label and "^CI28^PW203^LL" in label for label in labels)
    assert "Ixchel Batz'ín Quixabé" in labels[0] and "unknown" in labels[1]  # UTF-8 text, ^FH-safe


@pytest.mark.parametrize("dpi", [203, 300])
def test_graphic_qr_rebuilt_from_gfa_decodes_to_the_payload(agent: services.Session, family: dict[str, Any],
                                                            printer: FakeZebra, dpi: int) -> None:
    services.send_family_zpl(session=agent, family=family["id"], host="127.0.0.1", port=printer.port, dpi=dpi)
    labels = _received(printer)
    assert [decode(zpl_graphic(label)) for label in labels] == [[p] for p in _payloads(agent, family)]
    assert all(f"^PW{dpi}^" in label for label in labels)


def test_a_printer_that_does_not_answer_then_does(agent: services.Session, family: dict[str, Any]) -> None:
    with socket.socket() as probe:  # a free port with nothing listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(services.PrinterError) as refused:
        services.send_family_zpl(session=agent, family=family["number"], host="127.0.0.1", port=port)
    assert str(refused.value) == (f"the printer at 127.0.0.1:{port} does not answer — check it is on and connected; "
                                  "the job was not printed and can be retried")
    for server in _serve(FakeZebra(port)):
        services.send_family_zpl(session=agent, family=family["number"], host="127.0.0.1", port=port)
        assert len(_received(server)) == 4
    with agent.engine.connect() as conn:
        sent = [(r["outcome"], json.loads(r["detail"])) for r in audit_log.rows(conn) if r["action"] == "band.send"]
    assert [(o, d.get("error"), d["printer"]) for o, d in sent] == [
        ("failed", "PrinterError", f"127.0.0.1:{port}"), ("ok", None, f"127.0.0.1:{port}")]
    assert not any(name in json.dumps(sent) for name in ("Ixchel", "Tzunun", "Quixab"))


def test_a_printer_out_of_bands_gets_no_job(agent: services.Session, family: dict[str, Any]) -> None:
    for server in _serve(FakeZebra(status=STATUS_PAPER_OUT)):
        with pytest.raises(services.PrinterError, match=r"is out of bands \(paper out\) — fix that, then print again"):
            services.send_family_zpl(session=agent, family=family["number"], host="127.0.0.1", port=server.port)
        assert server.done.wait(5) and server.jobs == [b"~HS"]


def test_a_printer_that_does_not_report_its_status_still_gets_the_job(agent: services.Session,
                                                                      family: dict[str, Any]) -> None:
    for server in _serve(FakeZebra(status=None)):
        answer = services.send_family_zpl(session=agent, family=family["number"], host="127.0.0.1",
                                          port=server.port, status_timeout=0.2)
        assert answer["printer_status"] == "not reported" and len(_received(server)) == 4


def test_an_unknown_host_is_a_clear_error() -> None:
    with pytest.raises(services.PrinterError, match="there is no printer address 'printer.invalid'"):
        zpl_send.send_job(b"^XA^XZ", host="printer.invalid", port=9100)


def test_field_text_escapes_what_would_end_a_field() -> None:
    assert zpl.field_text("Ana ^XZ~JR_x\\") == "Ana _5EXZ_7EJR_5Fx_5C"
    assert zpl.field_text("Batz'ín") == "Batz'ín"


def test_host_status_parsing() -> None:
    assert zpl_send.parse_host_status(STATUS_OK) == zpl_send.HostStatus(False, False, False, False)
    assert zpl_send.parse_host_status(STATUS_PAPER_OUT).problem() == "out of bands (paper out)"  # type: ignore[union-attr]
    assert zpl_send.parse_host_status(b"garbage") is None
