"""Settings of `make train`, read once from the environment (README, "Settings")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.credentials import rasa_token_from_env
from bot.paths import PROJECT_ROOT
from bot.tickets.db import database_url_from_env

DEFAULT_CONVERSATIONS = "tests/conversations/*.yml"  # as `make evaluate-conversations`


def _expand(pattern: str) -> list[Path]:
    """A file, or a glob, relative to the project when not absolute."""
    path = Path(pattern)
    if not any(c in pattern for c in "*?["):
        return [path if path.is_absolute() else PROJECT_ROOT / path]
    root, relative = (
        (Path(path.anchor), str(path.relative_to(path.anchor))) if path.is_absolute() else (PROJECT_ROOT, pattern)
    )
    return sorted(root.glob(relative))


def _on(value: str) -> bool:
    return value.strip().lower() in {"1", "on", "true", "yes"}


@dataclass(frozen=True)
class TrainingSettings:
    """Where the models, the training data and the running server are.

    Attributes:
        models_dir: `current.tar.gz` (live), `previous.tar.gz` (rollback), `candidate.tar.gz`.
        nlu_dir: The NLU training data, one folder per language (reviewed.yml is written there).
        rasa_url: The running Rasa server that gets the new model (if one answers).
        conversations: The conversation test files; `conversations_only` a regex of case ids.
        force: Train a candidate even when no training input changed.
    """

    models_dir: Path = PROJECT_ROOT / "models"
    nlu_dir: Path = PROJECT_ROOT / "data" / "nlu"
    rules_dir: Path = PROJECT_ROOT / "data" / "rules"
    holdout: Path = PROJECT_ROOT / "tests" / "data" / "holdout_intents.yml"
    conversations: tuple[Path, ...] = ()
    conversations_only: str = ""
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str | None = None
    database_url: str = field(default_factory=database_url_from_env)
    force: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> TrainingSettings:
        env = os.environ if env is None else env
        port = env.get("RASA_PORT", "5005")
        patterns = env.get("CONVERSATION_FILES", "").split() or [DEFAULT_CONVERSATIONS]
        found = [path for pattern in patterns for path in _expand(pattern)]
        return cls(
            models_dir=Path(env.get("MODELS_DIR") or PROJECT_ROOT / "models"),
            nlu_dir=Path(env.get("NLU_DATA") or PROJECT_ROOT / "data" / "nlu"),
            conversations=tuple(found),
            conversations_only=env.get("CONVERSATIONS_ONLY", ""),
            rasa_url=env.get("RASA_URL") or f"http://127.0.0.1:{port}",
            rasa_token=rasa_token_from_env(env),  # make run's, when it is running
            database_url=env.get("DATABASE_URL") or database_url_from_env(),
            force=_on(env.get("FORCE", "")),
        )

    @property
    def live(self) -> Path:
        return self.models_dir / "current.tar.gz"

    @property
    def previous(self) -> Path:
        return self.models_dir / "previous.tar.gz"

    @property
    def candidate(self) -> Path:
        return self.models_dir / "candidate.tar.gz"
