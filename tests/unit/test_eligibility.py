"""The eligibility check's reading of answers, its verdict and its wording."""

import datetime as dt

import pytest

from bot.answers.eligibility import verdict_reply
from bot.answers.reply import HANDOFF
from bot.eligibility import (
    DOES_NOT_FIT,
    FITS,
    UNDECIDED,
    activity_answer,
    applicant_kind,
    decide,
    project_answer,
    speaks_about_self,
)
from bot.knowledge import load_knowledge
from bot.recommend import Recommendation, recommend

BEFORE = dt.date(2016, 6, 1)


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("fr", "Nous sommes une asbl", "nonprofit"),
        ("fr", "indépendant", "self_employed"),
        ("fr", "une petite startup", "startup"),
        ("fr", "autre", "other"),
        ("fr", "je suis étudiant", "student"),
        ("nl", "wij zijn een vzw", "nonprofit"),
        ("nl", "zelfstandige", "self_employed"),
        ("nl", "ander", "other"),
        ("nl", "een gemeente", "public_body"),
        ("fr", "euh je ne sais pas", None),
    ],
)
def test_applicant_kind(lang: str, text: str, kind: str | None) -> None:
    assert applicant_kind(text, lang) == kind


@pytest.mark.parametrize(
    ("lang", "text", "intent", "answer"),
    [
        ("fr", "oui", None, "yes"),
        ("fr", "non", None, "no"),
        ("fr", "nous sommes basés à Namur", None, "outside"),
        ("fr", "on développe des apps à Bruxelles", None, "yes"),
        ("nl", "ja hoor", None, "yes"),
        ("nl", "neen", None, "no"),
        ("nl", "we zitten in Gent", None, "outside"),
        ("nl", "bwa", "affirm", "yes"),
        ("fr", "bleu", None, None),
    ],
)
def test_activity_answer(lang: str, text: str, intent: str | None, answer: str | None) -> None:
    assert activity_answer(text, lang, intent) == answer


def test_a_project_needs_a_few_words() -> None:
    assert project_answer("VR") is None
    assert project_answer("🙂 !!") is None
    assert project_answer("  des ateliers VR  pour les jeunes ") == "des ateliers VR pour les jeunes"


@pytest.mark.parametrize(
    ("lang", "text", "about_self"),
    [
        ("fr", "suis-je éligible ?", True),
        ("fr", "mon asbl peut-elle participer ?", True),
        ("fr", "une asbl peut-elle participer ?", False),
        ("nl", "kom ik in aanmerking?", True),
        ("nl", "mag een vzw deelnemen?", False),
    ],
)
def test_speaks_about_self(lang: str, text: str, about_self: bool) -> None:
    assert speaks_about_self(text, lang) is about_self


STATUSES = load_knowledge("fr").facts["applicant_types"]
VR_YOUTH_TEXT = "des ateliers de réalité virtuelle pour sensibiliser les jeunes aux métiers IT"
VR_YOUTH = recommend(VR_YOUTH_TEXT, "fr")
NOTHING = recommend("une boulangerie de quartier", "fr")


@pytest.mark.parametrize(
    ("kind", "activity", "rec", "outcome"),
    [
        ("nonprofit", "yes", VR_YOUTH, FITS),
        ("startup", "yes", VR_YOUTH, FITS),
        ("nonprofit", "no", VR_YOUTH, DOES_NOT_FIT),
        ("public_body", "yes", VR_YOUTH, UNDECIDED),
        ("other", "yes", VR_YOUTH, UNDECIDED),
        ("company", "outside", VR_YOUTH, UNDECIDED),
        ("company", "yes", NOTHING, UNDECIDED),
    ],
)
def test_the_verdict_is_never_firmer_than_the_text(kind: str, activity: str, rec: Recommendation, outcome: str) -> None:
    assert decide(kind, activity, rec, STATUSES).outcome == outcome


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_verdict_gives_reasons_the_selection_and_the_deadline(lang: str) -> None:
    k = load_knowledge(lang)
    rec = recommend("workshops virtual reality voor jongeren" if lang == "nl" else VR_YOUTH_TEXT, lang)
    for activity in ("yes", "no", "outside"):
        verdict = decide("nonprofit", activity, rec, STATUSES)
        reply = verdict_reply(k, verdict, "nonprofit", "mon projet", BEFORE)
        lines = reply.text.splitlines()
        assert len([line for line in lines if line.startswith("- ")]) == 3
        assert k.answer("deadline_open", days_left=92) in reply.text
        assert (reply.offer == HANDOFF) is (verdict.outcome == UNDECIDED)


def test_a_fitting_project_names_its_measure() -> None:
    verdict = decide("nonprofit", "yes", recommend(VR_YOUTH_TEXT, "fr"), STATUSES)
    text = verdict_reply(load_knowledge("fr"), verdict, "nonprofit", VR_YOUTH_TEXT, BEFORE).text
    assert "mesure 2" in text
    assert text.splitlines()[0].startswith("Selon le texte de l'appel, votre candidature entre")


@pytest.mark.parametrize(
    ("lang", "text", "measure"),
    [
        ("nl", "Wij coachen kmo's in big data, bij welke maatregel hoort dat?", "maatregel 1"),
        ("fr", "On prépare des startups aux salons tech à l'étranger, c'est quelle mesure ?", "mesure 4"),
    ],
)
def test_a_described_project_asking_which_measure_gets_the_measure(lang: str, text: str, measure: str) -> None:
    from bot.answers import Question, answer

    reply = answer(Question("check_eligibility", text, lang, BEFORE))
    assert measure in reply.text and reply.start is None


def test_a_described_project_asking_whether_it_is_eligible_gets_the_answer_and_the_check_offered() -> None:
    from bot.answers import Question, answer

    text = "Notre asbl bruxelloise initie les jeunes à la réalité virtuelle : sommes-nous éligibles ?"
    reply = answer(Question("recommend_measure", text, "fr", BEFORE))
    assert reply.text.startswith("Oui, les asbl")
    assert (reply.offer, reply.start) == ("eligibility_form", None)
