"""The steps of `make train`, `make rollback` and the first model of `make run`.

Every step says what it did; a refusal says why and leaves the live model as it is.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.processes import RASA_BIN
from bot.rasa_io.http_api import RasaHttp
from bot.rasa_io.model_archive import model_info
from bot.tickets.db import make_engine, upgrade
from bot.tickets.releases import Scores
from bot.tickets.service import Desk
from bot.training import evaluation as ev
from bot.training.inputs import fingerprint
from bot.training.install import install, load_on_server, swap_files
from bot.training.reviewed import write_reviewed
from bot.training.settings import TrainingSettings

Say = Callable[[str], None]


def _desk(settings: TrainingSettings) -> Desk:
    upgrade(settings.database_url)
    return Desk(make_engine(settings.database_url))


def _rasa(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([str(RASA_BIN), *arguments], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)


def _data(settings: TrainingSettings) -> list[str]:
    return [
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--data",
        str(settings.nlu_dir),
        str(settings.rules_dir),
    ]


def validate(settings: TrainingSettings, say: Say) -> bool:
    """`rasa data validate` on the training data; False (and said) when it fails."""
    say("Validating the training data (rasa data validate)...")
    result = _rasa("data", "validate", *_data(settings))
    if result.returncode != 0:
        say("The training data is not valid:\n" + (result.stdout + result.stderr).strip()[-3000:])
    return result.returncode == 0


def train_candidate(settings: TrainingSettings, say: Say) -> Path | None:
    """Trains a candidate model; its path, or None (and said) when training fails."""
    say("Training a candidate model (rasa train)...")
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    result = _rasa("train", *_data(settings), "--out", str(settings.models_dir), "--fixed-model-name", "candidate",
                   "--quiet")  # fmt: skip
    if result.returncode != 0 or not settings.candidate.exists():
        say("Training failed:\n" + (result.stdout + result.stderr).strip()[-3000:])
        return None
    return settings.candidate


def _scores(scores: Scores) -> str:
    return ", ".join(f"{lang} {right}/{total}" for lang, (right, total) in scores.items()) or "none"


def _evaluate(settings: TrainingSettings, candidate: Path, say: Say) -> tuple[list[str], Scores, Scores]:
    """Reasons to refuse (empty: at least as good), and the candidate's figures."""
    cases = ev.holdout_cases(settings.holdout)
    only = ev.only_pattern(settings.conversations_only)
    with tempfile.TemporaryDirectory(prefix="evaluation-") as folder:
        work = Path(folder)
        say("Evaluating the candidate against the live model on a temporary Rasa server...")
        with ev.evaluation_server(settings.live, work) as server:
            live = ev.score_holdout(server, cases)
            server.replace_model(str(candidate.resolve()))
            new = ev.score_holdout(server, cases)
            say(f"Held-out messages: live {_scores(live.scores)}; candidate {_scores(new.scores)}")
            for line in ev.changed_predictions(cases, live, new):
                say(line)
            reasons = [f"held-out messages {r}" for r in ev.worse(new.scores, live.scores)]
            if reasons:
                return reasons, new.scores, {}
            if not ev.conversations_available(settings.conversations):
                say(f"Conversation tests: not found ({ev.RUNNER.name} or the case files); held-out messages only.")
                return [], new.scores, {}
            new_talks = ev.run_conversations(server, settings.conversations, only, work, "candidate")
            server.replace_model(str(settings.live.resolve()))
            old_talks = ev.run_conversations(server, settings.conversations, only, work, "live")
    say(f"Conversation tests: live {_scores(old_talks.scores)}; candidate {_scores(new_talks.scores)}")
    broken = sorted(new_talks.failed - old_talks.failed)
    fixed = sorted(old_talks.failed - new_talks.failed)
    if fixed:
        say("  + now passing: " + ", ".join(fixed))
    if broken:
        say("  - now failing: " + ", ".join(broken))
    reasons = [f"conversation tests {r}" for r in ev.worse(new_talks.scores, old_talks.scores)]
    return reasons, new.scores, new_talks.scores


