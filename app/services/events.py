"""What changed: the service layer announces, after each transaction that wrote records is committed
(and after each sync that brought some), which family units and records changed, and views subscribe
instead of being wired to each dialog that writes (as Anki's operations announce their changes).

Listeners are called on the thread that did the work (often the app's worker): a Qt view hands the
news to its own thread (a queued signal). A listener's error is its own: it never undoes the work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

log = logging.getLogger("kinlink.events")


@dataclass(frozen=True)
class Changed:
    """Records that changed, and the family units they belong to; ``source`` is "local" for what was
    recorded here, "sync" for what a sync brought."""

    families: frozenset[str] = field(default_factory=frozenset)
    entities: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (entity, id)
    source: str = "local"

    def touches(self, family_id: str | None) -> bool:
        return family_id is not None and family_id in self.families


Listener = Callable[[Changed], None]
_listeners: list[Listener] = []
_lock = threading.Lock()


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call ``listener`` with every announcement from now on; returns the way to stop."""
    with _lock:
        _listeners.append(listener)

    def unsubscribe() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return unsubscribe


def announce(families: Iterable[str], entities: Iterable[tuple[str, str]], *, source: str = "local") -> None:
    changed = Changed(frozenset(families), frozenset(entities), source)
    if not changed.families and not changed.entities:
        return
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        try:
            listener(changed)
        except Exception:  # noqa: BLE001 - a view's trouble never undoes what was recorded
            log.exception("a listener failed on an announcement")
