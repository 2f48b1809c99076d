"""What a trained model archive (`rasa train`'s .tar.gz) says about itself."""

from __future__ import annotations

import json
import tarfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

METADATA = "metadata.json"


@dataclass(frozen=True)
class ModelInfo:
    """Rasa's id of the model (as `GET /status` reports it) and when it was trained."""

    model_id: str
    trained_at: datetime | None


def model_info(path: Path) -> ModelInfo:
    """Read `metadata.json` from the archive.

    Raises:
        ValueError: Not a Rasa model archive.
    """
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = next((m for m in archive.getmembers() if m.name.lstrip("/") == METADATA), None)
            handle = archive.extractfile(member) if member else None
            if handle is None:
                raise ValueError(f"{path}: no {METADATA} in the archive")
            metadata = json.load(handle)
    except (OSError, tarfile.TarError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not a readable Rasa model ({error})") from error
    model_id = metadata.get("model_id")
    if not isinstance(model_id, str) or not model_id:
        raise ValueError(f"{path}: the model has no id")
    trained = metadata.get("trained_at")
    trained_at = None
    if isinstance(trained, str):
        try:  # Rasa writes the training machine's local time, without offset
            trained_at = datetime.fromisoformat(trained).astimezone().astimezone(timezone.utc)
        except ValueError:
            trained_at = None
    return ModelInfo(model_id, trained_at)
