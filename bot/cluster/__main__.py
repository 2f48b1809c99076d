"""`python -m bot.cluster` (`make run-cluster`): start the cluster, print where it
answers, restart what dies, stop everything on Ctrl-C or SIGTERM."""

from __future__ import annotations

import logging
import sys
import threading

from bot.cluster.balancer import wait_for
from bot.cluster.databases import prepare
from bot.cluster.services import cluster_services
from bot.cluster.settings import ClusterSettings
from bot.credentials import load_or_create
from bot.run_all import stop_on_signals, supervised, watch
from bot.supervisor import Supervisor


def ready_message(settings: ClusterSettings) -> str:
    """What `make run-cluster` prints once HAProxy sees every instance."""
    return (
        f"\nThe cluster is ready (HAProxy in front of {len(settings.web_ports)} bot.web,"
        f" {len(settings.rasa_ports)} Rasa servers, {len(settings.action_ports)} action servers).\n"
        f"  applicants:          {settings.web_url}/ (staff console under /staff)\n"
        f"  Rasa's REST channel: {settings.rasa_url}/webhooks/rest/webhook\n"
        f"  load balancer state: http://127.0.0.1:{settings.monitor_port}/stats\n"
        f"  shared: tracker store {_hide_password(settings.tracker_store_url)},"
        f" tickets {_hide_password(settings.database_url)},\n"
        f"          Redis {settings.redis_host}:{settings.redis_port} (lock store db {settings.lock_db},"
        f" bot.web state db {settings.state_db})\n"
        f"Logs in {settings.log_dir}. Ctrl-C stops everything.\n"
    )


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def run(settings: ClusterSettings) -> int:
    """Runs the cluster until SIGINT or SIGTERM; the exit status."""
    stop = threading.Event()
    stop_on_signals(stop)
    try:
        prepare(settings.tracker_store_url, settings.database_url)
        supervisor = Supervisor(cluster_services(settings, load_or_create(settings.secrets_dir)), stop)
    except Exception as error:  # no database, no HAProxy: say so, start nothing
        print(f"Could not start: {error}", file=sys.stderr)
        return 1

    def balanced_then_watch() -> int:
        wait_for(settings.monitor_port, "UP")  # HAProxy's own checks see every instance
        return watch(supervisor, ready_message(settings))

    return supervised(supervisor, balanced_then_watch, together=True)


def main() -> int:
    """`make run-cluster`: the settings from the environment, then the cluster."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    return run(ClusterSettings.from_env())


if __name__ == "__main__":
    sys.exit(main())
