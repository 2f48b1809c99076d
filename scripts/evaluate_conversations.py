"""`make evaluate-conversations`: the conversation test set, played against the real assistant.

    python scripts/evaluate_conversations.py tests/conversations/*.yml [--url URL | --serve]
        [-v] [--only REGEX] [--json PATH] [--failures PATH] [--min SHARE]

Each conversation (tests/conversations/*.yml, format in scripts/conversation_eval/cases.py)
is sent turn by turn through Rasa's REST channel (POST /webhooks/rest/webhook), as a new
applicant (a fresh sender), with metadata only where a turn gives it. `--serve` starts the
action server and the Rasa server on free loopback ports first (SQLite tracker store and
tickets database in a temporary folder, today's real date) and stops them afterwards.

A conversation passes when every turn passes. A turn with `expect` is judged; one without is
context only, whose reply must still not be empty nor be in another language.

What every judged reply is checked for, beside its `expect` list (the reply is folded: lower
case, no accents, button titles included, one line):
- language: the reply must be recognisably in the conversation's language (marker words of
  `vocabulary.yml`); a turn's `lang` changes that language from this turn on;
- invented figures: any amount (€, euro, million, milliard, miljoen, k€...), percentage, or
  day-and-month date (with its year, if given) that the call does not give and the applicant
  has not written earlier in the conversation fails the turn. The call gives 400.000 €,
  5,1 and 1,23 billion €; 76, 7,6, 1,4, 60, 28 and 12 %; 1 September 2016.

The checks an `expect` list may name (patterns per language in `vocabulary.yml`):
  budget            the total budget, 400.000 €
  deadline          1 September AND that the call is closed (the date is past)
  closed            the call is closed / it is no longer possible to apply
  who               who may apply: companies, self-employed, asbl/vzw, in Brussels
  who_yes           yes for the kind of applicant asked (not negated, not "the text does
                    not decide")
  who_no_or_undecided  no, or the text does not decide; never starting with yes
  undecided         the text does not say / decide; never starting with yes
  handoff           staff named or offered (team, colleague, transmit, doorgeven...)
  no_handoff        no hand-off offered or started (transmettre, doorgeven...)
  asks_what_to_pass asks which question to pass on to staff
  measure:N         priority measure N named (by its words or "mesure N") and no other
  measures_all      all five measures named
  tech_all          the three technologies named (VR, IoT, big data)
  tech:NAME         vr, iot or big_data named, and not as "the text does not cite it"
  jobs, n_companies, gdp_share, small_share, wallonia   the figure itself (31.578 jobs;
                    2.000 companies; 7,6 % of GDP; 76 % very small; Wallonia 1,23 bn / 1,4 %)
  next_tech         Plan Next Tech and its 20 measures
  minister          Didier Gosuin
  purpose           digital economy / entrepreneurship, and Brussels
  submission        an innovative project, digital (what the text asks to submit)
  starts_yes        the reply starts with yes (after an optional greeting)
  starts_no         the reply starts with no / not really
  corrects          the reply says no/not to the wrong premise, and does not start with yes
  asks_question     the reply asks something (a question mark)
  no_form_question  no question of the eligibility check or of the hand-off is asked
  understood        the reply does not say it did not understand / recognise the message
  offers_check      the eligibility check is offered (asked, not started)
  no_recommendation the reply does not read the message as a project to match to a measure
  {contains: REGEX} the folded reply matches REGEX;  {absent: REGEX}: it does not

Prints the passed share per kind and language, the median and p95 latency per message and
a summary line; `-v` prints each failing turn with its reply; `--json` writes every result;
`--failures` writes a Markdown list of the failing ids with their first reason; `--min`
exits 1 when a language passes a smaller share; a request that fails (server down, timeout)
fails its conversation and makes the run exit 1; an invalid case file exits 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bot.language import SUPPORTED
from bot.paths import PROJECT_ROOT
from bot.rasa_io.rest import RestChannel
from scripts.conversation_eval import report
from scripts.conversation_eval.cases import CaseError, load
from scripts.conversation_eval.runner import ConversationResult, run_conversation
from scripts.conversation_eval.servers import running_assistant
from scripts.conversation_eval.settings import RunnerSettings
from scripts.conversation_eval.vocabulary import vocabulary


def arguments(settings: RunnerSettings) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path, help="case files (tests/conversations/*.yml)")
    parser.add_argument("--url", default=settings.default_url, help="the Rasa server (default: %(default)s)")
    parser.add_argument("--serve", action="store_true", help="start the assistant on free ports, then stop it")
    parser.add_argument("--model", type=Path, default=settings.model, help="model for --serve")
    parser.add_argument("--only", help="run only the conversations whose id matches this regular expression")
    parser.add_argument("--json", type=Path, help="write every conversation, reply and failure to this file")
    parser.add_argument("--failures", type=Path, help="write the failing ids and reasons (Markdown) here")
    parser.add_argument("--min", type=float, default=0.0, help="exit 1 when a language passes less (0-1)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one reply")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each failing turn with its reply")
    return parser.parse_args()


def evaluate(url: str, args: argparse.Namespace) -> list[ConversationResult]:
    vocab = vocabulary()
    conversations = load(args.files, vocab)
    if args.only:
        conversations = [c for c in conversations if re.search(args.only, c.id)]
    channel = RestChannel(url, timeout=args.timeout)
    results = []
    for conversation in conversations:
        result = run_conversation(conversation, channel, vocab)
        if args.verbose and not result.passed:
            print("\n".join(report.failure_lines(result)), flush=True)
        results.append(result)
    return results


def main() -> int:
    settings = RunnerSettings.from_env()
    args = arguments(settings)
    try:
        if args.serve:
            with running_assistant(args.model, keep_logs=PROJECT_ROOT / "var" / "log") as url:
                results = evaluate(url, args)
        else:
            results = evaluate(args.url, args)
    except CaseError as error:
        print(f"invalid case file: {error}", file=sys.stderr)
        return 2
    langs = [lang for lang in SUPPORTED if any(r.lang == lang for r in results)]
    print("\n".join(report.table(results, langs)))
    print(report.latency_line(results))
    if args.json:
        report.write_json(args.json, results)
    if args.failures:
        report.write_failures(args.failures, results, langs)
    print(report.summary_line(results, langs))
    unreachable = [r for r in results if r.request_failed]
    if unreachable:  # a server that does not answer is no measurement
        print(f"requests failed in {len(unreachable)} conversations, first: {report.one_line_reason(unreachable[0])}")
        return 1
    shares = [report.share([r for r in results if r.lang == lang]) for lang in langs]
    return 0 if shares and min(shares) >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
