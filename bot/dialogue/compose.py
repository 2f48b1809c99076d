"""Several answers become one reply: in the order asked, the offer of the last one kept."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.reply import Reply


def compose(replies: Sequence[Reply]) -> Reply:
    """One reply saying each of `replies` in turn. Only one thing can be offered at a time:
    the last offer (or guided conversation to start) wins, with its buttons."""
    if len(replies) == 1:
        return replies[0]
    text = "\n\n".join(r.text for r in replies)
    leading = next((r for r in reversed(replies) if r.offer or r.start), None)
    if leading is None:
        return Reply(text, replies[-1].buttons)
    return Reply(text, leading.buttons, offer=leading.offer, start=leading.start, question=leading.question)


def with_correction(reply: Reply, correction: str | None) -> Reply:
    """`reply` preceded by the correction (or the yes or no) its question called for."""
    if not correction:
        return reply
    return Reply(f"{correction}\n{reply.text}", reply.buttons, reply.offer, reply.start, reply.question)
