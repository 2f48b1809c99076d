"""The cluster of `make run-cluster` (bot/cluster/), started by the test on free loopback
ports: HAProxy, two Rasa servers, two action servers, two bot.web, on fresh PostgreSQL
databases (dropped afterwards) and a Redis key prefix of its own (deleted afterwards).
The supervisor watches it as `make run-cluster` does: a killed server comes back."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from bot.cluster.balancer import wait_for
from bot.cluster.databases import prepare
from bot.cluster.services import cluster_services
from bot.cluster.settings import ClusterSettings
from bot.credentials import ephemeral
from bot.processes import DEFAULT_MODEL, Service
from bot.supervisor import Supervisor
from tests.integration.tickets.helpers import postgres_database
from tests.ports import free_port

REDIS_URL = "redis://127.0.0.1:6379/0"


@dataclass
class Cluster:
    settings: ClusterSettings
    supervisor: Supervisor
    logs: Path

    @property
    def web_url(self) -> str:
        return self.settings.web_url

    @property
    def rasa_url(self) -> str:
        return self.settings.rasa_url

    def web_instance(self, number: int) -> str:
        return f"http://127.0.0.1:{self.settings.web_ports[number - 1]}"

    def service(self, name: str) -> Service:
        return next(s for s in self.supervisor.services if s.name == name)

    def wait_state(self, server: str, wanted: str, timeout: float) -> float:
        """Seconds until HAProxy reports `server` in state `wanted`."""
        return wait_for(self.settings.monitor_port, wanted, [server], timeout)


@pytest.fixture(scope="package")  # one cluster for every test here: it takes a minute to start
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if not DEFAULT_MODEL.exists():
        pytest.fail("no trained model: run `make train` (make e2e does it)")
    tmp = tmp_path_factory.mktemp("cluster")
    prefix = f"test-cluster-{secrets.token_hex(4)}:"
    with postgres_database() as tracker_url, postgres_database() as tickets_url:
        settings = ClusterSettings.on_ports(
            free_port,
            tracker_store_url=tracker_url,
            database_url=tickets_url,
            lock_db=0,
            state_db=0,
            state_prefix=prefix,
            log_dir=tmp / "logs",
            spool_dir=tmp / "spool",
            # Every test client is 127.0.0.1: the per-address limits would count them as one.
            web_env={"WEB_RATE_LIMIT_ADDRESS": "1000000", "WEB_RATE_LIMIT": "1000"},
        )
        prepare(settings.tracker_store_url, settings.database_url)
        stop = threading.Event()
        supervisor = Supervisor(cluster_services(settings, ephemeral()), stop)
        watcher = threading.Thread(target=supervisor.watch, kwargs={"tick": 0.2}, daemon=True)
        try:
            supervisor.start_all(timeout=240, together=True)
            wait_for(settings.monitor_port, "UP")
            watcher.start()
            yield Cluster(settings, supervisor, settings.log_dir)
        finally:
            stop.set()
            if watcher.is_alive():
                watcher.join(timeout=5)
            supervisor.stop_all()
            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(match=f"{prefix}*"))
            if keys:
                client.delete(*keys)
            client.close()
