"""Rasa's wire format, read and written outside Rasa: one module per concern. Nothing here
imports rasa: the Rasa plugins and the application environment share it.

Pure Python (no rasa, no rasa_sdk): the Rasa plugins, the actions, bot.web and the
scripts all read and write Rasa's data through this package.

- `rest`: the REST channel (`POST /webhooks/rest/webhook`) and the messages it returns.
- `parse_data`: the keys our NLU components add to the parse data (language, parts).
- `rest_request`: the body of a REST channel request, checked (the channel's 400s).
- `sender`: which sender ids the tracker store, the lock store and the tickets can hold.
- `intent_syntax`: Rasa's "/intent" syntax: the quick replies' payloads, and typed by
  applicants, made text.
- `events_sql`: the SQL tracker store's `events` table, read with dialect-aware SQL;
  `events_activity` (insight aggregates) and `events_review` (messages to review) on it.
- `tracker_json`: a tracker as the HTTP API returns it (the message a reply answered).
- `http_api`: the HTTP API for the maintainers' tools (status, parse, `PUT /model`).
- `model_archive`: what a trained model's .tar.gz says about itself.
"""
