"""The string catalogue: every sentence a page shows, looked up by key, ready for a second language.

Keys are "<page>.<name>" ("common.start", "flow.title").  Each page's strings live in a module of this
folder that defines `EN` (and, once translated, `ZH`) with the same keys, side by side for a
translator.  `t(key, **values)` formats the string for the current language; a missing translation
falls back to English, and a missing key raises KeyError so a typo cannot pass silently.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGUAGES = {"en": "English", "zh": "中文"}
_CATALOGUE: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}

for _module in pkgutil.iter_modules(__path__):
    _strings = importlib.import_module(f"{__name__}.{_module.name}")
    for _lang in LANGUAGES:
        table = getattr(_strings, _lang.upper(), {})
        clash = set(table) & set(_CATALOGUE[_lang])
        if clash:
            raise KeyError(f"string keys defined twice: {sorted(clash)}")
        _CATALOGUE[_lang].update(table)


def t(key: str, lang: str = "en", **values) -> str:
    """The string for `key` in `lang` (English when untranslated), formatted with `values`."""
    text = _CATALOGUE.get(lang, {}).get(key) or _CATALOGUE["en"][key]
    return text.format(**values) if values else text


def available() -> dict[str, str]:
    """The languages that have strings (a language appears once its translation starts)."""
    return {lang: name for lang, name in LANGUAGES.items() if _CATALOGUE[lang]}


def keys(lang: str = "en") -> set[str]:
    return set(_CATALOGUE[lang])
