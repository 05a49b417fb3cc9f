"""Training lab: every option of the engine in one place, the run's live curves, and a table of the
session's finished runs to compare."""

import pandas as pd
import streamlit as st

from rnnviz import checkpoint
from rnnviz.cells import CELLS
from rnnviz.experiments import gradient_profiles
from rnnviz.export import run_zip
from rnnviz.figures import grad_flow, grad_norm_curve, training_curves
from rnnviz.init import W_HH_SCHEMES
from rnnviz.model import ENCODINGS
from rnnviz.seq2seq import ATTENTIONS, Seq2SeqTrace
from rnnviz.tasks import TASKS, make_task
from rnnviz.train import OPTIMIZERS, TrainConfig
from rnnviz.ui import control, figure, live_training, metric_name, page_setup, plain, t

# Each task's inputs come from its PARAMS (text parameters excepted: the lab learns the bundled text).
# The engine accepts sequences up to 2000 steps; the lab stops at 500 so that one snapshot (a step-by-step
# float64 replay, during which Stop waits) stays under ~7 s even for 4 bidirectional layers of 256 units
# (measured on one CPU thread).  The lab starts short tasks shorter than the engine's defaults, so the
# default run succeeds within its 300 steps.
MAX_LENGTH = 500
# Continuing a checkpoint: its model, and these settings of the lab's (how to train, not what).
TRAINING_FIELDS = ("optimizer", "lr", "clip", "batch_size", "steps", "seed", "device", "threads", "snapshot_seconds",
                   "snapshot_steps", "probe_size")
LAB_DEFAULTS = {"recall": {"distance": 10}, "adding": {"length": 50}}
HIDDEN_SIZES = [2, 4, 8, 16, 32, 64, 128, 256]
BATCH_SIZES = [1, 4, 16, 32, 64, 128, 256, 512]
LEARNING_RATES = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0]
GATE_BIASES = ["none", "number", "chrono"]


@st.cache_data
def reads_tokens(task_name: str) -> bool:
    return make_task(task_name).vocab_size is not None


def is_seq2seq(task_name: str) -> bool:
    return TASKS[task_name].shape == "seq2seq"


settings = page_setup("lab")
task_box, model_box, train_box = (column.container(border=True) for column in st.columns(3))

with task_box:
    st.markdown(f"**{t('lab.task_box')}**")
    task_name = control(st.selectbox, "lab.task", t("lab.task"), options=list(TASKS),
                        format_func=lambda name: t(f"common.task.{name}"))
    task_params = {p.name: control(st.number_input, f"lab.{task_name}.{p.name}", t(f"param.{p.name}"),
                                   min_value=p.low, max_value=min(p.high, MAX_LENGTH) if p.length else p.high,
                                   value=LAB_DEFAULTS.get(task_name, {}).get(p.name, p.default),
                                   step=0.01 if p.kind is float else 1, help=t(f"task.{task_name}.{p.name}_help"))
                   for p in TASKS[task_name].PARAMS if p.kind is not str}
    tokens = reads_tokens(task_name)

with model_box:
    st.markdown(f"**{t('lab.model_box')}**")
    cell = control(st.segmented_control, "lab.cell", t("lab.cell"), options=list(CELLS), default="lstm",
                   required=True, format_func=lambda c: t(f"common.cell.{c}"))
    layers = control(st.slider, "lab.layers", t("lab.layers"), min_value=1, max_value=4, value=1)
    hidden = control(st.select_slider, "lab.hidden", t("lab.hidden"), options=HIDDEN_SIZES, value=32)
    bidirectional = control(st.toggle, "lab.bidirectional", t("lab.bidirectional"), value=False)
    nonlinearity = control(st.segmented_control, "lab.nonlinearity", t("lab.nonlinearity"), options=["tanh", "relu"],
                           default="tanh", required=True, disabled=cell != "rnn", help=t("lab.nonlinearity_help"))
    encoding = control(st.segmented_control, "lab.encoding", t("lab.encoding"), options=list(ENCODINGS),
                       default="onehot", required=True, disabled=not tokens, help=t("lab.encoding_help"),
                       format_func=lambda e: t(f"lab.encoding.{e}"))
    attention = control(st.segmented_control, "lab.attention", t("lab.attention"), options=list(ATTENTIONS),
                        default="none", required=True, disabled=not is_seq2seq(task_name), help=t("lab.attention_help"))
    init = control(st.selectbox, "lab.init", t("lab.init"), options=list(W_HH_SCHEMES), help=t("lab.init_help"))
    init_scale = control(st.number_input, "lab.init_scale", t("lab.init_scale"), min_value=0.0, max_value=100.0,
                         value=1.0, step=0.1, disabled=init == "default")

