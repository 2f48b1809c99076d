"""`make train` and `make rollback`: the maintainers' pipeline that teaches the live assistant.

Annotations -> training data, validate, train a candidate, evaluate it against the live
model (held-out messages and conversation tests, same run, same cases), refuse it when
worse, else put it live in the running Rasa server without a restart.
"""
