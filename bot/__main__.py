"""`python -m bot`: the `bot` administration command (see bot/cli.py)."""

from bot.cli import main

raise SystemExit(main())
