"""Typed keys of what the applicant part keeps in the application."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from aiohttp import web

from bot.web.public.rasa import RasaClient
from bot.web.settings import WebSettings
from bot.web.state.interfaces import Answered, Limiter, StateBackend


@dataclass
class ChatState:
    """Shared by every chat WebSocket of the process."""

    per_conversation: Limiter
    per_address: Limiter
    connections: Limiter  # per address: each (re)connection may read a tracker from Rasa
    answered: Answered
    # Open sockets, closed on shutdown so that a stopping server does not wait for them.
    sockets: weakref.WeakSet[web.WebSocketResponse] = field(default_factory=weakref.WeakSet)

    @classmethod
    def from_settings(cls, settings: WebSettings, state: StateBackend) -> ChatState:
        window = settings.chat_rate_window
        return cls(
            per_conversation=state.limiter("conversation", settings.chat_rate_limit, window),
            per_address=state.limiter("address", settings.chat_rate_limit_address, window),
            connections=state.limiter("connections", settings.chat_rate_limit_address, window),
            answered=state.answered(),
        )


RASA = web.AppKey("public_rasa", RasaClient)
CHAT = web.AppKey("public_chat", ChatState)
