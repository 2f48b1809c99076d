"""The guided eligibility check: a Rasa form (eligibility_form) with a validation action
that reads free text and buttons, the questions it asks, and the verdict."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import memory_of, message_intent, message_text
from actions.guided import (
    AskSlot,
    GuidedFormValidation,
    acknowledges,
    answering,
    doesnt_know,
    is_interruption,
    starting,
)
from actions.language import reply_language
from actions.replies import events_of, send, slot_events
from bot.answers.eligibility import ask, unusable, verdict_reply
from bot.answers.reply import Reply
from bot.clock import today
from bot.dialogue.memory import changed_slots
from bot.eligibility import OTHER_KIND, activity_answer, applicant_kind, decide, project_answer
from bot.eligibility.interpret import ACTIVITY_UNKNOWN, ACTIVITY_YES, mentions_brussels
from bot.knowledge import Knowledge, load_knowledge
from bot.recommend import recommend

Slots = dict[str, Any]


class ValidateEligibilityForm(GuidedFormValidation):
    """Fills the check's slots from what the applicant writes.

    On the first message (the form is not active yet) it takes whatever that message
    already says ("we are a Brussels asbl that trains young people in VR" fills all
    three). Afterwards it reads the answer to the question asked; a confident question
    or "stop" is left to action_answer (the form is interrupted, then resumed).
    """

    def name(self) -> str:
        return "validate_eligibility_form"

    async def extract_applicant_kind(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        text, lang = message_text(tracker), reply_language(tracker)
        if starting(tracker):
            kind = applicant_kind(text, lang)
            return {"applicant_kind": kind} if kind else {}
        if not answering(tracker, "applicant_kind"):
            return {}
        kind = applicant_kind(text, lang)
        if kind:
            _say_what_the_text_says(dispatcher, lang, kind)
            return {"applicant_kind": kind}
        if doesnt_know(tracker, lang):
            return {"applicant_kind": OTHER_KIND}
        if is_interruption(tracker):
            return {}
        return _unusable(dispatcher, lang, "applicant_kind", tracker)

    async def extract_brussels_activity(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        text, lang = message_text(tracker), reply_language(tracker)
        if starting(tracker):
            return {"brussels_activity": ACTIVITY_YES} if mentions_brussels(text, lang) else {}
        if not answering(tracker, "brussels_activity"):
            return {}
        if doesnt_know(tracker, lang):
            return {"brussels_activity": ACTIVITY_UNKNOWN}
        if is_interruption(tracker):
            return {}
        answer = activity_answer(text, lang, message_intent(tracker.latest_message)[0])
        return {"brussels_activity": answer} if answer else _unusable(dispatcher, lang, "brussels_activity", tracker)

    async def extract_project_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        text, lang = message_text(tracker), reply_language(tracker)
        if starting(tracker):  # only a message that clearly describes a project
            return {"project_description": text} if recommend(text, lang).measures else {}
        if not answering(tracker, "project_description"):
            return {}
        if doesnt_know(tracker, lang):
            return {"project_description": ""}
        if is_interruption(tracker) and not recommend(text, lang).measures:
            return {}
        project = project_answer(text)
        if project:
            return {"project_description": project}
        return _unusable(dispatcher, lang, "project_description", tracker)


# The text's treatment of a kind of applicant -> what the check says when it is the answer.
_KIND_SAID = {"named": "kind_named", "company": "kind_company", "undecided": "kind_undecided"}


def _say_what_the_text_says(dispatcher: CollectingDispatcher, lang: str, kind: str) -> None:
    """ "C'est un CPAS", "une vzw": what the text says of that kind is said at once, not
    only in the verdict."""
    k = load_knowledge(lang)
    status = k.facts["applicant_types"].get(kind)
    if status in _KIND_SAID:
        label = k.wording["applicant_labels"][kind]
        dispatcher.utter_message(text=str(k.wording["check"][_KIND_SAID[status]]).format(label=label))


def _unusable(dispatcher: CollectingDispatcher, lang: str, slot: str, tracker: Tracker) -> Slots:
    """Say the answer could not be used (or just "OK" to an "ok"); the form then asks the
    question again."""
    k = load_knowledge(lang)
    text = k.wording["check"]["acknowledged"] if acknowledges(tracker, lang) else unusable(k, slot)
    dispatcher.utter_message(text=text)
    return {slot: None}


class _AskCheckQuestion(AskSlot):
    def question(self, k: Knowledge, tracker: Tracker) -> Reply:
        return ask(k, self.slot)


class ActionAskApplicantKind(_AskCheckQuestion):
    """Asks the kind of applicant."""

    slot = "applicant_kind"


class ActionAskBrusselsActivity(_AskCheckQuestion):
    """Asks whether the applicant's activities support the digital economy in Brussels."""

    slot = "brussels_activity"


class ActionAskProjectDescription(_AskCheckQuestion):
    """Asks what the project is."""

    slot = "project_description"


class ActionEligibilityVerdict(Action):
    """The verdict once the three answers are in, with its reasons and the deadline."""

    def name(self) -> str:
        return "action_eligibility_verdict"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        lang = reply_language(tracker)
        k = load_knowledge(lang)
        kind = str(tracker.get_slot("applicant_kind") or "other")
        project = str(tracker.get_slot("project_description") or "")
        verdict = decide(kind, str(tracker.get_slot("brussels_activity")), recommend(project, lang),
                         k.facts["applicant_types"])  # fmt: skip
        reply = verdict_reply(k, verdict, kind, project, today())
        send(dispatcher, reply)
        memory = replace(
            memory_of(tracker), topic="check_eligibility", open_question=reply.question, project=project or None
        )
        changed = {"language": lang, **changed_slots(memory_of(tracker), memory)}
        return [*slot_events(tracker, changed), *events_of(tracker, reply, memory, lang)]
