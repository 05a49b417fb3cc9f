"""Gradient flow: vanilla RNN vs LSTM vs GRU, trained side by side — the headline demo (curriculum §2–3)."""

import math

import streamlit as st

from rnnviz.experiments import GATE_INITS, HEADLINE_INIT, cell_comparison, gradient_profiles
from rnnviz.figures import grad_flow, grad_flow_animation, legend_below, training_curves
from rnnviz.tasks import make_task
from rnnviz.ui import control, figure, live_training, metric_name, page_setup, t

settings = page_setup("flow")
left, middle, right = st.columns([3, 2, 2])
distance = control(left.slider, "flow.distance", t("flow.distance"), min_value=10, max_value=200, value=100, step=10,
                   help=t("flow.distance_help"))
gate_init = control(middle.selectbox, "flow.init", t("flow.init"), options=list(GATE_INITS),
                    index=list(GATE_INITS).index(HEADLINE_INIT), format_func=lambda k: t(f"flow.init.{k}"),
                    help=t("flow.init_help"))
steps = control(right.select_slider, "flow.steps", t("flow.steps"), options=[200, 400, 800, 1600], value=800,
                help=t("flow.steps_help"))

configs = cell_comparison(distance, gate_init, steps=steps, seed=settings.seed, device=settings.device)
task = make_task("recall", **next(iter(configs.values())).task_params)


def draw(run):
    """Accuracy and gradient flow side by side (one screen on a projector), the animation below."""
    histories = run.histories()
    cols = st.columns(len(run.results))
    for col, (label, result) in zip(cols, run.results.items()):
        if result.rows:
            col.metric(t("flow.metric_acc", label=label), f"{result.recent('metric'):.0%}")
    left, right = st.columns(2)
    if histories:
        fig = training_curves(histories, chance=task.chance, y_title=metric_name(task),
                              title=t("flow.accuracy_title", chance=task.chance), projector=settings.projector,
                              words=settings.words)
        with left:
            figure(legend_below(fig), t("flow.accuracy_caption"), "flow.accuracy", data=histories)
    profiles, step = {}, 0
    for label, result in run.results.items():
        if result.snapshots:
            step, trace = result.snapshots[-1]
            profiles.update(gradient_profiles(trace, label))
    if profiles:
        fig = grad_flow(profiles, title=t("flow.flow_title", step=step), annotate_ratio=True,
                        projector=settings.projector, words=settings.words)
        with right:
            figure(legend_below(fig), t("flow.flow_caption"), "flow.gradients", data=profiles)
    if run.finished and all(len(r.snapshots) > 1 for r in run.results.values()):
        series = {}
        for label, result in run.results.items():
            for step, trace in result.snapshots:
                for name, profile in gradient_profiles(trace, label).items():
                    series.setdefault(name, []).append((step, profile))
        figure(grad_flow_animation(series, title=t("flow.anim_title"), projector=settings.projector,
                                   words=settings.words),
               t("flow.anim_caption"), "flow.animation")


live_training("flow.run", configs, draw, button=t("flow.button"))




def forget_gate_start(gate_init: str) -> float:
    """Where the forget gate starts: σ(bias), or for chrono its slowest unit, σ(log(T − 1)) = (T − 1) / T."""
    bias = GATE_INITS[gate_init]
    if bias == "chrono":
        return distance / (distance + 1)  # the task has T = distance + 1 steps
    return 1 / (1 + math.exp(-(bias or 0.0)))


with st.container(border=True):
    st.markdown(f"**{t('flow.why_title')}**")
    st.markdown(t("flow.vanilla_why", distance=distance))
    f = forget_gate_start(gate_init)
    st.markdown(t(f"flow.why.{gate_init}", distance=distance, highway=f ** distance, f_max=f, longest=distance))
    st.markdown(t("flow.h_vs_c"))
    st.caption(t("flow.honest"))