def _put_live(settings: TrainingSettings, say: Say) -> None:
    swap = load_on_server(RasaHttp(settings.rasa_url, settings.rasa_token), settings.live)
    if swap.loaded:
        say(f"The Rasa server at {settings.rasa_url} now serves model {swap.model_id} (no restart).")
    else:
        say(f"No Rasa server answers at {settings.rasa_url}: the next `make run` serves the new model.")


def train(settings: TrainingSettings, say: Say = print) -> int:
    """`make train`: 0 when the live model is up to date or was replaced, 1 when refused or failed."""
    desk = _desk(settings)
    try:
        for written in write_reviewed(settings.nlu_dir, desk.all_annotations()):
            if written.changed:
                counts = f"{written.examples} examples (+{written.added} -{written.removed})"
                say(f"{written.language}/reviewed.yml: {counts}")
            for conflict in written.conflicts:
                say(f"  not written, already an example of another intent: {conflict}")
        inputs = fingerprint(settings.nlu_dir)
        live_id = model_info(settings.live).model_id if settings.live.exists() else None
        release = desk.release(live_id) if live_id else None
        if release and release.inputs_fingerprint == inputs and not settings.force:
            say(f"The live model {live_id} was trained on these inputs: nothing to do (FORCE=1 trains anyway).")
            return 0
        if not validate(settings, say):
            return 1
        candidate = train_candidate(settings, say)
        if candidate is None:
            return 1
        info = model_info(candidate)
        desk.record_candidate(info.model_id, info.trained_at, inputs)
        if live_id is not None and release is None:  # so that a rollback to it is on record
            desk.record_live(live_id, model_info(settings.live).trained_at)
        if live_id is None:
            install(candidate, settings.live, settings.previous)
            desk.decide(info.model_id, True, {}, {}, "first model")
            say(f"First model {info.model_id} installed.")
            _put_live(settings, say)
            return 0
        reasons, holdout, talks = _evaluate(settings, candidate, say)
        if reasons:
            desk.decide(info.model_id, False, holdout, talks, "; ".join(reasons))
            say(f"REFUSED: candidate {info.model_id} is worse ({'; '.join(reasons)}).")
            say(f"The live model {live_id} stays; the candidate is kept in {candidate} to look at.")
            return 1
        install(candidate, settings.live, settings.previous)
        desk.decide(info.model_id, True, holdout, talks, "at least as good as the live model")
        say(f"Accepted: candidate {info.model_id} is at least as good; {live_id} kept for `make rollback`.")
        _put_live(settings, say)
        return 0
    finally:
        desk.dispose()


def first_model(settings: TrainingSettings, say: Say = print) -> int:
    """The model `make run` needs when there is none: trained and installed, nothing to compare."""
    desk = _desk(settings)
    try:
        candidate = train_candidate(settings, say)
        if candidate is None:
            return 1
        info = model_info(candidate)
        desk.record_candidate(info.model_id, info.trained_at, fingerprint(settings.nlu_dir))
        install(candidate, settings.live, settings.previous)
        desk.decide(info.model_id, True, {}, {}, "first model")
        say(f"Model {info.model_id} installed as {settings.live}.")
        return 0
    finally:
        desk.dispose()


def rollback(settings: TrainingSettings, say: Say = print) -> int:
    """`make rollback`: the previous model goes live again (files, record, running server)."""
    try:
        swap_files(settings.live, settings.previous)
    except FileNotFoundError as error:
        say(str(error))
        return 1
    desk = _desk(settings)
    try:
        desk.swap_live_and_previous()
    finally:
        desk.dispose()
    say(f"Rolled back: {settings.live} is model {model_info(settings.live).model_id} again.")
    _put_live(settings, say)
    return 0


def check(settings: TrainingSettings, say: Say = print) -> int:
    """Warn (never fail) when the live model was trained on other inputs than today's."""
    if not settings.live.exists():
        say(f"No model yet: `make run` or `make train` trains one ({settings.live}).")
        return 0
    desk = _desk(settings)
    try:
        release = desk.release(model_info(settings.live).model_id)
    finally:
        desk.dispose()
    if release is None or release.inputs_fingerprint != fingerprint(settings.nlu_dir):
        say(f"WARNING: {settings.live} was not trained on the current training data, configuration and NLU "
            "code (or not by `make train`): `make train` evaluates a new model and puts it live.")  # fmt: skip
    return 0
