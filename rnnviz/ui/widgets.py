"""The shared widgets every page is built from: page setup and sidebar, controls that live in the URL,
figures with their caption and export, and the live-training panel.

Every control goes through `control()`, which binds it to a URL query parameter (a teacher can share
a link that reproduces the screen) and keeps its value for the whole session, across pages.  The URL
holds language-independent values (`?flow.init=chrono`, `?lang=zh`), so a link made in one language
opens the same settings in the other.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import torch

from ..figures.words import WORDS
from ..train import TrainConfig, available_devices
from ..workers import TORCH_THREADS, pool
from . import text
from .pages import redo_first_run
from .presets import DEFAULTS, names, presets
from .priority import TURNS
from .svg_export import svg_button
from .runner import LiveRun, call

POLL_SECONDS = 0.5
REDRAWS_PER_SECOND = 4  # live panels of all sessions together: each redraw costs the one web process
FAVICON = Path(__file__).resolve().parents[2] / "assets" / "favicon.png"  # local: a classroom may be offline
URL_NOTE_CHARS = 80  # of a rejected URL value quoted in its note
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


@dataclass(frozen=True)
class Settings:
    """The sidebar's choices, shared by every page."""

    device: str
    seed: int
    projector: bool
    lang: str
    words: dict  # the figures' words in this language: pass as words= to every figure builder


MARKDOWN_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
AUTOLINKS = re.compile(r"(?i)(?:https?|www)(?=\\[:.])|@")  # where GFM turns bare text into a link, once escaped
WORD_JOINER = "\u2060"  # invisible, and not a character a bare link may start or continue with


def plain(text: str) -> str:
    """`text` escaped for Streamlit's Markdown, so that words from a user, a file or a URL show exactly as
    typed: never a link, an image, a colour or formatting.  Escapes alone do not stop the browser from
    linking a bare http://…, www.… or name@host (GFM autolinks text after parsing): an invisible word joiner
    after the scheme, "www" or "@" does."""
    return AUTOLINKS.sub(lambda found: found.group() + WORD_JOINER, MARKDOWN_MARKS.sub(r"\\\1", text))


def t(key: str, **values) -> str:
    """A catalogue string in the session's language."""
    return text.t(key, st.session_state.get("language", "en"), **values)


def language() -> str:
    """The session's language: `?lang=` when a link or the back button has just set it, else the sidebar's
    choice.  app.py and every page call this before their first `t()`.

    It is kept in its own key, and handed to the sidebar's widget on every run: each page draws a widget
    of its own, which would otherwise start from its default (English) after a click in the navigation."""
    languages = list(text.available())
    _from_url("lang", languages)
    if st.session_state.get("lang") in languages:
        st.session_state["language"] = st.session_state["lang"]
    st.session_state["lang"] = st.session_state.setdefault("language", "en")  # each page draws its own widget
    return st.session_state["language"]


def control(widget: Callable, key: str, label: str, **kwargs):
    """Render `widget` bound to the URL (?key=value) and kept for the session across pages.

    Streamlit's own binding writes an option's displayed label into the URL, which changes with the
    language; a widget with `format_func` keeps its option's own name (`str(option)`) there instead.

    A value in the URL that the widget cannot take (`?flow.distance=abc`, `=5000`, `?flow.init=nonsense`)
    leaves the control at its default, and a note beside it names the parameter."""
    default = DEFAULTS[key] = _default(kwargs)  # the lesson presets read it on the next page opened from a link
    if "format_func" not in kwargs:
        sent = st.query_params.get(key)
        seen = st.session_state.setdefault("url.seen", {})
        value = widget(label, key=key, bind="query-params", persist_state="session", **kwargs)
        if sent is not None and sent != seen.get(key) and not names(sent, value):  # Streamlit dropped it silently
            _url_note(widget, key, sent, str(value))
        seen[key] = st.query_params.get(key)
        return value
    options = list(kwargs["options"])
    _from_url(key, options)
    _relabel(key)
    value = widget(label, key=key, persist_state="session", **kwargs)
    _to_url(key, None if value == default else str(value))  # like Streamlit, the default leaves the URL clean
    rejected = st.session_state.setdefault("url.rejected", {}).pop(key, None)
    if rejected is not None:
        _url_note(widget, key, rejected, str(kwargs["format_func"](value)))
    return value


