"""Inside the gates: what the forget-gate bias does to gradient flow at initialisation, then an LSTM or GRU
trained live with that bias, its gates as heatmaps and how often they saturate (curriculum §3)."""

import numpy as np
import pandas as pd
import streamlit as st
import torch

from rnnviz.analysis import saturation
from rnnviz.experiments import CELL_LABELS, gate_bias_run, gradient_profiles
from rnnviz.figures import gate_heatmaps, grad_flow, saturation_scatter
from rnnviz.figures.states import PANELS, SIGMOID_GATES
from rnnviz.record import record
from rnnviz.tasks import make_task
from rnnviz.train import TrainConfig, Training
from rnnviz.ui import control, describe, figure, live_training, memo, metric_name, page_setup, plain, t

GATE_TASKS = ["recall", "adding", "charlm"]
BIASES = [0.0, 1.0, 2.0, 4.0]

MAX_TYPED = 400  # characters of a typed probe: its replay and five heatmaps stay instant

settings = page_setup("gates")
controls, equations = st.columns([2, 3], gap="large")
with controls:
    cell = control(st.radio, "gates.cell", t("gates.cell"), options=["lstm", "gru"], horizontal=True,
                   format_func=lambda c: t(f"common.cell.{c}"))
    task_name = control(st.selectbox, "gates.task", t("gates.task"), options=GATE_TASKS,
                        format_func=lambda name: t(f"common.task.{name}"))
    length = control(st.slider, "gates.length", t("gates.length"), min_value=5, max_value=100, value=20, step=5,
                     help=t("gates.length_help"))
    left, right = st.columns(2)
    hidden = control(left.select_slider, "gates.hidden", t("gates.hidden"), options=[8, 16, 32], value=16)
    steps = control(right.select_slider, "gates.steps", t("gates.steps"), options=[50, 100, 200, 400, 800, 1600],
                    value=800)
with equations:
    other = "gru" if cell == "lstm" else "lstm"
    st.markdown(f"**{t('gates.equations')}**")
    st.latex(t(f"gates.eq.{cell}"))
    if cell == "lstm":
        st.caption(t("gates.names.lstm"))
    else:
        st.info(t("gates.names.gru"))
    with st.expander(t("gates.other_equations", cell=t(f"common.cell.{other}"))):
        st.latex(t(f"gates.eq.{other}"))


@st.cache_data(max_entries=64, show_spinner=False)
def init_profiles(key: str, _config: TrainConfig) -> dict[str, np.ndarray]:
    """‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) on the probe batch of the untrained model built by `_config`."""
    label = CELL_LABELS[_config.cell]
    profiles = gradient_profiles(Training(_config).snapshot(), label)
    return {(f"{label} ‖∂L/∂h_t‖" if name == label else name): values for name, values in profiles.items()}


st.subheader(t("gates.bias_header"))
slider_col, text_col = st.columns([2, 3], gap="large")
bias = control(slider_col.select_slider, "gates.bias", t("gates.bias"), options=BIASES, value=2.0,
               format_func=lambda b: f"{b:+g}", help=t("gates.bias_help"))
text_col.markdown(t("gates.bias_intro" if cell == "lstm" else "gates.bias_intro_gru"))
config = gate_bias_run(cell, task_name, length, hidden, steps, bias, seed=settings.seed, device=settings.device)
task = make_task(task_name, **config.task_params)
at_init = {b: config.replace(steps=0, device="cpu", gate_bias=b) for b in BIASES}
by_bias = {b: init_profiles(c.key(), c) for b, c in at_init.items()}
profiles = by_bias[bias]
fig = grad_flow(profiles, title=t("gates.bias_title" if cell == "lstm" else "gates.bias_title_gru", bias=bias),
                annotate_ratio=True, projector=settings.projector, words=settings.words)
positive = np.concatenate([p[p > 0] for found in by_bias.values() for p in found.values()])
if positive.size:  # one axis for every bias: the tilt is the lesson
    fig.update_yaxes(range=[np.floor(np.log10(positive.min())) - 0.3, np.log10(positive.max()) + 0.3])
