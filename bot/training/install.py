"""Putting a model live: files in the models folder, and the running Rasa server.

`current.tar.gz` is what `make run` serves; `previous.tar.gz` what `make rollback` brings
back. Files are replaced atomically (os.replace), so a server starting meanwhile always
finds a whole model. A running server loads the new one with `PUT /model`: no restart,
and the messages arriving during the load are answered (by the old model until it ends).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from bot.rasa_io.http_api import RasaError, RasaHttp, RasaUnreachable
from bot.rasa_io.model_archive import model_info


@dataclass(frozen=True)
class Swap:
    """What happened on the server: `loaded` is False when no server answered."""

    loaded: bool
    model_id: str | None = None


def _copy_atomically(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    shutil.copy2(source, partial)
    os.replace(partial, target)


def install(candidate: Path, live: Path, previous: Path) -> None:
    """The candidate becomes the live file; the live one is kept as the previous."""
    if live.exists():
        _copy_atomically(live, previous)
    os.replace(candidate, live)


def swap_files(live: Path, previous: Path) -> None:
    """`make rollback`: the previous model is live again, and the other one previous."""
    if not previous.exists():
        raise FileNotFoundError(f"no previous model to roll back to ({previous})")
    held = live.with_name(live.name + ".rollback")
    _copy_atomically(live, held)
    os.replace(previous, live)
    os.replace(held, previous)


def load_on_server(server: RasaHttp, live: Path) -> Swap:
    """Ask the running server to load `live`; checks that it reports that model afterwards.

    Raises:
        RuntimeError: The server answered but did not load the model.
    """
    try:
        server.status()
    except RasaUnreachable:
        return Swap(False)
    expected = model_info(live).model_id
    try:
        server.replace_model(str(live.resolve()))
        reported = server.status().model_id
    except (RasaError, RasaUnreachable) as error:
        raise RuntimeError(f"the Rasa server did not load {live}: {error}") from error
    if reported != expected:
        raise RuntimeError(f"the Rasa server reports model {reported}, not {expected}")
    return Swap(True, reported)
