"""`make review`: what the assistant misunderstood, for maintainers to label.

Reads applicants' messages from the tracker store (TRACKER_STORE_URL) of the last DAYS
days and keeps those the NLU fell back on, classified as out of scope or as a question the
call does not answer, or classified with low confidence. E-mail addresses and phone numbers are masked. Writes
var/review/misunderstood.md (grouped, most frequent first) and var/review/to_label.yml
(Rasa NLU format, one block per language, `intent: TODO`): move each line to the right
intent in data/nlu/<lang>/, then `make candidate`.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import MetaData, create_engine, select

from bot.tickets.anonymise import anonymise

ROOT = Path(__file__).resolve().parent.parent
DOUBTFUL = {"nlu_fallback", "out_of_scope", "ask_unanswered"}  # not answered from the call


def misunderstood(url: str, days: int, below: float) -> Counter[tuple[str, str, str]]:
    """(language, masked text, predicted intent) -> how many times."""
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine, only=["events"])
    events = metadata.tables["events"]
    query = select(events.c.data).where(events.c.type_name == "user", events.c.timestamp >= time.time() - days * 86400)
    found: Counter[tuple[str, str, str]] = Counter()
    with engine.connect() as connection:
        for (data,) in connection.execute(query):
            event = json.loads(data)
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            name, confidence = intent.get("name") or "", float(intent.get("confidence") or 0)
            text = (event.get("text") or "").strip()
            if not text or text.startswith("/") or (name not in DOUBTFUL and confidence >= below):
                continue
            language = (parse.get("language") or {}).get("detected") or "?"
            found[(language, anonymise(" ".join(text.split()))[:300], name)] += 1
    engine.dispose()
    return found


def write(found: Counter[tuple[str, str, str]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Messages the assistant misunderstood",
        "",
        "| count | language | predicted | message |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {n} | {lang} | {intent} | {text.replace('|', '/')} |" for (lang, text, intent), n in found.most_common()
    ]
    (out / "misunderstood.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    blocks = []
    for lang in sorted({lang for lang, _, _ in found}):
        examples = "".join(
            f"    - {json.dumps(text, ensure_ascii=False)}\n" for (la, text, _), _ in found.most_common() if la == lang
        )
        blocks.append(f"# language: {lang}\n- intent: TODO\n  examples: |\n{examples}")
    (out / "to_label.yml").write_text('version: "3.1"\nnlu:\n' + "\n".join(blocks), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--below", type=float, default=0.5, help="confidence under which a message is doubtful")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "review")
    args = parser.parse_args()
    found = misunderstood(os.environ["TRACKER_STORE_URL"], args.days, args.below)
    write(found, args.out)
    print(f"{sum(found.values())} doubtful messages ({len(found)} distinct) -> {args.out / 'misunderstood.md'}")


if __name__ == "__main__":
    main()