with train_box:
    st.markdown(f"**{t('lab.training_box')}**")
    bias_mode = control(st.segmented_control, "lab.gate_bias", t("lab.gate_bias"), options=GATE_BIASES,
                        default="none", required=True, help=t("lab.gate_bias_help"),
                        format_func=lambda b: t(f"lab.gate_bias.{b}"))
    gate_bias = {"none": None, "chrono": "chrono"}.get(bias_mode)
    if bias_mode == "number":
        gate_bias = control(st.number_input, "lab.gate_bias_value", t("lab.gate_bias_value"), min_value=-50.0,
                            max_value=50.0, value=1.0, step=0.5)
    optimizer = control(st.segmented_control, "lab.optimizer", t("lab.optimizer"), options=list(OPTIMIZERS),
                        default="adam", required=True)
    lr = control(st.select_slider, "lab.lr", t("lab.lr"), options=LEARNING_RATES, value=3e-3,
                 format_func=lambda v: f"{v:g}")
    clip_on = control(st.toggle, "lab.clip", t("lab.clip"), value=True, help=t("lab.clip_help"))
    clip = control(st.number_input, "lab.clip_value", t("lab.clip_value"), min_value=0.0, max_value=1e6, value=1.0,
                   step=0.5, disabled=not clip_on)
    batch = control(st.select_slider, "lab.batch", t("lab.batch"), options=BATCH_SIZES, value=64)
    steps = control(st.number_input, "lab.steps", t("lab.steps"), min_value=1, max_value=20000, value=300, step=50)

try:
    config = TrainConfig(
        task=task_name, task_params=task_params, cell=cell, hidden_size=hidden, num_layers=layers,
        bidirectional=bidirectional, nonlinearity=nonlinearity if cell == "rnn" else "tanh",
        encoding=encoding if tokens else "onehot", init=init, init_scale=init_scale if init != "default" else 1.0,
        gate_bias=gate_bias, optimizer=optimizer, lr=lr, clip=clip if clip_on else None, batch_size=batch,
        steps=int(steps), seed=settings.seed, device=settings.device,
        attention=attention if is_seq2seq(task_name) else "none")
except ValueError as exc:
    st.error(t("common.bad_input", message=plain(str(exc))))
    config = None


def summary(c: TrainConfig) -> str:
    """One line that names every setting of a run."""
    params = ", ".join(f"{k}={v if len(str(v)) <= 24 else str(v)[:20] + '…'}" for k, v in c.task_params.items())
    return t("lab.summary", task=f"{c.task}({params})", cell=c.cell, bi=t("lab.bi") if c.bidirectional else "",
             layers=c.num_layers, hidden=c.hidden_size, nonlinearity=f" {c.nonlinearity}" if c.cell == "rnn" else "",
             encoding=c.encoding, init=c.init if c.init == "default" else f"{c.init}×{c.init_scale:g}",
             bias=t("lab.off") if c.gate_bias is None else c.gate_bias, optimizer=c.optimizer, lr=c.lr,
             clip=t("lab.off") if c.clip is None else f"{c.clip:g}", batch=c.batch_size, seed=c.seed)


def draw(run):
    (label, result), = run.results.items()
    task = result.task
    histories = {label: result.history()}
    left, right = st.columns(2)
    with left:
        figure(training_curves(histories, y="loss", higher_is_better=False, title=t("lab.loss_title"),
                               projector=settings.projector, words=settings.words), t("lab.loss_caption"), "lab.loss",
               data=histories)
        figure(grad_norm_curve(histories, clip=result.config.clip, projector=settings.projector, words=settings.words),
               t("lab.norm_caption"), "lab.norm", data=histories)
    with right:
        figure(training_curves(histories, y_title=metric_name(task), chance=task.chance,
                               higher_is_better=task.higher_is_better, projector=settings.projector,
                               words=settings.words),
               t("lab.metric_caption"), "lab.metric", data=histories)
        if result.snapshots:
            step, trace = result.snapshots[-1]
            if isinstance(trace, Seq2SeqTrace):  # the encoder's ‖∂L/∂h_j‖, both directions together
                profiles = {label: trace.encoder_grad_norms()}
            else:
                profiles = gradient_profiles(trace, label)
                if trace.num_directions == 2:
                    profiles[t("lab.backward", label=label)] = trace.grad_norms(direction=1)
            figure(grad_flow(profiles, title=t("lab.flow_title", step=step), projector=settings.projector,
                             words=settings.words),
                   t("lab.flow_caption"), "lab.flow", data=profiles)


def remember(run) -> None:
    """Add each finished result of the run to the session's table (once per setting and outcome) and to the
    runs compared."""
    past = st.session_state.setdefault("lab.runs", [])
    for label, result in run.results.items():
        key = (result.config.key(), result.status, result.step, result.from_checkpoint)
        if not result.finished or any(entry["key"] == key for entry in past):
            continue
        history = result.history()
        last = history.iloc[-1] if len(history) else pd.Series(dtype=float)
        name = f"#{len(past) + 1} {label}"
        past.append({"key": key, "name": name, "history": history, "row": {
            t("lab.col.run"): name, t("lab.col.loss"): last.get("loss"), t("lab.col.metric"): last.get("metric"),
            t("lab.col.metric_name"): metric_name(result.task),
            t("lab.col.steps"): result.step, t("lab.col.seconds"): last.get("elapsed"),
            t("lab.col.status"): t(f"common.status.{result.status}"), t("lab.col.settings"): summary(result.config)}})
        st.session_state["lab.compare"] = [*st.session_state.get("lab.compare", []), name]  # drawn at once


