"""What a question asks that the call text does not say: its topics, in message order.

The topics are data (`unanswered_topics` in data/vocabulary), and so is how each is read
(data/knowledge/call.yml): which the text never addresses, which are conditions on the
applicant, which are a question only beside a word of requirement.
"""

from __future__ import annotations

from bot.knowledge import Knowledge
from bot.knowledge.vocabulary import matcher
from bot.text.matcher import in_one_clause


def gaps_asked(k: Knowledge, lang: str, text: str) -> list[str]:
    """The topics of `text` the call leaves open; "notre siège est à Ixelles" asks nothing,
    "faut-il un siège à Bruxelles ?" does (call.yml `asked_with`: a word of that section in
    the same clause)."""
    asked_with: dict[str, str] = dict(k.facts.get("asked_with", {}))
    return list(
        dict.fromkeys(
            hit.key
            for hit in matcher(lang, "unanswered_topics").hits(text)
            if hit.key not in asked_with
            or any(in_one_clause(text, hit, cue) for cue in matcher(lang, asked_with[hit.key]).hits(text))
        )
    )


def never_addressed(k: Knowledge, lang: str, text: str) -> list[str]:
    """The topics of `text` the call text never addresses at all (not even in part)."""
    never = set(k.facts.get("never_addressed", ()))
    return [topic for topic in gaps_asked(k, lang, text) if topic in never]


def conditions_asked(k: Knowledge, lang: str, text: str) -> list[str]:
    """The conditions on the applicant that `text` asks about and the text does not state
    ("sans numéro BCE ?", "faut-il un chiffre d'affaires minimum ?")."""
    conditions = set(k.facts.get("unstated_conditions", ()))
    return [topic for topic in gaps_asked(k, lang, text) if topic in conditions]
