"""Languages: which ones the assistant speaks and its default (`languages`, from the data),
the browser's choice among them (`languages.preferred_language`), the language a message
is written in (`detect`) and the language to reply in (`reply`)."""

from bot.language.detect import Detection, detect
from bot.language.languages import DEFAULT, SUPPORTED

__all__ = ["DEFAULT", "SUPPORTED", "Detection", "detect"]
