"""The conversation test set's runner: cases, checks, figures, language, report.

`scripts/evaluate_conversations.py` is its command line; the check vocabulary it applies
is documented there and lives in `vocabulary.yml`.
"""
