"""Where bot.web keeps what outlives one request: staff sessions, known browsers, login
throttling, chat rate limits, answered message ids and the live hub of staff replies.

In this process's memory by default (`make run`: one bot.web); in Redis when
`WEB_STATE_URL` is set (`redis://host:port/db`), so that several bot.web processes,
on one machine or several, behind a load balancer share it (`make run-cluster`).
Each part has the same interface in both (`interfaces.py`).
"""
