"""Which language a message is written in, and which language to reply in."""

from bot.language.detect import SUPPORTED, Detection, detect

__all__ = ["SUPPORTED", "Detection", "detect"]
