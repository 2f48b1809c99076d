"""The conversation test set (tests/conversations/*.yml) is valid, independent and at parity."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.language import SUPPORTED
from bot.text.normalize import fold, words
from scripts.conversation_eval.cases import FAQ_KIND, KINDS, CaseError, Conversation, load, load_file
from scripts.conversation_eval.vocabulary import vocabulary

ROOT = Path(__file__).parents[2]
FOLDER = ROOT / "tests" / "conversations"
# Each set by the prefix of its files' names, with its fewest conversations and FAQ questions
# per language: the first set (the assistant was tuned on it), the second, the third and the
# fourth, each a fresh yardstick when it was written.
SETS = {"": (70, 60), "second_": (50, 40), "third_": (36, 30), "fourth_": (40, 40), "fifth_": (36, 30)}
PARITY = 0.25  # per kind, the languages' counts may differ by this share at most


def conversation_files(prefix: str) -> list[Path]:
    return [FOLDER / f"{prefix}{lang}.yml" for lang in SUPPORTED]


def faq_files(prefix: str) -> list[Path]:
    return [FOLDER / f"{prefix}{FAQ_KIND}_{lang}.yml" for lang in SUPPORTED]


def set_files(prefix: str) -> list[Path]:
    return conversation_files(prefix) + faq_files(prefix)


def every_file() -> list[Path]:
    return [path for prefix in SETS for path in set_files(prefix)]


@pytest.fixture(scope="module")
def conversations() -> list[Conversation]:
    return load(every_file(), vocabulary())  # ids unique across files, all valid


def of_set(conversations: list[Conversation], prefix: str) -> list[Conversation]:
    names = {path.name for path in set_files(prefix)}
    return [c for c in conversations if c.source in names]


def counts(conversations: list[Conversation], lang: str) -> Counter[str]:
    return Counter(c.kind for c in conversations if c.lang == lang)


def test_every_file_is_there_and_nothing_else() -> None:
    assert sorted(FOLDER.glob("*.yml")) == sorted(every_file())


def test_every_file_says_it_is_never_training_data() -> None:
    for path in every_file():
        header = path.read_text(encoding="utf-8").split("\n- ")[0]
        assert "NEVER use these sentences as training data" in header, path.name


@pytest.mark.parametrize("prefix", SETS)
def test_every_kind_in_every_language_at_parity(conversations: list[Conversation], prefix: str) -> None:
    min_conversations, min_faq = SETS[prefix]
    members = of_set(conversations, prefix)
    per_lang = {lang: counts(members, lang) for lang in SUPPORTED}
    for lang, kinds in per_lang.items():
        assert sum(kinds[k] for k in KINDS) >= min_conversations, lang
        assert kinds[FAQ_KIND] >= min_faq, lang
        assert set(kinds) == {*KINDS, FAQ_KIND}, lang
    for kind in (*KINDS, FAQ_KIND):
        numbers = [per_lang[lang][kind] for lang in SUPPORTED]
        assert max(numbers) - min(numbers) <= max(1, PARITY * max(numbers)), kind


def test_conversations_have_two_to_six_turns_and_a_judged_one(conversations: list[Conversation]) -> None:
    for c in conversations:
        fewest = 1 if c.kind == FAQ_KIND else 2
        assert fewest <= len(c.turns) <= 6, c.id
        assert any(t.judged for t in c.turns), c.id


@pytest.mark.parametrize("prefix", SETS)
def test_the_languages_are_not_translations_of_each_other(conversations: list[Conversation], prefix: str) -> None:
    members = of_set(conversations, prefix)
    said = {lang: {fold(t.say) for c in members if c.lang == lang for t in c.turns} for lang in SUPPORTED}
    for lang in SUPPORTED:
        assert len(said[lang]) >= 0.8 * sum(len(c.turns) for c in members if c.lang == lang), lang


def test_no_sentence_of_the_set_is_a_training_example(conversations: list[Conversation]) -> None:
    training: set[str] = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            examples = block.get("examples", "") if isinstance(block, dict) else ""
            training |= {fold(line.lstrip("- ")) for line in str(examples).splitlines() if line.strip()}
    short = 2  # "ok merci", "budget ?", "hallo": common words, not copied sentences
    copied = [t.say for c in conversations for t in c.turns if len(words(t.say)) > short and fold(t.say) in training]
    assert not copied


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("- {id: fr-x, kind: memory, turns: [{say: a, expect: []}]}", "needs 2 to 6 turns"),
        ("- {id: fr-x, kind: gossip, turns: [{say: a}, {say: b, expect: []}]}", "kind 'gossip'"),
        ("- {id: nl-x, kind: memory, turns: [{say: a}, {say: b, expect: []}]}", "must start with 'fr-'"),
        ("- {id: fr-x, kind: memory, turns: [{say: a}, {say: b}]}", "no judged turn"),
        ("- {id: fr-x, kind: memory, turns: [{say: a}, {say: b, expect: [budjet]}]}", "unknown check 'budjet'"),
        ("- {id: fr-x, kind: memory, turns: [{say: a}, {say: b, expect: [{contains: 'Été'}]}]}", "must be folded"),
        ("- {id: fr-x, kind: memory, turns: [{say: a}, {say: b, expect: [{absent: '(('}]}]}", "not a regular"),
    ],
)
def test_a_broken_case_file_is_refused_with_where_and_why(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "fr.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError, match=error):
        load_file(path, vocabulary())


@pytest.mark.parametrize("name", ["faq_fr.yml", "second_faq_fr.yml"])
def test_a_faq_file_is_known_by_the_faq_part_of_its_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("- {id: fr-x, kind: faq, turns: [{say: a, expect: []}]}", encoding="utf-8")
    assert [c.kind for c in load_file(path, vocabulary())] == [FAQ_KIND]
    path.write_text("- {id: fr-x, kind: memory, turns: [{say: a}, {say: b, expect: []}]}", encoding="utf-8")
    with pytest.raises(CaseError, match="kind 'memory'"):
        load_file(path, vocabulary())