def _default(kwargs: dict):
    """The value a control starts from, as its widget reads its arguments."""
    if "default" in kwargs or "value" in kwargs:
        return kwargs.get("default", kwargs.get("value"))
    if "options" in kwargs:
        return list(kwargs["options"])[kwargs.get("index", 0)]
    return kwargs.get("min_value")  # a slider or number input without a value starts at its minimum


def _url_note(widget: Callable, key: str, sent: str, used: str) -> None:
    """A note beside the control (in its column, or the sidebar) that the link's value for `key` was not used;
    both values are shown as typed, never as Markdown."""
    place = getattr(widget, "__self__", st)
    sent = sent if len(sent) <= URL_NOTE_CHARS else sent[:URL_NOTE_CHARS] + "…"
    place.warning(t("share.url_bad", param=plain(key), value=plain(sent), used=plain(used)), icon=":material/link_off:")


def _from_url(key: str, options: list) -> None:
    """Take the option named by ?key= when the URL changed it (a link opened, the back button), not when it
    only lags behind the widget (the URL is written after the widget).  A name that is no option is kept
    in "url.rejected" for the control's note."""
    seen = st.session_state.setdefault("url.seen", {})
    name = st.query_params.get(key)
    if name is not None and name != seen.get(key):
        chosen = [option for option in options if str(option) == name]
        if chosen:
            st.session_state[key] = chosen[0]
        else:
            st.session_state.setdefault("url.rejected", {})[key] = name
    seen[key] = name


def _relabel(key: str) -> None:
    """After a language switch, hand the widget its value again: the browser would otherwise keep showing
    (and send back) the label of the old language."""
    drawn_in = st.session_state.setdefault("url.drawn_in", {})
    lang = st.session_state.get("language", "en")
    if drawn_in.get(key, lang) != lang and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    drawn_in[key] = lang


def _to_url(key: str, name: str | None) -> None:
    if st.query_params.get(key) != name:
        if name is None:
            del st.query_params[key]
        else:
            st.query_params[key] = name
    st.session_state["url.seen"][key] = name


def sidebar() -> Settings:
    with st.sidebar:
        st.subheader(t("common.settings"))
        languages = text.available()
        lang = "en"
        if len(languages) > 1:
            lang = control(st.segmented_control, "lang", t("common.language"), options=list(languages),
                           format_func=languages.get, default="en", required=True)
        devices = available_devices()
        devices = ["auto", *devices] if len(devices) > 1 else devices  # with a GPU, auto measures which is faster
        device = control(st.selectbox, "device", t("common.device"), options=devices, help=t("common.device_help"))
        seed = control(st.number_input, "seed", t("common.seed"), min_value=0, max_value=9999, value=0, step=1,
                       help=t("common.seed_help"))
        projector = control(st.toggle, "projector", t("common.projector"), value=False, help=t("common.projector_help"))
    if projector:
        st.html("<style>html, .stMarkdown p, .stMarkdown li {font-size: 1.25rem !important}</style>")
    return Settings(device=device, seed=int(seed), projector=bool(projector), lang=lang or "en",
                    words={name: t(f"fig.{name}") for name in WORDS})


def page_setup(page: str) -> Settings:
    """Page config, sidebar, title and one-paragraph introduction from the catalogue ("<page>.title"), then
    the page's lesson presets (assets/presets.toml)."""
    torch.set_num_threads(TORCH_THREADS)  # Streamlit runs each script in a fresh thread
    if redo_first_run():  # a deep link opened first on a fresh server: draw it again with the declared navigation
        st.rerun()
    language()
    st.set_page_config(page_title=f"{t(page + '.title')} · rnnviz", page_icon=str(FAVICON), layout="wide")
    settings = sidebar()
    st.title(t(page + ".title"))
    st.markdown(t(page + ".intro"))
    presets(page)
    return settings


def as_frame(data) -> pd.DataFrame | None:
    """A figure's data as one table: a DataFrame as it is; {label: DataFrame} stacked with a "label"
    column; {label: 1-D array} side by side against t (gradient profiles)."""
    if data is None or isinstance(data, pd.DataFrame):
        return data
    values = list(data.values())
    if values and isinstance(values[0], pd.DataFrame):
        return pd.concat([frame.assign(label=label) for label, frame in data.items()], ignore_index=True)
    return pd.DataFrame({"t": range(len(values[0]))} | {label: list(v) for label, v in data.items()})