def run_label(c: TrainConfig) -> str:
    return t("lab.run_label", cell=t(f"common.cell.{c.cell}"), layers=c.num_layers, hidden=c.hidden_size,
             bi=t("lab.run_bi") if c.bidirectional else "")


continued = st.session_state.get("lab.continue")  # (file name, Checkpoint): set by the upload's Continue button
if config is not None and continued is None:
    run = live_training("lab.run", {run_label(config): config}, draw)
    remember(run)
elif config is not None:
    name, loaded = continued
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.info(t("lab.continuing", name=plain(name), summary=plain(summary(loaded.config)), step=loaded.step))
    right.button(t("lab.afresh"), key="lab.afresh", on_click=st.session_state.pop, args=("lab.continue", None))
    label = t("lab.continued_label", label=run_label(loaded.config))
    resumed = loaded.config.replace(**{field: getattr(config, field) for field in TRAINING_FIELDS})
    run = live_training("lab.run", {label: resumed}, draw, weights={label: loaded.state})
    remember(run)


def uploaded(upload) -> checkpoint.Checkpoint | str:
    """The uploaded file as a checkpoint, or why it is not one; read once per upload."""
    kept = st.session_state.get("lab.uploaded")
    if kept is None or kept[0] != upload.file_id:
        try:
            kept = (upload.file_id, checkpoint.load(upload.getvalue()))
        except checkpoint.CheckpointError as exc:
            kept = (upload.file_id, str(exc))
        st.session_state["lab.uploaded"] = kept
    return kept[1]


def checkpoint_panel(run) -> None:
    """Download the current model as a checkpoint and the run as one zip; upload a checkpoint to see what it
    holds.  A file that is not a usable checkpoint shows why and changes nothing."""
    st.subheader(t("lab.checkpoint"))
    st.caption(t("lab.checkpoint_intro"))
    result = next(iter(run.results.values())) if run is not None else None
    model = result.model() if result is not None else None
    left, right = st.columns(2)
    with left:
        if model is None:
            st.caption(t("lab.checkpoint_none"))
        else:  # a continued checkpoint counts the updates it had before
            step = result.model_step + (continued[1].step if result.from_checkpoint and continued else 0)
            st.download_button(t("lab.download_checkpoint"), lambda: checkpoint.to_bytes(model, result.config, step),
                               "rnnviz_model.pt", "application/octet-stream", key="lab.checkpoint_pt",
                               on_click="ignore")
            st.download_button(t("lab.download_zip"),
                               lambda: run_zip(result.config, result.history(), result.snapshots, model, step),
                               "rnnviz_run.zip", "application/zip", key="lab.run_zip", on_click="ignore")
    with right:
        upload = st.file_uploader(t("lab.upload"), type=["pt", "pth"], key="lab.upload", help=t("lab.upload_help"))
        if upload is not None:
            loaded = uploaded(upload)
            if isinstance(loaded, str):
                st.error(t("lab.upload_refused", name=plain(upload.name), message=plain(loaded)))
            else:
                st.success(t("lab.upload_loaded", name=plain(upload.name), summary=plain(summary(loaded.config)),
                             step=loaded.step, parameters=sum(v.numel() for v in loaded.state.values())))
                st.button(t("lab.continue"), key="lab.continue_button", on_click=st.session_state.__setitem__,
                          args=("lab.continue", (upload.name, loaded)))


checkpoint_panel(run if config is not None else None)

st.subheader(t("lab.history"))
past = st.session_state.get("lab.runs", [])
if not past:
    st.caption(t("lab.history_empty"))
else:
    table = pd.DataFrame([entry["row"] for entry in past])
    st.dataframe(table, hide_index=True)
    st.download_button(t("lab.download_table"), table.to_csv(index=False), "rnnviz_runs.csv", "text/csv",
                       key="lab.table_csv", on_click="ignore")
if len(past) > 1:
    names = [entry["name"] for entry in past]
    chosen = st.multiselect(t("lab.compare"), names, key="lab.compare", help=t("lab.compare_help"))
    histories = {entry["name"]: entry["history"] for entry in past if entry["name"] in chosen}
    if histories:
        left, right = st.columns(2)
        with left:
            figure(training_curves(histories, y="loss", higher_is_better=False, title=t("lab.loss_title"),
                                   projector=settings.projector, words=settings.words),
                   t("lab.compare_loss_caption"), "lab.compare_loss", data=histories)
        with right:
            figure(training_curves(histories, y_title=t("lab.col.metric_name"), projector=settings.projector,
                                   words=settings.words),
                   t("lab.compare_metric_caption"), "lab.compare_metric", data=histories)
