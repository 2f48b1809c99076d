"""A conversation's last turns, preceded by the state the turns before them left.

Rasa rebuilds the dialogue states from a tracker's first event at every prediction (a
few per message) and sends every event to the action server: with the whole history in
the tracker, each message costs more than the one before. Nothing here looks further
back than a turn or two (the rules, ActionFailurePolicy, the actions), so the tracker the
dialogue loop gets (`windowed`) holds the last turns only, after SlotSet events that
restore the slots the earlier turns left. It is cut only where no form is active and
the conversation is not paused: the form's state stays in the events it came from.
Only what is loaded is cut: every event is stored, and the history Rasa's HTTP API gives
is whole (`retrieve_full_tracker`).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

# Turns kept when a tracker is cut, and the length at which it is cut again: between the
# two, a message costs the same whatever the conversation's length.
KEEP_TURNS = 4
MAX_TURNS = 8


class WindowedTracker(DialogueStateTracker):  # type: ignore[misc]  # Rasa is not installed where mypy runs: its classes are Any
    """A tracker that knows how many of its events the store holds already (`stored`):
    the ones after are new. The SlotSet events a cut puts first count as stored."""

    stored: int = 0


def turn_starts(events: Sequence[Event]) -> list[int]:
    """Where each turn starts: the `action_listen` before a user message."""
    return [
        i
        for i in range(len(events) - 1)
        if isinstance(events[i], ActionExecuted)
        and events[i].action_name == ACTION_LISTEN_NAME
        and isinstance(events[i + 1], UserUttered)
    ]


def needs_cut(tracker: DialogueStateTracker) -> bool:
    """More turns than the dialogue loop needs to see."""
    return len(turn_starts(list(tracker.events))) > MAX_TURNS


def windowed(tracker: DialogueStateTracker, keep: int = KEEP_TURNS) -> WindowedTracker:
    """`tracker`, all of whose events are stored, in the same state with the events of
    its last `keep` turns or a few more (the latest cut that leaves no form active)."""
    events = list(tracker.events)
    candidates = set(turn_starts(events)[:-keep] if keep else turn_starts(events))
    replay = tracker.init_copy()
    cut, slots = 0, None
    for i, event in enumerate(events[: max(candidates, default=0) + 1]):
        if i in candidates and replay.active_loop_name is None and not replay.is_paused():
            cut, slots = i, _set_slots(replay, event.timestamp)
        replay.update(event)
    result: WindowedTracker = WindowedTracker.from_events(
        tracker.sender_id, [*(slots or []), *events[cut:]], tracker.slots.values(), tracker._max_event_history
    )
    result.model_id, result.assistant_id = tracker.model_id, tracker.assistant_id
    result.stored = len(result.events)
    return result


def _set_slots(tracker: DialogueStateTracker, timestamp: float) -> list[Event]:
    """SlotSet events giving each slot the value it has in `tracker`, if not its initial one."""
    return [
        SlotSet(slot.name, copy.deepcopy(slot.value), timestamp=timestamp)
        for slot in tracker.slots.values()
        if slot.value != slot.initial_value
    ]
