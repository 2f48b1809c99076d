"""A third language added as data only: a copy of data/ with English knowledge, interface
texts, marker words and mail texts, and no code change. The assistant's answers, the page
and its language links, the console and a ticket (stored, mailed) are in English.

The code reads the languages once per process (bot.language.languages), so the checks run
in a fresh interpreter on that data folder (probe.py) and are asserted here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.paths import PROJECT_ROOT, data_dir

LANG = "en"


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _english_data(root: Path) -> None:
    """The files a new language needs, derived from the French ones with English wording
    where the test looks."""
    knowledge = _read(root / "knowledge" / "fr.yml")
    knowledge["language"] = LANG
    months = "January February March April May June July August September October November December"
    knowledge["format"].update(
        {"thousands": ",", "decimal": ".", "currency": "€{value}", "first_of_month": "1st", "and": "and"},
        months=months.split(),
        date="{month} {day}, {year}",
    )
    knowledge["answers"]["budget"] = "The call for projects has a total budget of {budget}."
    knowledge["answers"]["deadline_open"] = "You have until {deadline} to submit your project."
    _write(root / "knowledge" / f"{LANG}.yml", knowledge)
    for vocabulary in ("{}.yml", "measures.{}.yml"):
        shutil.copy(root / "vocabulary" / vocabulary.format("fr"), root / "vocabulary" / vocabulary.format(LANG))

    page = _read(root / "locales" / "page" / "fr.yml")
    page.update(name="English", title="{budget} to boost IT entrepreneurship", switch_label="This page in English")
    page["chat"]["reference"] = "Reference: {reference}"
    _write(root / "locales" / "page" / f"{LANG}.yml", page)

    console = _read(root / "locales" / "console" / "fr.yml")
    console.update(login_title="Staff sign-in", login_button="Sign in", ticket_language_fr="French")
    _write(root / "locales" / "console" / f"{LANG}.yml", console)
    names = {"fr": "Anglais", "nl": "Engels", LANG: "English"}
    for lang in ("fr", "nl", LANG):  # every console file names every language
        path = root / "locales" / "console" / f"{lang}.yml"
        texts = _read(path)
        texts.update({f"language_name_{LANG}": "English", f"ticket_language_{LANG}": names[lang]})
        texts[f"reply_in_{LANG}"] = "Reply in English" if lang == LANG else f"{names[lang]} (English)"
        _write(path, texts)

    mail = _read(root / "mail" / "fr.yml")
    mail.update(subject="Plan Next Tech – the answer to your question ({reference})", greeting="Hello,")
    _write(root / "mail" / f"{LANG}.yml", mail)

    markers = _read(root / "language" / "markers.yml")
    markers["requests"][LANG] = ["in english please", "speak english"]
    markers["mentions"][LANG] = ["in english", "en anglais", "in het engels"]
    _write(root / "language" / "markers.yml", markers)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("data-en") / "data"
    shutil.copytree(data_dir(), root, ignore=shutil.ignore_patterns("nlu"))
    _english_data(root)
    env = {**os.environ, "BOT_DATA_DIR": str(root), "PYTHONPATH": str(PROJECT_ROOT)}
    database = f"sqlite:///{root.parent / 'tickets.db'}"
    probe = [sys.executable, "-m", "tests.integration.languages.probe", LANG, database]
    done = subprocess.run(probe, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_language_comes_from_the_data(english: dict[str, Any]) -> None:
    assert english["supported"] == ["fr", "en", "nl"] and english["default"] == "fr"
    assert english["detected"] == LANG and english["reply_language"] == LANG


def test_answers_are_rendered_from_the_new_knowledge(english: dict[str, Any]) -> None:
    assert english["budget"] == "The call for projects has a total budget of €400,000."
    assert "September 1st, 2016" in english["deadline"] or "September 1, 2016" in english["deadline"]


def test_the_page_and_its_language_links(english: dict[str, Any]) -> None:
    page = english["page"]
    assert '<html lang="en">' in page and "€400,000 to boost IT entrepreneurship" in page
    assert 'href="/fr/"' in page and "Cette page en français" in page
    assert 'href="/nl/"' in page and "Deze pagina in het Nederlands" in page
    assert '"reference": "Reference: {reference}"' in page  # the chat's texts, typography included
    assert english["root"] == "/en/"  # Accept-Language, q-values honoured


def test_the_console_and_a_ticket_in_the_new_language(english: dict[str, Any]) -> None:
    assert "Staff sign-in" in english["login"]
    assert english["ticket_language"] == LANG  # the database accepts it (migration 0004)
    assert "Reply in English" in english["ticket_page"] and english["reference"] in english["ticket_page"]
    assert english["mail_subject"] == f"Plan Next Tech – the answer to your question ({english['reference']})"
