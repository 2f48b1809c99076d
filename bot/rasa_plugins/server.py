"""`python -m bot.rasa_plugins.server run ...`: `rasa run ...` with `--auth-token` from RASA_TOKEN.

Rasa takes its HTTP API token only on the command line, which every local user can read
(`ps`); a process's environment only its owner can. The token is added to the arguments
inside the process, after `exec`. The action server's answers are checked against a
schema compiled once (`action_result_check`). A message sent again with the id of one
already answered gets the stored replies, not a second handling (`resent_messages`).
"""

from __future__ import annotations

import os
import sys

from rasa.__main__ import main

from bot.rasa_plugins import action_result_check, resent_messages

if __name__ == "__main__":
    action_result_check.install()
    resent_messages.install()
    token = os.environ.pop("RASA_TOKEN", "")
    if token:  # one argument: a token_urlsafe token may start with "-", which argparse takes for an option
        sys.argv.append(f"--auth-token={token}")
    main()
