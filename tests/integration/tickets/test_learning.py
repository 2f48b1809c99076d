"""Feedback, annotations, model releases and the maintainer role, on both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.rasa_io.tracker_json import AnsweredMessage
from bot.tickets.annotations import NewAnnotation
from bot.tickets.releases import ReleaseView
from bot.tickets.service import Desk
from tests.integration.tickets.helpers import FakeClock

ABOUT = AnsweredMessage("ask_budget", 0.93, "fr", "Mon mail: jean@exemple.be, le budget ?", "400.000 €", 1.5e9)
PASSWORD = "correct horse battery"


def release(desk: Desk, model_id: str) -> ReleaseView:
    found = desk.release(model_id)
    assert found is not None, model_id
    return found


def test_a_vote_is_stored_masked_and_can_change_once(desk: Desk, clock: FakeClock) -> None:
    first = desk.record_feedback("conv", "m1", False, ABOUT)
    assert (first.helpful, first.final, first.intent, first.confidence) == (False, False, "ask_budget", 0.93)
    assert first.question == "Mon mail: [e-mail], le budget ?"  # never the address in clear
    assert desk.record_feedback("conv", "m1", False, ABOUT).final is False  # the same vote again
    changed = desk.record_feedback("conv", "m1", True, ABOUT)
    assert changed.helpful and changed.final
    with pytest.raises(ValueError, match="already changed"):
        desk.record_feedback("conv", "m1", False, ABOUT)
    desk.record_feedback("conv", "m2", False, AnsweredMessage())
    since, until = clock.now - timedelta(hours=1), clock.now + timedelta(hours=1)
    assert desk.helpful_counts(since, until) == {True: 1, False: 1}
    assert [v.message_id for v in desk.not_helpful(since, until)] == ["m2"]
    assert desk.forget_feedback(["conv", "other"]) == 2
    assert desk.helpful_counts(since, until) == {True: 0, False: 0}


def test_bad_votes_are_refused_clearly(desk: Desk) -> None:
    with pytest.raises(ValueError, match="conversation id"):
        desk.record_feedback("", "m1", True, ABOUT)
    with pytest.raises(ValueError, match="message id"):
        desk.record_feedback("conv", "x" * 65, True, ABOUT)


def test_maintainers_exist_and_annotate(desk: Desk) -> None:
    maintainer = desk.add_staff("maintainer@example.org", PASSWORD, "maintainer")
    assert maintainer.role == "maintainer"
    label = NewAnnotation("nl", "hoeveel poen  0471 23 45 67", "hoeveel poen", "ask_budget", "nlu_fallback", 0.4, 3,
                          "conv")  # fmt: skip
    stored = desk.annotate(maintainer.id, label)
    assert stored.text == "hoeveel poen [phone]" and stored.occurrences == 3
    assert desk.annotated_keys() == {("nl", "hoeveel poen")}
    desk.forget_annotation_conversations(["conv"])
    desk.undo_annotation(stored.id, maintainer.id)
    with pytest.raises(ValueError, match="already undone"):
        desk.undo_annotation(stored.id, maintainer.id)
    with pytest.raises(LookupError):
        desk.undo_annotation(999, maintainer.id)
    assert desk.annotated_keys() == set()
    assert [a.undone_at is not None for a in desk.all_annotations()] == [True]


def test_a_disabled_maintainer_cannot_annotate(desk: Desk) -> None:
    admin = desk.add_staff("admin@example.org", PASSWORD, "admin")
    maintainer = desk.add_staff("maintainer@example.org", PASSWORD, "maintainer")
    desk.set_active(maintainer.id, False, admin.id)
    with pytest.raises(ValueError, match="disabled"):
        desk.annotate(maintainer.id, NewAnnotation("fr", "texte", "texte", "greet"))


def test_releases_go_live_keep_the_previous_and_roll_back(desk: Desk) -> None:
    desk.record_candidate("m-1", None, "f1")
    desk.decide("m-1", True, {"fr": (20, 28)}, {}, "first model")
    desk.record_candidate("m-2", None, "f2")
    desk.decide("m-2", True, {"fr": (27, 28)}, {"fr": (60, 70)}, "at least as good")
    desk.record_candidate("m-3", None, "f3")
    desk.decide("m-3", False, {"fr": (25, 28)}, {}, "held-out messages fr 25/28 < live 27/28")
    statuses = {r.model_id: r.status for r in desk.releases()}
    assert statuses == {"m-1": "previous", "m-2": "live", "m-3": "refused"}
    assert release(desk, "m-2").holdout == {"fr": (27, 28)}
    assert release(desk, "m-3").reason.startswith("held-out")
    back = desk.swap_live_and_previous()
    assert back is not None and back.model_id == "m-1"
    assert {r.model_id: r.status for r in desk.releases()}["m-2"] == "previous"
    desk.record_live("m-0", None)  # installed by hand: noted, not overwritten later
    desk.record_live("m-1", None)
    assert release(desk, "m-1").status == "live"
    with pytest.raises(LookupError):
        desk.decide("unknown", True, {}, {}, "")
