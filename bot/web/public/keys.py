"""Typed keys of what the applicant part keeps in the application."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.web.public.limits import RateLimiter, SeenMessages
from bot.web.public.rasa import RasaClient
from bot.web.settings import WebSettings


@dataclass
class ChatState:
    """Shared by every chat WebSocket of the process."""

    per_conversation: RateLimiter
    per_address: RateLimiter
    answered: SeenMessages

    @classmethod
    def from_settings(cls, settings: WebSettings) -> ChatState:
        window = settings.chat_rate_window
        return cls(
            per_conversation=RateLimiter(settings.chat_rate_limit, window),
            per_address=RateLimiter(settings.chat_rate_limit_address, window),
            answered=SeenMessages(),
        )


RASA = web.AppKey("public_rasa", RasaClient)
CHAT = web.AppKey("public_chat", ChatState)
