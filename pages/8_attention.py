"""Attention (curriculum §6): an encoder–decoder trained live without and with attention, side by side; the
attention map of one example, the gradient reaching each encoder step, and accuracy against input length."""

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.cells import CELLS
from rnnviz.experiments import ATTENTION_LABELS, attention_comparison
from rnnviz.figures import (attention_animation, attention_heatmap, bottleneck_map, encoder_gradient, legend_below,
                            length_accuracy, training_curves)
from rnnviz.figures.attention import WORDS, relative_encoder_grad, strongest
from rnnviz.seq2seq import accuracy_by_length, record_seq2seq
from rnnviz.tasks import TASKS, make_task
from rnnviz.ui import control, describe, figure, live_training, memo, metric_name, page_setup, t

TASK_NAMES = ["reverse", "sort", "dates"]
MODES = ["additive", "dot", "general"]
LENGTHS = [4, 8, 12, 16, 20, 24, 32]
STEPS = [100, 200, 400, 800, 1600, 3200]
LENGTH_SAMPLES = 256  # fresh examples per length in the accuracy-by-length figure
SNAPSHOT_STEPS = 50  # the maps redraw every 50 steps (a few seconds), and the replay over training has even frames
MAX_TYPED = 80

settings = page_setup("attention")
words = {**settings.words, **{name: t(f"attention.fig.{name}") for name in WORDS}}  # every figure's words, translated
default = attention_comparison(seed=settings.seed, device=settings.device)[ATTENTION_LABELS["attention"]]
task_col, length_col, cell_col, mode_col, steps_col = st.columns([3, 3, 2, 2, 3])
task_name = control(task_col.selectbox, "attention.task", t("attention.task"), options=TASK_NAMES,
                    format_func=lambda name: t(f"attention.task.{name}"))
has_length = TASKS[task_name].length_param() is not None
length = control(length_col.select_slider, "attention.length", t("attention.length"), options=LENGTHS,
                 value=default.task_params.get("length", 16), disabled=not has_length, help=t("attention.length_help"))
cell = control(cell_col.selectbox, "attention.cell", t("attention.cell"), options=list(CELLS),
               format_func=lambda c: t(f"common.cell.{c}"), index=list(CELLS).index(default.cell))
mode = control(mode_col.selectbox, "attention.mode", t("attention.mode"), options=MODES,
               format_func=lambda m: t(f"attention.mode.{m}"), index=MODES.index(default.attention),
               help=t("attention.mode_help"))
steps = control(steps_col.select_slider, "attention.steps", t("attention.steps"),
                options=sorted({*STEPS, default.steps}), value=default.steps)

comparison = attention_comparison(length, seed=settings.seed, device=settings.device, task=task_name, attention=mode,
                                  cell=cell, steps=steps)
NONE, WITH = t("attention.model.none"), t("attention.model.with")
configs = {label: comparison[ATTENTION_LABELS[kind]].replace(snapshot_steps=SNAPSHOT_STEPS)  # how it is watched only
           for label, kind in ((NONE, "none"), (WITH, "attention"))}
task = make_task(task_name, **configs[WITH].task_params)
st.caption(describe(task))


def probe_traces(run, typed_ids) -> dict:
    """label → the Seq2SeqTrace shown: the latest snapshot, or the typed input replayed through the model now
    (with its right answer where the task can compute one, so the mistakes show)."""
    shown = {}
    for label, result in run.results.items():
        if result.snapshots:
            trace, model = result.snapshots[-1][1], result.model()
            if typed_ids is not None and model is not None:
                x = typed_ids[None]
                trace = record_seq2seq(model, task, x, task.answer(x) if hasattr(task, "answer") else None)
            shown[label] = trace
    return shown


def output_rows(trace, index: int) -> int:
    """How many output steps a map shows: the target's (EOS included), else what the model wrote."""
    return len(trace.target_tokens[index]) or max(len(trace.predicted_tokens[index]), 1)


