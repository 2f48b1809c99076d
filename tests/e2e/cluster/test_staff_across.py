"""The staff console on two bot.web processes sharing Redis: a login through one is valid
through the other, and a reply typed on one reaches the applicant's page open on the
other within 2 s (the live hub over Redis pub/sub)."""

from __future__ import annotations

import re
import time
import uuid

import aiohttp

from bot.tickets.db import make_engine
from bot.tickets.service import Desk, TicketRequest
from tests.e2e.cluster.applicant import Applicant
from tests.e2e.cluster.conftest import Cluster

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


async def _csrf(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as response:
        assert response.status == 200, url
        match = CSRF.search(await response.text())
        assert match, url
        return match.group(1)


async def test_a_login_and_a_reply_on_one_bot_web_work_on_the_other(cluster: Cluster) -> None:
    desk = Desk(make_engine(cluster.settings.database_url))
    email = f"agent-{uuid.uuid4().hex[:6]}@example.org"
    desk.add_staff(email, PASSWORD, "staff")
    one, other = cluster.web_instance(1), cluster.web_instance(2)
    jar = aiohttp.CookieJar(unsafe=True)  # cookies of 127.0.0.1, whatever the port: one browser
    async with aiohttp.ClientSession(cookie_jar=jar) as staff, aiohttp.ClientSession() as page:
        applicant = Applicant(page, other, "fr", origin=cluster.web_url)
        await applicant.connect()
        await applicant.ask("m0", "Quel est le budget de l'appel ?")
        request = TicketRequest(uuid.uuid4().hex, applicant.conversation_id, "fr", "Combien par projet ?", None, "chat")
        reference = desk.open_ticket(request).reference

        token = await _csrf(staff, f"{one}/staff/login")
        form = {"csrf_token": token, "email": email, "password": PASSWORD}
        async with staff.post(f"{one}/staff/login", data=form, allow_redirects=False) as response:
            assert response.status == 302
        async with staff.get(f"{other}/staff/", allow_redirects=False) as response:
            assert response.status == 200  # not sent to the login page
            assert reference in await response.text()

        token = await _csrf(staff, f"{other}/staff/tickets/{reference}")
        sent = time.monotonic()
        reply = {"csrf_token": token, "text": "Le texte ne le dit pas ; nous vous répondons ici."}
        async with staff.post(f"{one}/staff/tickets/{reference}/replies", data=reply, allow_redirects=False) as r:
            assert r.status in (302, 303)
        assert applicant.ws is not None
        pushed = await applicant.ws.receive_json(timeout=max(0.1, 2 - (time.monotonic() - sent)))
        elapsed = time.monotonic() - sent
        assert pushed == {"type": "staff_reply", "text": reply["text"], "reference": reference}
        print(f"\nstaff reply typed on bot.web 1 shown on bot.web 2's page {elapsed * 1000:.0f} ms after the POST")
        # The flash of that reply was saved in Redis by bot.web 1 and is shown by bot.web 2.
        async with staff.get(f"{other}/staff/tickets/{reference}") as response:
            page_text = await response.text()
            assert "Réponse enregistrée." in page_text or "Antwoord opgeslagen." in page_text
        await applicant.close()
    desk.dispose()
