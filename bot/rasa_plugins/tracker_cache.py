"""The windowed trackers (`tracker_window`) of the conversations a Rasa server handled
last, so that the next message of one is not read back from the database and replayed.

An entry is used only while the store's latest event id for the conversation is the one
it was saved with: events written by another server (several behind a load balancer) or
a purge make it stale, and the tracker is loaded again. What is kept is the events, not
the tracker the dialogue loop changes: each `get` replays them into a new tracker.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from rasa.shared.core.events import Event
from rasa.shared.core.slots import Slot

from bot.rasa_plugins.tracker_window import WindowedTracker

# A few hundred KB each at most (MAX_TURNS turns): the active conversations of a server.
CAPACITY = 500


@dataclass(frozen=True)
class _Entry:
    events: tuple[Event, ...]
    latest_id: int


class RecentTrackers:
    """Least recently used first out."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def get(self, sender_id: str, latest_id: int | None, slots: Iterable[Slot]) -> WindowedTracker | None:
        """The conversation's tracker if the cached one is current (`latest_id`: the store's)."""
        entry = self._entries.get(sender_id)
        if entry is None or entry.latest_id != latest_id:
            return None
        self._entries.move_to_end(sender_id)
        tracker: WindowedTracker = WindowedTracker.from_events(sender_id, list(entry.events), slots)
        tracker.stored = len(entry.events)
        return tracker

    def put(self, tracker: WindowedTracker, latest_id: int | None) -> None:
        if latest_id is None:
            self.drop(tracker.sender_id)
            return
        self._entries[tracker.sender_id] = _Entry(tuple(tracker.events), latest_id)
        self._entries.move_to_end(tracker.sender_id)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        self._entries.pop(sender_id, None)
