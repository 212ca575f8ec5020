"""The error that carries its message in both languages the tool speaks."""

from __future__ import annotations


class BilingualError(Exception):
    """An error whose message is in Chinese (``message``, also ``str(error)``) and in English
    (``message_en``); :meth:`text` gives the one of the run's language."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message
