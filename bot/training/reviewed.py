"""The review's annotations as training data: `data/nlu/<lang>/reviewed.yml`.

The database is the source of the labels; the file keeps what it held before (another
machine's labels, committed), minus labels undone here, plus labels given here. A text
already among the other training examples of its language is not repeated; when it is
there under another intent, it is reported and left for a person to settle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.language import SUPPORTED
from bot.tickets.annotations import AnnotationView

FILE_NAME = "reviewed.yml"
HEADER = (
    'version: "3.1"\n'
    "# Written by `make train` from the annotations of the console's review (/staff/review).\n"
    "# Edit in the console, not here: an annotation undone there is removed here.\n"
)


def example_key(text: str) -> str:
    """How training examples are told apart (as tests/unit/test_training_parity.py does)."""
    return " ".join(text.split()).lower().strip(" ?!.")


def _as_example(text: str) -> str:
    # One line, and never Rasa's entity syntax "[text](entity)".
    return " ".join(text.split()).replace("](", "] (")


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) of a Rasa NLU file's examples."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in data.get("nlu") or []:
        if isinstance(block, dict) and "intent" in block and isinstance(block.get("examples"), str):
            lines = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
            found += [(str(block["intent"]), line) for line in lines if line]
    return found


@dataclass
class Written:
    """What one language's file became."""

    language: str
    examples: int = 0
    added: int = 0
    removed: int = 0
    conflicts: list[str] = field(default_factory=list)  # "text: labelled X here, Y in file.yml"
    changed: bool = False


def _known(folder: Path) -> dict[str, tuple[str, str]]:
    known = {}
    for path in sorted(folder.glob("*.yml")):
        if path.name != FILE_NAME:
            for intent, text in read_examples(path):
                known[example_key(text)] = (intent, path.name)
    return known


def _render(examples: dict[str, tuple[str, str]]) -> str:
    by_intent: dict[str, list[str]] = {}
    for intent, text in examples.values():
        by_intent.setdefault(intent, []).append(text)
    blocks = []
    for intent in sorted(by_intent):
        lines = "".join(f"    - {text}\n" for text in sorted(by_intent[intent], key=str.casefold))
        blocks.append(f"- intent: {intent}\n  examples: |\n{lines}")
    return HEADER + ("nlu:\n" + "".join(blocks) if blocks else "nlu: []\n")


def write_language(folder: Path, language: str, annotations: list[AnnotationView]) -> Written:
    """Bring `<folder>/reviewed.yml` up to date with this language's annotations."""
    path, result = folder / FILE_NAME, Written(language)
    before = {example_key(text): (intent, text) for intent, text in read_examples(path)}
    examples = dict(before)
    mine = [a for a in annotations if a.language == language]
    for annotation in mine:  # oldest first: a later label of the same text wins
        text = _as_example(annotation.text)
        if annotation.undone_at is not None:
            examples.pop(example_key(text), None)
        else:
            examples[example_key(text)] = (annotation.intent, text)
    known = _known(folder)
    for key, (intent, text) in list(examples.items()):
        if key in known:
            del examples[key]
            if known[key][0] != intent:
                result.conflicts.append(f"{text!r}: labelled {intent} here, {known[key][0]} in {known[key][1]}")
    result.examples = len(examples)
    result.added = len(examples.keys() - before.keys())
    result.removed = len(before.keys() - examples.keys())
    result.changed = examples != before
    if result.changed or (examples and not path.exists()):
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(_render(examples), encoding="utf-8")
    return result


def write_reviewed(nlu_dir: Path, annotations: list[AnnotationView]) -> list[Written]:
    """Every supported language's reviewed.yml (only files with a change are rewritten)."""
    return [write_language(nlu_dir / language, language, annotations) for language in SUPPORTED]
