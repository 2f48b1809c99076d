"""`make compare-models`: is the candidate model better than the live one?

Classifies the held-out applicant messages of tests/data/holdout_intents.yml (never used
for training) with both models, prints the accuracy of each per language and every
message whose prediction changed, and exits 1 if the candidate is worse in a language.
Runs in the Rasa environment.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import yaml
from rasa.core.agent import Agent

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "tests" / "data" / "holdout_intents.yml"


async def predictions(model: Path, texts: list[str]) -> list[str]:
    agent = Agent.load(str(model))
    return [((await agent.parse_message(t)).get("intent") or {}).get("name") or "" for t in texts]


async def compare(live: Path, candidate: Path) -> int:
    cases = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))
    worse = False
    for lang, items in cases.items():
        texts, expected = [c["text"] for c in items], [c["intent"] for c in items]
        before, after = await predictions(live, texts), await predictions(candidate, texts)
        right_before = sum(p == e for p, e in zip(before, expected, strict=True))
        right_after = sum(p == e for p, e in zip(after, expected, strict=True))
        print(f"{lang}: live {right_before}/{len(items)}, candidate {right_after}/{len(items)}")
        for text, exp, b, a in zip(texts, expected, before, after, strict=True):
            if a != b:
                mark = "+" if a == exp else "-" if b == exp else " "
                print(f"  {mark} {text!r}: {b} -> {a} (expected {exp})")
        worse |= right_after < right_before
    return 1 if worse else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--live", type=Path, default=ROOT / "models" / "current.tar.gz")
    parser.add_argument("--candidate", type=Path, default=ROOT / "models" / "candidate.tar.gz")
    args = parser.parse_args()
    return asyncio.run(compare(args.live, args.candidate))


if __name__ == "__main__":
    sys.exit(main())
