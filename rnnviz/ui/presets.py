"""Lesson presets: named settings of all of a page's controls for one moment of a lesson ("LSTM remembers"),
declared once in assets/presets.toml with a name and a one-line description in every language.

`presets(page)` draws them as a row of pills under the page's introduction.  Choosing one writes its values
into the session under the controls' own keys, so the controls, and with them the URL, change at once: a
preset's link is shared like any other screen.  The pill of the preset that the controls hold right now
stays lit, with its description below; move a control away and it goes dark.  On a link's first run the
controls are drawn after the pills, so the URL (`names`, which `control()` also uses for its notes) and the
defaults that `control()` declares (`DEFAULTS`) say what they will show.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from . import text

PRESETS_FILE = Path(__file__).resolve().parents[2] / "assets" / "presets.toml"


@dataclass(frozen=True)
class Preset:
    key: str
    values: dict[str, object]  # control key (as in the URL) → value
    name: dict[str, str]       # language → short label
    about: dict[str, str]      # language → one line
    claims: tuple[str, ...]    # keys in rnnviz/claims.py of the measured sentences that `about` repeats


def load(path: Path = PRESETS_FILE) -> dict[str, dict[str, Preset]]:
    """page key → preset key → Preset, in the file's order."""
    with path.open("rb") as file:
        pages = tomllib.load(file)
    return {page: {key: Preset(key, entry["values"], entry["name"], entry["about"], tuple(entry.get("claims", ())))
                   for key, entry in presets.items()}
            for page, presets in pages.items()}


PRESETS = load()
DEFAULTS: dict[str, object] = {}  # control key → the value it starts from, as `control()` declares it


def names(sent: str, value) -> bool:
    """Whether the URL's text `sent` names a control's `value` (?seed=3.0 names 3; ?seed=3.5 does not)."""
    if isinstance(value, bool):
        return sent.lower() == str(value).lower()
    if isinstance(value, (int, float)):
        try:
            return float(sent) == value
        except ValueError:
            return False
    return sent == str(value)


def holds(name: str, value) -> bool:
    """Whether control `name` shows `value`.  The pills are drawn before the controls: on a page's first run
    (a shared link opened) a control is not in the session yet, and the URL, or else its default, says."""
    if name in st.session_state:
        return st.session_state[name] == value
    sent = st.query_params.get(name)
    if sent is not None:
        return names(sent, value)
    return name in DEFAULTS and DEFAULTS[name] == value


def showing(page: str) -> str | None:
    """The preset whose values every control of the page holds now (None: none does)."""
    for key, preset in PRESETS.get(page, {}).items():
        if all(holds(name, value) for name, value in preset.values.items()):
            return key
    return None


def _apply(page: str) -> None:
    """The pill's callback: runs before the page, so the controls are drawn with the preset's values."""
    chosen = st.session_state.get(f"presets.{page}")
    if chosen is not None:
        for name, value in PRESETS[page][chosen].values.items():
            st.session_state[name] = value


def presets(page: str) -> None:
    """The page's presets as pills, and the description of the one on screen."""
    found = PRESETS.get(page)
    if not found:
        return
    lang = st.session_state.get("language", "en")
    key = f"presets.{page}"
    st.session_state[key] = showing(page)  # lit while the controls hold its values
    chosen = st.pills(text.t("share.presets", lang), list(found), key=key, on_change=_apply, args=(page,),
                      format_func=lambda k: found[k].name.get(lang) or found[k].name["en"],
                      help=text.t("share.presets_help", lang))
    if chosen is not None:
        preset = found[chosen]
        measured = text.t("share.measured", lang, claims=", ".join(preset.claims)) if preset.claims else ""
        st.caption(" ".join(filter(None, [preset.about.get(lang) or preset.about["en"], measured])))