def memo(key, build: Callable[[], object], slot: str = "figures"):
    """`build()`'s value, kept in the session until `key` changes.  Live panels redraw every half second,
    but what they draw from a snapshot changes only with the snapshot: key it by (run, snapshot step,
    the options on screen) and the figures are built once per snapshot (and language)."""
    key = (key, st.session_state.get("language"))
    store = st.session_state.setdefault(f"memo.{slot}", {})
    if store.get("key") != key:
        store.update(key=key, value=build())
    return store["value"]


def export_name(key: str) -> str:
    """The file name (no extension) of a figure's exports: its key, page and figure ("flow.accuracy"), with
    what a file system refuses (a translated label's slash or space) replaced."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", key)


def plotly_config(key: str) -> dict:
    """The figure's toolbar: its camera button saves the PNG under the figure's own name."""
    return PLOTLY_CONFIG | {"toImageButtonOptions": PLOTLY_CONFIG["toImageButtonOptions"] | {"filename": export_name(key)}}


def figure(fig: go.Figure, caption: str, key: str, data=None, on_select: Callable[[], None] | None = None) -> None:
    """A figure, the one line that says what to look at, and its export: PNG from the toolbar's camera, SVG,
    data as CSV and the figure as JSON, every file named after the page and figure (`export_name`).
    `data` is anything `as_frame` understands.  The files are made only when a download is clicked.
    `on_select`: a click on a point selects it and calls this (the points are in st.session_state[key].selection)."""
    chart = {} if on_select is None else {"on_select": on_select, "selection_mode": "points"}
    st.plotly_chart(fig, key=key, config=plotly_config(key), theme=None, **chart)
    row = st.container(horizontal=True, vertical_alignment="center", wrap=False)  # one block, not three
    row.caption(t("common.look_at") + caption)
    with row.popover("", icon=":material/download:", help=t("common.export")):
        svg_button(key, t("share.download_svg"))
        if data is not None:
            st.download_button(t("common.download_data"), lambda: as_frame(data).to_csv(index=False),
                               f"{export_name(key)}.csv", "text/csv", key=f"{key}.csv", on_click="ignore")
        st.download_button(t("common.download_figure"), fig.to_json, f"{export_name(key)}.json", "application/json",
                           key=f"{key}.json", on_click="ignore")
        st.caption(t("share.png_hint"))


def section(body: Callable[[], None]) -> Callable[[], None]:
    """A part of a page that reruns alone when one of its own controls moves (a Streamlit fragment): not
    the sidebar, not the rest of the page.  Someone is waiting for it, so it goes ahead of the live
    panels' timed redraws (`TURNS`)."""
    return st.fragment(TURNS.page()(body))