def maps(shown: dict, index: int, out_step: int) -> list[tuple]:
    """(figure, caption, key, data) of both models' maps for one example: the weights, or the bottleneck."""
    out = []
    for label, trace in shown.items():
        source, target = trace.input_tokens[index], trace.target_tokens[index]
        predicted = trace.predicted_tokens[index]
        if trace.weights is None:
            fig = bottleneck_map(source, predicted, target, hidden_size=trace.encoder_states.shape[-1] or None,
                                 title=t("attention.bottleneck_title", label=label),
                                 note=t("attention.bottleneck_note"), projector=settings.projector, words=words)
            out.append((fig, t("attention.bottleneck_caption"), f"attention.map.{label}", None))
            continue
        rows = output_rows(trace, index)
        weights = trace.weights[index, :rows, :len(source)]
        fig = attention_heatmap(weights, source, predicted, target, title=t("attention.heat_title", label=label),
                                highlight=min(out_step, rows - 1), projector=settings.projector, words=words)
        data = pd.DataFrame([(i, j, weights[i, j]) for i in range(weights.shape[0]) for j in range(weights.shape[1])],
                            columns=["out_step", "in_step", "weight"])
        out.append((fig, t("attention.heat_caption"), f"attention.map.{label}", data))
    return out


def tex_number(x: float) -> str:
    """A positive number for LaTeX, in scientific notation when it is large: 143.9, 1.44 \\times 10^{6}."""
    mantissa, exponent = f"{x:.3g}".partition("e")[::2]
    return mantissa + (rf" \times 10^{{{int(exponent)}}}" if exponent else "")


def live_numbers(trace, index: int, out_step: int) -> None:
    """The equations of one output step with the attention model's own numbers: its three strongest terms."""
    source = trace.input_tokens[index]
    step = min(out_step, output_rows(trace, index) - 1)
    weights, scores = trace.weights[index, step, :len(source)], trace.scores[index, step, :len(source)]
    top = strongest(weights, 3)
    best = top[0]
    total = np.exp(scores[best]) / weights[best]  # Σ_k exp(e_tk), from the softmax itself
    st.latex(t("attention.live.softmax", t=step, j=best, e=scores[best], num=tex_number(np.exp(scores[best])),
               den=tex_number(total), value=weights[best]))
    terms = " + ".join(t("attention.live.term", value=weights[j], j=j) for j in top)
    st.latex(t("attention.live.context", t=step, terms=terms + (t("attention.live.rest") if len(source) > 3 else "")))
    columns = [t("attention.col.j"), t("attention.col.token"), t("attention.col.e"), t("attention.col.alpha")]
    rows = pd.DataFrame([(j, source[j], float(scores[j]), float(weights[j])) for j in top], columns=columns)
    st.dataframe(rows, hide_index=True, column_config={columns[2]: st.column_config.NumberColumn(format="%.2f"),
                                                        columns[3]: st.column_config.NumberColumn(format="%.3f")})
    st.caption(t("attention.live_caption", step=step))


def equations(trace, index: int, out_step: int) -> None:
    """Both notations side by side, then the numbers of the selected output step."""
    st.markdown(f"**{t('attention.equations', step=out_step)}**")
    bahdanau, ng, live = st.columns([3, 3, 4], gap="medium")
    bahdanau.caption(t("attention.notation_bahdanau"))
    bahdanau.latex(r"\begin{gathered}" + r"\\".join(t(k) for k in (f"attention.eq.{mode}", "attention.eq.softmax",
                                                                   "attention.eq.context")) + r"\end{gathered}")
    ng.caption(t("attention.notation_ng"))
    ng.latex(r"\begin{gathered}" + r"\\".join(t(f"attention.eq.ng.{k}") for k in ("score", "softmax", "context"))
             + r"\end{gathered}")
    with live:
        if trace is not None and trace.weights is not None:
            live_numbers(trace, index, out_step)
        else:
            st.info(t("attention.live_none"))
    st.caption(t("attention.eq.legend"))


def curves(run) -> None:
    histories = run.histories()
    for col, (label, result) in zip(st.columns(len(run.results)), run.results.items()):
        if result.rows:
            col.metric(t("attention.metric", label=label), f"{result.recent('metric'):.0%}")
    left, right = st.columns(2)
    if histories:
        fig = training_curves(histories, y_title=metric_name(task), title=t("attention.accuracy_title"),
                              projector=settings.projector, words=words)
        with left:
            figure(legend_below(fig), t("attention.accuracy_caption"), "attention.accuracy", data=histories)
    profiles, step = {}, 0
    for label, result in run.results.items():
        if result.snapshots:
            step, trace = result.snapshots[-1]
            profiles[label] = relative_encoder_grad(trace.encoder_grad, [len(x) for x in trace.input_tokens])
    if profiles:
        fig = encoder_gradient(profiles, title=t("attention.gradient_title", step=step), relative=True,
                               projector=settings.projector, words=words)
        with right:
            figure(legend_below(fig), t("attention.gradient_caption"), "attention.gradient", data=profiles)


