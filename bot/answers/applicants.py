"""Who may apply, yes/no questions about one kind of applicant, and "am I eligible?".

What the applicant said about themselves earlier (the conversation's memory) answers
"can we apply?" for their kind at once; the guided check is offered, and starts only
when the applicant asks for it ("vérifiez avec moi") or accepts the offer.
"""

from __future__ import annotations

from bot.answers.buttons import yes_no
from bot.answers.handoff import offer_handoff
from bot.answers.measures import recommend_measure
from bot.answers.reply import ELIGIBILITY_CHECK, Question, Reply
from bot.dialogue.cues import opening
from bot.dialogue.memory import OUTSIDE, Memory, fits_a_measure
from bot.dialogue.premises import is_yes_no
from bot.eligibility import speaks_about_self
from bot.knowledge import Knowledge
from bot.knowledge.vocabulary import affirmed, found, matcher
from bot.recommend import recommend
from bot.text.matcher import in_one_clause
from bot.text.normalize import fold

# The text's treatment of a kind of applicant -> the sentence that answers it.
_SENTENCE = {"named": "who_named", "company": "who_company", "undecided": "who_undecided"}
# ... when the question took for granted that this kind is left out ("les asbl sont exclues ?").
_DESPITE = {"named": "who_named_despite", "company": "who_company_despite"}
# When a message names several kinds ("an asbl based in Wallonia"), the least certain wins.
_CAUTION = ("undecided", "company", "named")
_OUTSIDE_KIND = "outside_brussels"


def applicant_status(k: Knowledge, kinds: list[str]) -> tuple[str, str] | None:
    """(kind, status) of the most cautious kind among `kinds`, or None: "une SRL créée par
    des étudiants" is not decided by the text, since students are not."""
    statuses = k.facts["applicant_types"]
    for status in _CAUTION:
        for kind in kinds:
            if statuses.get(kind) == status:
                return kind, status
    return None


def who_sentence(k: Knowledge, verdict: tuple[str, str] | None, *, despite: bool = False, said: str = "") -> str:
    """What the text says about who may apply, or about the kind of applicant named (a
    kind it leaves undecided in the applicant's own word too: "…, comme « CPAS »")."""
    if verdict is None:
        return k.answer("who")
    kind, status = verdict
    key = _DESPITE.get(status, _SENTENCE[status]) if despite else _SENTENCE[status]
    label = label_as_said(k, kind, said) if status == "undecided" else k.wording["applicant_labels"][kind]
    return k.answer(key, label=label)


def label_as_said(k: Knowledge, kind: str, said: str) -> str:
    """The label of `kind`, with the word `said` names it by when the label lacks it."""
    label = str(k.wording["applicant_labels"][kind])
    terms = [h.term for h in matcher(k.lang, "applicant_types").hits(said) if h.key == kind]
    stem = fold(terms[0])[: max(4, len(terms[0]) - 2)] if terms else ""  # "hogeschool" is in "hogescholen"
    if not terms or stem in fold(label):
        return label
    return str(k.wording["label_as_said"]).format(label=label, term=terms[0])


def remembered_kinds(memory: Memory) -> list[str]:
    """The kinds the applicant said they are (where they are based counts as one)."""
    return [kind for kind in (memory.kind, _OUTSIDE_KIND if memory.place == OUTSIDE else None) if kind]


def eligibility(k: Knowledge, q: Question) -> Reply:
    """ "Can an asbl apply?" / "can we apply?": the text's answer for that kind, with the
    guided check offered; "check it with me" starts the check."""
    memory = q.context.memory
    if found(q.lang, "check_request", q.text):
        return start_check(k, memory)
    asks_eligibility = bool(found(q.lang, "eligibility_question", q.text))
    if not asks_eligibility and found(q.lang, "measure_question", q.text) and recommend(q.text, q.lang).measures:
        return recommend_measure(k, q)  # "we help startups with trade fairs: which measure?"
    named = kinds_named(q.text, q.lang)
    only = only_kind(q.text, q.lang)
    own = remembered_kinds(memory) if speaks_about_self(q.text, q.lang) else []
    if "not_digital" in found(q.lang, "premises", q.text):  # "une entreprise sans lien avec le numérique ?"
        return offer_handoff(k, k.answer("who_not_digital"), q.text)
    if "etc" in found(q.lang, "premises", q.text):  # "le etc après les asbl, ça veut dire n'importe qui ?"
        return offer_handoff(k, k.answer("who_etc"), q.text)
    if not named and not own and asks_about_someone_unlisted(q):
        return offer_handoff(k, k.answer("who_unlisted"), q.text)
    verdict = None
    if only and own and only not in own:  # "un indépendant comme moi, ou c'est réservé aux boîtes ?"
        answer = who_sentence(k, verdict := applicant_status(k, own), said=q.text)
    elif only:
        answer = k.answer("who_only", label=k.wording["applicant_labels"][only])
    elif named:
        excluded = "excluded" in found(q.lang, "premises", q.text)
        answer = who_sentence(k, verdict := applicant_status(k, named), despite=excluded, said=q.text)
    elif own:
        answer = who_sentence(k, verdict := applicant_status(k, own), said=q.text)
    else:
        answer = k.answer("who")
    if verdict and verdict[1] == "undecided":  # the text does not decide: staff do, not the check
        return offer_handoff(k, answer, q.text)
    return Reply(f"{answer}\n{k.wording['check']['offer']}", yes_no(k), offer=ELIGIBILITY_CHECK)


