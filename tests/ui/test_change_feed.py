"""Views follow what the services announce: a record written anywhere in the process (another
thread, a dialog not wired to the window, a sync) shows in the family view and the day's list
without a hand-made connection."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread

from app import services
from app.services import events
from app.ui.change_feed import ChangeFeed, merged
from tests.conftest import adult, document
from tests.ui.conftest import show_main_window


def _on_another_thread(work) -> None:
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - reported below, on the test's thread
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive() and failures == []


def test_a_correction_made_elsewhere_shows_in_the_family_open(qtbot, agent: services.Session,
                                                              supervisor: services.Session, station: Path,
                                                              example_document: bytes) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    window = show_main_window(qtbot, agent, station)
    window.open_family(family["id"])
    view = window.family_view
    qtbot.waitUntil(lambda: view.people.topLevelItemCount() == 2, timeout=5000)
    assert view.people.topLevelItem(0).text(0) == "María José García López"

    mother = family["people"][0]["id"]
    _on_another_thread(lambda: services.correct_record(session=supervisor, ident=mother, field="given_names",
                                                       value="Marta", reason="misread at intake"))
    qtbot.waitUntil(lambda: view.people.topLevelItem(0).text(0) == "Marta García López", timeout=5000)
    assert view.family_id() == family["id"]  # the same family unit, read again


def test_a_family_registered_elsewhere_joins_the_days_list(qtbot, agent: services.Session, station: Path,
                                                           example_document: bytes) -> None:
    window = show_main_window(qtbot, agent, station)
    services.register_family(session=agent, document=example_document)
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 1, timeout=5000)
    _on_another_thread(lambda: services.register_family(session=agent, document=document(
        {"people": [adult("a", "Lucía", "Ramos")], "links": []})))
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 2, timeout=5000)


def test_announcements_reach_the_feeds_thread_merged_per_source(qtbot) -> None:
    feed = ChangeFeed()
    heard: list[tuple[events.Changed, bool]] = []
    feed.changed.connect(lambda changed: heard.append((changed, QThread.currentThread() is feed.thread())))

    def announce_three() -> None:
        events.announce(["f1"], [("person", "p1")])
        events.announce(["f2"], [("link", "l1")])
        events.announce(["f3"], [], source="sync")

    _on_another_thread(announce_three)
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
    local, pulled = heard[0][0], heard[1][0]
    assert local == events.Changed(frozenset({"f1", "f2"}), frozenset({("person", "p1"), ("link", "l1")}), "local")
    assert pulled.source == "sync" and pulled.families == {"f3"}
    assert all(on_feeds_thread for _, on_feeds_thread in heard)
    feed.stop()
    feed.deleteLater()


def test_a_stopped_feed_hears_nothing(qtbot) -> None:
    feed = ChangeFeed()
    heard: list[events.Changed] = []
    feed.changed.connect(heard.append)
    feed.stop()
    events.announce(["f1"], [("person", "p1")])
    qtbot.wait(100)
    assert heard == [] and feed.is_stopped()
    feed.deleteLater()


def test_merging_keeps_the_order_sources_came_in() -> None:
    news = [events.Changed(frozenset({"a"}), source="sync"), events.Changed(frozenset({"b"})),
            events.Changed(frozenset({"c"}), source="sync")]
    assert [(c.source, set(c.families)) for c in merged(news)] == [("sync", {"a", "c"}), ("local", {"b"})]
