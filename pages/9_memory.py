"""Memory (curriculum §2, §4; distill's "Memorization in RNNs", RNNbow): a vanilla RNN, an LSTM and a GRU
character model, trained live on the same text and budget (and the character page's model, when this session
has one), read a text; pick a character and every earlier one is coloured by how strongly the prediction there
depends on it.  Below: mean connectivity against distance, and the itemised gradient of that prediction's error."""

import streamlit as st

from rnnviz.experiments import MEMORY_DEFAULTS, memory_comparison
from rnnviz.figures import connectivity_distance, connectivity_text, itemised_bars, legend_below, training_curves
from rnnviz.figures.connectivity import WORDS
from rnnviz.generate import unigram_bits
from rnnviz.memory import connectivity, distance_profile, itemised_gradient
from rnnviz.tasks import make_task
from rnnviz.tasks.charlm import normalise
from rnnviz.ui import control, figure, live_training, memo, page_setup, plain, t

PROBE = MEMORY_DEFAULTS["probe_chars"]  # characters read: the maps cost grows with its square
GRID = 32                               # characters per line of a coloured text, three side by side
CHARLM_RUN = "charlm.run"               # where the character page keeps its run (pages/5_char_model.py)
LETTERS = 1                             # the coloured text's trace of characters, the one a click selects

settings = page_setup("memory")
words = {**settings.words, **{name: t(f"memory.fig.{name}") for name in WORDS}}
left, right = st.columns(2)
hidden = control(left.select_slider, "memory.hidden", t("memory.hidden"), options=[32, 64, 128],
                 value=MEMORY_DEFAULTS["hidden_size"])
steps = control(right.select_slider, "memory.steps", t("memory.steps"), options=[100, 250, 500, 1000],
                value=MEMORY_DEFAULTS["steps"])
comparison = memory_comparison(hidden_size=hidden, steps=steps, seed=settings.seed, device=settings.device)
configs = {t(f"common.cell.{config.cell}"): config for config in comparison.values()}
task = make_task("charlm", **next(iter(configs.values())).task_params)
chance = unigram_bits(task)


def curves(run) -> None:
    histories = run.histories()
    for history in histories.values():
        history["bpc"] = task.bits_per_char(history["loss"])
    fig = training_curves(histories, y="bpc", y_title=t("memory.bpc"), chance=chance, higher_is_better=False,
                          title=t("memory.bpc_title"), projector=settings.projector, words=words)
    figure(fig, t("memory.bpc_caption"), "memory.bpc", data=histories)


def readers(run) -> dict:
    """label → (key, model, task) of every model that can read: the three trained here once done, and the
    character page's trained model of this session."""
    found = {label: ((r.config.key(), r.model_step), r.model(), r.task) for label, r in run.results.items()
                     if r.status == "done" and r.model() is not None}
    theirs = st.session_state.get("live_runs", {}).get(CHARLM_RUN)
    for result in (theirs.results.values() if theirs is not None else ()):
        if result.finished and result.status != "error" and result.model() is not None:
            label = t("memory.yours", cell=t(f"common.cell.{result.config.cell}"), hidden=result.config.hidden_size)
            found[label] = ((result.config.key(), result.model_step), result.model(), result.task)
    return found


def chosen_probe(found: dict) -> str:
    """The text read: a window of the sonnets, or what was typed when every model knows its characters."""
    start_col, typed_col = st.columns([3, 2])
    start = control(start_col.slider, "memory.start", t("memory.start"), min_value=0,
                    max_value=len(task.text) - PROBE, value=0, step=10)
    typed = typed_col.text_area(t("memory.probe"), key="memory.probe", height=80, persist_state="session",
                                max_chars=PROBE, help=t("memory.probe_help", limit=PROBE))
    probe = task.text[start:start + PROBE]
    if typed.strip():
        try:
            for _, _, reader_task in found.values():
                if len(reader_task.encode(typed)) < 2:
                    raise ValueError(t("memory.too_short"))
            probe = normalise(typed)  # as the models read it: one value per character shown
        except ValueError as exc:
            typed_col.warning(t("common.bad_input", message=plain(str(exc))))
    return probe


def readable(found: dict, probe: str) -> dict:
    """The readers whose vocabulary holds every character of the probe (the character page's model may have
    learned another text); a caption names the others."""
    kept = {}
    for label, reader in found.items():
        try:
            reader[2].encode(probe)
            kept[label] = reader
        except ValueError:
            st.caption(t("memory.cannot_read", label=plain(label)))
    return kept


def picker(chart: str, last: int):
    """A click on a character of a coloured text picks it (the slider follows; the last character has no next
    one to score, so it picks the one before)."""
    def pick():
        points = st.session_state[chart].selection["points"]
        if points and points[0].get("curve_number") == LETTERS:
            st.session_state["memory.pick"] = min(points[0]["point_index"], last)
    return pick


run = live_training("memory.run", configs, curves, button=t("memory.button"))
found = readers(run)
st.subheader(t("memory.read_header"))
if not found:
    st.info(t("memory.no_model", button=t("memory.button")))
    st.stop()
st.markdown(t("memory.read_intro"))
probe = chosen_probe(found)
found = readable(found, probe)
if not found:
    st.stop()
last = len(probe) - 2  # the last character whose prediction has a next character to be scored against
if st.session_state.get("memory.pick", 0) > last:
    st.session_state["memory.pick"] = last
picked = control(st.slider, "memory.pick", t("memory.pick"), min_value=0, max_value=last, value=last,
                 help=t("memory.pick_help"))
st.caption(t("memory.picked", char=plain(repr(probe[picked])), next=plain(repr(probe[picked + 1])), t=picked))

key = (tuple((label, reader[0]) for label, reader in found.items()), probe)
with st.spinner(t("memory.computing")):
    maps = memo(key, lambda: {label: connectivity(model, reader_task, probe)
                              for label, (_, model, reader_task) in found.items()}, slot="memory.maps")
    bars = memo(key + (picked,), lambda: {label: itemised_gradient(model, reader_task, probe, picked)
                                          for label, (_, model, reader_task) in found.items()}, slot="memory.bars")

labels = list(found)
for row in range(0, len(labels), 3):
    for col, label in zip(st.columns(3), labels[row:row + 3]):
        with col:
            fig = connectivity_text(probe, maps[label][picked], picked, title=label, width=GRID,
                                    projector=settings.projector, words=words)
            chart = f"memory.text.{labels.index(label)}"
            figure(fig, t("memory.text_caption"), chart, data={label: maps[label][picked]},
                   on_select=picker(chart, last))

left, right = st.columns(2, gap="medium")
with left:
    half = len(probe) // 2 + 1  # distances up to half the text: each point averages at least half its positions
    profiles = {label: distance_profile(conn)[:half] for label, conn in maps.items()}
    fig = connectivity_distance(profiles, title=t("memory.distance_title"), projector=settings.projector, words=words)
    figure(legend_below(fig), t("memory.distance_caption"), "memory.distance", data=profiles)
with right:
    figure(itemised_bars(bars, probe, picked, projector=settings.projector, words=words),
           t("memory.bars_caption"), "memory.bars", data=bars)

with st.container(border=True):
    st.markdown(f"**{t('memory.measured')}**")
    st.markdown(t("memory.claim_near"))
    st.markdown(t("memory.claim_reach"))
    st.caption(t("memory.honest"))