caption = t("gates.bias_caption") + (" " + t("gates.bias_every_step") if task.shape == "many_to_many" else "")
figure(fig, caption, key="gates.bias_flow", data=pd.DataFrame({"t": np.arange(task.seq_len), **profiles}))
st.caption(t("gates.bias_honest"))


def typed_ids(text: str) -> torch.Tensor:
    """The typed probe as token ids; ValueError (with the page's message) for tokens outside the vocabulary."""
    if task_name == "charlm":
        return task.encode(text)
    names = {}
    for i, name in enumerate(task.token_labels()):  # "A".."D" and "·0".."·3"; accept "b" and "3" too
        names.update({name: i, name.lower(): i, name.lstrip("·"): i})
    tokens = text.replace(",", " ").split()
    unknown = [tok for tok in tokens if tok not in names]
    if unknown:
        raise ValueError(t("gates.typed_unknown", tokens=" ".join(unknown), allowed=", ".join(task.token_labels())))
    return torch.tensor([names[tok] for tok in tokens], dtype=torch.long)


def token_names(x: torch.Tensor) -> list[str]:
    """Tick labels of one input sequence: its tokens, or for the adding task the marked values."""
    if task.vocab_size:
        labels = task.token_labels()
        return [labels[i] for i in x.tolist()]
    return [f"{value:.2f}" if marked else "·" for value, marked in x.tolist()]


st.subheader(t("gates.train_header"))
st.markdown(describe(task))
left, right = st.columns(2)
example = control(left.slider, "gates.example", t("gates.example"), min_value=0, max_value=config.probe_size - 1,
                  value=0, help=t("gates.example_help"))
typed = ""
if task_name == "adding":
    right.caption(t("gates.typed_help.adding"))
else:
    help_text = t(f"gates.typed_help.{task_name}", last_symbol=chr(ord("A") + getattr(task, "n_symbols", 1) - 1),
                  last_distractor=getattr(task, "n_distractors", 1) - 1)
    typed = control(right.text_input, "gates.typed", t("gates.typed"), value="", help=help_text,
                    max_chars=MAX_TYPED).strip()
probe = task.probe_batch(config.probe_size)
ids = None
if typed:
    try:
        ids = typed_ids(typed)
    except ValueError as exc:
        right.warning(t("common.bad_input", message=plain(str(exc))))


def inside(result, trace) -> tuple:
    """(heatmaps, their data, saturation scatter, its data) of the latest snapshot, for the chosen example
    or the typed sequence replayed through the model as it is now."""
    shown, index, tokens = trace, example, token_names(probe.x[example])
    model = result.model()
    if ids is not None and len(ids) and model is not None:
        with torch.no_grad():
            x = model.encode(ids.to(next(model.parameters()).device)[None])
        shown, index, tokens = record(model.rnn, x, probe=("states", "gates")), 0, token_names(ids)
    frame = shown.to_frame(index)
    rows = []
    for gate in SIGMOID_GATES[cell]:
        low, high = saturation(trace.get(gate))
        rows += [(gate, unit, lo, hi) for unit, (lo, hi) in enumerate(zip(low, high))]
    return (gate_heatmaps(shown, index, tokens=tokens, projector=settings.projector, words=settings.words),
            frame[frame.quantity.isin([q for q, _ in PANELS[cell]])],
            saturation_scatter(trace, projector=settings.projector, words=settings.words),
            pd.DataFrame(rows, columns=["gate", "unit", "below_0.1", "above_0.9"]))


def draw(run):
    result = run.results[CELL_LABELS[cell]]
    if result.rows:
        metric = result.recent("metric")
        st.caption(t("gates.progress", step=result.step, metric_name=metric_name(task), metric=metric, chance=task.chance))
    if not result.snapshots:
        return
    step, trace = result.snapshots[-1]
    heat, heat_data, scatter, scatter_data = memo((config.key(), step, example, typed, settings.projector),
                                                  lambda: inside(result, trace), slot="gates")
    figure(heat, t(f"gates.heatmaps_caption.{cell}"), key="gates.heatmaps", data=heat_data)
    figure(scatter, t("gates.saturation_caption"), key="gates.saturation", data=scatter_data)


live_training("gates.run", {CELL_LABELS[cell]: config}, draw)
