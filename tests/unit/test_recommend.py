"""Recommending priority measures from free-text project descriptions (bot/recommend)."""

import subprocess
import sys
from pathlib import Path
from typing import TypedDict

import pytest
import yaml

from bot.recommend import Recommendation, recommend
from bot.recommend.measures import Rules, choose, problems

DESCRIPTIONS = Path(__file__).resolve().parent.parent / "data" / "measure_descriptions.yml"
ROOT = DESCRIPTIONS.parent.parent.parent


class Description(TypedDict):
    lang: str
    measure: int  # the priority measure it fits best, 1-5
    text: str


def descriptions(lang: str) -> list[Description]:
    items = yaml.safe_load(DESCRIPTIONS.read_text(encoding="utf-8"))
    return [item for item in items if item["lang"] == lang]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_test_set_is_large_and_varied(lang: str) -> None:
    items = descriptions(lang)
    texts = [item["text"].lower() for item in items]
    assert len(items) >= 30
    assert {item["measure"] for item in items} == {1, 2, 3, 4, 5}
    assert all(sum(item["measure"] == m for item in items) >= 6 for m in range(1, 6))
    assert sum(("mesure" not in t and "maatregel" not in t) for t in texts) >= 30
    assert any(("asbl" in t or "vzw" in t) for t in texts)
    assert any(len(t) > 250 for t in texts) and any(len(t) < 30 for t in texts)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_accuracy_per_language(lang: str) -> None:
    items = descriptions(lang)
    misses = []
    for item in items:
        got = recommend(item["text"], lang).measures
        if not got or got[0] != item["measure"]:
            misses.append(f"{item['measure']} -> {got}: {item['text']}")
    accuracy = 1 - len(misses) / len(items)
    print(f"\n{lang}: accuracy {accuracy:.3f} ({len(items) - len(misses)}/{len(items)})")
    assert accuracy >= 0.95, "\n".join(misses)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "Une formation courte en big data pour demandeurs d'emploi, suivie d'un accompagnement des "
            "participants qui créent leur startup",
            [5, 1],
        ),
        (
            "nl",
            "Korte IoT-opleidingen voor werkzoekenden, gevolgd door individuele begeleiding van de deelnemers "
            "die een startup oprichten",
            [5, 1],
        ),
        (
            "fr",
            "Des ateliers de découverte de la VR pour les lycéens et des formations courtes en VR pour les "
            "demandeurs d'emploi",
            [5, 2],
        ),
        ("nl", "Workshops om leerlingen VR te laten ontdekken en korte VR-opleidingen voor werkzoekenden", [5, 2]),
    ],
)
def test_two_fitting_measures_main_first(lang: str, text: str, expected: list[int]) -> None:
    result = recommend(text, lang)
    assert result.measures == expected
    assert set(result.evidence) == set(expected)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Nous ouvrons une boulangerie"),
        ("fr", "un restaurant"),
        ("fr", "Je veux ouvrir un salon de coiffure à Ixelles"),
        ("fr", "Nous vendons des capteurs IoT aux entreprises"),
        ("fr", "Une crèche pour les enfants du quartier"),
        ("fr", "Au cours de l'année nous allons créer une plateforme big data"),
        ("fr", "Nous sommes une asbl"),
        ("nl", "een fietsenwinkel"),
        ("nl", "we openen een bakkerij in Elsene"),
        ("nl", "Wij verkopen fietsen"),
        ("nl", "we bouwen een app voor kmo's"),
        ("nl", "Een kinderopvang voor jonge kinderen"),
        ("fr", ""),
    ],
)
def test_nothing_fits(lang: str, text: str) -> None:
    result = recommend(text, lang)
    assert result.measures == [] and result.evidence == {}


@pytest.mark.parametrize(
    ("lang", "word"),
    [
        ("fr", "formation"),
        ("fr", "formations"),
        ("fr", "Formations"),
        ("fr", "former"),
        ("fr", "formons"),
        ("fr", "formateurs"),
        ("nl", "opleiding"),
        ("nl", "opleidingen"),
        ("nl", "Opleidingen"),
        ("nl", "opleiden"),
        ("nl", "leiden op"),
        ("nl", "cursussen"),
    ],
)
def test_inflected_forms_count(lang: str, word: str) -> None:
    result = recommend(word, lang)
    assert result.activities == ["short_course"]
    assert result.measures == [5]
    assert result.evidence == {5: [word]}


def test_evidence_names_the_words_of_the_message() -> None:
    fr = recommend("Nous voulons Accompagner des start-ups IoT et des PME de la réalité virtuelle", "fr")
    assert fr.measures == [1]
    assert fr.evidence[1] == ["Accompagner", "start-ups", "IoT", "PME", "réalité virtuelle"]
    nl = recommend("IoT-opleidingen voor werkzoekenden", "nl")
    assert nl.evidence == {5: ["IoT", "opleidingen", "werkzoekenden"]}


def test_recognised_keys() -> None:
    result = recommend("Sensibiliser les lycéens aux métiers de l'IA, du big data et de la VR", "fr")
    assert isinstance(result, Recommendation)
    assert result.measures == [2]
    assert result.activities == ["awareness", "careers"]
    assert result.audiences == ["young_people"]
    assert result.technologies == ["big_data", "vr"]  # only the call's technologies


def test_only_the_calls_technologies_count() -> None:
    ours, other = recommend("formation courte en big data", "fr"), recommend("formation courte en IA", "fr")
    assert ours.scores[5] > other.scores[5]
    assert recommend("formation courte en blockchain", "fr").technologies == []


def test_a_second_measure_only_when_close() -> None:
    rules = Rules(min_score=4, second_ratio=0.75, repeat=0.5, max_mentions=3, measures=())
    assert choose([(5, 8.0), (1, 6.0)], rules) == [5, 1]
    assert choose([(4, 11.0), (1, 8.0)], rules) == [4]
    assert choose([(3, 6.0)], rules) == [3]
    assert choose([], rules) == []


def test_rules_and_vocabularies_agree() -> None:
    assert problems() == []


def test_importing_reads_no_file() -> None:
    code = (
        "import bot.recommend\n"
        "from bot.recommend.measures import matcher, rules, vocabulary\n"
        "assert not any(f.cache_info().currsize for f in (matcher, rules, vocabulary))\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
