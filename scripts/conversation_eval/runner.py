"""Playing the conversations against a Rasa server's REST channel, one fresh sender each."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from bot.rasa_io.rest import RestChannel, RestChannelError, shown_text
from scripts.conversation_eval.cases import Conversation
from scripts.conversation_eval.checks import FoldedReply, judge_turn
from scripts.conversation_eval.vocabulary import Vocabulary


@dataclass
class TurnResult:
    say: str
    lang: str
    judged: bool
    reply: str  # what the applicant saw: texts and button titles
    seconds: float | None  # None: the request failed
    failures: list[str] = field(default_factory=list)


@dataclass
class ConversationResult:
    id: str
    kind: str
    lang: str
    turns: list[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(not t.failures for t in self.turns)

    @property
    def request_failed(self) -> bool:
        return any(t.seconds is None for t in self.turns)

    @property
    def first_failure(self) -> tuple[int, TurnResult] | None:
        return next(((n, t) for n, t in enumerate(self.turns, 1) if t.failures), None)


def run_conversation(conversation: Conversation, channel: RestChannel, vocab: Vocabulary) -> ConversationResult:
    """Send every turn of `conversation` as a new applicant and judge the replies."""
    sender = f"conv-{uuid.uuid4().hex[:16]}"
    result = ConversationResult(conversation.id, conversation.kind, conversation.lang)
    said: list[str] = []
    for turn in conversation.turns:
        said.append(turn.say)
        started = time.perf_counter()
        try:
            messages = channel.send(sender, turn.say, turn.metadata)
        except RestChannelError as error:  # a dead server fails the conversation, not the run
            result.turns.append(TurnResult(turn.say, turn.lang, turn.judged, "", None, [f"request failed: {error}"]))
            break
        seconds = time.perf_counter() - started
        failures = judge_turn(turn, FoldedReply.of(messages), said, vocab)
        result.turns.append(TurnResult(turn.say, turn.lang, turn.judged, shown_text(messages), seconds, failures))
    return result
