"""Rasa's wire format, read and written outside Rasa: one module per concern.

- `rest`: the REST channel (`POST /webhooks/rest/webhook`) and the messages it returns.
"""
