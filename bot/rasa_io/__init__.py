"""Rasa's wire format, read and written outside Rasa: one module per concern. Nothing here
imports rasa (it runs in the application environment).

Pure Python (no rasa, no rasa_sdk): the Rasa plugins, the actions, bot.web and the
scripts all read and write Rasa's data through this package.

- `rest`: the REST channel (`POST /webhooks/rest/webhook`) and the messages it returns.
- `parse_data`: the keys our NLU components add to the parse data (language, parts).
- `events_sql`: the SQL tracker store's `events` table, read with dialect-aware SQL;
  `events_activity` (insight aggregates) and `events_review` (messages to review) on it.
- `tracker_json`: a tracker as the HTTP API returns it (the message a reply answered).
- `http_api`: the HTTP API for the maintainers' tools (status, parse, `PUT /model`).
- `model_archive`: what a trained model's .tar.gz says about itself.
"""
