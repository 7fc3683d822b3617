"""The background-operation helper: answers arrive on the main thread, in order, or not at all."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from app.ui.worker import Operation, wait_for_idle


def test_the_call_runs_off_the_main_thread_and_the_answer_arrives_on_it(qtbot) -> None:
    owner = QObject()
    main, seen = threading.get_ident(), {}
    operation = Operation(owner, threading.get_ident).success(
        lambda worker_thread: seen.update(worker=worker_thread, callback=threading.get_ident()))
    with qtbot.waitSignal(operation.succeeded, timeout=5000) as signal:
        operation.run()
    assert seen["worker"] != main
    assert seen["callback"] == main
    assert signal.args == [seen["worker"]]


def test_an_exception_is_delivered_to_the_failure_callback(qtbot) -> None:
    owner, errors = QObject(), []

    def broken() -> None:
        raise ValueError("bad input")

    operation = Operation(owner, broken).failure(errors.append)
    with qtbot.waitSignal(operation.finished, timeout=5000):
        operation.run()
    assert [type(e) for e in errors] == [ValueError]
    assert errors[0].__traceback__ is not None  # kept for the bug log


def test_operations_run_one_at_a_time_in_the_order_started(qtbot) -> None:
    owner, order = QObject(), []
    operations = [Operation(owner, lambda n=n: n).success(order.append) for n in range(5)]
    with qtbot.waitSignal(operations[-1].finished, timeout=5000):
        for operation in operations:
            operation.run()
    assert order == [0, 1, 2, 3, 4]


def test_the_answer_is_dropped_when_its_owner_is_gone(qtbot) -> None:
    owner, release, answers = QObject(), threading.Event(), []
    operation = Operation(owner, lambda: release.wait(5)).success(answers.append).failure(answers.append)
    operation.run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    release.set()
    assert wait_for_idle()
    qtbot.wait(50)
    assert answers == []


def test_an_unhandled_failure_reaches_the_excepthook(qtbot) -> None:
    owner = QObject()

    def broken() -> None:
        raise RuntimeError("a bug")

    with qtbot.captureExceptions() as exceptions:
        Operation(owner, broken).run()
        assert wait_for_idle()
        qtbot.waitUntil(lambda: len(exceptions) == 1)
    assert exceptions[0][0] is RuntimeError


def _alive(obj: QObject) -> bool:
    return shiboken6.isValid(obj)
