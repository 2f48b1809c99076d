"""The Rasa server loads only what the NLU and its plugins need: no answers, dialogue,
retrieval, recommender, tickets or web code (each would cost start-up time and memory
in every Rasa server, and tie the NLU to the answers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
# The packages of the action server and bot.web, never needed by Rasa.
NOT_FOR_RASA = ("bot.answers", "bot.dialogue", "bot.retrieval", "bot.recommend", "bot.tickets", "bot.web", "actions")


def test_the_rasa_plugins_import_nothing_of_the_answers() -> None:
    plugins = sorted(p.stem for p in (ROOT / "bot" / "rasa_plugins").glob("*.py") if p.stem != "__init__")
    script = (
        "import importlib, sys\n"
        f"for name in {plugins!r}: importlib.import_module('bot.rasa_plugins.' + name)\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith(('bot', 'actions')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = result.stdout.split()
    assert "bot.rasa_plugins.vocabulary_featurizer" in loaded  # the script did import them
    assert [m for m in loaded if m.startswith(NOT_FOR_RASA)] == []
