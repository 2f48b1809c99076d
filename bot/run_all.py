"""`make run`: starts the action server, the Rasa server and bot.web (the applicant page and
the staff console), says where to open it, and stops everything on Ctrl-C. `--shell` chats
in the terminal instead."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

from bot.paths import PROJECT_ROOT
from bot.processes import RASA_BIN, action_server, rasa_server, web_server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in the terminal")
    args = parser.parse_args()
    env = os.environ
    rasa_port, actions_port = int(env["RASA_PORT"]), int(env["ACTIONS_PORT"])
    logs = PROJECT_ROOT / "var" / "log"
    actions = action_server(actions_port, log=logs / "actions.log")
    services = [actions]
    try:
        print(f"Starting the action server on 127.0.0.1:{actions_port} (log: var/log/actions.log)...")
        actions.start().wait_ready()
        if args.shell:
            command = [str(RASA_BIN), "shell", "--model", "models/current.tar.gz", "--endpoints", env["RASA_ENDPOINTS"]]
            return subprocess.call(command, cwd=PROJECT_ROOT)
        rasa = rasa_server(
            rasa_port,
            actions_port,
            env["TRACKER_STORE_URL"],
            endpoints=env["RASA_ENDPOINTS"],
            interface=env.get("RASA_INTERFACE", "127.0.0.1"),  # loopback: internal only
            auth_token=env.get("RASA_TOKEN") or None,
            log=logs / "rasa.log",
        )
        services.append(rasa)
        interface = env.get("RASA_INTERFACE", "127.0.0.1")
        print(f"Starting the Rasa server on {interface}:{rasa_port} (log: var/log/rasa.log)...")
        rasa.start().wait_ready()
        web_host, web_port = env.get("WEB_HOST", "127.0.0.1"), int(env.get("WEB_PORT", "8080"))
        web = web_server(web_port, f"http://127.0.0.1:{rasa_port}", host=web_host, log=logs / "web.log")
        services.append(web)
        print(f"Starting bot.web on {web_host}:{web_port} (log: var/log/web.log)...")
        web.start().wait_ready()
        print(
            f"\nThe assistant is ready. Open http://127.0.0.1:{web_port}/ in a browser"
            f" (applicants; staff console under /staff).\n"
            "Or talk to it through Rasa's REST channel, e.g.\n"
            f"  curl -s localhost:{rasa_port}/webhooks/rest/webhook -H 'Content-Type: application/json' \\\n"
            '       -d \'{"sender": "me", "message": "Quelle est la date limite ?"}\'\n'
            "or run `make shell` to chat in the terminal. Ctrl-C stops everything.\n"
        )
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
        return 0
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    finally:
        for service in reversed(services):
            service.stop()
        print("Stopped.")


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    sys.exit(main())
