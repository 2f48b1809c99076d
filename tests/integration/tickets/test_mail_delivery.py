"""Reply e-mails through a real SMTP server on loopback, or to the outbox folder; failures retried."""

from __future__ import annotations

import email
import email.policy
import ssl
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from bot.mail import FolderMailer, SmtpMailer, deliver_pending, deliver_reply, mailer_from_env
from bot.tickets.service import Desk
from bot.tickets.views import StaffView
from tests.integration.tickets.helpers import FakeClock
from tests.integration.tickets.smtp_server import PASSWORD, USER, self_signed_certificate, smtp_server
from tests.integration.tickets.test_intake import request
from tests.ports import free_port

SENDER = "Plan Next Tech <noreply@pnt.example>"


@pytest.fixture
def staff(desk: Desk) -> StaffView:
    """An active staff account."""
    return desk.add_staff("agent@example.be", "correct horse battery staple", "staff")


def _answer(desk: Desk, staff: StaffView, key: str, language: str, text: str) -> str:
    reference = desk.open_ticket(request(key, language=language, contact_email=f"{key}@example.be")).reference
    desk.reply(reference, staff.id, text)
    return reference


def test_replies_reach_the_smtp_server_in_the_applicants_language(desk: Desk, staff: StaffView) -> None:
    fr = _answer(desk, staff, "fr-applicant", "fr", "Oui, une asbl peut participer.")
    nl = _answer(desk, staff, "nl-applicant", "nl", "Ja, een vzw of een zelfstandige mag meedoen.")
    with smtp_server() as (inbox, port):
        sent = deliver_pending(desk, SmtpMailer("127.0.0.1", port, tls="off"), sender=SENDER)
    assert sent == 2 and len(inbox.messages) == 2
    by_reference = {message["X-Ticket-Reference"]: message for message in inbox.messages}
    french, dutch = by_reference[fr], by_reference[nl]
    assert "réponse" in french["Subject"] and "Bonjour" in french.get_content()
    assert "antwoord" in dutch["Subject"] and "Goeiedag" in dutch.get_content()
    assert "Ja, een vzw of een zelfstandige mag meedoen." in dutch.get_content()
    assert dutch["To"] == "nl-applicant@example.be" and ["nl-applicant@example.be"] in inbox.recipients
    assert desk.pending_deliveries() == []
    detail = desk.detail(nl)
    assert detail is not None
    assert (detail.replies[0].delivery_status, detail.replies[0].delivery_attempts) == ("sent", 1)
    assert detail.audit[-1].action == "mail_sent"


def test_failure_is_recorded_then_retried_after_backoff(desk: Desk, staff: StaffView, clock: FakeClock) -> None:
    reference = _answer(desk, staff, "k", "fr", "Réponse")
    dead = SmtpMailer("127.0.0.1", free_port(), tls="off", timeout=5)
    assert deliver_pending(desk, dead, sender=SENDER) == 0
    ((reply, _),) = desk.pending_deliveries()
    assert (reply.delivery_status, reply.delivery_attempts) == ("failed", 1)
    assert reply.delivery_error and "ConnectionRefusedError" in reply.delivery_error
    detail = desk.detail(reference)
    assert detail is not None and detail.audit[-1].action == "mail_failed"

    with smtp_server() as (inbox, port):
        alive = SmtpMailer("127.0.0.1", port, tls="off")
        assert deliver_pending(desk, alive, sender=SENDER) == 0  # backoff not elapsed
        assert inbox.messages == []
        clock.advance(minutes=2)
        assert deliver_pending(desk, alive, sender=SENDER) == 1
    assert len(inbox.messages) == 1
    detail = desk.detail(reference)
    assert detail is not None
    assert (detail.replies[0].delivery_status, detail.replies[0].delivery_attempts) == ("sent", 2)
    assert detail.replies[0].delivery_error is None


