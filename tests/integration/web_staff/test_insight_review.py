"""The insight and review pages of the console, over HTTP, with a real tracker store."""

from __future__ import annotations

import re
import time
from typing import Any

from bot.tickets.service import Desk
from tests.integration.web_staff.support import Browser, FakeRasa
from tests.support_tracker import TrackerWriter, Turn


def _conversations(tracker_store_url: str) -> None:
    writer = TrackerWriter.at(tracker_store_url)
    now = time.time() - 3600
    writer.conversation("c1", now, [Turn("Quel est le budget ?", "ask_budget"),
                                    Turn("flurb glorp <b>x</b> jean@exemple.be", "nlu_fallback", 0.4)])  # fmt: skip
    writer.conversation("c2", now + 60, [Turn("Wanneer sluit de oproep?", "ask_deadline", language="nl")])
    writer.dispose()


async def test_insight_shows_figures_tables_and_plots(browser: Browser, agent: Any, tracker_store_url: str) -> None:
    _conversations(tracker_store_url)
    await browser.login("agent@example.org")
    status, page = await browser.get("/staff/insight")
    assert status == 200
    assert "3 messages" in page and "2 conversations" in page
    for table in ("activity-table", "languages-table", "topics-table", "rates-table", "response-table"):
        assert f'id="{table}"' in page
    plots = re.findall(r'<img class="plot" src="([^"]+)" alt="([^"]+)"', page)
    assert len(plots) == 5 and all(alt.startswith("Graphique") for _src, alt in plots)
    for src, _alt in plots:
        response = await browser.client.get(src.replace("&amp;", "&"))
        assert response.status == 200 and response.content_type == "image/svg+xml"
        svg = await response.text()
        assert svg.lstrip().startswith("<?xml") and "<script" not in svg
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    topics = await (await browser.client.get(plots[2][0].replace("&amp;", "&"))).text()
    assert "Budget" in topics and "Date limite" in topics  # labels in the reader's language
    await browser.post("/staff/language", {"lang": "nl", "next": "/staff/insight"})
    _status, dutch = await browser.get("/staff/insight")
    assert "Hoe doet de assistent het" in dutch and "Grafiek" in dutch
    topics_nl = await (await browser.client.get(plots[2][0].replace("&amp;", "&"))).text()
    assert "Uiterste datum" in topics_nl


async def test_insight_says_when_the_period_is_unusable(browser: Browser, agent: Any) -> None:
    await browser.login("agent@example.org")
    for query in ("from=yesterday", "from=2026-05-01&to=2026-04-01", "from=2020-01-01&to=2026-01-01"):
        status, page = await browser.get(f"/staff/insight?{query}")
        assert status == 200 and "Période invalide" in page
    assert (await browser.client.get("/staff/insight/plots/nothing.svg")).status == 404


async def test_the_live_model_is_shown_with_its_record(
    browser: Browser, agent: Any, desk: Desk, rasa: FakeRasa
) -> None:
    desk.record_candidate(rasa.model_id, None, "f")
    desk.decide(rasa.model_id, True, {"fr": (27, 28), "nl": (26, 28)}, {"fr": (60, 70)}, "at least as good")
    await browser.login("agent@example.org")
    _status, page = await browser.get("/staff/insight")
    assert rasa.model_id in page and "FR 27/28" in page and "NL 26/28" in page and "FR 60/70" in page
    rasa.model_id = "model-unknown"
    _status, page = await browser.get("/staff/insight")
    assert "absent du registre" in page


async def test_a_maintainer_annotates_in_two_fields_and_undoes(browser: Browser, maintainer: Any, desk: Desk,
                                                               tracker_store_url: str) -> None:  # fmt: skip
    _conversations(tracker_store_url)
    response = await browser.login("maintainer@example.org")
    assert response.headers["Location"] == "/staff/"
    front = await browser.client.get("/staff/", allow_redirects=False)
    assert front.status == 302 and front.headers["Location"] == "/staff/review"
    status, page = await browser.get("/staff/review")
    assert status == 200
    assert "flurb glorp &lt;b&gt;x&lt;/b&gt; [e-mail]" in page and "jean@exemple.be" not in page
    assert page.count('class="review-item"') == 1  # the understood messages are not there
    found = re.search(r'name="text" value="([^"]+)"', page)
    assert found, page
    text = found.group(1)
    posted = await browser.post("/staff/review/annotations", {
        "intent": "out_of_scope", "language": "fr", "text": text.replace("&lt;", "<").replace("&gt;", ">"),
        "count": "1", "predicted": "nlu_fallback", "confidence": "0.4", "conversation_id": "c1",
    })  # fmt: skip
    assert posted.status == 302
    [label] = desk.annotations()
    assert (label.intent, label.language, label.author_email) == ("out_of_scope", "fr", "maintainer@example.org")
    assert label.text == "flurb glorp <b>x</b> [e-mail]" and label.text_key == "flurb glorp b x b e mail"
    _status, page = await browser.get("/staff/review")
    assert 'class="review-item"' not in page and "Annotation enregistrée" in page
    await browser.post(f"/staff/review/annotations/{label.id}/undo")
    _status, page = await browser.get("/staff/review")
    assert page.count('class="review-item"') == 1 and "Annulée" in page


async def test_an_annotation_outside_the_choices_is_refused(browser: Browser, maintainer: Any, desk: Desk) -> None:
    await browser.login("maintainer@example.org")
    await browser.get("/staff/review")
    for intent, language, text in (("nlu_fallback", "fr", "x y"), ("greet", "en", "hello"), ("greet", "fr", " ?! ")):
        await browser.post("/staff/review/annotations", {"intent": intent, "language": language, "text": text})
    assert desk.annotations() == []
    _status, page = await browser.get("/staff/review")
    assert "Annotation refusée" in page
    assert (await browser.post("/staff/review/annotations/999/undo")).status == 404


async def test_staff_do_not_review_and_maintainers_do_not_see_tickets(browser: Browser, agent: Any,
                                                                       maintainer: Any) -> None:  # fmt: skip
    await browser.login("agent@example.org")
    assert (await browser.client.get("/staff/review", allow_redirects=False)).status == 403
    _status, page = await browser.get("/staff/insight")
    assert 'href="/staff/review"' not in page and 'href="/staff/"' in page
    await browser.post("/staff/logout")
    await browser.login("maintainer@example.org")
    assert (await browser.client.get("/staff/tickets/NT-ABCD2345", allow_redirects=False)).status == 403
    _status, page = await browser.get("/staff/review")
    assert 'href="/staff/review"' in page and 'href="/staff/"' not in page


async def test_annotations_need_the_session_csrf_token(browser: Browser, maintainer: Any, desk: Desk) -> None:
    await browser.login("maintainer@example.org")
    await browser.get("/staff/review")
    form = {"intent": "greet", "language": "fr", "text": "salut la compagnie"}
    for token in ({}, {"csrf_token": "wrong"}, {"csrf_token": browser.token + "x"}):
        for path in ("/staff/review/annotations", "/staff/review/annotations/1/undo"):
            response = await browser.client.post(path, data={**form, **token}, allow_redirects=False)
            assert response.status == 403, (path, token)
    assert desk.annotations() == []
    assert (await browser.post("/staff/review/annotations", form)).status == 302
    assert [a.text for a in desk.annotations()] == ["salut la compagnie"]
