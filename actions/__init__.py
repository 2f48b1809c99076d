"""Custom actions run by the action server (`rasa run actions`).

rasa_sdk imports every module of this package at start-up: no I/O at import time.
The actions are thin: they read the tracker, call `bot.*`, and write the reply.
"""