def probe(run) -> int:
    """The probe controls, both maps and the live equations; returns the probe example shown."""
    st.subheader(t("attention.probe_header"))
    example_col, typed_col, step_col = st.columns([2, 3, 2])
    example = control(example_col.slider, "attention.example", t("attention.example"), min_value=0,
                      max_value=configs[WITH].probe_size - 1, value=0, help=t("attention.example_help"))
    typed = control(typed_col.text_input, "attention.typed", t("attention.typed"), value="", max_chars=MAX_TYPED,
                    help=t("attention.typed_help")).strip()
    out_step = control(step_col.slider, "attention.out_step", t("attention.out_step"), min_value=0,
                       max_value=task.out_len - 1, value=0, help=t("attention.out_step_help"))
    typed_ids = None
    if typed:
        try:
            typed_ids = task.encode_input(typed)
        except ValueError as exc:
            typed_col.warning(t("attention.typed_bad"), icon=":material/warning:")
            typed_col.text(str(exc))  # plain text: it may quote what was typed
    steps_now = tuple(r.snapshots[-1][0] if r.snapshots else -1 for r in run.results.values())
    key = (tuple(c.key() for c in configs.values()), steps_now, example, typed if typed_ids is not None else "")
    shown = memo(key, lambda: probe_traces(run, typed_ids), slot="attention.traces")
    if not shown:
        return example
    index = 0 if typed_ids is not None else example
    built = memo(key + (out_step, settings.projector, settings.lang), lambda: maps(shown, index, out_step),
                 slot="attention.maps")
    for col, (fig, caption, fig_key, data) in zip(st.columns(2, gap="medium"), built):
        with col:
            figure(fig, caption, fig_key, data=data)
    equations(shown.get(WITH), index, out_step)
    return example


def formed(result, example: int):
    """The attention map of one probe example at every snapshot kept, as an animation."""
    final = result.latest_trace
    source, target = final.input_tokens[example], final.target_tokens[example]
    frames = [(step, trace.weights[example, :len(target), :len(source)]) for step, trace in result.snapshots]
    return attention_animation(frames, source, target, projector=settings.projector, words=words)


def after_training(run, example: int) -> None:
    """Exact match of both trained models on shorter and longer inputs (evaluated once per finished run), and how
    the attention map of the probe example formed."""
    st.subheader(t("attention.length_header"))
    if not all(r.status == "done" for r in run.results.values()):
        st.caption(t("attention.length_wait"))
        return
    if has_length:  # every length from a quarter of the training length to twice it
        step = max(1, task.length // 4)
        lengths, trained = range(step, 2 * task.length + 1, step), (task.min_length, task.length)
        n, caption = LENGTH_SAMPLES, "attention.length_caption"
    else:  # dates: the lengths its formats produce, from one large sample
        lengths, trained = None, None
        n, caption = 8 * LENGTH_SAMPLES, "attention.length_caption_dates"

    def build():
        frames = {label: accuracy_by_length(r.model(), task, lengths, n=n, seed=settings.seed)
                  for label, r in run.results.items()}
        return frames, length_accuracy(frames, trained, title=t("attention.length_title"), projector=settings.projector,
                                       words=words)

    run_key = tuple(c.key() for c in configs.values())
    frames, fig = memo((run_key, settings.projector, settings.lang), build, slot="attention.length")
    left, right = st.columns(2, gap="medium")
    with left:
        figure(legend_below(fig), t(caption, n=n), "attention.by_length", data=frames)
    with right:
        result = run.results[WITH]
        anim = memo((run_key, example, settings.projector, settings.lang), lambda: formed(result, example),
                    slot="attention.formed")
        figure(anim, t("attention.formed_caption"), "attention.formed")
    st.markdown(t("attention.why"))


def draw(run) -> None:
    curves(run)
    after_training(run, probe(run))


live_training("attention.run", configs, draw, button=t("attention.button"))

with st.container(border=True):
    st.markdown(f"**{t('attention.measured')}**")
    st.markdown(t("attention.claim_default", length=default.task_params["length"],
                  cell=t(f"common.cell.{default.cell}"), steps=default.steps))
    st.caption(t("attention.honest"))
