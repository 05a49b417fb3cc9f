"""Gradient flow: vanilla RNN vs LSTM vs GRU, trained side by side — the headline demo (curriculum §2–3)."""

import streamlit as st
import torch

from rnnviz.experiments import REMEMBER_BIAS, cell_comparison, gradient_profiles
from rnnviz.figures import grad_flow, grad_flow_animation, legend_below, training_curves
from rnnviz.tasks import make_task
from rnnviz.ui import control, figure, live_training, page_setup, t

settings = page_setup("flow")
left, middle, right = st.columns([3, 2, 2])
distance = control(left.slider, "flow.distance", t("flow.distance"), min_value=10, max_value=200, value=100, step=10,
                   help=t("flow.distance_help"))
remember = control(middle.toggle, "flow.remember", t("flow.remember"), value=True, help=t("flow.remember_help"))
task_name = control(right.selectbox, "flow.task", t("flow.task"), options=["recall", "adding"],
                    format_func=lambda name: t(f"common.task.{name}"))
steps = control(right.select_slider, "flow.steps", t("flow.steps"), options=[100, 200, 400, 800], value=400)

configs = cell_comparison(distance, remember, task_name, steps, seed=settings.seed, device=settings.device)
task = make_task(task_name, **next(iter(configs.values())).task_params)


def draw(run):
    """Accuracy and gradient flow side by side (one screen on a projector), the animation below."""
    histories = run.histories()
    cols = st.columns(len(run.results))
    for col, (label, result) in zip(cols, run.results.items()):
        if result.rows:
            col.metric(t("flow.metric_acc", label=label), f"{result.recent('metric'):.0%}")
    left, right = st.columns(2)
    if histories:
        fig = training_curves(histories, chance=task.chance, y_title=task.metric_name,
                              title=t("flow.accuracy_title", chance=task.chance), projector=settings.projector)
        with left:
            figure(legend_below(fig), t("flow.accuracy_caption"), "flow.accuracy", data=histories)
    profiles, step = {}, 0
    for label, result in run.results.items():
        if result.snapshots:
            step, trace = result.snapshots[-1]
            profiles.update(gradient_profiles(trace, label))
    if profiles:
        fig = grad_flow(profiles, title=t("flow.flow_title", step=step), annotate_ratio=True,
                        projector=settings.projector)
        with right:
            figure(legend_below(fig), t("flow.flow_caption"), "flow.gradients", data=profiles)
    if run.finished and all(len(r.snapshots) > 1 for r in run.results.values()):
        series = {}
        for label, result in run.results.items():
            for step, trace in result.snapshots:
                for name, profile in gradient_profiles(trace, label).items():
                    series.setdefault(name, []).append((step, profile))
        figure(grad_flow_animation(series, title=t("flow.anim_title"), projector=settings.projector),
               t("flow.anim_caption"), "flow.animation")


live_training("flow.run", configs, draw, button=t("flow.button"))

with st.container(border=True):
    st.markdown(f"**{t('flow.why_title')}**")
    if remember:
        st.markdown(t("flow.why_on", distance=distance, highway=torch.sigmoid(torch.tensor(REMEMBER_BIAS)).item() ** distance))
    else:
        st.markdown(t("flow.why_off", distance=distance, highway=0.5 ** distance))  # σ(0) = 0.5
    st.markdown(t("flow.h_vs_c"))
    st.caption(t("flow.honest"))
