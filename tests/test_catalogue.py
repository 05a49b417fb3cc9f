"""The string catalogue is complete in every language: each page module defines the same keys in English and
Chinese, none empty, and a translation keeps every format placeholder of its English string."""

import importlib
import pkgutil
from string import Formatter

import pytest

from rnnviz.ui import text
from rnnviz.ui.text import LANGUAGES, available, t

MODULES = [m.name for m in pkgutil.iter_modules(text.__path__)]


def placeholders(string: str) -> list[tuple[str, str, str]]:
    """Every {field!conversion:spec} of a format string, sorted ("{step:.0%}" → ("step", "", ".0%"))."""
    return sorted((field, conversion or "", spec or "") for _, field, spec, conversion in Formatter().parse(string)
                  if field is not None)


def test_placeholders_reads_fields_specs_and_escaped_braces():
    assert placeholders("{step} of {total:,} ({share:.0%}) `_l{{l−1}}`") == [
        ("share", "", ".0%"), ("step", "", ""), ("total", "", ",")]


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_the_same_keys_in_every_language(name):
    module = importlib.import_module(f"rnnviz.ui.text.{name}")
    tables = {lang: getattr(module, lang.upper(), None) for lang in LANGUAGES}
    for lang, table in tables.items():
        assert isinstance(table, dict), f"{name}.py has no {lang.upper()} table"
    english = tables["en"]
    for lang, table in tables.items():
        assert set(table) == set(english), (f"{name}.py {lang.upper()}: missing {sorted(set(english) - set(table))}, "
                                            f"extra {sorted(set(table) - set(english))}")
        empty = [key for key, value in table.items() if not isinstance(value, str) or not value.strip()]
        assert not empty, f"{name}.py {lang.upper()}: empty strings {empty}"


@pytest.mark.parametrize("name", MODULES)
def test_a_translation_keeps_every_placeholder(name):
    module = importlib.import_module(f"rnnviz.ui.text.{name}")
    for lang in LANGUAGES:
        table = getattr(module, lang.upper())
        for key, english in module.EN.items():
            assert placeholders(table[key]) == placeholders(english), f"{lang}: {key}"


def test_every_language_is_available_and_says_something_different():
    assert set(available()) == set(LANGUAGES)
    assert t("common.settings", "zh") != t("common.settings", "en")
