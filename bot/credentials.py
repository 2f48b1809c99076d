"""Credentials between the services: a token for the Rasa HTTP API, a secret for the action server.

Rasa's HTTP API reads and rewrites every conversation and loads models; the action
server opens tickets. Neither may answer any local process that asks. `make run`
generates both once and keeps them in BOT_SECRETS_DIR (`var/secrets/`, mode 0600);
RASA_TOKEN and ACTION_SERVER_SECRET, when set, are used instead (e.g. from a secrets
manager). The Rasa server gets the token as `--auth-token` and the secret as the header
`endpoints.yml` sends with each action call; bot.web and the tools get the token.
Tests and benchmarks that start their own servers share one random set per process.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.paths import PROJECT_ROOT

ACTION_SECRET_HEADER = "X-Action-Secret"  # the name endpoints.yml uses


@dataclass(frozen=True)
class ServiceCredentials:
    """The Rasa HTTP API token and the action server's shared secret."""

    rasa_token: str
    action_secret: str

    def __repr__(self) -> str:  # never printed by accident
        return "ServiceCredentials(<hidden>)"

    @classmethod
    def generate(cls) -> ServiceCredentials:
        return cls(secrets.token_urlsafe(32), secrets.token_urlsafe(32))


@cache
def ephemeral() -> ServiceCredentials:
    """One random set for the servers a test run or a benchmark starts (kept nowhere)."""
    return ServiceCredentials.generate()


def default_secrets_dir(env: Mapping[str, str] | None = None) -> Path:
    """BOT_SECRETS_DIR, or `var/secrets/`."""
    env = os.environ if env is None else env
    return Path(env.get("BOT_SECRETS_DIR") or PROJECT_ROOT / "var" / "secrets")


def rasa_token_from_env(env: Mapping[str, str] | None = None) -> str | None:
    """The Rasa HTTP API token for a tool talking to `make run`'s server: RASA_TOKEN, else the
    one `make run` keeps (never created here)."""
    env = os.environ if env is None else env
    if env.get("RASA_TOKEN"):
        return env["RASA_TOKEN"]
    try:
        return (default_secrets_dir(env) / "rasa_token").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def load_or_create(folder: Path, env: Mapping[str, str] | None = None) -> ServiceCredentials:
    """The credentials of `make run`: from the environment, else from `folder`, created once."""
    env = os.environ if env is None else env
    token, secret = env.get("RASA_TOKEN", ""), env.get("ACTION_SERVER_SECRET", "")
    if token and secret:
        return ServiceCredentials(token, secret)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    return ServiceCredentials(token or _kept(folder / "rasa_token"), secret or _kept(folder / "action_secret"))


def _kept(path: Path) -> str:
    """The secret in `path`, written first (readable by its owner only) if missing."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        path.chmod(0o600)  # in case a copy widened it
        value = path.read_text(encoding="ascii").strip()
        if not value:
            raise ValueError(f"{path} is empty: delete it and a new secret is made") from None
        return value
    value = secrets.token_urlsafe(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value
