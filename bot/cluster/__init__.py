"""`make run-cluster`: the assistant scaled out the way Rasa documents it, on one machine.

Two Rasa servers, two action servers and two bot.web processes behind HAProxy
(`deploy/haproxy.cfg`), sharing the machine's PostgreSQL (tracker store, tickets) and
Redis (Rasa's lock store, bot.web's state), under the same supervisor as `make run`.
"""
