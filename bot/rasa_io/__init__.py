"""Rasa's wire format, read and written outside Rasa: one module per concern.

Pure Python (no rasa, no rasa_sdk): the Rasa plugins, the actions, bot.web and the
scripts all read and write Rasa's data through this package.

- `rest`: the REST channel (`POST /webhooks/rest/webhook`) and the messages it returns.
- `parse_data`: the keys our NLU components add to the parse data (language, parts).
"""
