"""The processes of the cluster, in start order: the load balancer first (the Rasa
servers reach their action servers through it), then two of each service."""

from __future__ import annotations

import os
import shutil
import subprocess

from bot.cluster.settings import ClusterSettings
from bot.credentials import ServiceCredentials
from bot.paths import PROJECT_ROOT
from bot.processes import Service, action_server, rasa_server, web_server

HAPROXY_CONFIG = PROJECT_ROOT / "deploy" / "haproxy.cfg"
PRODUCTION_ENDPOINTS = "deploy/endpoints.production.yml"


def haproxy_binary() -> str:
    """HAProxy from Debian's packages, installed when missing and we may (root)."""
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if os.path.exists("/usr/sbin/haproxy") else None)
    if found:
        return found
    if os.geteuid() != 0:
        raise RuntimeError("HAProxy is missing: sudo apt-get install -y haproxy")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.call(["apt-get", "install", "-y", "-qq", "haproxy"], env=env) != 0:
        subprocess.check_call(["apt-get", "update", "-qq"], env=env)
        subprocess.check_call(["apt-get", "install", "-y", "-qq", "haproxy"], env=env)
    return shutil.which("haproxy") or "/usr/sbin/haproxy"


def load_balancer(settings: ClusterSettings) -> Service:
    """HAProxy in front of the bot.web and Rasa instances (deploy/haproxy.cfg)."""

    def addresses(name: str, ports: tuple[int, ...]) -> dict[str, str]:
        return {f"{name}{i}": f"127.0.0.1:{port}" for i, port in enumerate(ports, start=1)}

    return Service(
        "load balancer",
        [haproxy_binary(), "-db", "-f", str(HAPROXY_CONFIG)],  # -db: in the foreground, for the supervisor
        f"http://127.0.0.1:{settings.monitor_port}/ready",
        env={
            "CLUSTER_BIND": "127.0.0.1",
            "CLUSTER_WEB_PORT": str(settings.web_port),
            "CLUSTER_RASA_PORT": str(settings.rasa_port),
            "CLUSTER_ACTIONS_PORT": str(settings.actions_port),
            "CLUSTER_MONITOR_PORT": str(settings.monitor_port),
            **addresses("WEB", settings.web_ports),
            **addresses("RASA", settings.rasa_ports),
            **addresses("ACTIONS", settings.action_ports),
        },
        log=settings.log_dir / "haproxy.log",
    )


def cluster_services(settings: ClusterSettings, credentials: ServiceCredentials) -> list[Service]:
    """HAProxy, the action servers, the Rasa servers, bot.web: each named by its number."""
    logs = settings.log_dir
    tickets = {"DATABASE_URL": settings.database_url, "TICKET_SPOOL_DIR": str(settings.spool_dir)}
    rasa_env = {
        "REDIS_HOST": settings.redis_host,
        "REDIS_PORT": str(settings.redis_port),
        "REDIS_DB": str(settings.lock_db),
        "TICKET_LOCK_LIFETIME": str(settings.lock_lifetime),
    }
    web_env = {
        **tickets,
        "TRACKER_STORE_URL": settings.tracker_store_url,
        "WEB_STATE_URL": settings.state_url,
        "WEB_STATE_PREFIX": settings.state_prefix,
        "WEB_ALLOWED_ORIGINS": settings.public_origins,
        "WEB_TRUSTED_PROXIES": "127.0.0.1",  # HAProxy: the applicant's address is in X-Forwarded-For
        **settings.web_env,
    }
    services = [load_balancer(settings)]
    for i, port in enumerate(settings.action_ports, start=1):
        services.append(
            _named(action_server(port, log=logs / f"actions{i}.log", env=tickets, credentials=credentials), i)
        )
    for i, port in enumerate(settings.rasa_ports, start=1):
        rasa = rasa_server(
            port,
            settings.actions_port,  # through the load balancer: a dead action server is avoided
            settings.tracker_store_url,
            endpoints=PRODUCTION_ENDPOINTS,
            log=logs / f"rasa{i}.log",
            env=rasa_env,
            credentials=credentials,
        )
        services.append(_named(rasa, i))
    for i, port in enumerate(settings.web_ports, start=1):
        web = web_server(
            port,
            f"http://127.0.0.1:{settings.rasa_port}",
            actions_url=f"http://127.0.0.1:{settings.actions_port}",
            log=logs / f"web{i}.log",
            env=web_env,
            credentials=credentials,
        )
        services.append(_named(web, i))
    return services


def _named(service: Service, number: int) -> Service:
    service.name = f"{service.name} {number}"
    return service