def asks_about_someone_unlisted(q: Question) -> bool:
    """ "Un établissement X peut-il participer ?": a yes/no question about a candidate the
    vocabulary does not know (not the applicant, not everyone): the text does not decide."""
    if not is_yes_no(q.text, q.lang) or speaks_about_self(q.text, q.lang) or found(q.lang, "everyone", q.text):
        return False
    lead = opening(q.lang, "yes_no", q.text)
    subject = opening(q.lang, "someone", lead[1] if lead else q.text)
    return (subject is not None and subject[0] == "a") or "as" in found(q.lang, "someone", q.text)


def kinds_named(text: str, lang: str) -> list[str]:
    """The kinds of applicant `text` names; a place in Brussels beats a regional word in
    the same clause ("une vzw flamande installée à Bruxelles" is not based outside
    Brussels; "une zetel in Brussel moet, dus onze vzw uit Halle valt af?" is)."""
    hits = affirmed(lang, matcher(lang, "applicant_types").hits(text), text)
    brussels = [h for h in matcher(lang, "check_answers").hits(text) if h.key == "brussels"]
    kept = [h for h in hits if h.key != _OUTSIDE_KIND or not any(in_one_clause(text, h, place) for place in brussels)]
    return list(dict.fromkeys(h.key for h in kept))


def only_kind(text: str, lang: str) -> str | None:
    """The kind a question takes to be the only one admitted ("c'est réservé aux boîtes ?")."""
    cues = [h for h in matcher(lang, "premises").hits(text) if h.key == "only"]
    if not cues:
        return None
    kinds = [h for h in matcher(lang, "applicant_types").hits(text) if h.key != _OUTSIDE_KIND]
    after = [h for h in kinds if h.char_start >= cues[0].char_start]
    chosen = after or kinds
    return chosen[0].key if chosen else None


def told_us(k: Knowledge, memory: Memory, *, with_project: bool = True) -> str:
    """ "What you told me: kind, where, project", or "" when the applicant said nothing."""
    check = k.wording["check"]
    facts = []
    if memory.kind:
        label = k.wording["applicant_labels"].get(memory.kind)
        facts += [str(check["recap_kind"]).format(label=label)] if label else []
    if memory.place:
        facts.append(str(check["recap_outside" if memory.place == OUTSIDE else "recap_brussels"]))
    if memory.project and with_project:
        facts.append(str(check["recap_project"]).format(project=memory.project))
    return str(check["recap"]).format(facts="; ".join(facts)) if facts else ""


def start_check(k: Knowledge, memory: Memory) -> Reply:
    """The guided check begins, recalling what the applicant already told us."""
    recap = told_us(k, memory, with_project=fits_a_measure(memory.project, k.lang))  # the check takes it
    return Reply("\n".join(filter(None, [str(k.wording["check"]["start"]), recap])), start=ELIGIBILITY_CHECK)


def project_fit(k: Knowledge, q: Question) -> Reply:
    """A described project: the measure it fits, or whether the applicant is eligible
    when that is what they ask ("we train young people in VR: are we eligible?")."""
    asks_eligibility = found(q.lang, "eligibility_question", q.text) or found(q.lang, "check_request", q.text)
    if asks_eligibility or (asks_for_a_kind(q) and not found(q.lang, "measure_question", q.text)):
        return eligibility(k, q)
    return recommend_measure(k, q)


def asks_for_a_kind(q: Question) -> bool:
    """ "Une école secondaire peut-elle porter un projet de… ?": a yes/no question whose
    subject is a kind of applicant (a verb of `subject_verbs` follows it in its clause)."""
    if not is_yes_no(q.text, q.lang):
        return False
    kinds = matcher(q.lang, "applicant_types").hits(q.text)
    verbs = matcher(q.lang, "subject_verbs").hits(q.text)
    return any(v.char_start > h.char_start and in_one_clause(q.text, h, v) for h in kinds for v in verbs)


# "Who may apply?", "can an asbl apply?" and "am I eligible?" are one intent since the NLU
# could not tell them apart: eligibility() tells them apart by the words.
ANSWERS = {"check_eligibility": eligibility, "recommend_measure": project_fit}
