"""What `make run-cluster` reads from the environment (README, "Scaling out")."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.credentials import default_secrets_dir
from bot.paths import PROJECT_ROOT


@dataclass(frozen=True)
class ClusterSettings:
    """Ports, shared stores and where logs go. Two instances of each service, as in
    `deploy/haproxy.cfg` (a third is a `server` line there and a port here)."""

    web_port: int = 8090  # the load balancer, for browsers
    rasa_port: int = 5090  # the load balancer, Rasa's REST channel (and HTTP API, with its token)
    actions_port: int = 5231  # the load balancer in front of the action servers (loopback)
    monitor_port: int = 5232  # HAProxy's own page: /ready, /stats
    rasa_ports: tuple[int, ...] = (5201, 5202)
    action_ports: tuple[int, ...] = (5211, 5212)
    web_ports: tuple[int, ...] = (5221, 5222)
    tracker_store_url: str = "postgresql://postgres@127.0.0.1:5432/assistant_tracker"
    database_url: str = "postgresql://postgres@127.0.0.1:5432/assistant_tickets"
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    lock_db: int = 1  # Rasa's lock store
    state_db: int = 2  # bot.web's sessions, limits, live hub
    state_prefix: str = "botweb:"
    # A Rasa server killed while it handles a message leaves that conversation locked in
    # Redis this long (Rasa's default, 60 s); a message takes well under a second.
    lock_lifetime: int = 20
    log_dir: Path = PROJECT_ROOT / "var" / "log" / "cluster"
    spool_dir: Path = PROJECT_ROOT / "var" / "spool"  # tickets waiting for the database (one machine's)
    secrets_dir: Path = PROJECT_ROOT / "var" / "secrets"
    web_env: dict[str, str] = field(default_factory=dict)  # more settings for every bot.web

    @property
    def state_url(self) -> str:
        return f"redis://{self.redis_host}:{self.redis_port}/{self.state_db}"

    @property
    def web_url(self) -> str:
        """The load balancer's address for browsers (bot.web)."""
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def rasa_url(self) -> str:
        """The load balancer's address for Rasa's REST channel and HTTP API."""
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def public_origins(self) -> str:
        return f"{self.web_url},http://localhost:{self.web_port}"

    @classmethod
    def on_ports(cls, port: Callable[[], int], **settings: Any) -> ClusterSettings:
        """Every port taken from `port()` (tests and benchmarks: free ones), the rest as given."""
        return cls(
            web_port=port(),
            rasa_port=port(),
            actions_port=port(),
            monitor_port=port(),
            rasa_ports=(port(), port()),
            action_ports=(port(), port()),
            web_ports=(port(), port()),
            **settings,
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ClusterSettings:
        env = os.environ if env is None else env
        first = int(env.get("CLUSTER_PORTS_FROM", "5201"))  # Rasa first, first+1; actions +10...
        ports = tuple((first + 10 * kind, first + 10 * kind + 1) for kind in range(3))
        defaults = cls()
        return cls(
            web_port=int(env.get("CLUSTER_WEB_PORT", "8090")),
            rasa_port=int(env.get("CLUSTER_RASA_PORT", "5090")),
            actions_port=first + 30,
            monitor_port=first + 31,
            rasa_ports=ports[0],
            action_ports=ports[1],
            web_ports=ports[2],
            tracker_store_url=env.get("CLUSTER_TRACKER_STORE_URL") or defaults.tracker_store_url,
            database_url=env.get("CLUSTER_DATABASE_URL") or defaults.database_url,
            redis_host=env.get("REDIS_HOST", "127.0.0.1"),
            redis_port=int(env.get("REDIS_PORT", "6379")),
            lock_db=int(env.get("CLUSTER_LOCK_DB", "1")),
            state_db=int(env.get("CLUSTER_STATE_DB", "2")),
            log_dir=Path(env.get("BOT_LOG_DIR") or PROJECT_ROOT / "var" / "log") / "cluster",
            spool_dir=Path(env.get("TICKET_SPOOL_DIR") or defaults.spool_dir),
            secrets_dir=default_secrets_dir(env),
        )
