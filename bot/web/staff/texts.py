"""The console's interface texts, one YAML file per language in `texts/`.

The language is data: adding a language is adding a file, with the same keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

TEXTS_DIR = Path(__file__).resolve().parent / "texts"
DEFAULT_LANGUAGE = "fr"


class Texts:
    """Interface texts by language.

    Args:
        folder: Where the `<language>.yml` files are.

    Raises:
        ValueError: When the files do not all have the same keys.
    """

    def __init__(self, folder: Path = TEXTS_DIR) -> None:
        self._by_language: dict[str, dict[str, str]] = {}
        for path in sorted(folder.glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            self._by_language[path.stem] = {str(k): str(v) for k, v in data.items()}
        reference = self._by_language[DEFAULT_LANGUAGE]
        for language, texts in self._by_language.items():
            if texts.keys() != reference.keys():
                missing = sorted(texts.keys() ^ reference.keys())
                raise ValueError(f"interface texts {language}.yml differ from {DEFAULT_LANGUAGE}.yml: {missing}")

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages available, default first."""
        others = sorted(lang for lang in self._by_language if lang != DEFAULT_LANGUAGE)
        return (DEFAULT_LANGUAGE, *others)

    def choose(self, wanted: str | None, accept_language: str = "") -> str:
        """Pick the interface language.

        Args:
            wanted: A language asked for explicitly (form field, query), if any.
            accept_language: The browser's Accept-Language header, used otherwise.

        Returns:
            A language that has texts.
        """
        if wanted in self._by_language:
            return str(wanted)
        for part in accept_language.split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in self._by_language:
                return code
        return DEFAULT_LANGUAGE

    def __getitem__(self, language: str) -> Mapping[str, str]:
        return self._by_language[language]
