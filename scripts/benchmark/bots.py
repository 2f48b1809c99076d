"""The two assistants `make bench` compares, each on a given tracker store.

"sqlite": ours on its own store (endpoints.yml: Rasa's SQL store, made safe and
windowed), rasa init's on Rasa's SQLTrackerStore, both in a SQLite file of the run.
"memory": both on Rasa's InMemoryTrackerStore (no `tracker_store` in the endpoints).
`workers`: ours with several Sanic workers, which Rasa allows only with a lock store
the workers share (Redis: one conversation handled by one worker at a time).
"""

from __future__ import annotations

import socket
from pathlib import Path

import yaml

from bot.paths import PROJECT_ROOT
from bot.processes import RASA_BIN, Service, action_server, rasa_server

STORES = ("sqlite", "memory")


def _endpoints_without_store(work: Path) -> Path:
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    endpoints.pop("tracker_store", None)
    path = work / "endpoints-memory.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def _endpoints_with_redis_locks(work: Path, redis: tuple[str, int]) -> Path:
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    endpoints["lock_store"] = {"type": "redis", "url": redis[0], "port": redis[1], "db": 0, "key_prefix": "bench"}
    path = work / "endpoints-workers.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def redis_answers(redis: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(redis, timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ours(
    store: str,
    work: Path,
    model: Path,
    port: int,
    actions_port: int,
    workers: int = 1,
    redis: tuple[str, int] = ("", 0),
) -> list[Service]:
    """Our action server and Rasa server (`workers` > 1: Sanic workers, Redis locks)."""
    endpoints = str(_endpoints_without_store(work)) if store == "memory" else "endpoints.yml"
    env = {}
    if workers > 1:
        endpoints, env = str(_endpoints_with_redis_locks(work, redis)), {"SANIC_WORKERS": str(workers)}
    url = f"sqlite:///{work / f'ours-{store}.db'}"
    return [
        action_server(actions_port, log=work / "actions.log"),
        rasa_server(port, actions_port, url, model=model, endpoints=endpoints, log=work / "rasa.log", env=env),
    ]


def rasa_init(store: str, work: Path, project: Path, port: int) -> list[Service]:
    """`rasa init`'s bot as it was generated, but for the tracker store."""
    endpoints = project / f"endpoints-{store}.yml"
    config = {"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(work / "init.db")}}
    endpoints.write_text(yaml.safe_dump(config) if store == "sqlite" else "{}\n")
    model = next((project / "models").glob("*.tar.gz"))
    command = [str(RASA_BIN), "run", "--model", str(model), "--endpoints", str(endpoints),
               "--port", str(port), "-i", "127.0.0.1"]  # fmt: skip
    return [Service("Rasa server", command, f"http://127.0.0.1:{port}/", log=work / "init.log", cwd=project)]
