"""The unrolled RNN (curriculum §1): a tiny tanh RNN reads a typed text; a slider steps through it."""

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz.analytic import ENCODINGS, MAX_TEXT, characters, unroll_text
from rnnviz.figures import state_heatmap, unroll_step
from rnnviz.figures.style import token_label
from rnnviz.ui import control, figure, page_setup, t

# Columns of W_xh and W_hh together that leave room to print every number (normal, projector fonts).
MAX_MATRIX_COLUMNS = {False: 9, True: 6}

settings = page_setup("unroll")
left, middle, right = st.columns([3, 2, 2])
text = control(left.text_input, "unroll.text", t("unroll.text"), value="hello",
               help=t("unroll.text_help", max_len=MAX_TEXT))
hidden = control(middle.slider, "unroll.hidden", t("unroll.hidden"), min_value=2, max_value=8, value=4,
                 help=t("unroll.hidden_help"))
encoding = control(right.radio, "unroll.encoding", t("unroll.encoding"), options=ENCODINGS, horizontal=True,
                   format_func=lambda name: t(f"unroll.encoding.{name}"), help=t("unroll.encoding_help"))

tokens, cut = characters(text or "")
if not tokens:
    st.warning(t("unroll.empty"))
    st.stop()
if cut:
    st.info(t("unroll.cut", length=len(text), max_len=MAX_TEXT))
unroll = unroll_text(tokens, hidden, encoding, seed=settings.seed)
steps = len(tokens)

eq_col, table_col = st.columns([5, 4])
with eq_col:
    st.markdown(t("unroll.eq_ng"))
    st.latex(r"a^{\langle t\rangle} = g\big(W_{aa}\,a^{\langle t-1\rangle} + W_{ax}\,x^{\langle t\rangle} + b_a\big)")
    st.markdown(t("unroll.eq_torch"))
    st.latex(r"h_t = \tanh\big(W_{ih}\,x_t + b_{ih} + W_{hh}\,h_{t-1} + b_{hh}\big)")
table_col.markdown(t("unroll.eq_table", hidden=hidden, inputs=unroll.x.shape[1]))

step = 1
if steps > 1:
    if st.session_state.get("unroll.step", 1) > steps:  # the text got shorter than the step shown
        st.session_state["unroll.step"] = steps
    step = control(st.slider, "unroll.step", t("unroll.step"), min_value=1, max_value=steps,
                   help=t("unroll.step_help"))
i = step - 1  # the engine counts steps from 0

onehot = encoding == "onehot"
fig = unroll_step(unroll.x[i], unroll.h_prev(i), unroll.w_ih, unroll.w_hh, unroll.bias, unroll.pre[i], unroll.h[i],
                  tokens=unroll.vocab if onehot else None, projector=settings.projector, words=settings.words)
fig.update_layout(title=t("unroll.step_title", t=step, char=token_label(tokens[i])))
if unroll.x.shape[1] + hidden > MAX_MATRIX_COLUMNS[settings.projector]:  # no room to print the matrices' numbers; hovering shows them
    for panel in fig.data:
        if len(panel.z[0]) > 1:
            panel.texttemplate = None
step_data = pd.DataFrame({"unit": range(hidden), "h_prev": unroll.h_prev(i), "bias": unroll.bias,
                          "pre": unroll.pre[i], "h_t": unroll.h[i]})
figure(fig, t("unroll.step_caption"), "unroll.step_figure", data=step_data)
if onehot:
    st.caption(t("unroll.vocab", size=len(unroll.vocab), chars=" ".join(token_label(c) for c in unroll.vocab)))
else:
    st.caption(t("unroll.embedding_note"))

heat_col, note_col = st.columns([3, 1])
with heat_col:
    heat = state_heatmap(unroll.h, tokens=tokens, title=t("unroll.heat_title", t=step), projector=settings.projector,
                         words=settings.words)
    heat.add_vrect(x0=i - 0.5, x1=i + 0.5, line=dict(color="black", width=3), fillcolor="rgba(0,0,0,0)")
    heat.update_layout(height=180 + 40 * hidden)
    states = pd.DataFrame(unroll.h, columns=[f"h[{u}]" for u in range(hidden)]).assign(
        t=np.arange(1, steps + 1), char=tokens)
    figure(heat, t("unroll.heat_caption"), "unroll.heatmap", data=states)
with note_col:
    st.markdown(t("unroll.live", t=step, values=", ".join(f"{v:+.2f}" for v in unroll.h[i])))
    st.markdown(t("unroll.shared", steps=steps))
