"""Vanishing & exploding gradients (curriculum §2): the Jacobian profile and eigenvalues of a fresh cell,
redrawn at once, and a short live run with and without gradient clipping."""

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.analytic import CELL_KINDS, jacobian_study
from rnnviz.experiments import clipping_comparison
from rnnviz.figures import (activation_functions, eigenvalues, grad_norm_curve, jacobian_profile, legend_below,
                            training_curves)
from rnnviz.figures.style import GREY
from rnnviz.ui import control, figure, live_training, memo, page_setup, section, t

SCALES = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.2, 1.3, 1.5]
CLIPS = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0]
HIDDEN, INPUTS, EXAMPLES = 32, 8, 4
LOSS_FLOOR, NORM_FLOOR = 1e-3, 1e-4  # where the clipping figures' log axes end

settings = page_setup("vanish")


def log_floor(fig, values, floor):
    """A log y axis from `floor` up: values that fall further (a solved task's loss) leave through the bottom."""
    values = np.asarray(values, dtype=float)
    top = max(values[np.isfinite(values) & (values > 0)].max(initial=0), 10 * floor)
    return fig.update_yaxes(type="log", range=[np.log10(floor), np.log10(top) + 0.5], exponentformat="power")


@st.cache_data(max_entries=64, show_spinner=False)
def study(kind, length, init, scale, gate_bias, seed):
    return jacobian_study(kind, length, init, scale, gate_bias, HIDDEN, INPUTS, EXAMPLES, seed)


@section  # a control moved here reruns only this part, not the sidebar or the clipping demo below
def jacobian_section():
    """The controls, the Jacobian profile and eigenvalues of a fresh cell, and what they mean."""
    cols = st.columns(5)
    kind = control(cols[0].selectbox, "vanish.cell", t("vanish.cell"), options=list(CELL_KINDS),
                   format_func=lambda k: t(f"vanish.cell.{k}"))
    init = control(cols[1].selectbox, "vanish.init", t("vanish.init"), options=["gaussian", "orthogonal", "identity"],
                   format_func=lambda k: t(f"vanish.init.{k}"), help=t("vanish.init_help"))
    scale = control(cols[2].select_slider, "vanish.scale", t("vanish.scale"), options=SCALES, value=1.0,
                    help=t("vanish.scale_help"))
    length = control(cols[3].slider, "vanish.length", t("vanish.length"), min_value=10, max_value=200, value=50, step=10)
    gated = kind in ("lstm", "gru")
    gate_bias = control(cols[4].slider, "vanish.gate_bias", t("vanish.gate_bias"), min_value=-2.0, max_value=6.0,
                        value=0.0, step=0.5, disabled=not gated, help=t("vanish.gate_bias_help"))
    result = study(kind, length, init, scale, gate_bias if gated else None, settings.seed)
    cell_name = t(f"vanish.cell.{kind}")
    cell = CELL_KINDS[kind][0]

    left, right = st.columns([5, 4])
    with left:
        profiles = {cell_name: result.profile}
        theory = t("vanish.theory", radius=result.radius)
        if not gated:
            profiles[theory] = result.theory
        fig = jacobian_profile(profiles, title=t("vanish.profile_title", cell=cell_name, length=length),
                               projector=settings.projector, words=settings.words)
        fig.update_traces(line=dict(color=GREY, dash="dash"), selector=dict(name=theory))
        legend_below(fig)
        figure(fig, t("vanish.profile_caption_gated" if gated else "vanish.profile_caption"), "vanish.profile",
               data=profiles)
        ratio = float(result.profile[0])
        st.markdown(t("vanish.reach", ratio=ratio, rate=ratio ** (1 / (length - 1)) if ratio > 0 else 0.0))
    with right:
        def spectrum():
            fig = legend_below(eigenvalues(result.w_hh, projector=settings.projector, words=settings.words))
            return fig.update_layout(title=t("vanish.eig_title", block=t(f"vanish.block.{cell}"), radius=result.radius))

        w_hh_from = (kind, init, scale, gate_bias if gated else None, settings.seed)  # not the length: it keeps W_hh
        fig = memo((w_hh_from, settings.projector), spectrum, slot="vanish.eigenvalues")
        caption = t("vanish.eig_caption_gated", cell=cell_name) if gated else t("vanish.eig_caption")
        figure(fig, caption, "vanish.eigenvalues")

    left, right = st.columns(2)
    verdict = "gated" if gated else ("below" if result.radius < 1 else "above")
    left.markdown(t("vanish.act_sentence", bound=result.radius, verdict=t(f"vanish.verdict.{verdict}")))
    with right.container(border=True):
        st.markdown(f"**{t('vanish.depends_title')}**")
        st.markdown(t("vanish.depends", examples=EXAMPLES, inputs=INPUTS, hidden=HIDDEN))


jacobian_section()
# The slopes do not depend on the section's controls: drawn outside it, a slider move does not send them again.
figure(memo(settings.projector, lambda: activation_functions(projector=settings.projector, words=settings.words),
            slot="vanish.activations"), t("vanish.act_caption"), "vanish.activations")
st.divider()
st.subheader(t("vanish.clip_title"))
clip = control(st.select_slider, "vanish.clip", t("vanish.clip"), options=CLIPS, value=1.0, help=t("vanish.clip_help"))
demo = clipping_comparison(clip, seed=settings.seed, device=settings.device)
st.markdown(t("vanish.clip_intro", distance=demo["free"].task_params["distance"], lr=demo["free"].lr))
configs = {t("vanish.label.free"): demo["free"], t("vanish.label.clipped", clip=clip): demo["clipped"]}


def draw(run):
    histories = run.histories()
    if not histories:
        return
    loss_col, norm_col = st.columns(2)
    with loss_col:
        fig = training_curves(histories, y="loss", higher_is_better=False, title=t("vanish.loss_title"),
                              projector=settings.projector, words=settings.words)
        log_floor(legend_below(fig), pd.concat(histories.values())["loss"], LOSS_FLOOR)
        fig.update_traces(textposition="middle right", selector=dict(mode="markers+text"))  # clear of the edge
        figure(fig, t("vanish.loss_caption"), "vanish.clip_loss", data=histories)
    with norm_col:
        fig = grad_norm_curve(histories, clip=clip, title=t("vanish.norm_title"), projector=settings.projector,
                              words=settings.words)
        log_floor(legend_below(fig), pd.concat(histories.values())["grad_norm"], NORM_FLOOR)
        fig.update_traces(textposition="middle right", selector=dict(mode="markers+text"))
        figure(fig, t("vanish.norm_caption"), "vanish.clip_norm", data=histories)


live_training("vanish.clipping", configs, draw, button=t("vanish.clip_button"))
st.caption(t("vanish.clip_depends"))
