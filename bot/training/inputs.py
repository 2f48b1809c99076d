"""What a model is trained from, and its fingerprint: a new one means "train a candidate"."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.paths import PROJECT_ROOT

# Besides the NLU data folder: the configuration, the dialogue, and the NLU's own code.
INPUTS = (
    "config.yml",
    "domain.yml",
    "data/rules/**/*.yml",
    "data/language/**/*.yml",
    "data/vocabulary/**/*.yml",
    "bot/rasa_plugins/*.py",
    "bot/text/*.py",
    "bot/language/*.py",
    "bot/knowledge/*.py",
    "bot/rasa_io/*.py",
    "data/intents.yml",
)


def training_files(nlu_dir: Path, root: Path = PROJECT_ROOT) -> list[Path]:
    """Every file a training reads, sorted."""
    found = {path for pattern in INPUTS for path in root.glob(pattern) if path.is_file()}
    found |= {path for path in nlu_dir.glob("**/*.yml") if path.is_file()}
    return sorted(found)


def fingerprint(nlu_dir: Path, root: Path = PROJECT_ROOT) -> str:
    """SHA-256 of the training files' names (relative to their folder) and contents."""
    digest = hashlib.sha256()
    for path in training_files(nlu_dir, root):
        name = path.relative_to(nlu_dir) if path.is_relative_to(nlu_dir) else path.relative_to(root)
        digest.update(f"{name}\0".encode())
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