def test_gives_up_after_max_attempts_but_stays_visible(
    desk: Desk, staff: StaffView, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    _answer(desk, staff, "k", "nl", "Antwoord")
    dead = SmtpMailer("127.0.0.1", free_port(), tls="off", timeout=5)
    for _ in range(5):
        deliver_pending(desk, dead, max_attempts=3)
        clock.advance(hours=7)
    ((reply, ticket),) = desk.pending_deliveries()
    assert (reply.delivery_status, reply.delivery_attempts) == ("failed", 3)
    assert "no longer retried" in caplog.text
    assert ticket.contact_email is not None and ticket.contact_email not in caplog.text


def test_login_over_plain_loopback(desk: Desk, staff: StaffView) -> None:
    _answer(desk, staff, "k", "fr", "Réponse")
    with smtp_server() as (inbox, port):
        assert deliver_pending(desk, SmtpMailer("127.0.0.1", port, "off", USER, PASSWORD), sender=SENDER) == 1
    assert inbox.logins == [USER]


@pytest.mark.parametrize("tls", ["starttls", "tls"])
def test_starttls_and_implicit_tls_with_login(desk: Desk, staff: StaffView, tmp_path: Path, tls: str) -> None:
    certificate = self_signed_certificate(tmp_path)
    _answer(desk, staff, "k", "nl", "Antwoord")
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    with smtp_server(tls, certificate) as (inbox, port):
        untrusting = SmtpMailer("127.0.0.1", port, tls, USER, PASSWORD, timeout=5)
        assert deliver_pending(desk, untrusting, sender=SENDER) == 0  # self-signed: refused by default
        ((reply, _),) = desk.pending_deliveries()
        assert reply.delivery_error is not None and "SSL" in reply.delivery_error
        mailer = SmtpMailer("127.0.0.1", port, tls, USER, PASSWORD, timeout=5, ssl_context=trusting)
        assert deliver_pending(desk, mailer, sender=SENDER, backoff=timedelta(0)) == 1
    assert inbox.logins == [USER] and len(inbox.messages) == 1


def test_folder_mailer_is_the_default_and_writes_eml_files(
    desk: Desk, staff: StaffView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SMTP_HOST", raising=False)
    monkeypatch.setenv("MAIL_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("MAIL_FROM", SENDER)
    reference = _answer(desk, staff, "k", "nl", "Antwoord")
    mailer = mailer_from_env()
    assert isinstance(mailer, FolderMailer)
    assert deliver_pending(desk, mailer) == 1
    (path,) = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["X-Ticket-Reference"] == reference and message["From"] == SENDER
    assert not list((tmp_path / "outbox").glob(".tmp-*"))


def test_unwritable_outbox_is_a_recorded_failure(desk: Desk, staff: StaffView, tmp_path: Path) -> None:
    _answer(desk, staff, "k", "fr", "Réponse")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert deliver_pending(desk, FolderMailer(blocker / "outbox")) == 0
    ((reply, _),) = desk.pending_deliveries()
    assert reply.delivery_status == "failed" and "outbox" in (reply.delivery_error or "")


def test_concurrent_senders_send_each_reply_once(desk: Desk, staff: StaffView, tmp_path: Path) -> None:
    for n in range(5):
        _answer(desk, staff, f"k{n}", "fr", f"Réponse {n}")
    mailer = FolderMailer(tmp_path / "outbox")
    barrier = threading.Barrier(6)

    def sender(_: int) -> int:
        barrier.wait()
        return deliver_pending(desk, mailer, sender=SENDER)

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert sum(pool.map(sender, range(6))) == 5
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 5
    assert desk.pending_deliveries() == []


def test_a_claim_excludes_other_senders_until_it_expires(desk: Desk, staff: StaffView, clock: FakeClock) -> None:
    _answer(desk, staff, "k", "fr", "Réponse")
    ((reply, ticket),) = desk.pending_deliveries()
    assert desk.claim_delivery(reply.id)
    assert not desk.claim_delivery(reply.id)
    assert not deliver_reply(desk, FolderMailer(Path("/nonexistent")), reply, ticket)  # held: not attempted
    clock.advance(minutes=11)  # the holder crashed; its claim expired
    assert desk.claim_delivery(reply.id)
    desk.mark_delivery(reply.id, ok=True)
    assert not desk.claim_delivery(reply.id)  # sent: nothing left to claim
