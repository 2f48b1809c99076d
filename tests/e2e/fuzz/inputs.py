"""Generated hostile input for the fuzz tests: texts, sender ids, REST bodies, WebSocket frames.

Our own generator with a fixed seed (the same inputs on every run, so a failure can be
replayed): each kind of trouble seen in issue 11 and its neighbours, mixed at random.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Sequence
from typing import Any, TypeVar

SEED = 11
T = TypeVar("T")

# Pieces a hostile or unlucky text is made of.
WORDS = ["budget", "date limite", "deadline", "vzw", "asbl", "wie mag", "qui peut", "IoT", "€", "400.000", "ok"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u061c"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\r", "\x0b", "\x85"]
SURROGATES = ["\ud800", "\udfff", "\udbff", "\udc00"]
ODD = ["😀", "👨‍👩‍👧", "🇧🇪", "\U0010fffd", "\ufffe", "\uffff", "e\u0301", "ﬁ", "Ⅻ", "𝕓𝕦𝕕𝕘𝕖𝕥", "Ǆ", "ß"]
SYNTAX = ["/restart", "/session_start", "/ask_budget", '/ask_budget{"language": "nl"}', "/stop@0.1",
          "/", "/{}", "/nlu_fallback", "/action_listen", "/request_human", "//", "/ask_budget extra"]  # fmt: skip
MARKUP = ["<script>alert(1)</script>", "<b>", "{{7*7}}", "${jndi:ldap://x}", "'; DROP TABLE events;--", "%s%n"]


class Generator:
    """Random hostile pieces, reproducible from the seed."""

    def __init__(self, seed: int = SEED) -> None:
        self.random = random.Random(seed)

    def choice(self, items: Sequence[T]) -> T:
        return self.random.choice(items)

    def text(self) -> str:
        """A message text: words, invisible, control, lone-surrogate and odd characters, syntax, markup."""
        r = self.random
        kind = r.random()
        if kind < 0.1:
            return self.choice(SYNTAX)
        if kind < 0.15:
            return "".join(r.choice(string.printable) for _ in range(r.randint(0, 40)))
        if kind < 0.2:
            return "".join(chr(r.randint(0x20, 0x2FFFF)) for _ in range(r.randint(1, 30)))
        if kind < 0.23:
            return self.choice(WORDS) * r.randint(300, 900)  # beyond MAX_MESSAGE_CHARS
        parts = []
        for _ in range(r.randint(1, 8)):
            pool = r.choice([WORDS, WORDS, INVISIBLE, CONTROLS, SURROGATES, ODD, MARKUP, SYNTAX])
            parts.append(r.choice(pool))
        return r.choice(["", " ", "\n"]).join(parts)

    def good_sender(self) -> str:
        return f"fuzz-{self.random.randint(0, 10**9)}"  # short conversations: replaying them is cheap

    def bad_sender(self) -> Any:
        """A sender id no store can hold, or not a string."""
        return self.choice(
            ["", " ", "a\x00b", "\ud800", "x" * 101, "tab\there", "a\u200bb", "line\n", 5, None, [], {}, True]
        )

    def metadata(self) -> Any:
        r = self.random
        return r.choice(
            [None, {}, {"language": "fr"}, {"language": "nl"}, {"language": r.choice(["en", "", 5, None, "\ud800"])},
             {"language": {"nested": [1, 2]}}, {"x" * 50: "y" * 200}]
        )  # fmt: skip

    def rest_body(self, well_formed_share: float) -> tuple[bytes, bool]:
        """A REST channel body, and whether it is a well-formed request (then it must be answered)."""
        r = self.random
        if r.random() < well_formed_share:
            body: dict[str, Any] = {"sender": self.good_sender(), "message": self.text()}
            metadata = self.metadata()
            if metadata is not None:
                body["metadata"] = metadata
            # Written raw, a lone surrogate is not UTF-8, yet Python's JSON reader takes it
            # (surrogatepass): the channel cleans it like an escaped one.
            raw = json.dumps(body, ensure_ascii=r.random() < 0.5).encode("utf-8", "surrogatepass")
            return raw, True
        kind = r.random()
        if kind < 0.25:
            return self._broken_json(), False
        if kind < 0.35:
            value = r.choice([[], [1, 2], "text", 42, None, True, [{"sender": "a", "message": "b"}]])
            return json.dumps(value).encode(), False
        body = {"sender": self.good_sender(), "message": self.text(), "metadata": self.metadata()}
        flaw = r.choice(["sender", "sender", "no sender", "message", "no message", "metadata"])
        if flaw == "sender":
            body["sender"] = self.bad_sender()
        elif flaw == "no sender":
            del body["sender"]
        elif flaw == "message":
            body["message"] = r.choice([5, None, [], {"t": 1}, True, 1.5])
        elif flaw == "no message":
            del body["message"]
        else:
            body["metadata"] = r.choice([[], "fr", 3, True, [{"language": "nl"}]])
        return json.dumps(body, ensure_ascii=r.random() < 0.5).encode("utf-8", "surrogatepass"), False

    def _broken_json(self) -> bytes:
        r = self.random
        valid = json.dumps({"sender": "fuzz-x", "message": self.text()}).encode()
        return r.choice(
            [
                valid[: r.randint(0, max(0, len(valid) - 1))],  # truncated
                bytes(r.randint(0, 255) for _ in range(r.randint(0, 200))),  # noise
                b"[" * r.randint(1000, 30000),  # too deep
                b'{"sender": "fuzz-x", "message": "\xff\xfe"}',  # not UTF-8
                b'{"sender": "fuzz-x", "message": "x"' + b" " * 70000 + b"}",  # too large
                b"",
                b"NaN",
                b'{"sender": "fuzz-x", "message": "\\ud80',  # a cut escape
            ]
        )

    def frame(self, message_share: float) -> tuple[str | bytes, str]:
        """A WebSocket frame after the hello, and what it is: "message" (a chat message the
        gateway must answer), "invalid" (must get an "invalid" error), "binary" (ignored)."""
        r = self.random
        if r.random() < message_share:
            message: dict[str, Any] = {"type": "message", "id": f"m{r.randint(0, 10**9)}", "text": self.text()}
            if r.random() < 0.3:
                message["lang"] = r.choice(["fr", "nl", "en", "", 5, None, "\ud800"])
            return _frame_text(message, ascii_only=r.random() < 0.5), "message"
        kind = r.random()
        if kind < 0.1:
            return bytes(r.randint(0, 255) for _ in range(r.randint(1, 50))), "binary"
        if kind < 0.6:
            odd: dict[str, Any] = {"type": r.choice(["message", "hello", "msg", "", None, 1]),
                   "id": r.choice([None, 5, "", "bad id!", "m" * 65, []]),
                   "text": r.choice([None, 5, [], {}, "", "   ", "\u200b", self.text()])}  # fmt: skip
            return _frame_text(odd, ascii_only=r.random() < 0.5), "invalid"
        broken = r.choice(
            ["", "not json", "[1]", "null", "42", '"x"', "{", '{"type": "hello"}', '{"type": 5}', "[" * 5000,
             json.dumps({"type": "message", "id": "ok1", "text": r.choice([5, None, [], "", "   "])}),
             json.dumps({"type": "message", "id": "ok2"}), "\ud800", "\x00"]
        )  # fmt: skip
        return _frame_text({"raw": broken}, True) if broken == "\ud800" else broken, "invalid"

    def hello(self) -> str:
        r = self.random
        hello = {"type": "hello", "conversation_id": r.choice(["", "x", "a" * 32, None, 5]),
                 "lang": r.choice(["fr", "nl", "de", None, "\ud800"])}  # fmt: skip
        return _frame_text(hello, ascii_only=r.random() < 0.5)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _frame_text(value: dict[str, Any], ascii_only: bool) -> str:
    """JSON for a text frame; escaped when a lone surrogate could not travel as UTF-8."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    return text if _is_utf8(text.encode("utf-8", "surrogatepass")) else json.dumps(value)
