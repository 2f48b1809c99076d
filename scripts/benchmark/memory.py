"""Resident memory of a process and what it started (Linux /proc)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def descendants(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(c) for c in out] + [g for c in out for g in descendants(int(c))]


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` and its descendants (Sanic workers), in MB."""
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024
