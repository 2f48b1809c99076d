"""The console's interface texts, one YAML file per language in `data/locales/console/`.

The language is data: adding a language is adding a file, with the same keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from bot.language.languages import DEFAULT as DEFAULT_LANGUAGE
from bot.language.languages import preferred_language
from bot.paths import data_dir


def texts_dir() -> Path:
    """Where the console's `<language>.yml` files are."""
    return data_dir() / "locales" / "console"


class Texts:
    """Interface texts by language.

    Args:
        folder: Where the `<language>.yml` files are.

    Raises:
        ValueError: When the files do not all have the same keys.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._by_language: dict[str, dict[str, str]] = {}
        for path in sorted((folder or texts_dir()).glob("*.yml")):
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
        return preferred_language(accept_language, self._by_language, DEFAULT_LANGUAGE)

    def __getitem__(self, language: str) -> Mapping[str, str]:
        return self._by_language[language]
