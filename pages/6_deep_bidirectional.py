"""Deep & bidirectional RNNs (curriculum §5): a unidirectional and a bidirectional model trained side by side
on a task whose label depends on the future, and a look inside every layer and direction."""

import pandas as pd
import streamlit as st

from rnnviz.cells import CELLS, GATES, TORCH_CLASSES
from rnnviz.figures import grad_flow, state_heatmap, training_curves
from rnnviz.figures.style import GATE_COLORS
from rnnviz.tasks import make_task
from rnnviz.experiments import BIDIRECTIONAL_TASKS, bidirectional_comparison
from rnnviz.ui import control, describe, figure, live_training, memo, metric_name, page_setup, t

EXAMPLE = 0  # which probe sequence the heatmaps show

settings = page_setup("deep")
task_col, cell_col, layers_col, steps_col = st.columns([3, 3, 2, 2])
task_name = control(task_col.selectbox, "deep.task", t("deep.task"), options=list(BIDIRECTIONAL_TASKS),
                    format_func=lambda name: t(f"common.task.{name}"))
cell = control(cell_col.segmented_control, "deep.cell", t("deep.cell"), options=list(CELLS),
               format_func=lambda c: t(f"common.cell.{c}"), default="lstm", required=True)
layers = control(layers_col.slider, "deep.layers", t("deep.layers"), min_value=1, max_value=3, value=1,
                 help=t("deep.layers_help"))
steps = control(steps_col.select_slider, "deep.steps", t("deep.steps"), options=[20, 50, 100, 200, 400], value=200)

configs_by_direction = bidirectional_comparison(task_name, cell, layers, steps, seed=settings.seed,
                                                device=settings.device)
hidden = configs_by_direction[True].hidden_size
task = make_task(task_name, **BIDIRECTIONAL_TASKS[task_name])
st.caption(describe(task))


@st.cache_data
def parameter_table(cell: str, layers: int, hidden: int, input_size: int, output_size: int) -> pd.DataFrame:
    """Name, shape and role of every parameter of the bidirectional model, read off a fresh torch module."""
    rnn = TORCH_CLASSES[cell](input_size, hidden, num_layers=layers, bidirectional=True, batch_first=True)
    rows = []
    for name, p in rnn.named_parameters():
        kind, index = name.rsplit("_l", 1)
        layer = int(index.split("_")[0]) + 1
        arrow, step = ("←", "+1") if name.endswith("_reverse") else ("→", "−1")
        below = t("deep.below_input") if layer == 1 else t("deep.below_layer", layer=layer - 1)
        role = t("deep.role.bias" if kind.startswith("bias") else f"deep.role.{kind}", layer=layer, arrow=arrow,
                 step=step, below=below)
        rows.append((name, tuple(p.shape), role))
    rows += [("head.weight", (output_size, 2 * hidden), t("deep.role.head_weight")),
             ("head.bias", (output_size,), t("deep.role.head_bias"))]
    return pd.DataFrame(rows, columns=[t("deep.param"), t("deep.shape"), t("deep.role")])


eq_left, eq_right = st.columns(2)
eq_left.latex(t("deep.eq_brnn"))
eq_left.caption(t("deep.eq_brnn_text"))
eq_right.latex(t("deep.eq_deep"))
eq_right.caption(t("deep.eq_deep_text"))
with st.expander(t("deep.equations")):
    st.markdown(t("deep.params_text", cell=t(f"common.cell.{cell}"), layers=layers, hidden=hidden))
    if GATES[cell]:
        st.markdown(t("deep.params_gates", gates=", ".join(GATES[cell]), count=len(GATES[cell]), hidden=hidden))
    st.dataframe(parameter_table(cell, layers, hidden, task.input_size, task.output_size), hide_index=True)

labels = {False: t("deep.uni", cell=t(f"common.cell.{cell}")), True: t("deep.bi", cell=t(f"common.cell.{cell}"))}
configs = {labels[bi]: config for bi, config in configs_by_direction.items()}
directions = {0: t("deep.forward"), 1: t("deep.backward")}


def accuracy(run):
    histories = run.histories()
    fig = training_curves(histories, y_title=metric_name(task), chance=task.chance, projector=settings.projector,
                          words=settings.words, title=t("deep.accuracy_title", metric=metric_name(task)))
    if task_name == "lookahead":  # the chance line is also the best any model that reads only the past can do
        fig.data[-1].name = t("deep.ceiling", value=task.chance)
    figure(fig, t(f"deep.accuracy_caption_{task_name}"), "deep.accuracy", data=histories)


def inside(result, step, trace) -> list[tuple]:
    """(figure, caption, key, data) for the hidden-state heatmap of every layer and direction, then the
    gradient-flow profile of each."""
    vocabulary = task.token_labels()
    tokens = [vocabulary[i] for i in result.probe.x[EXAMPLE].tolist()]
    shown = []
    for layer in range(trace.num_layers):
        for direction in range(trace.num_directions):
            states = trace.get("h", layer, direction)[EXAMPLE]
            fig = state_heatmap(states, tokens, projector=settings.projector, words=settings.words, title=t(
                "deep.heat_title", layer=layer + 1, direction=directions[direction]))
            fig.update_layout(height=300, margin_t=60, margin_b=50)
            kind = "backward" if direction else "forward_deep" if layer and trace.num_directions == 2 else "forward"
            shown.append((fig, t(f"deep.heat.{task_name}.{kind}"), f"deep.h.{layer}.{direction}",
                          pd.DataFrame(states).rename_axis("t").reset_index()))
    profiles, styles = {}, {}
    for layer in range(trace.num_layers):
        for direction in range(trace.num_directions):
            label = t("deep.flow_label", layer=layer + 1, direction=directions[direction])
            profiles[label] = trace.grad_norms(layer, direction)
            styles[label] = (GATE_COLORS[layer], "dot" if direction else "solid")
    fig = grad_flow(profiles, title=t("deep.flow_title", step=step), projector=settings.projector, words=settings.words)
    for line in fig.data:  # colour by layer, dash by direction
        color, dash = styles[line.legendgroup]
        line.line.color, line.line.dash, line.marker.color = color, dash, color
    shown.append((fig, t("deep.flow_caption"), "deep.flow", profiles))
    return shown


def draw(run):
    accuracy(run)
    st.subheader(t("deep.inside"))
    view = control(st.segmented_control, "deep.view", t("deep.view"), options=["bi", "uni"], default="bi",
                   required=True, format_func=lambda v: t(f"deep.view.{v}"))
    result = run.results[labels[view == "bi"]]
    if result.snapshots:
        step, trace = result.snapshots[-1]
        note = "deep.inside_step" if task_name == "lookahead" else "deep.inside_step_recall"
        st.caption(t(note, example=EXAMPLE, step=step))
        shown = memo((result.config.key(), step, settings.projector), lambda: inside(result, step, trace), slot="deep")
        for fig, caption, key, data in shown:
            figure(fig, caption, key, data=data)


live_training("deep.run", configs, draw, button=t("deep.button"))
st.caption(t("deep.honest"))
