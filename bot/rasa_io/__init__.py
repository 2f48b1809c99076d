"""Rasa's wire format, read and written outside Rasa: one module per concern. Nothing here
imports rasa (it runs in the application environment).

- `rest`: the REST channel (`POST /webhooks/rest/webhook`) and the messages it returns.
- `events_sql`: the SQL tracker store's `events` table, read with dialect-aware SQL;
  `events_activity` (insight aggregates) and `events_review` (messages to review) on it.
- `tracker_json`: a tracker as the HTTP API returns it (the message a reply answered).
- `http_api`: the HTTP API for the maintainers' tools (status, parse, `PUT /model`).
- `model_archive`: what a trained model's .tar.gz says about itself.
"""
