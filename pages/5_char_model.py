"""Hidden states of a character model: a char-level LSTM/GRU trained live on a bundled or the user's text,
samples as it learns, bits per character against letter frequencies, the text coloured by one hidden unit
(with units ranked by simple text features), and the PCA path of the hidden state (curriculum §4)."""

import math

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.analysis import rank_units, text_features
from rnnviz.experiments import CELL_LABELS, char_model
from rnnviz.figures import pca_trajectory, text_heat_html, training_curves
from rnnviz.generate import hidden_states, sample_text, unigram_bits
from rnnviz.tasks import make_task
from rnnviz.tasks.charlm import bundled_text, normalise
from rnnviz.ui import control, figure, live_training, page_setup, plain, t

MAX_CHARS = 200_000   # what this page accepts; the engine's own limit is higher
SAMPLES_PER_RUN = 5   # samples kept while training, besides the trained model's
SAMPLE_LEN, FINAL_LEN = 150, 300
WINDOW = 600          # characters of the training text read for the coloured text
MAX_PROBE = 2_000     # characters of a typed text read for it
SOURCES = ["sonnets", "tiny", "paste", "upload"]

settings = page_setup("charlm")


def chosen_text(source: str) -> str | None:
    """The text to learn from (None: the engine's bundled sonnets), or st.stop() after a clear message."""
    if source == "sonnets":
        return None
    if source == "tiny":
        return bundled_text("tiny_corpus.txt")
    if source == "paste":
        text = st.text_area(t("charlm.paste"), key="charlm.text", height=160, persist_state="session",
                            placeholder=t("charlm.paste_placeholder"))
        message = t("charlm.empty") if not text.strip() else None
    else:
        upload = st.file_uploader(t("charlm.upload"), type=["txt"], key="charlm.upload", max_upload_size=4)
        text, message = "", t("charlm.no_file") if upload is None else None
        if upload is not None:
            try:
                text = upload.getvalue().decode("utf-8-sig")
            except UnicodeDecodeError:
                message = t("charlm.not_utf8")
    if message is None and len(text) > MAX_CHARS:
        message = t("charlm.too_long", chars=len(text), limit=MAX_CHARS)
    if message:
        st.warning(message)
        st.stop()
    return text


top_left, top_right = st.columns([3, 2], gap="large")
with top_left:
    source = control(st.radio, "charlm.source", t("charlm.source"), options=SOURCES, horizontal=True,
                     format_func=lambda s: t(f"charlm.source.{s}"))
    text = chosen_text(source)
with top_right:
    left, middle = st.columns(2)
    cell = control(left.radio, "charlm.cell", t("charlm.cell"), options=["lstm", "gru"], horizontal=True,
                   format_func=lambda c: t(f"common.cell.{c}"))
    hidden = control(middle.select_slider, "charlm.hidden", t("charlm.hidden"), options=[32, 64, 128], value=128)
    steps = control(st.select_slider, "charlm.steps", t("charlm.steps"), options=[20, 50, 100, 250, 500, 1000],
                    value=250)

try:
    config = char_model(text, cell, hidden, steps, seed=settings.seed, device=settings.device)
except ValueError as exc:
    st.error(t("common.bad_input", message=plain(str(exc))))
    st.stop()
label = CELL_LABELS[cell]
task = make_task("charlm", **config.task_params)
chance = unigram_bits(task)
st.caption(t("charlm.describe", chars=len(task.text), vocab=task.vocab_size, seq_len=task.seq_len))

left, right = st.columns(2)
temperature = control(left.slider, "charlm.temperature", t("charlm.temperature"), min_value=0.05, max_value=2.0,
                      value=0.8, step=0.05, help=t("charlm.temperature_help"))
prime = control(right.text_input, "charlm.prime", t("charlm.prime"), value="", help=t("charlm.prime_help"))


def run_record(result) -> dict:
    """This session's record of a run: model copies taken while it trained, and the samples drawn."""
    store = st.session_state.setdefault("charlm_runs", {})
    record = store.get(config.key())
    if record is None or record["result"] is not result:  # a new run of the same config
        store.pop(config.key(), None)
        while len(store) >= 4:
            store.pop(next(iter(store)))
        record = store[config.key()] = {"result": result, "models": [], "samples": {}}
    return record


