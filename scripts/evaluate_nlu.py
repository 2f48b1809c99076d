"""`make evaluate`: NLU cross-validation of the bilingual model, reported per language.

Each fold trains the real pipeline (config.yml) on all the training data except one
k-th of each language, then classifies the held-out messages. Per language it writes
per-intent precision / recall / F1, the macro F1 and the most frequent confusions to
`<out>/report.md` (readable) and `<out>/report.json`. Runs in the Rasa environment.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from rasa.core.agent import Agent
from rasa.model_training import train_nlu
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.metrics import precision_recall_fscore_support

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "nl")


def examples(folder: Path) -> list[Message]:
    return [m for m in load_data(str(folder)).intent_examples if m.get("text")]


def folds(messages: list[Message], k: int, seed: int) -> list[list[Message]]:
    """k folds, each intent spread evenly over them."""
    shuffled = messages[:]
    random.Random(seed).shuffle(shuffled)
    shuffled.sort(key=lambda m: m.get("intent"))
    return [shuffled[i::k] for i in range(k)]


async def classify(model: str, messages: list[Message]) -> list[str]:
    agent = Agent.load(model)
    return [(await agent.parse_message(m.get("text")))["intent"]["name"] for m in messages]


def metrics(gold: list[str], predicted: list[str]) -> dict:
    labels = sorted(set(gold))
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    per_intent = {
        lab: {"precision": p[i], "recall": r[i], "f1": f[i], "support": int(s[i])} for i, lab in enumerate(labels)
    }
    confusions = Counter((g, q) for g, q in zip(gold, predicted, strict=False) if g != q)
    return {
        "macro_f1": float(sum(f) / len(f)),
        "accuracy": sum(g == q for g, q in zip(gold, predicted, strict=False)) / len(gold),
        "per_intent": per_intent,
        "confusions": [{"intent": g, "predicted": q, "count": n} for (g, q), n in confusions.most_common(15)],
    }


def report_markdown(results: dict, seconds: float) -> str:
    lines = ["# NLU cross-validation", "", f"{results['folds']} folds, {seconds:.0f} s.", ""]
    for lang in LANGUAGES:
        res = results[lang]
        lines += [f"## {lang}: macro F1 {res['macro_f1']:.3f}, accuracy {res['accuracy']:.3f}", "",
                  "| intent | precision | recall | F1 | examples |", "|---|---|---|---|---|"]  # fmt: skip
        for intent, m in sorted(res["per_intent"].items(), key=lambda kv: kv[1]["f1"]):
            lines.append(f"| {intent} | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} | {m['support']} |")
        lines += ["", "Most frequent confusions (intent → predicted):", ""]
        lines += [f"- {c['intent']} → {c['predicted']}: {c['count']}" for c in res["confusions"]] or ["- none"]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "evaluation")
    args = parser.parse_args()
    started = time.monotonic()
    by_lang = {lang: folds(examples(ROOT / "data" / "nlu" / lang), args.folds, args.seed) for lang in LANGUAGES}
    others = examples(ROOT / "data" / "nlu" / "other")
    gold: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    predicted: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(args.folds):
            train = others + [m for lang in LANGUAGES for i, f in enumerate(by_lang[lang]) if i != fold for m in f]
            train_file = Path(tmp) / f"train-{fold}.yml"
            train_file.write_text(TrainingData(training_examples=train).nlu_as_yaml(), encoding="utf-8")
            print(f"fold {fold + 1}/{args.folds}: training on {len(train)} examples...", flush=True)
            model = train_nlu(str(ROOT / "config.yml"), str(train_file), tmp, fixed_model_name=f"fold-{fold}")
            for lang in LANGUAGES:
                held_out = by_lang[lang][fold]
                gold[lang] += [m.get("intent") for m in held_out]
                predicted[lang] += asyncio.run(classify(str(model), held_out))
    results: dict = {"folds": args.folds}
    for lang in LANGUAGES:
        results[lang] = metrics(gold[lang], predicted[lang])
    seconds = time.monotonic() - started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (args.out / "report.md").write_text(report_markdown(results, seconds), encoding="utf-8")
    for lang in LANGUAGES:
        print(f"{lang}: macro F1 {results[lang]['macro_f1']:.3f}, accuracy {results[lang]['accuracy']:.3f}")
    print(f"report: {args.out / 'report.md'}")


if __name__ == "__main__":
    main()
