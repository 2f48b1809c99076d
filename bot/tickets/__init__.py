"""Escalation to staff: tickets, replies, notes, staff accounts and the audit log.

Import `Desk` and `TicketRequest` from `bot.tickets.service`, the views from
`bot.tickets.views`; this package's modules do no I/O at import time.
"""
