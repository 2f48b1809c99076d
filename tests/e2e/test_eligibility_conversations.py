"""Who may apply, in conversations through the real Rasa server and action server (issue
16): a public body, a private person, a company without a company number and an
organisation based in another region, in French and in Dutch.

The applicant first says who they are, then asks as applicants do; the reply must be the
text's verdict for them (never a plain yes where the text does not decide), name them or
the condition asked, and offer staff.
"""

from __future__ import annotations

import pytest

from bot.knowledge import load_knowledge
from tests.e2e.conftest import Assistant

# (language, what the applicant says first, their question, the kind or condition the reply is about)
CONVERSATIONS = [
    ("fr", "Bonjour, je travaille au service numérique d'une commune bruxelloise.",
     "Est-ce que nous pouvons introduire un projet ?", "public_body"),
    ("nl", "Dag, ik werk bij het OCMW van Sint-Gillis, we willen jongeren warm maken voor IT.",
     "Mogen wij als OCMW een dossier indienen?", "public_body"),
    ("fr", "Je suis un simple particulier, passionné de réalité virtuelle.",
     "Je peux déposer un projet à titre privé ?", "individual"),
    ("nl", "Ik ben gewoon een privépersoon met een idee rond big data.",
     "Kan ik als particulier zelf een project indienen?", "individual"),
    ("fr", "Nous sommes une SRL de développeurs à Etterbeek.",
     "Peut-on postuler sans numéro BCE ?", "company_number"),
    ("nl", "Wij zijn een bv die apps bouwt in Jette.",
     "Kunnen we indienen zonder ondernemingsnummer?", "company_number"),
    ("fr", "Notre asbl est établie à Namur et forme des jeunes au codage.",
     "Pouvons-nous participer quand même ?", "outside_brussels"),
    ("nl", "Onze vzw is gevestigd in Gent en geeft programmeerlessen.",
     "Mogen we toch meedoen?", "outside_brussels"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "first", "question", "about"), CONVERSATIONS)
def test_the_verdict_is_the_texts_for_who_the_applicant_is(
    assistant: Assistant, sender: str, lang: str, first: str, question: str, about: str
) -> None:
    k = load_knowledge(lang)
    assistant.text(sender, first)
    reply = assistant.text(sender, question)
    yes = str(k.wording["buttons"]["yes"])
    assert not reply.startswith(yes), reply  # the text does not decide: never a plain yes
    topic = k.wording["unanswered_topics"].get(about) if about in k.facts["unstated_conditions"] else None
    assert str(topic or k.wording["applicant_labels"][about]) in reply, reply
    assert str(k.wording["handoff"]["offer"]) in reply, reply
    handoff = assistant.text(sender, yes.lower())  # accepting the offer starts the hand-off
    assert str(k.wording["handoff"]["start"]) in handoff, handoff
