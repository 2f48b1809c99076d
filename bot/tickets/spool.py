"""The durable spool: ticket requests kept on disk while the database is unreachable.

One JSON file per idempotency key, written atomically (temporary file, fsync, rename,
fsync of the folder), so a crash leaves either the whole request or nothing. The file
name is a hash of the key: keys come from outside and must not shape paths.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _file_name(idempotency_key: str) -> str:
    return hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest() + ".json"


def _age(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


class Spool:
    """A folder of pending ticket requests, keyed by idempotency key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, idempotency_key: str, record: dict[str, Any]) -> dict[str, Any]:
        """Write `record` for the key, atomically and durably, unless the key is already spooled.

        Two requests with the same key racing while the database is down must give the
        applicant one reference: the first file written wins (a hard link never replaces).

        Returns:
            The record now in the spool for the key: `record`, or the one written first.

        Raises:
            OSError: The folder cannot be written (the caller must not lose the request).
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / _file_name(idempotency_key)
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(record, handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temporary, target)
            except FileExistsError:
                existing = self._read(target)
                if existing is not None:
                    return existing
                os.replace(temporary, target)  # the existing file was unreadable: replace it
        finally:
            Path(temporary).unlink(missing_ok=True)
        self._sync_folder()
        return record

    def get(self, idempotency_key: str) -> dict[str, Any] | None:
        """The record spooled for the key, if any."""
        return self._read(self.folder / _file_name(idempotency_key))

    def remove(self, idempotency_key: str) -> None:
        """Forget the key (once its ticket is in the database)."""
        (self.folder / _file_name(idempotency_key)).unlink(missing_ok=True)
        self._sync_folder()

    def records(self) -> Iterator[dict[str, Any]]:
        """Every spooled record, oldest file first."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.json"), key=_age):
            record = self._read(path)
            if record is not None:
                yield record

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None  # flushed by another thread meanwhile
        except (OSError, ValueError) as error:
            log.error("unreadable spool file %s: %s", path.name, type(error).__name__)
            return None
        return data if isinstance(data, dict) else None

    def _sync_folder(self) -> None:
        # The rename is durable only once the folder entry is on disk.
        try:
            descriptor = os.open(self.folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(descriptor)
        except OSError:
            pass
        finally:
            os.close(descriptor)
