"""The runner's settings, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bot.paths import PROJECT_ROOT


@dataclass(frozen=True)
class RunnerSettings:
    rasa_port: int = 5005  # RASA_PORT: where --url points by default
    model: Path = PROJECT_ROOT / "models" / "current.tar.gz"  # --serve loads it

    @property
    def default_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> RunnerSettings:
        env = dict(os.environ if env is None else env)
        return cls(rasa_port=int(env.get("RASA_PORT", "5005")))
