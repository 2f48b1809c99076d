"""Rasa's wire format, seen from outside Rasa: parse data, tracker events, REST replies.

Pure Python (no rasa, no rasa_sdk): the Rasa plugins, the actions, bot.web and the
scripts all read and write Rasa's data through this package.
"""
