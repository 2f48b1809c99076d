"""The conversation around each message: what the applicant told us (memory), which
parts of a message are questions (plan), what a question takes for granted (premises),
and how several answers become one reply (compose). Nothing here knows about Rasa:
`actions/answer.py` reads the tracker into these types and writes their result back.
"""
