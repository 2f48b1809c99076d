"""Reply e-mails: the wording comes from data/mail/<lang>.yml, identical keys in both languages."""

from __future__ import annotations

from datetime import datetime, timezone
from string import Formatter

import pytest
import yaml

from bot.mail.render import TEMPLATE_KEYS, render_reply_email
from bot.paths import data_dir
from bot.tickets.views import ReplyView, TicketView

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


def _ticket(language: str, email: str | None = "applicant@example.be") -> TicketView:
    return TicketView(
        reference="NT-7K3M9QXA",
        language=language,
        question="Une asbl peut-elle participer ?\nMerci",
        conversation_id="c1",
        contact_email=email,
        reply_channel="email",
        status="answered",
        assignee_email=None,
        created_at=NOW,
        updated_at=NOW,
    )


REPLY = ReplyView(7, "staff@example.be", "Oui, les asbl peuvent participer.", NOW, "pending", 0, None)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_wording_files_have_the_same_keys_and_only_the_reference_placeholder(language: str) -> None:
    data = yaml.safe_load((data_dir() / "mail" / f"{language}.yml").read_text(encoding="utf-8"))
    assert set(data) == TEMPLATE_KEYS
    for value in data.values():
        fields = {name for _, name, _, _ in Formatter().parse(value) if name is not None}
        assert fields <= {"reference"}


def test_both_languages_have_identical_keys() -> None:
    fr, nl = (yaml.safe_load((data_dir() / "mail" / f"{lang}.yml").read_text("utf-8")) for lang in ("fr", "nl"))
    assert set(fr) == set(nl)


@pytest.mark.parametrize(
    ("language", "subject_word", "body_words"),
    [
        ("fr", "réponse", ["Bonjour", "Votre question", "Référence", "données personnelles"]),
        (
            "nl",
            "antwoord",
            ["Goeiedag", "Uw vraag", "Referentie", "persoonsgegevens", "Brussels Hoofdstedelijk Gewest"],
        ),
    ],
)
def test_email_is_in_the_ticket_language(language: str, subject_word: str, body_words: list[str]) -> None:
    message = render_reply_email(_ticket(language), REPLY, sender="Plan Next Tech <noreply@pnt.example>")
    body = message.get_content()
    assert subject_word in message["Subject"] and "NT-7K3M9QXA" in message["Subject"]
    assert message["To"] == "applicant@example.be"
    assert message["From"] == "Plan Next Tech <noreply@pnt.example>"
    assert message["Content-Language"] == language
    assert message["Message-ID"].endswith("@pnt.example>")
    assert "NT-7K3M9QXA" in body
    assert REPLY.text in body
    assert "> Une asbl peut-elle participer ?\n> Merci" in body
    for word in body_words:
        assert word in body
    assert "{" not in body and "{" not in message["Subject"]


def test_no_email_without_contact_address() -> None:
    with pytest.raises(ValueError, match="no contact e-mail"):
        render_reply_email(_ticket("fr", email=None), REPLY)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no e-mail wording"):
        render_reply_email(_ticket("de"), REPLY, sender="x@y.be")
