"""The maintainers' loop: review what was misunderstood, compare a candidate model."""

from __future__ import annotations

import re
import subprocess

from bot.processes import DEFAULT_MODEL, PROJECT_ROOT
from tests.e2e.conftest import Assistant

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"


def test_review_lists_misunderstood_messages_with_personal_data_masked(assistant: Assistant, sender: str) -> None:
    from scripts.review import misunderstood

    assistant.text(sender, "Quel est le budget total de l'appel ?")
    assistant.text(sender, "wrblx jean.dupont@exemple.be frmpt 0471 23 45 67")
    everything = [text for (_, text, _) in misunderstood(assistant.tracker_store_url, days=1, below=1.01)]
    assert "wrblx [e-mail] frmpt [phone]" in everything  # masked, never in clear
    assert not any("jean.dupont@exemple.be" in t or "0471 23 45 67" in t for t in everything)
    doubtful = [text for (_, text, _) in misunderstood(assistant.tracker_store_url, days=1, below=0.5)]
    assert "Quel est le budget total de l'appel ?" not in doubtful  # understood: not to review


def test_the_live_model_scores_on_held_out_messages_and_compares_equal_to_itself() -> None:
    result = subprocess.run(
        [str(RASA_PYTHON), "scripts/compare_models.py", "--candidate", str(DEFAULT_MODEL)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    for lang, right, total in re.findall(r"^(fr|nl): live (\d+)/(\d+)", result.stdout, re.M):
        assert int(right) / int(total) >= 0.8, f"{lang}: {right}/{total} on held-out messages\n{result.stdout}"
