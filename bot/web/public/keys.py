"""Typed keys of what the applicant part keeps in the application."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from aiohttp import web

from bot.web.public.limits import RateLimiter, SeenMessages
from bot.web.public.rasa import RasaClient
from bot.web.settings import WebSettings


@dataclass
class ChatState:
    """Shared by every chat WebSocket of the process."""

    per_conversation: RateLimiter
    per_address: RateLimiter
    connections: RateLimiter  # per address: each (re)connection may read a tracker from Rasa
    answered: SeenMessages
    # Open sockets, closed on shutdown so that a stopping server does not wait for them.
    sockets: weakref.WeakSet[web.WebSocketResponse] = field(default_factory=weakref.WeakSet)

    @classmethod
    def from_settings(cls, settings: WebSettings) -> ChatState:
        window = settings.chat_rate_window
        return cls(
            per_conversation=RateLimiter(settings.chat_rate_limit, window),
            per_address=RateLimiter(settings.chat_rate_limit_address, window),
            connections=RateLimiter(settings.chat_rate_limit_address, window),
            answered=SeenMessages(),
        )


RASA = web.AppKey("public_rasa", RasaClient)
CHAT = web.AppKey("public_chat", ChatState)
