"""`make train` writes the annotations to data/nlu/<lang>/reviewed.yml: merged, never repeated."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import yaml

from bot.tickets.annotations import AnnotationView
from bot.training.reviewed import FILE_NAME, read_examples, write_language, write_reviewed

NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)


def label(n: int, text: str, intent: str, language: str = "fr", undone: bool = False) -> AnnotationView:
    return AnnotationView(n, language, text, text.lower(), intent, "nlu_fallback", 0.4, 1, "m@example.org", NOW,
                          NOW if undone else None)  # fmt: skip


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "nlu" / "fr"
    folder.mkdir(parents=True)
    (folder / "call_facts.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: ask_budget\n  examples: |\n    - quel est le budget\n'
        "- intent: ask_deadline\n  examples: |\n    - c'est quand la date limite\n",
        encoding="utf-8",
    )
    return folder


def test_labels_are_written_once_in_their_language(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    labels = [
        label(1, "c koi le fric dispo", "ask_budget"),
        label(2, "C koi le fric dispo ?", "ask_budget"),  # the same example
        label(3, "Quel est le budget", "ask_budget"),  # already trained: not repeated
        label(4, "hoeveel poen", "ask_budget", language="nl"),
        label(5, "voir [e-mail](perso)", "out_of_scope"),
    ]
    result = write_language(folder, "fr", labels)
    assert (result.examples, result.added, result.conflicts) == (2, 2, [])
    examples = read_examples(folder / FILE_NAME)
    assert examples == [("ask_budget", "C koi le fric dispo ?"), ("out_of_scope", "voir [e-mail] (perso)")]
    data = yaml.safe_load((folder / FILE_NAME).read_text(encoding="utf-8"))
    assert data["version"] == "3.1" and [b["intent"] for b in data["nlu"]] == ["ask_budget", "out_of_scope"]
    again = write_language(folder, "fr", labels)
    assert not again.changed


def test_an_undone_label_leaves_and_labels_from_elsewhere_stay(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / FILE_NAME).write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - salut la compagnie\n    - yo tout le monde\n',
        encoding="utf-8",
    )  # labels committed from another machine's database
    result = write_language(folder, "fr", [label(1, "yo tout le monde", "greet", undone=True)])
    assert result.removed == 1 and read_examples(folder / FILE_NAME) == [("greet", "salut la compagnie")]


def test_a_label_that_contradicts_the_training_data_is_reported_not_written(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = write_language(folder, "fr", [label(1, "quel est le budget ?", "ask_deadline")])
    assert result.examples == 0 and "labelled ask_deadline here, ask_budget in call_facts.yml" in result.conflicts[0]
    assert not (folder / FILE_NAME).exists()


def test_every_supported_language_is_written(tmp_path: Path) -> None:
    written = write_reviewed(tmp_path / "nlu", [label(1, "hoeveel poen", "ask_budget", language="nl")])
    assert [(w.language, w.examples) for w in written] == [("fr", 0), ("nl", 1)]
    assert not (tmp_path / "nlu" / "fr" / FILE_NAME).exists()
