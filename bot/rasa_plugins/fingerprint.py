"""Rasa caches a trained component by its config and inputs; components that read files
under data/ add those files' contents to the fingerprint, so that editing a vocabulary
retrains them instead of silently reusing stale features."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.paths import data_dir


def data_fingerprint(*relative_paths: str) -> str:
    """A hash of the named files under the data folder (missing files count as empty)."""
    digest = hashlib.sha256()
    for relative in relative_paths:
        path = data_dir() / relative
        digest.update(relative.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def code_fingerprint(*packages: str) -> str:
    """A hash of the Python sources of the named packages or modules of `bot` ("text",
    "rasa_plugins/lemma_tokenizer.py"): Rasa's cache does not see code changes by itself."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in packages:
        target = root / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