def checkpoints(result) -> list[tuple[int, object, bool]]:
    """(step, model, is_final): the model as the worker sent it, every steps/SAMPLES_PER_RUN while it
    trains, then the trained model itself."""
    models = run_record(result)["models"]
    every = max(1, config.steps // SAMPLES_PER_RUN)
    model = result.model()
    if model is not None and not result.finished and (not models or result.model_step >= models[-1][0] + every):
        models.append((result.model_step, model))
    kept = [(step, model, False) for step, model in models]
    if result.finished and model is not None:
        kept.append((result.model_step, model, True))
    return kept


def show_sample(result, step: int, model, final: bool) -> None:
    samples = run_record(result)["samples"]
    key = (step, final, prime, temperature, settings.seed)
    if key not in samples:
        try:
            samples[key] = sample_text(model, task, prime, FINAL_LEN if final else SAMPLE_LEN, temperature,
                                       settings.seed)
        except ValueError as exc:
            st.warning(t("charlm.sample_failed", message=plain(str(exc))))
            return
    st.caption(t("charlm.sample_final" if final else "charlm.sample_at", step=step))
    st.code(prime + samples[key], language=None, wrap_lines=True)


def draw(run):
    result = run.results[label]
    history = result.history()
    if len(history):
        history["bpc"] = task.bits_per_char(history["loss"])
        fig = training_curves({label: history}, y="bpc", y_title=t("charlm.bpc"), chance=chance,
                              higher_is_better=False, title=t("charlm.bpc_title", chance=chance),
                              projector=settings.projector, words=settings.words)
        figure(fig, t("charlm.bpc_caption", vocab=task.vocab_size, uniform=math.log2(task.vocab_size)),
               key="charlm.bpc", data=history)
        st.markdown(t("charlm.bpc_now", bpc=history["bpc"].tail(20).mean(), chance=chance))
    try:
        task.encode(prime)
    except ValueError as exc:
        st.warning(t("charlm.bad_prime", message=plain(str(exc))))
        return
    st.markdown(f"**{t('charlm.samples', temperature=temperature)}**")
    for step, model, final in checkpoints(result):
        show_sample(result, step, model, final)


run = live_training("charlm.run", {label: config}, draw)
result = run.results[label]


@st.cache_data(max_entries=32, show_spinner=False)
def unit_values(run_key: str, step: int, text: str, _model, _task) -> np.ndarray:
    """h (len(text), units) of the trained model reading `text` (cached by run and step)."""
    return hidden_states(_model, _task, text).get("h")[0]


if result.finished and result.status != "error" and result.model() is not None:
    st.subheader(t("charlm.read_header"))
    st.markdown(t("charlm.read_intro"))
    left, right = st.columns([3, 2])
    start = 0
    if len(task.text) > WINDOW:
        start = control(left.slider, "charlm.start", t("charlm.start"), min_value=0,
                        max_value=len(task.text) - WINDOW, value=0, step=10)
    typed = right.text_area(t("charlm.probe"), key="charlm.probe", height=80, persist_state="session",
                            help=t("charlm.probe_help", limit=MAX_PROBE))
    probe = task.text[start:start + WINDOW]
    if typed.strip():
        try:
            task.encode(typed)
            probe = normalise(typed)[:MAX_PROBE]
        except ValueError as exc:
            right.warning(t("common.bad_input", message=plain(str(exc))))
    values = unit_values(config.key(), result.model_step, probe, result.model(), task)
    ranking = rank_units(values, text_features(probe))
    best = ranking.drop_duplicates("unit")  # each unit's strongest feature, most interesting first
    options = {row.unit: t("charlm.unit_option", unit=row.unit, feature=row.feature, r=row.correlation)
               for row in best.itertuples()}
    unit = control(left.selectbox, "charlm.unit", t("charlm.unit"), options=list(options),
                   format_func=options.get, help=t("charlm.unit_help"))
    with right.expander(t("charlm.ranking")):
        st.dataframe(best.head(10), hide_index=True)
        st.caption(t("charlm.ranking_caption"))
    st.html(text_heat_html(probe, values[:, unit]))
    st.caption(t("charlm.heat_caption"))
    frame = pd.DataFrame(values, columns=[f"unit {u}" for u in range(values.shape[1])]).assign(char=list(probe))
    figure(pca_trajectory(values, tokens=list(probe), title=t("charlm.pca_title"), projector=settings.projector,
                          words=settings.words),
           t("charlm.pca_caption"), key="charlm.pca", data=frame)
