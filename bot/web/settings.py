"""Settings of bot.web, read once from the environment (README, "Settings")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from bot.paths import PROJECT_ROOT


def _default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'bot.db'}"


def _default_tracker_store_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"


@dataclass(frozen=True)
class WebSettings:
    """Everything bot.web needs to know about its surroundings."""

    host: str = "127.0.0.1"
    port: int = 8080
    # The Rasa server: REST channel for the chat, HTTP API (token) for transcripts.
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str | None = None
    # The action server, checked by /healthz; empty: not checked.
    actions_url: str = ""
    database_url: str = field(default_factory=_default_database_url)
    # Rasa's tracker store, read (never written) for the console's insight and review.
    tracker_store_url: str = field(default_factory=_default_tracker_store_url)
    # Origins allowed to open the chat WebSocket; empty: this server's loopback addresses.
    allowed_origins: tuple[str, ...] = ()
    # Secure cookies: on when the site is served over HTTPS (behind a proxy or not).
    secure_cookies: bool = False
    # Chat rate limits: messages per window, per conversation and per client address.
    chat_rate_limit: int = 20
    chat_rate_limit_address: int = 60
    chat_rate_window: float = 60.0
    # Where sessions, throttling, rate limits and the live hub live: empty, this process's
    # memory; redis://host:port/db, shared by several bot.web processes (`bot.web.state`).
    state_url: str = ""
    # Load balancers whose X-Forwarded-For gives the client's address (`bot/web/forwarded.py`).
    trusted_proxies: tuple[str, ...] = ()
    state_prefix: str = "botweb:"

    @property
    def chat_origins(self) -> tuple[str, ...]:
        """The origins the chat accepts: as configured, else the addresses `make run` prints."""
        return self.allowed_origins or (f"http://127.0.0.1:{self.port}", f"http://localhost:{self.port}")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> WebSettings:
        env = dict(os.environ if env is None else env)
        rasa_port = env.get("RASA_PORT", "5005")
        origins = tuple(o.strip() for o in env.get("WEB_ALLOWED_ORIGINS", "").split(",") if o.strip())
        return cls(
            host=env.get("WEB_HOST", "127.0.0.1"),
            port=int(env.get("WEB_PORT", "8080")),
            rasa_url=env.get("RASA_URL", f"http://127.0.0.1:{rasa_port}"),
            rasa_token=env.get("RASA_TOKEN") or None,
            actions_url=env.get("ACTIONS_URL", f"http://127.0.0.1:{env.get('ACTIONS_PORT', '5055')}"),
            database_url=env.get("DATABASE_URL") or _default_database_url(),
            tracker_store_url=env.get("TRACKER_STORE_URL") or _default_tracker_store_url(),
            allowed_origins=origins,
            secure_cookies=env.get("WEB_SECURE_COOKIES", "off").lower() in {"1", "on", "true", "yes"},
            chat_rate_limit=int(env.get("WEB_RATE_LIMIT", "20")),
            chat_rate_limit_address=int(env.get("WEB_RATE_LIMIT_ADDRESS", "60")),
            chat_rate_window=float(env.get("WEB_RATE_WINDOW", "60")),
            state_url=env.get("WEB_STATE_URL", ""),
            trusted_proxies=tuple(p.strip() for p in env.get("WEB_TRUSTED_PROXIES", "").split(",") if p.strip()),
            state_prefix=env.get("WEB_STATE_PREFIX", "botweb:"),
        )