def session_watch() -> tuple[Callable[[], bool] | None, str]:
    """A thread-safe "is this browser session still connected?" for the runner (None outside a server),
    and the session's id, which the training queue serves in turn with the other sessions."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not runtime.exists():
        return None, ctx.session_id if ctx is not None else ""
    server, session_id = runtime.get_instance(), ctx.session_id
    return (lambda: server.is_active_session(session_id)), session_id


def new_run(configs: dict[str, TrainConfig], weights: dict[str, dict] | None = None) -> LiveRun:
    is_watched, owner = session_watch()
    return LiveRun(configs, is_watched, owner, weights)


def run_identity(configs: dict[str, TrainConfig], weights: dict[str, dict]) -> tuple:
    """What makes two live runs the same: their configs, and the very state dicts they start from."""
    return {label: config.key() for label, config in configs.items()}, {label: id(w) for label, w in weights.items()}


def poll_seconds() -> float:
    """How often a live panel redraws: every half second, less often while many sessions train, so that
    the panels together stay near REDRAWS_PER_SECOND and a page that needs no training still answers."""
    return max(POLL_SECONDS, pool().active() / REDRAWS_PER_SECOND)


def computed(name: str, *args, label: str = ""):
    """`name(*args)`, a function of the package by its dotted name ("rnnviz.exposure.cs182_demo") with
    picklable args, computed in a worker process, so that the web process stays free for every other
    session.  While it waits, a progress bar shows `label`, the place in the queue and the time left,
    redrawn every POLL_SECONDS by a script that sleeps in between.  The value is shared by every session
    (computed once per server for the same args).  Returns it, or None after saying why there is none."""
    is_watched, owner = session_watch()
    job, began, slot = call(name, *args, owner=owner, is_watched=is_watched), time.monotonic(), st.empty()
    while not job.finished:
        place, left = job.place, job.seconds_left()
        note = t("common.queue", place=place, seconds=round(left)) if place else t("common.eta", seconds=round(left))
        spent = time.monotonic() - began
        slot.progress(spent / (spent + left) if left > 0 else 1.0, text=f"{label} · {note}" if label else note)
        with TURNS.aside():  # panels may redraw while this page only waits
            job.join(POLL_SECONDS)
    slot.empty()
    if job.status != "done":
        st.error(t("common.error", message=plain(job.message or t(f"common.status.{job.status}"))))
        return None
    return job.value


def live_training(key: str, configs: dict[str, TrainConfig], draw: Callable[[LiveRun], None],
                  button: str | None = None, weights: dict[str, dict] | None = None) -> LiveRun:
    """Train / Stop buttons, a progress bar with the run's place in the queue and the time it still
    needs, and `draw(run)` redrawn every half second while training (the run trains in a worker process).
    A label in `weights` (label → state dict, a checkpoint's) continues from those weights.

    The run lives in the session, so it survives a trip to another page; configs that were trained
    before (by anyone on this server) come back from the cache at once."""
    runs = st.session_state.setdefault("live_runs", {})
    run: LiveRun | None = runs.get(key)
    weights = weights or {}
    if run is None or run_identity(run.configs, run.weights) != run_identity(configs, weights):
        if run is not None:
            run.stop()
        run = runs[key] = new_run(configs, weights)
    if st.session_state.pop(f"{key}.start", False):  # Train was pressed: start with the settings on screen now
        if run.finished:  # a stopped or failed run starts afresh
            run = runs[key] = new_run(configs, weights)
        run.start()
    label = button or t("common.train")

    def stop():  # a callback runs before the script, so the buttons below show the new state
        runs[key].stop()

    complete = all(r.status in ("done", "diverged") for r in run.results.values())
    refused = {} if run.running else run.refused()
    for label_, why in refused.items():
        st.warning(f"{label_}: " + t("common.refused", message=plain(why)))
    go_col, stop_col, info_col = st.columns([1, 1, 5], vertical_alignment="center")
    go_col.button(label, key=f"{key}.train", type="primary", disabled=run.running or complete or bool(refused),
                  on_click=st.session_state.__setitem__, args=(f"{key}.start", True))
    stop_col.button(t("common.stop"), key=f"{key}.stop", disabled=not run.running, on_click=stop)
    if run.from_cache:
        info_col.caption(t("common.cached"))

    polling, every = run.running, poll_seconds()

    @st.fragment(run_every=every if polling else None)
    @TURNS.panel()  # a timed redraw lets page runs (someone is waiting) and the other panels go first
    def panel():
        results = list(run.results.values())
        step = sum(r.step for r in results)
        steps = sum(r.config.steps for r in results)
        statuses = sorted({t(f"common.status.{r.status}") for r in results})
        place = run.place
        if place:
            statuses.append(t("common.queue", place=place, seconds=round(run.seconds_left())))
        elif place == 0 and step:
            statuses.append(t("common.eta", seconds=round(run.seconds_left())))
        st.progress(run.progress, text=f"{t('common.progress', step=step, steps=steps)} · {', '.join(statuses)}")
        for label_, result in run.results.items():
            if result.status == "diverged":
                st.warning(f"{label_}: " + t("common.diverged", message=plain(result.message)))
            elif result.status == "error":
                st.error(f"{label_}: " + t("common.error", message=plain(result.message)))
        if not any(r.rows or r.snapshots for r in results):
            st.info(t("common.no_result", button=label))
        else:
            draw(run)
        if polling and not run.running:
            st.rerun()  # the run ended: redraw the whole page once, with the buttons' new state
        if polling and not every / 2 <= poll_seconds() <= every * 2:
            st.rerun()  # the server got much busier or quieter: poll at the new pace

    panel()
    return run
