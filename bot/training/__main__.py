"""`python -m bot.training train | rollback | first-model | check` (what `make train`,
`make rollback`, `make run`'s first model and the tests' model check call).

Settings: README, "Settings" (MODELS_DIR, NLU_DATA, RASA_URL, RASA_TOKEN, DATABASE_URL,
CONVERSATION_FILES, CONVERSATIONS_ONLY, FORCE)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from bot.training.pipeline import check, first_model, rollback, train
from bot.training.settings import TrainingSettings

COMMANDS = {"train": train, "rollback": rollback, "first-model": first_model, "check": check}


def main(argv: list[str] | None = None) -> int:
    """Runs one command of the maintainers' pipeline (train, rollback, check, first-model)."""
    parser = argparse.ArgumentParser(prog="python -m bot.training", description=__doc__)
    parser.add_argument("command", choices=sorted(COMMANDS))
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](TrainingSettings.from_env(), lambda line: print(line, flush=True))
    except (RuntimeError, ValueError, TimeoutError) as error:
        print(f"make {args.command}: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(f"make {args.command}: database error ({type(error).__name__}); is DATABASE_URL reachable?",
              file=sys.stderr)  # fmt: skip
        return 1


if __name__ == "__main__":
    sys.exit(main())
